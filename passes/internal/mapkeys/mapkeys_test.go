package mapkeys_test

import (
	"go/ast"
	"go/types"
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/maplint/maplint/passes/internal/mapkeys"
)

// check is an analyzer that checks the "// present:", "// holds:" and
// "// nil skipped:" comments of the testdata against Facts.
var check = &analysis.Analyzer{
	Name:     "mapkeystest",
	Doc:      "checks mapkeys.Facts against the testdata's comments",
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      run,
	// The result is how many comments were checked.
	ResultType: reflect.TypeFor[int](),
}

func run(pass *analysis.Pass) (any, error) {
	facts := mapkeys.Scan(pass)
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	comment := func(n ast.Node, prefix string) (string, bool) {
		line := pass.Fset.Position(n.Pos()).Line
		for _, f := range pass.Files {
			for _, g := range f.Comments {
				for _, c := range g.List {
					if pass.Fset.Position(c.Pos()).Line == line {
						if text, ok := strings.CutPrefix(c.Text, "// "+prefix+": "); ok {
							return text, true
						}
					}
				}
			}
		}
		return "", false
	}
	checked := 0
	for cur := range ins.Root().Preorder((*ast.AssignStmt)(nil)) {
		as := cur.Node().(*ast.AssignStmt)
		if want, ok := comment(as, "holds"); ok {
			checked++
			fn := pass.TypesInfo.Defs[cur.Parent().Parent().Node().(*ast.FuncDecl).Name].(*types.Func)
			var got []string
			for i := range fn.Signature().Params().Len() {
				if p := fn.Signature().Params().At(i); facts.HoldsArgument(p) {
					got = append(got, p.Name())
				}
			}
			if !slices.Equal(got, strings.Fields(want)) {
				pass.Reportf(as.Pos(), "parameters holding their argument: %v, want %s", got, want)
			}
		}
		ix, ok := as.Lhs[0].(*ast.IndexExpr)
		if !ok {
			continue
		}
		if want, ok := comment(as, "present"); ok {
			checked++
			m, _ := facts.RefOf(ix.X)
			got := "no"
			if facts.KeyPresent(cur, m, ix.Index, inspector.Cursor{}) {
				got = "yes"
			}
			if got != want {
				pass.Reportf(as.Pos(), "KeyPresent = %s, want %s", got, want)
			}
		}
		if want, ok := comment(as, "nil skipped"); ok {
			checked++
			v := facts.KeyVar(ix.Index)
			if v == nil || v.Name() != want || !facts.NilReturnsBefore(cur, v) {
				pass.Reportf(as.Pos(), "the insert does not run only for a non-nil %s", want)
			}
		}
	}
	return checked, nil
}

// TestFacts runs check on the testdata: every comment must hold, and
// a failed one is an unexpected diagnostic.
func TestFacts(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), check, "keys")
	if len(results) != 1 || results[0].Result.(int) < 9 {
		t.Fatalf("checked too few comments: %v", results)
	}
}
