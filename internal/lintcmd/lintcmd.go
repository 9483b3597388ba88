// Package lintcmd is the maplint command's analysis driver: `maplint
// [-flag] [package...]`. It loads packages with go/packages and runs the
// analyzers itself (analyze.go), as x/tools' checker would, keeping what
// each package's analysis produced in a result cache (cache.go, facts.go)
// and letting each package's syntax go once it is analyzed. It owns what
// the x/tools multichecker does not let a tool choose: the output (text,
// JSON and SARIF, each with every other flag), each analyzer's severity,
// which findings fail the run (-fail), findings on changed lines only
// (-new-from-rev), the configuration files (internal/config), and fixes
// that leave the unfixed findings reported.
//
// The go command's vet and fix protocols (go vet -vettool, go fix
// -fixtool) stay with x/tools' unitchecker: see cmd/maplint.
package lintcmd

import (
	"errors"
	"flag"
	"fmt"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/maplint/maplint/internal/config"
	"github.com/maplint/maplint/internal/sarif"
)

// Command describes the command for Main.
type Command struct {
	Analyzers []*analysis.Analyzer
	// Flags are the command's own flags beyond the driver's (-layout),
	// or nil.
	Flags *flag.FlagSet
	// Version is printed by -version.
	Version string
	// Help is printed by -help before the flags.
	Help string
}

