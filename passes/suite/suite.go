// Package suite is the one list of maplint's analyzers. The maplint
// command, the tests and the golangci-lint plugin all take their analyzers
// from here, so that a pass added here is run everywhere, with the same
// suppression comments and the same protection against analyzer bugs.
package suite

import (
	"fmt"
	"runtime/debug"
	"slices"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/maplint/maplint/passes/bigvalue"
	"github.com/maplint/maplint/passes/concwrite"
	"github.com/maplint/maplint/passes/internal/suppress"
	"github.com/maplint/maplint/passes/makehint"
	"github.com/maplint/maplint/passes/maporder"
	"github.com/maplint/maplint/passes/rangemut"
)

// Analyzers returns maplint's analyzers, in the order they are documented.
// Each call returns the same analyzers (drivers key flags and facts by
// analyzer) in a new slice the caller may reorder.
func Analyzers() []*analysis.Analyzer {
	return slices.Clone(analyzers())
}

var analyzers = sync.OnceValue(func() []*analysis.Analyzer {
	all := []*analysis.Analyzer{
		concwrite.Analyzer,
		rangemut.Analyzer,
		makehint.Analyzer,
		bigvalue.Analyzer,
		maporder.Analyzer,
	}
	var names []string
	for _, a := range all {
		names = append(names, a.Name)
	}
	wrapped := make([]*analysis.Analyzer, len(all))
	for i, a := range all {
		wrapped[i] = forDrivers(a, names)
	}
	return wrapped
})

// SetLayout sets the layout flag of every analyzer that has one (the
// runtime map layout their memory figures are for: "swiss" or "classic"),
// so that the command's -layout and the golangci-lint plugin's layout
// setting choose it for the whole suite at once.
func SetLayout(analyzers []*analysis.Analyzer, layout string) error {
	for _, a := range analyzers {
		if f := a.Flags.Lookup("layout"); f != nil {
			if err := f.Value.Set(layout); err != nil {
				return err
			}
		}
	}
	return nil
}

// forDrivers returns a copy of a that honours //maplint:ignore comments
// and reports a panic in its run as an error on the package being
// analyzed, so that a bug in one analyzer costs that package's results,
// not the whole run. The analyzers' own tests run them unwrapped, where a
// panic fails the test.
func forDrivers(a *analysis.Analyzer, suite []string) *analysis.Analyzer {
	wrapped := suppress.Wrap(a, suite)
	wrapped.URL = docURL(a.URL)
	run := wrapped.Run
	wrapped.Run = func(pass *analysis.Pass) (result any, err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("internal error in %s on package %s, please report it: %v\n%s", a.Name, pass.Pkg.Path(), r, debug.Stack())
			}
		}()
		return run(pass)
	}
	return wrapped
}
