package sourcetext_test

import (
	"go/ast"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/maplint/maplint/passes/internal/sourcetext"
)

// echo reports every index expression as the source spells it.
var echo = &analysis.Analyzer{
	Name: "echo",
	Doc:  "echo: report index expressions as written",
	Run: func(pass *analysis.Pass) (any, error) {
		src := sourcetext.New(pass)
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				if ix, ok := n.(*ast.IndexExpr); ok {
					pass.Reportf(ix.Pos(), "%s", src.Expr(ix))
				}
				return true
			})
		}
		return nil, nil
	},
}

func TestExpr(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), echo, "a")
}