// Main runs the command with args (without the program name) and returns
// its exit status: 0 when no finding fails the run, 3 when one does, 1
// when packages do not load or type-check or an analyzer fails, 2 for bad
// flags or configuration.
func (cmd *Command) Main(args []string, stdout, stderr io.Writer) int {
	all := cmd.Analyzers
	cwd, err := os.Getwd()
	if err != nil {
		fmt.Fprintf(stderr, "maplint: %v\n", err)
		return 1
	}
	// The configuration is applied before the flags are parsed, so that
	// the command line overrides it; its errors wait until we know the
	// run is more than -version or -help.
	cfg, cfgErr := config.Load(config.ModuleRoot(cwd), all)
	if cfgErr == nil {
		cfgErr = cfg.Root().Apply(all)
	}

	fs := flag.NewFlagSet("maplint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output `FORMAT`: text, json or sarif (SARIF 2.1.0, for code scanning)")
	jsonAlias := fs.Bool("json", false, "the same as -format json")
	fix := fs.Bool("fix", false, "apply the suggested fixes; the findings left unfixed are still reported")
	showDiff := fs.Bool("diff", false, "with -fix, print the fixes as a unified diff instead of applying them (the findings then go to stderr)")
	tests := fs.Bool("test", true, "also analyze test files")
	tags := fs.String("tags", "", "comma-separated build `TAGS`, as for go build")
	fail := fs.String("fail", "", "analyzers whose findings make the exit status 3, as `LIST` of names, all and -NAME (default: the configuration's fail, or all)")
	newFromRev := fs.String("new-from-rev", "", "report only findings on lines changed since the git revision `REV` (and in untracked files)")
	showVersion := fs.Bool("version", false, "print maplint's version and exit")
	cacheStatsFlag := fs.Bool("cache-stats", false, "print how many packages the result cache served (cache: $MAPLINT_CACHE, or maplint in the user cache directory; MAPLINT_CACHE=off turns it off)")
	if cmd.Flags != nil {
		cmd.Flags.VisitAll(func(f *flag.Flag) { fs.Var(f.Value, f.Name, f.Usage) })
	}
	selectedByFlag := make(map[string]*triState, len(all))
	for _, a := range all {
		ts := new(triState)
		selectedByFlag[a.Name] = ts
		fs.Var(ts, a.Name, "run only the analyzers named this way (-"+a.Name+"), or all but those set false (-"+a.Name+"=false)")
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	fs.Usage = func() { cmd.usage(stderr, fs) }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			cmd.usage(stdout, fs)
			return 0
		}
		return 2
	}
	if *showVersion {
		fmt.Fprintln(stdout, "maplint", cmd.Version)
		return 0
	}
	patterns := fs.Args()
	if len(patterns) > 0 && patterns[0] == "help" {
		return cmd.help(stdout, stderr, fs, patterns[1:])
	}
	if cfgErr != nil {
		fmt.Fprintf(stderr, "maplint: %s\n", relPaths(cwd, cfgErr))
		return 2
	}
	if *jsonAlias {
		if *format != "text" && *format != "json" {
			fmt.Fprintf(stderr, "maplint: -json and -format %s disagree\n", *format)
			return 2
		}
		*format = "json"
	}
	if *format != "text" && *format != "json" && *format != "sarif" {
		fmt.Fprintf(stderr, "maplint: -format %q is not a format; want text, json or sarif\n", *format)
		return 2
	}
	if *showDiff && !*fix {
		fmt.Fprintln(stderr, "maplint: -diff shows the fixes -fix would apply: use -fix -diff")
		return 2
	}
	if len(patterns) == 0 {
		patterns = []string{"."}
	}
	for _, p := range patterns {
		if strings.HasPrefix(p, "-") {
			fmt.Fprintf(stderr, "maplint: flag %s after the packages: flags must come first\n", p)
			return 2
		}
	}
	var failOverride []string
	if *fail != "" {
		if failOverride, err = config.ResolveList(config.SplitList(*fail), names(all), names(all)); err != nil {
			fmt.Fprintf(stderr, "maplint: -fail: %v\n", err)
			return 2
		}
	}
	anyTrue := false // some -NAME flag is true: run exactly those, whatever the configuration says
	for _, ts := range selectedByFlag {
		anyTrue = anyTrue || *ts == setTrue
	}

	r := &run{cwd: cwd, stderr: stderr, sarif: sarif.NewWriter(all, cwd)}
	r.sarif.SetToolVersion(cmd.Version)
	var changed *changes
	if *newFromRev != "" {
		if changed, err = gitChanges(cwd, *newFromRev); err != nil {
			fmt.Fprintf(stderr, "maplint: %v\n", err)
			return 2
		}
	}

	var buildFlags []string
	if *tags != "" {
		buildFlags = []string{"-tags=" + *tags}
	}
	prog := newProgress(stderr)
	r.progress = prog
	defer prog.clear()

	// First only list the packages and their files: what the analyzers
	// to run and the cache keys need.
	prog.phase("listing packages")
	listed, err := packages.Load(&packages.Config{
		Mode:       listMode,
		Tests:      *tests,
		BuildFlags: buildFlags,
	}, patterns...)
	if err != nil {
		r.fail(fmt.Sprintf("maplint: %v", firstLine(err.Error())), "")
		return r.finish(stdout, *format, nil, nil)
	}
	if len(listed) == 0 {
		r.fail(fmt.Sprintf("maplint: %s matched no packages", strings.Join(patterns, " ")), "")
		return r.finish(stdout, *format, nil, nil)
	}

	// The analyzers to run: those the command line names (-NAME), or
	// those the configuration enables in any directory being analyzed,
	// less those the command line turns off (-NAME=false).
	settingsOf := func(filename string) (config.Settings, error) {
		return cfg.For(filepath.Dir(filename))
	}
	enabledSomewhere := make(map[string]bool)
	for _, p := range listed {
		for _, file := range p.GoFiles {
			s, err := settingsOf(file)
			if err != nil {
				fmt.Fprintf(stderr, "maplint: %s\n", relPaths(cwd, err))
				return 2
			}
			for _, n := range s.Analyzers {
				enabledSomewhere[n] = true
			}
		}
	}
	var analyzers []*analysis.Analyzer
	for _, a := range all {
		if ts := *selectedByFlag[a.Name]; anyTrue && ts == setTrue || !anyTrue && ts != setFalse && enabledSomewhere[a.Name] {
			analyzers = append(analyzers, a)
		}
	}

	// The packages whose findings are cached are done; the others are
	// loaded from source and analyzed.
	cache := openCache(stderr, prog)
	byName := make(map[string]*analysis.Analyzer, len(analyzers))
	for _, a := range analyzers {
		byName[a.Name] = a
	}
	keys := cache.keys(listed, analyzers, buildFlags, *tests)
	stats := new(cacheStats)
	if *cacheStatsFlag {
		defer func() { fmt.Fprintln(stderr, stats) }()
	}
	var findings []*finding
	replayed := token.NewFileSet()
	var missed []*packages.Package
	for _, p := range listed {
		if k, ok := keys[p.ID]; ok && len(p.Errors) == 0 {
			if e := cache.getFindings(k); e != nil {
				if fs, ok := e.findings(replayed, p, byName); ok {
					stats.replayed++
					findings = append(findings, fs...)
					continue
				}
			}
		}
		missed = append(missed, p)
	}
	if len(missed) > 0 {
		ar := analysisRun{
			patterns:   reloadPatterns(patterns, listed, missed),
			tests:      *tests,
			buildFlags: buildFlags,
			analyzers:  analyzers,
			cache:      cache,
			keys:       keys,
			progress:   prog,
			stats:      stats,
		}
		fs, ok, tried := r.analyzeIncrementally(ar, listed, missed)
		if !tried {
			fs, ok = r.analyze(ar)
		}
		if !ok {
			return r.finish(stdout, *format, nil, nil)
		}
		findings = append(findings, fs...)
	}
	prog.clear()

	// Keep the findings the configuration enables where they are, and
	// with -new-from-rev those on changed lines.
	var kept []*finding
	for _, f := range dedupeAndSort(findings) {
		s, err := settingsOf(f.posn.Filename)
		if err != nil {
			fmt.Fprintf(stderr, "maplint: %s\n", relPaths(cwd, err))
			return 2
		}
		if !anyTrue && !slices.Contains(s.Analyzers, f.analyzer.Name) ||
			changed != nil && !changed.changed(f.posn.Filename, f.posn.Line) {
			continue
		}
		kept = append(kept, f)
	}
	findings = kept

	out := stdout
	if *fix {
		res := applyFixes(findings, *showDiff, cwd)
		for _, msg := range res.failed {
			fmt.Fprintln(stderr, msg)
		}
		if *showDiff {
			stdout.Write(res.diff.Bytes())
			out = stderr
		}
		findings = slices.DeleteFunc(findings, func(f *finding) bool { return f.fixed })
	}

	failing := func(f *finding) bool {
		if *fail != "" {
			return slices.Contains(failOverride, f.analyzer.Name)
		}
		s, _ := settingsOf(f.posn.Filename) // computed above without error
		return slices.Contains(s.Fail, f.analyzer.Name)
	}
	return r.finish(out, *format, findings, failing)
}

