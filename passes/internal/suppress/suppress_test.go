package suppress_test

import (
	"go/ast"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/maplint/maplint/passes/internal/generated"
	"github.com/maplint/maplint/passes/internal/suppress"
)

// toy reports every call to a function named hazard, as maplint's
// analyzers report risky map uses, with generated files filtered the same
// way.
var toy = &analysis.Analyzer{
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

func TestWrap(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), suppress.Wrap(toy), "a", "gen")
}

func TestWrapLeavesOriginalAlone(t *testing.T) {
	w := suppress.Wrap(toy)
	if w == toy {
		t.Fatal("Wrap returned its argument; want a copy")
	}
	if w.Name != toy.Name || w.Doc != toy.Doc {
		t.Errorf("Wrap changed Name or Doc: %q %q", w.Name, w.Doc)
	}
}

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		comment string
		names   []string
		reason  string
		ok      bool
	}{
		{"//maplint:ignore concwrite guarded by mu", []string{"concwrite"}, "guarded by mu", true},
		{"//maplint:ignore concwrite,rangemut  two   spaces", []string{"concwrite", "rangemut"}, "two spaces", true},
		{"//maplint:ignore concwrite", []string{"concwrite"}, "", true},
		{"//maplint:ignore", nil, "", true},
		{"//maplint:ignored concwrite x", nil, "", false},
		{"// maplint:ignore concwrite x", nil, "", false},
		{"//nolint:maplint", nil, "", false},
	} {
		names, reason, ok := suppress.Parse(tc.comment)
		if ok != tc.ok || reason != tc.reason || !slices.Equal(names, tc.names) {
			t.Errorf("Parse(%q) = %q, %q, %v; want %q, %q, %v", tc.comment, names, reason, ok, tc.names, tc.reason, tc.ok)
		}
	}
}
