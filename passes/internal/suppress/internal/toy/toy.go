// Package toy is the analyzer suppress's tests wrap: it reports every
// call to a function named hazard, as maplint's analyzers report risky
// map uses, with generated files filtered the same way. The unit tests
// and the toycmd driver in testdata share it.
package toy

import (
	"go/ast"

	"golang.org/x/tools/go/analysis"

	"github.com/maplint/maplint/passes/internal/generated"
)

var Analyzer = &analysis.Analyzer{
	Name: "toy",
	Doc:  "toy: report calls to hazard",
	Run: generated.Unreported(func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				if call, ok := n.(*ast.CallExpr); ok {
					if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "hazard" {
						pass.Reportf(call.Pos(), "hazard called")
					}
				}
				return true
			})
		}
		return nil, nil
	}),
}