// run accumulates the problems of one run.
type run struct {
	cwd    string
	stderr io.Writer
	sarif  *sarif.Writer
	errors int
	// reported are the package errors already printed: a package and
	// its test variant share most.
	reported map[string]bool
	progress *progress // erased before a problem is printed
}

// fail reports a problem that kept maplint from analyzing some code, on
// stderr and, for SARIF, as a tool notification.
func (r *run) fail(msg, pos string) {
	r.progress.clear()
	fmt.Fprintln(r.stderr, msg)
	r.sarif.Notify(msg, parsePos(pos))
	r.errors++
}

// reportPackageErrors prints each package's load and type errors once
// (a package and its test variant share most) and returns the packages
// with errors, directly or in a dependency.
func (r *run) reportPackageErrors(initial []*packages.Package) map[*packages.Package]bool {
	if r.reported == nil {
		r.reported = make(map[string]bool)
	}
	broken := make(map[*packages.Package]bool)
	packages.Visit(initial, nil, func(p *packages.Package) {
		for _, imp := range p.Imports {
			if broken[imp] {
				broken[p] = true
			}
		}
		for _, e := range p.Errors {
			broken[p] = true
			msg := packageError(r.cwd, e)
			if !r.reported[msg] {
				r.reported[msg] = true
				r.fail(msg, e.Pos)
			}
		}
		if p.IllTyped {
			broken[p] = true
		}
	})
	return broken
}

// packageError is one clear line for a package error: a pattern that
// matches nothing says so in go list's words, without the packages
// machinery around it; positions are relative to the working directory.
func packageError(cwd string, e packages.Error) string {
	msg := firstLine(e.Msg)
	if e.Pos == "" || e.Pos == "-" {
		return "maplint: " + msg
	}
	pos := e.Pos
	if p := parsePos(pos); p.Filename != "" {
		pos = strings.Replace(pos, p.Filename, relPath(cwd, p.Filename), 1)
	}
	return pos + ": " + msg
}

// finish writes the output and returns the exit status.
func (r *run) finish(out io.Writer, format string, findings []*finding, failing func(*finding) bool) int {
	var err error
	switch format {
	case "json":
		err = writeJSON(out, r.cwd, findings)
	case "sarif":
		err = writeSARIF(out, r.sarif, findings)
	default:
		err = writeText(out, r.cwd, findings)
	}
	if err != nil {
		fmt.Fprintf(r.stderr, "maplint: writing output: %v\n", err)
		return 1
	}
	if r.errors > 0 {
		return 1
	}
	for _, f := range findings {
		if failing(f) {
			return 3
		}
	}
	return 0
}

// relPaths is err's message with the configuration files' paths made
// relative to the working directory.
func relPaths(cwd string, err error) string {
	return strings.ReplaceAll(err.Error(), cwd+string(filepath.Separator), "")
}

func names(analyzers []*analysis.Analyzer) []string {
	var ns []string
	for _, a := range analyzers {
		ns = append(ns, a.Name)
	}
	return ns
}

// firstLine is the first line of a go command error, without the advice
// to go get a missing package, which a linter's user does not want.
func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return strings.TrimSuffix(line, "; to add it:")
}

// parsePos parses go/packages' "file:line:col" error positions.
func parsePos(s string) token.Position {
	var pos token.Position
	if s == "" || s == "-" {
		return pos
	}
	rest := s
	var nums []int
	for range 2 {
		i := strings.LastIndexByte(rest, ':')
		if i < 0 {
			break
		}
		var n int
		if _, err := fmt.Sscanf(rest[i+1:], "%d", &n); err != nil || fmt.Sprint(n) != rest[i+1:] {
			break
		}
		nums = append([]int{n}, nums...)
		rest = rest[:i]
	}
	if len(nums) == 0 {
		return pos
	}
	pos.Filename = rest
	pos.Line = nums[0]
	pos.Column = 1
	if len(nums) > 1 {
		pos.Column = nums[1]
	}
	return pos
}

// triState is a boolean flag that remembers whether it was set, for the
// multichecker's -NAME flags.
type triState int

const (
	unset triState = iota
	setTrue
	setFalse
)

func (ts *triState) IsBoolFlag() bool { return true }

func (ts *triState) String() string {
	switch *ts {
	case setTrue:
		return "true"
	case setFalse:
		return "false"
	}
	return "unset"
}

func (ts *triState) Set(value string) error {
	switch value {
	case "true", "1", "t", "T", "TRUE", "True":
		*ts = setTrue
	case "false", "0", "f", "F", "FALSE", "False":
		*ts = setFalse
	default:
		return fmt.Errorf("invalid boolean %q", value)
	}
	return nil
}
