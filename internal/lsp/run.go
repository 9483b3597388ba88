package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/maplint/maplint/internal/config"
	"github.com/maplint/maplint/internal/lintcmd"
	"github.com/maplint/maplint/passes/suite"
)

// analyzeLocked starts an analysis of the package in dir, superseding the
// one that is waiting or running: its process is killed and its result
// dropped.
func (s *Server) analyzeLocked(dir string) {
	if s.shutdown {
		return
	}
	st := s.pkgs[dir]
	if st == nil {
		st = &packageState{}
		s.pkgs[dir] = st
	}
	if st.cancel != nil {
		st.cancel()
	}
	st.gen++
	ctx, cancel := context.WithCancel(s.ctx)
	st.cancel = cancel
	flags := append([]string{"-format", "json"}, s.flags...)
	go s.analyze(ctx, dir, st, st.gen, flags)
}

// analyze runs maplint on the package in dir and publishes what it
// found, unless a newer analysis superseded it meanwhile.
func (s *Server) analyze(ctx context.Context, dir string, st *packageState, gen int, flags []string) {
	select {
	case <-time.After(s.Delay):
	case <-ctx.Done():
		return
	}
	select {
	case s.runs <- struct{}{}:
	case <-ctx.Done():
		return
	}
	res := s.run(ctx, dir, flags)
	<-s.runs
	if ctx.Err() != nil {
		return // superseded, forgotten or shut down: the process was killed
	}
	s.mu.Lock()
	if s.pkgs[dir] != st || st.gen != gen {
		s.mu.Unlock()
		return
	}
	st.cancel()
	st.cancel = nil
	s.applyLocked(dir, st, res)
	s.mu.Unlock()
	s.flush()
}

// result is one maplint run.
type result struct {
	root, pattern  string // the working directory and the package pattern
	status         int    // the exit status, -1 when maplint did not exit normally
	stdout, stderr []byte
	err            error // why maplint did not run or exit normally
	elapsed        time.Duration
}

// run runs `maplint -format json [flags] ./DIR` in dir's module root.
func (s *Server) run(ctx context.Context, dir string, flags []string) *result {
	root := config.ModuleRoot(dir) // where maplint finds the module and its maplint.toml
	pattern := "."
	if rel, err := filepath.Rel(root, dir); err == nil && rel != "." {
		pattern = "./" + filepath.ToSlash(rel)
	}
	res := &result{root: root, pattern: pattern}
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, s.Maplint, append(slices.Clone(flags), pattern)...)
	cmd.Dir = root
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	// go list, which maplint runs, may outlive a killed maplint for a
	// moment while holding the pipes: do not wait for it.
	cmd.WaitDelay = time.Second
	start := time.Now()
	err := cmd.Run()
	res.elapsed = time.Since(start)
	res.stdout, res.stderr = stdout.Bytes(), stderr.Bytes()
	var exit *exec.ExitError
	switch {
	case err == nil:
		res.status = 0
	case errors.As(err, &exit) && exit.Exited():
		res.status = exit.ExitCode()
	default:
		res.status, res.err = -1, err
	}
	return res
}

// applyLocked turns a finished run into the package's findings and
// publishes them: to every file that has findings, every file of the
// package that is open, and every file that had findings before.
func (s *Server) applyLocked(dir string, st *packageState, res *result) {
	var findings map[string][]*finding
	var contents *fileContents
	switch res.status {
	case 0, 3: // no findings, or findings
		var out lintcmd.JSONOutput
		if err := json.Unmarshal(res.stdout, &out); err != nil {
			s.showErrorLocked(fmt.Sprintf("maplint %s: reading its JSON output: %v", res.pattern, err))
			break
		}
		contents = &fileContents{files: make(map[string][]byte)}
		findings = convert(out, res.root, contents)
		s.shown = ""
		n := 0
		for _, fs := range findings {
			n += len(fs)
		}
		s.logfLocked("maplint %s (in %s): %d finding(s) in %.2fs", res.pattern, res.root, n, res.elapsed.Seconds())
	case 1:
		// The package does not load or type-check: gopls shows why, and
		// maplint's findings, if any, would be about code that is not what
		// the user sees. Publish none.
		s.logfLocked("maplint %s (in %s): no analysis, the package does not load or type-check:\n%s", res.pattern, res.root, bytes.TrimSpace(res.stderr))
	case 2:
		if !crashed(res.stderr) {
			// Bad settings or a bad maplint.toml: the user must fix them.
			s.showErrorLocked("maplint: " + strings.TrimSpace(strings.TrimPrefix(string(bytes.TrimSpace(res.stderr)), "maplint: ")))
			break
		}
		// A Go program that panics or dies of a fatal error also exits
		// with status 2: say which, and keep the trace for the log.
		first, _, _ := strings.Cut(string(bytes.TrimSpace(res.stderr)), "\n")
		s.showErrorLocked(fmt.Sprintf("maplint %s (in %s) crashed: %s (the trace is in the log)", res.pattern, res.root, first))
		s.logfLocked("%s", res.stderr)
	default:
		msg := fmt.Sprintf("maplint %s (in %s) failed", res.pattern, res.root)
		if res.err != nil {
			msg += ": " + res.err.Error()
		}
		if e := bytes.TrimSpace(res.stderr); len(e) > 0 {
			msg += "\n" + string(e)
		}
		s.showErrorLocked(msg)
	}

	targets := make(map[string]bool)
	for path := range st.published {
		targets[path] = true
	}
	for path := range findings {
		targets[path] = true
	}
	for path := range s.docs {
		if filepath.Dir(path) == dir {
			targets[path] = true
		}
	}
	paths := make([]string, 0, len(targets))
	for path := range targets {
		paths = append(paths, path)
	}
	slices.Sort(paths)
	for _, path := range paths {
		var diags []Diagnostic
		for _, f := range findings[path] {
			diags = append(diags, f.diag)
		}
		var content []byte
		if contents != nil {
			content = contents.files[path]
		}
		s.publishLocked(path, diags, content)
	}
	st.findings = findings
	st.published = targets
}

