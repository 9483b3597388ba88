// Package itest has what maplint's integration tests share: finding the
// checkout, running commands with their cost logged, and maplint's own
// findings and fixes on a module, computed in process from the suite, as
// the oracle the external tools' output is checked against.
package itest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/maplint/maplint/passes/suite"
)

// ModuleRoot returns the root directory of the maplint checkout under test.
func ModuleRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && bytes.HasPrefix(data, []byte("module github.com/maplint/maplint\n")) {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no maplint go.mod above the working directory")
		}
		dir = parent
	}
}

// CacheDir returns a directory kept between test runs on this machine for
// downloads and builds, creating it.
func CacheDir(t testing.TB, name string) string {
	t.Helper()
	base, err := os.UserCacheDir()
	if err != nil {
		base = os.TempDir()
	}
	dir := filepath.Join(base, "maplint-integration", name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// SkipUnlessLong skips a slow integration test under `go test -short`.
func SkipUnlessLong(t testing.TB) {
	t.Helper()
	if testing.Short() {
		t.Skip("SKIPPED under -short: this integration test builds and runs external tools (minutes on a cold machine)")
	}
}

// Cmd describes one command to run.
type Cmd struct {
	Dir  string
	Env  []string // added to the test's environment
	Args []string
}

// Run runs c, logs its duration, and returns its combined output and exit
// status. A command that cannot be started fails the test.
func Run(t testing.TB, c Cmd) (string, int) {
	t.Helper()
	cmd := exec.Command(c.Args[0], c.Args[1:]...)
	cmd.Dir = c.Dir
	cmd.Env = append(os.Environ(), c.Env...)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	t.Logf("%.1fs: %s", time.Since(start).Seconds(), strings.Join(c.Args, " "))
	var exit *exec.ExitError
	switch {
	case err == nil:
		return string(out), 0
	case errors.As(err, &exit):
		return string(out), exit.ExitCode()
	default:
		t.Fatalf("%s: %v\n%s", strings.Join(c.Args, " "), err, out)
		return "", -1
	}
}

// MustRun is Run that fails the test unless the command succeeds.
func MustRun(t testing.TB, c Cmd) string {
	t.Helper()
	out, status := Run(t, c)
	if status != 0 {
		t.Fatalf("%s: exit status %d\n%s", strings.Join(c.Args, " "), status, out)
	}
	return out
}

// CopyDir copies the tree at src into dst, creating dst.
func CopyDir(t testing.TB, dst, src string) {
	t.Helper()
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
}

// A Finding is one maplint diagnostic, located by its file relative to
// the module root and its line.
type Finding struct {
	File     string // slash-separated, relative to the module
	Line     int
	Analyzer string
	Message  string
	// Notes are the finding's related information, as "file:line:
	// message" with the file's base name: the golangci-lint plugin folds
	// them into the message.
	Notes []string
}

func (f Finding) String() string {
	return fmt.Sprintf("%s:%d: %s: %s", f.File, f.Line, f.Analyzer, f.Message)
}

// Oracle is what maplint itself reports on a module.
type Oracle struct {
	Findings []Finding         // sorted, without duplicates from test variants
	Related  []Finding         // the findings' related information, Analyzer being the finding's
	Fixed    map[string][]byte // file (as in Finding.File) -> content after applying every first fix
}

// Analyze runs the suite's analyzers, as every driver gets them, over
// the packages of the module in dir, tests included.
func Analyze(t testing.TB, dir string) Oracle {
	t.Helper()
	pkgs, err := packages.Load(&packages.Config{
		Mode:  packages.LoadAllSyntax | packages.NeedModule,
		Dir:   dir,
		Tests: true,
	}, "./...")
	if err != nil {
		t.Fatalf("loading %s: %v", dir, err)
	}
	if n := packages.PrintErrors(pkgs); n > 0 {
		t.Fatalf("%s has %d load errors", dir, n)
	}
	graph, err := checker.Analyze(suite.Analyzers(), pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	o := Oracle{Fixed: map[string][]byte{}}
	type edit struct {
		start, end int
		text       string
	}
	edits := map[string][]edit{} // absolute filename -> edits
	seen := map[string]bool{}
	for _, act := range graph.Roots {
		if act.Err != nil {
			t.Fatalf("%s: %v", act, act.Err)
		}
		fset := act.Package.Fset
		for _, d := range act.Diagnostics {
			posn := fset.Position(d.Pos)
			rel, err := filepath.Rel(dir, posn.Filename)
			if err != nil {
				t.Fatal(err)
			}
			f := Finding{File: filepath.ToSlash(rel), Line: posn.Line, Analyzer: act.Analyzer.Name, Message: d.Message}
			if seen[f.String()] {
				continue
			}
			seen[f.String()] = true
			for _, r := range d.Related {
				rp := fset.Position(r.Pos)
				rrel, _ := filepath.Rel(dir, rp.Filename)
				o.Related = append(o.Related, Finding{File: filepath.ToSlash(rrel), Line: rp.Line, Analyzer: act.Analyzer.Name, Message: r.Message})
				f.Notes = append(f.Notes, fmt.Sprintf("%s:%d: %s", filepath.Base(rp.Filename), rp.Line, strings.TrimSpace(r.Message)))
			}
			o.Findings = append(o.Findings, f)
			if len(d.SuggestedFixes) > 0 {
				for _, e := range d.SuggestedFixes[0].TextEdits {
					file := fset.File(e.Pos)
					end := e.End
					if !end.IsValid() {
						end = e.Pos
					}
					edits[file.Name()] = append(edits[file.Name()], edit{file.Offset(e.Pos), file.Offset(end), string(e.NewText)})
				}
			}
		}
	}
	sort.Slice(o.Findings, func(i, j int) bool { return o.Findings[i].String() < o.Findings[j].String() })
	for name, es := range edits {
		content, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		sort.Slice(es, func(i, j int) bool {
			return es[i].start < es[j].start || es[i].start == es[j].start && es[i].end < es[j].end
		})
		es = slices.Compact(es) // the same fix reported for a package and its test variant
		var out []byte
		last := 0
		for _, e := range es {
			if e.start < last {
				t.Fatalf("%s: overlapping suggested fixes at offset %d", name, e.start)
			}
			out = append(out, content[last:e.start]...)
			out = append(out, e.text...)
			last = e.end
		}
		out = append(out, content[last:]...)
		rel, _ := filepath.Rel(dir, name)
		o.Fixed[filepath.ToSlash(rel)] = out
	}
	return o
}

// Analyzers returns the names of the analyzers in the suite.
func Analyzers() []string {
	var names []string
	for _, a := range suite.Analyzers() {
		names = append(names, a.Name)
	}
	return names
}
