// Command toycmd is a multichecker with one analyzer wrapped by
// suppress.Wrap, for testing //maplint:ignore under the drivers maplint
// runs in: standalone, go vet -vettool and go fix -fixtool.
package main

import (
	"go/ast"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/maplint/maplint/passes/internal/suppress"
)

var toy = &analysis.Analyzer{
	Name: "toy",
	Doc:  "toy: report calls to hazard",
	Run: func(pass *analysis.Pass) (any, error) {
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
	},
}

func main() { multichecker.Main(suppress.Wrap(toy)) }
