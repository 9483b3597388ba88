// Command maplint reports risky uses of Go maps: concurrent access that
// crashes the process, inserts while ranging, unhinted fills and values
// too large to store well.
//
// Usage:
//
//	maplint [-flag] [package...]       analyze packages (internal/lintcmd)
//	maplint -format json|sarif [...]   the same, as JSON or SARIF 2.1.0 for code scanning
//	maplint size [-flag] 'map[K]V'     what a map costs in memory, per Go version
//	maplint lsp                        a language server for editors, on stdin and stdout (internal/lsp)
//	maplint version                    print maplint's version
//	maplint help [analyzer]            list the analyzers, or explain one
//
// The same binary runs under `go vet -vettool=$(command -v maplint)` and
// `go fix -fixtool=$(command -v maplint)`.
//
// Exit status: 0 when no finding fails the run (-fail, default all); 3
// when one does, whatever the format and also with -fix for the findings
// left unfixed; 1 when packages fail to load or type-check, or an analyzer
// fails; 2 for bad flags or configuration.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime/debug"
	"strings"

	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/maplint/maplint/internal/lintcmd"
	"github.com/maplint/maplint/internal/lsp"
	"github.com/maplint/maplint/internal/sizecmd"
	"github.com/maplint/maplint/passes/suite"
)

func main() {
	if len(os.Args) > 1 {
		switch os.Args[1] {
		case "size":
			os.Exit(sizecmd.Main(os.Args[2:], os.Stdout, os.Stderr))
		case "version":
			fmt.Println("maplint", version())
			os.Exit(0)
		case "lsp":
			os.Exit(lsp.Main(os.Args[2:], os.Stdin, os.Stdout, os.Stderr, version()))
		}
	}
	analyzers := suite.Analyzers()
	// The command's own flags, for both drivers below.
	commandFlags := flag.NewFlagSet("maplint", flag.ExitOnError)
	commandFlags.Func("layout", "map `LAYOUT` the memory figures are for: swiss (Go 1.24 and later, the default) or classic (Go 1.23 and earlier); sets every analyzer's -NAME.layout", func(layout string) error {
		return suite.SetLayout(analyzers, layout)
	})
	if underGoCommand(os.Args[1:]) {
		// go vet -vettool and go fix -fixtool speak the unitchecker
		// protocol, which the multichecker implements.
		commandFlags.VisitAll(func(f *flag.Flag) { flag.Var(f.Value, f.Name, f.Usage) })
		multichecker.Main(analyzers...)
		return
	}
	cmd := &lintcmd.Command{
		Analyzers: analyzers,
		Flags:     commandFlags,
		Version:   version(),
		Help:      usage,
	}
	os.Exit(cmd.Main(os.Args[1:], os.Stdout, os.Stderr))
}

// underGoCommand reports whether the go command runs maplint as a vet or
// fix tool: it asks for the tool's version (-V=full) or flags (-flags),
// then runs it on one package's configuration file (a .cfg).
func underGoCommand(args []string) bool {
	for _, arg := range args {
		if arg == "-flags" || arg == "--flags" || strings.HasPrefix(arg, "-V=") || strings.HasPrefix(arg, "--V=") {
			return true
		}
	}
	return len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg")
}

const usage = `maplint finds risky uses of Go maps: concurrent writes that crash the
process, inserts while ranging, unhinted fills and values too large to
store well.

Usage:

    maplint [-flag] [package...]   analyze the packages (default .)
    maplint size [-n N,...] [-layout swiss|classic|both] [-arch GOARCH] [-json] [-pkg PATH] 'map[K]V'
                                   what a map of that type costs in memory, and what to do about it
    maplint lsp                    a language server for editors (diagnostics and quick fixes), on stdin and stdout
    maplint version                print maplint's version
    maplint help [analyzer]        this text, or one analyzer's documentation and flags

    go vet -vettool=$(command -v maplint) [package...]
    go fix -fixtool=$(command -v maplint) [-diff] [package...]

Findings are printed as path:line:col: severity: message (analyzer).
Exit status: 0 when no finding fails the run (-fail), 3 when one does,
1 when packages do not load or type-check, 2 for bad flags or configuration.
A maplint.toml at the module root (and in any directory below, inherited
downward) sets analyzers, fail, layout and analyzer flags.
`

// version reports the module version the binary was built from: the tag
// for `go install ...@vX.Y.Z`, or the VCS revision for a checkout build.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := info.Main.Version
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && (v == "" || v == "(devel)") {
			return "(devel) " + s.Value
		}
	}
	if v == "" {
		v = "(devel)"
	}
	return v
}
