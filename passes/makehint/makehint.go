package makehint

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/maplint/maplint/passes/internal/analysisdoc"
	"github.com/maplint/maplint/passes/internal/generated"
	"github.com/maplint/maplint/passes/internal/mapcost"
	"github.com/maplint/maplint/sizer"
)

//go:embed doc.go
var doc string

// Analyzer reports maps made without a size hint and then filled, before
// any other use, with a number of entries known before the filling loop.
var Analyzer = &analysis.Analyzer{
	Name:     "makehint",
	Doc:      analysisdoc.MustExtract(doc, "makehint"),
	URL:      "https://github.com/maplint/maplint/tree/main/passes/makehint",
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      generated.Unreported(run),
	// Every fact the analysis relies on is checked for presence, so code
	// that does not type-check yields fewer reports, never a panic.
	RunDespiteErrors: true,
}

// layout is the map implementation whose costs the messages quote.
var layout = mapcost.LayoutFlag{Layout: sizer.Swiss}

// minEntries is the smallest constant count of entries worth a report
// (the -min-entries flag); by default any count at which the hint saves
// an allocation is.
var minEntries int64

func init() {
	Analyzer.Flags.Var(&layout, "layout", mapcost.LayoutFlagUsage)
	Analyzer.Flags.Int64Var(&minEntries, "min-entries", 0, "the smallest constant number of entries worth reporting (0: any count at which the hint saves an allocation)")
}

func run(pass *analysis.Pass) (any, error) {
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	shared := make(sharedVars)
	for cur := range ins.Root().Preorder((*ast.BlockStmt)(nil), (*ast.CaseClause)(nil), (*ast.CommClause)(nil)) {
		if isTestFile(pass, cur.Node()) {
			continue // a size hint in a test saves nothing anyone would notice
		}
		stmts := statements(cur.Node())
		for i, stmt := range stmts {
			made, ok := unhintedMake(pass.TypesInfo, stmt)
			if !ok || !fresh(pass.TypesInfo, cur, made, shared) {
				continue
			}
			if f, between, ok := findFill(pass.TypesInfo, made, stmts[i+1:]); ok {
				report(pass, made, f, between, blockScope(pass.TypesInfo, cur))
			}
		}
	}
	return nil, nil
}

func isTestFile(pass *analysis.Pass, n ast.Node) bool {
	f := pass.Fset.File(n.Pos())
	return f != nil && strings.HasSuffix(f.Name(), "_test.go")
}

// blockScope returns the scope of the block (or case clause) cur, in
// which the statements that make and fill a map stand. Looking it up
// from the node, not with Scope.Innermost from the package scope, keeps
// the cost independent of how many scopes a function has.
func blockScope(info *types.Info, cur inspector.Cursor) *types.Scope {
	if scope := info.Scopes[cur.Node()]; scope != nil {
		return scope
	}
	// A function body's scope is recorded for its signature.
	switch fn := cur.Parent().Node().(type) {
	case *ast.FuncDecl:
		return info.Scopes[fn.Type]
	case *ast.FuncLit:
		return info.Scopes[fn.Type]
	}
	return nil
}

func statements(n ast.Node) []ast.Stmt {
	switch n := n.(type) {
	case *ast.BlockStmt:
		return n.List
	case *ast.CaseClause:
		return n.Body
	case *ast.CommClause:
		return n.Body
	}
	return nil
}

// findFill returns the fill of made among the statements that follow it,
// and the statements in between: the first statement after the make that
// mentions the map must fill it.
func findFill(info *types.Info, made *madeMap, rest []ast.Stmt) (*fill, []ast.Stmt, bool) {
	for j, stmt := range rest {
		if !made.usedBy(info, stmt) {
			continue
		}
		f, ok := fillOf(info, made, stmt)
		return f, rest[:j], ok
	}
	return nil, nil, false
}

// report costs the unhinted fill with the sizer and reports it when the
// hint saves anything at the size the fill is costed at.
func report(pass *analysis.Pass, made *madeMap, f *fill, between []ast.Stmt, scope *types.Scope) {
	entries := int64(mapcost.RepresentativeEntries)
	if f.constant {
		entries = f.entries
		if entries <= 0 || entries < minEntries {
			return
		}
	}
	sizes := pass.TypesSizes
	if sizes == nil {
		sizes = types.SizesFor("gc", "amd64")
	}
	if !mapcost.Sized(made.mapType.Key(), sizes) || !mapcost.Sized(made.mapType.Elem(), sizes) {
		return // a type parameter's size is not known before instantiation
	}
	m := sizer.Of(made.mapType.Key(), made.mapType.Elem(), sizes)
	unhinted := m.Estimate(layout.Layout, entries, false)
	hinted := m.Estimate(layout.Layout, entries, true)
	if unhinted.Growths == 0 || unhinted.AllocBytes <= hinted.AllocBytes {
		return // small enough that the hint changes nothing
	}

	src := func(e ast.Expr) string { return source(pass.Fset, e) }
	hint := f.hint(src)
	hintedMake := fmt.Sprintf("make(%s, %s)", src(made.typeExpr), hint)
	validAtMake := hintValidAtMake(pass, made, f, between, scope)
	// The fact, then the fix, then what the fix saves: at the count when
	// it is a constant, else at a representative size, said last.
	fix := "use " + hintedMake + " to allocate its table once"
	if !validAtMake {
		fix = "make it just before the fill, where " + hint + " is known, with " + hintedMake + ", to allocate its table once"
	}
	msg := fmt.Sprintf("%s is filled with %s without a size hint: %s; %s it grows %s while filling and allocates %.1fx the bytes (%s vs %s hinted, %s)",
		made.name(pass.Fset), f.describe(hint), fix, sizePhrase(f, entries),
		times(unhinted.Growths),
		float64(unhinted.AllocBytes)/float64(hinted.AllocBytes),
		mapcost.Bytes(float64(unhinted.AllocBytes)), mapcost.Bytes(float64(hinted.AllocBytes)),
		layout.Layout)

	d := analysis.Diagnostic{
		Pos:     made.expr.Pos(),
		End:     made.expr.End(),
		Message: msg,
		Related: []analysis.RelatedInformation{{
			Pos: f.stmt.Pos(), End: f.stmt.Pos(), Message: "filled here",
		}},
	}
	if validAtMake {
		d.SuggestedFixes = []analysis.SuggestedFix{{
			Message:   "Add the size hint " + hint,
			TextEdits: made.addHint(pass.Fset, hint),
		}}
	}
	pass.Report(d)
}

func sizePhrase(f *fill, entries int64) string {
	switch {
	case !f.constant:
		return fmt.Sprintf("without it, at %s entries (a representative size),", sizer.FormatCount(entries))
	case f.exact():
		return "without it, at its " + sizer.FormatCount(entries) + " entries,"
	}
	return "without it, at " + sizer.FormatCount(entries) + " entries,"
}

func times(n int) string {
	if n == 1 {
		return "once"
	}
	return fmt.Sprintf("%d times", n)
}
