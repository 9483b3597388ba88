// Command maplint reports risky uses of Go maps: concurrent access that
// crashes the process, inserts while ranging, unhinted fills and values
// too large to store well.
//
// Usage:
//
//	maplint [-flag] [package...]       analyze packages (a go/analysis multichecker)
//	maplint -format sarif [package...] the same, written as SARIF 2.1.0 for code scanning
//	maplint size [-flag] 'map[K]V'     what a map costs in memory, per Go version
//	maplint version                    print maplint's version
//	maplint help [analyzer]            list the analyzers, or explain one
//
// The same binary runs under `go vet -vettool=$(command -v maplint)` and
// `go fix -fixtool=$(command -v maplint)`.
//
// Exit status: 0 when nothing is reported; 3 when diagnostics are reported;
// 1 when packages fail to load or type-check, or an analyzer fails; 2 for
// bad usage of `maplint size`. With -json or -fix, diagnostics alone do not
// make the status non-zero.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime/debug"

	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/maplint/maplint/internal/sarif"
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
		case "help":
			if len(os.Args) == 2 {
				fmt.Print(subcommandHelp)
			}
		}
	}
	analyzers := suite.Analyzers()
	// The command's own flags, for both drivers below.
	commandFlags := flag.NewFlagSet("maplint", flag.ExitOnError)
	commandFlags.Func("layout", "map layout the memory figures are for: swiss (Go 1.24 and later, the default) or classic (Go 1.23 and earlier); sets every analyzer's -NAME.layout", func(layout string) error {
		return suite.SetLayout(analyzers, layout)
	})
	if sarif.Requested(os.Args[1:]) {
		os.Exit(sarif.Main(os.Args[1:], analyzers, commandFlags, os.Stdout, os.Stderr))
	}
	commandFlags.VisitAll(func(f *flag.Flag) { flag.Var(f.Value, f.Name, f.Usage) })
	multichecker.Main(analyzers...)
}

const subcommandHelp = `maplint finds risky uses of Go maps.

Besides analyzing packages, maplint has these subcommands:

    maplint size [-n N,...] [-layout swiss|classic|both] [-arch GOARCH] [-json] [-pkg PATH] 'map[K]V'
                         what a map of that type costs in memory, and what to do about it
    maplint version      print maplint's version

and writes SARIF 2.1.0 for code scanning with

    maplint -format sarif [-flag] [package...] > maplint.sarif

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
