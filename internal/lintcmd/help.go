package lintcmd

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/maplint/maplint/passes/suite"
)

// usage prints the command's help: its own text, the analyzers and the
// flags, without the analyzers' per-analyzer flags (maplint help NAME
// lists those).
func (cmd *Command) usage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprint(w, cmd.Help)
	fmt.Fprintln(w, "\nAnalyzers (severity; maplint help NAME explains one):")
	for _, a := range cmd.Analyzers {
		title, _, _ := strings.Cut(a.Doc, "\n")
		fmt.Fprintf(w, "    %-10s %-10s %s\n", a.Name, suite.SeverityOf(a.Name), strings.TrimSpace(title))
	}
	fmt.Fprintln(w, "\nFlags:")
	fs.VisitAll(func(f *flag.Flag) {
		if cmd.isAnalyzerFlag(f.Name) {
			return
		}
		printFlag(w, f)
	})
	fmt.Fprintln(w, "    -NAME, -NAME=false\n    \trun only the analyzers named (-concwrite -rangemut), or all but those set false")
}

func (cmd *Command) isAnalyzerFlag(name string) bool {
	prefix, _, _ := strings.Cut(name, ".")
	for _, a := range cmd.Analyzers {
		if a.Name == prefix {
			return true
		}
	}
	return false
}

func printFlag(w io.Writer, f *flag.Flag) {
	name, usage := flag.UnquoteUsage(f)
	line := "    -" + f.Name
	if name != "" {
		line += " " + name
	}
	fmt.Fprintf(w, "%s\n    \t%s", line, strings.ReplaceAll(usage, "\n", "\n    \t"))
	if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "unset" {
		fmt.Fprintf(w, " (default %s)", f.DefValue)
	}
	fmt.Fprintln(w)
}

// help is `maplint help [NAME...]`: the command's usage, or each named
// analyzer's documentation, severity and flags.
func (cmd *Command) help(stdout, stderr io.Writer, fs *flag.FlagSet, requested []string) int {
	if len(requested) == 0 {
		cmd.usage(stdout, fs)
		return 0
	}
	status := 0
	for i, name := range requested {
		var a *analysis.Analyzer
		for _, x := range cmd.Analyzers {
			if x.Name == name {
				a = x
			}
		}
		if a == nil {
			fmt.Fprintf(stderr, "maplint: no analyzer %q (maplint's analyzers are %s)\n", name, strings.Join(names(cmd.Analyzers), ", "))
			status = 2
			continue
		}
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		fmt.Fprintf(stdout, "%s (severity %s): %s\n", a.Name, suite.SeverityOf(a.Name), strings.TrimSpace(a.Doc))
		if a.URL != "" {
			fmt.Fprintf(stdout, "\nDocumentation: %s\n", a.URL)
		}
		first := true
		a.Flags.VisitAll(func(f *flag.Flag) {
			if first {
				fmt.Fprintf(stdout, "\nFlags (as -%s.FLAG, or in maplint.toml's [%s] table):\n", a.Name, a.Name)
				first = false
			}
			printFlag(stdout, &flag.Flag{Name: a.Name + "." + f.Name, Usage: f.Usage, Value: f.Value, DefValue: f.DefValue})
		})
	}
	return status
}
