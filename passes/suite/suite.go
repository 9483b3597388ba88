// Package suite is the one list of maplint's analyzers. The maplint
// command, the tests and the golangci-lint plugin all take their analyzers
// from here, so that a pass added here is run everywhere.
package suite

import (
	"golang.org/x/tools/go/analysis"

	"github.com/maplint/maplint/passes/bigvalue"
	"github.com/maplint/maplint/passes/concwrite"
	"github.com/maplint/maplint/passes/makehint"
)

// Analyzers returns maplint's analyzers, in the order they are documented.
func Analyzers() []*analysis.Analyzer {
	return []*analysis.Analyzer{
		concwrite.Analyzer,
		makehint.Analyzer,
		bigvalue.Analyzer,
	}
}