// crashed reports whether maplint's stderr is that of a Go program that
// panicked or died of a fatal error.
func crashed(stderr []byte) bool {
	return bytes.HasPrefix(stderr, []byte("panic: ")) || bytes.HasPrefix(stderr, []byte("fatal error: ")) ||
		bytes.Contains(stderr, []byte("\npanic: ")) || bytes.Contains(stderr, []byte("\nfatal error: "))
}

// fileContents reads each file once per run: the positions of a run are
// converted with the content maplint analyzed, read right after it ran.
type fileContents struct {
	files   map[string][]byte
	mappers map[string]*mapper
}

func (fc *fileContents) mapper(path string) *mapper {
	if m, ok := fc.mappers[path]; ok {
		return m
	}
	if fc.mappers == nil {
		fc.mappers = make(map[string]*mapper)
	}
	content, err := os.ReadFile(path)
	var m *mapper
	if err == nil {
		fc.files[path] = content
		m = newMapper(content)
	}
	fc.mappers[path] = m
	return m
}

// convert converts maplint's findings to diagnostics and fixes, by file
// name. A finding whose file cannot be read is dropped, as is a fix that
// edits a file that cannot be read; related information in a file that
// cannot be read is kept without its range.
func convert(out lintcmd.JSONOutput, root string, contents *fileContents) map[string][]*finding {
	abs := func(file string) string {
		if filepath.IsAbs(file) {
			return filepath.Clean(file)
		}
		return filepath.Join(root, filepath.FromSlash(file))
	}
	byFile := make(map[string][]*finding)
	for _, analyzers := range out {
		for analyzer, diags := range analyzers {
			for _, jd := range diags {
				start, ok := parsePosn(jd.Posn)
				if !ok {
					continue
				}
				path := abs(start.file)
				m := contents.mapper(path)
				if m == nil {
					continue
				}
				var end *posn
				if e, ok := parsePosn(jd.End); ok && abs(e.file) == path {
					end = &e
				}
				d := Diagnostic{
					Range:           m.rangeOf(start, end),
					Severity:        severity(jd.Severity),
					Code:            analyzer,
					CodeDescription: &CodeDescription{Href: docURL(analyzer)},
					Source:          "maplint",
					Message:         jd.Message,
				}
				for _, rel := range jd.Related {
					rs, ok := parsePosn(rel.Posn)
					if !ok {
						continue
					}
					rpath := abs(rs.file)
					loc := Location{URI: pathToURI(rpath)}
					if rm := contents.mapper(rpath); rm != nil {
						var rend *posn
						if e, ok := parsePosn(rel.End); ok && abs(e.file) == rpath {
							rend = &e
						}
						loc.Range = rm.rangeOf(rs, rend)
					} else {
						p := Position{Line: max(rs.line-1, 0), Character: max(rs.col-1, 0)}
						loc.Range = Range{p, p}
					}
					d.RelatedInformation = append(d.RelatedInformation, DiagnosticRelatedInformation{Location: loc, Message: rel.Message})
				}
				f := &finding{diag: d}
			fixes:
				for _, jf := range jd.SuggestedFixes {
					fx := fix{title: jf.Message, edits: make(map[string][]TextEdit), content: make(map[string][]byte)}
					if fx.title == "" {
						fx.title = "Apply " + analyzer + "'s suggested fix"
					}
					for _, e := range jf.Edits {
						epath := abs(e.Filename)
						em := contents.mapper(epath)
						if em == nil || e.Start < 0 || e.End < e.Start || e.End > len(em.content) {
							continue fixes
						}
						fx.edits[epath] = append(fx.edits[epath], TextEdit{
							Range:   Range{em.position(e.Start), em.position(e.End)},
							NewText: e.New,
						})
						fx.content[epath] = em.content
					}
					if len(fx.edits) > 0 {
						f.fixes = append(f.fixes, fx)
					}
				}
				byFile[path] = append(byFile[path], f)
			}
		}
	}
	for _, fs := range byFile {
		slices.SortStableFunc(fs, func(a, b *finding) int {
			if c := comparePos(a.diag.Range.Start, b.diag.Range.Start); c != 0 {
				return c
			}
			return strings.Compare(a.diag.Code+a.diag.Message, b.diag.Code+b.diag.Message)
		})
	}
	return byFile
}

func comparePos(a, b Position) int {
	if a.Line != b.Line {
		return a.Line - b.Line
	}
	return a.Character - b.Character
}

// severity maps maplint's severities (passes/suite) to the protocol's:
// a crash is an error, nondeterminism a warning, memory advice
// information.
func severity(s string) int {
	switch s {
	case "error":
		return SeverityError
	case "warning":
		return SeverityWarning
	case "suggestion", "info", "note":
		return SeverityInformation
	}
	return SeverityWarning
}

// docURL is the documentation of an analyzer: the URL it declares, which
// SARIF's rules and maplint help give too.
func docURL(analyzer string) string {
	for _, a := range suite.Analyzers() {
		if a.Name == analyzer && a.URL != "" {
			return a.URL
		}
	}
	return "https://pkg.go.dev/github.com/maplint/maplint/passes/" + analyzer
}
