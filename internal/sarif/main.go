package sarif

import (
	"flag"
	"fmt"
	"go/token"
	"io"
	"os"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// Requested reports whether the command-line arguments (without the
// program name) ask for an output format with -format, so that the
// command should hand them to Main rather than to the multichecker.
func Requested(args []string) bool {
	for _, arg := range args {
		if arg == "--" {
			return false
		}
		if name, _, _ := strings.Cut(arg, "="); name == "-format" || name == "--format" {
			return true
		}
	}
	return false
}

// Main is `maplint -format sarif [-flag] [package...]`: it loads the
// packages, runs the analyzers and writes one SARIF log to stdout. It takes
// the multichecker's -test flag, its -NAME flags to select analyzers and
// -NAME.FLAG analyzer flags, plus the command's own flags in commandFlags
// (which may be nil), and returns the multichecker's exit status:
// 0 when nothing is reported, 3 when diagnostics are, 1 when packages do
// not load or type-check or an analyzer fails (the log is still written,
// with the problems as tool execution notifications), 2 for bad usage.
func Main(args []string, analyzers []*analysis.Analyzer, commandFlags *flag.FlagSet, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("maplint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if commandFlags != nil {
		commandFlags.VisitAll(func(f *flag.Flag) { fs.Var(f.Value, f.Name, f.Usage) })
	}
	format := fs.String("format", "", "output format: sarif (SARIF 2.1.0, for GitHub code scanning)")
	tests := fs.Bool("test", true, "also analyze test files")
	enabled := make(map[*analysis.Analyzer]*triState, len(analyzers))
	for _, a := range analyzers {
		ts := new(triState)
		enabled[a] = ts
		fs.Var(ts, a.Name, "enable "+a.Name+" analysis")
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: maplint -format sarif [-flag] [package...]\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *format == "" {
		fmt.Fprintf(stderr, "maplint: flags must come before packages: maplint -format sarif [-flag] [package...]\n")
		return 2
	}
	if *format != "sarif" {
		fmt.Fprintf(stderr, "maplint: -format %q is not supported; want -format sarif (plain text needs no -format)\n", *format)
		return 2
	}
	patterns := fs.Args()
	if len(patterns) == 0 {
		patterns = []string{"."}
	}
	selected := selectAnalyzers(analyzers, enabled)

	root, err := os.Getwd()
	if err != nil {
		fmt.Fprintf(stderr, "maplint: %v\n", err)
		return 1
	}
	w := NewWriter(analyzers, root)
	status := 0
	fail := func(msg string, pos string) {
		fmt.Fprintf(stderr, "%s\n", msg)
		w.Notify(msg, parsePos(pos))
		status = 1
	}

	initial, err := packages.Load(&packages.Config{
		Mode:  packages.LoadAllSyntax | packages.NeedModule,
		Tests: *tests,
	}, patterns...)
	if err == nil && len(initial) == 0 {
		err = fmt.Errorf("%s matched no packages", strings.Join(patterns, " "))
	}
	if err != nil {
		fail(fmt.Sprintf("maplint: %v", err), "")
		w.WriteTo(stdout)
		return 1
	}
	reported := make(map[string]bool) // a package and its test variant share errors
	packages.Visit(initial, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			if !reported[e.Error()] {
				reported[e.Error()] = true
				fail(e.Error(), e.Pos)
			}
		}
	})

	graph, err := checker.Analyze(selected, initial, nil)
	if err != nil {
		fail(fmt.Sprintf("maplint: %v", err), "")
		w.WriteTo(stdout)
		return 1
	}
	for act := range graph.All() {
		if act.Err != nil {
			if act.IsRoot {
				fail(fmt.Sprintf("%s: %v", act.Analyzer.Name, act.Err), "")
			}
			continue
		}
		if !act.IsRoot {
			continue
		}
		for _, d := range act.Diagnostics {
			w.Add(act.Analyzer, act.Package.Fset, d)
		}
	}
	if _, err := w.WriteTo(stdout); err != nil {
		fmt.Fprintf(stderr, "maplint: writing SARIF: %v\n", err)
		return 1
	}
	if status == 0 && w.Len() > 0 {
		status = 3
	}
	return status
}

// selectAnalyzers applies the -NAME flags as the multichecker does: if
// any is true, only those analyzers run; otherwise all run but those set
// false.
func selectAnalyzers(all []*analysis.Analyzer, enabled map[*analysis.Analyzer]*triState) []*analysis.Analyzer {
	var anyTrue bool
	for _, ts := range enabled {
		anyTrue = anyTrue || *ts == setTrue
	}
	var selected []*analysis.Analyzer
	for _, a := range all {
		if anyTrue && *enabled[a] == setTrue || !anyTrue && *enabled[a] != setFalse {
			selected = append(selected, a)
		}
	}
	return selected
}

// triState is a boolean flag that remembers whether it was set.
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
		n, err := strconv.Atoi(rest[i+1:])
		if err != nil {
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
