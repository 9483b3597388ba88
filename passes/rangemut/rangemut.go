package rangemut

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"go/version"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/maplint/maplint/passes/internal/analysisdoc"
	"github.com/maplint/maplint/passes/internal/generated"
	"github.com/maplint/maplint/passes/internal/imports"
	"github.com/maplint/maplint/passes/internal/mapcost"
	"github.com/maplint/maplint/passes/internal/mapeffects"
	"github.com/maplint/maplint/passes/internal/mapkeys"
	"github.com/maplint/maplint/passes/internal/sourcetext"
	"github.com/maplint/maplint/passes/internal/typeparams"
	"github.com/maplint/maplint/sizer"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "rangemut",
	Doc:      analysisdoc.MustExtract(doc, "rangemut"),
	URL:      "https://github.com/maplint/maplint/tree/main/passes/rangemut",
	Requires: []*analysis.Analyzer{inspect.Analyzer, mapeffects.Analyzer},
	Run:      generated.Unreported(run),
}

// layout is the map implementation whose clone cost the message quotes.
var layout = mapcost.LayoutFlag{Layout: sizer.Swiss}

func init() {
	Analyzer.Flags.Var(&layout, "layout",
		"map layout for the snapshot's cost: swiss (Go 1.24 and later) or classic (Go 1.23 and earlier)")
}

// state is one run of the analyzer over one package.
type state struct {
	pass     *analysis.Pass
	src      *sourcetext.Reader // messages spell expressions as the source does
	info     *types.Info
	inspect  *inspector.Inspector
	facts    *mapkeys.Facts
	effects  *mapeffects.Analysis              // what the functions it calls do to maps
	literals map[*ast.FuncLit]inspector.Cursor // bodies of closures called through variables
}

func run(pass *analysis.Pass) (any, error) {
	a := &state{
		pass:    pass,
		src:     sourcetext.New(pass),
		info:    pass.TypesInfo,
		inspect: pass.ResultOf[inspect.Analyzer].(*inspector.Inspector),
		effects: pass.ResultOf[mapeffects.Analyzer].(*mapeffects.Analysis),
	}
	a.facts = a.effects.Keys // computed once, by the engine
	for rc := range a.inspect.Root().Preorder((*ast.RangeStmt)(nil)) {
		a.checkRange(rc)
	}
	return nil, nil
}

// checkRange reports a range loop over a map that may insert new keys
// into that same map before the loop ends.
func (a *state) checkRange(rc inspector.Cursor) {
	rng := rc.Node().(*ast.RangeStmt)
	mapExpr, _ := a.facts.RangedMap(rng.X)
	if mapExpr == nil {
		return
	}
	ref, ok := a.facts.RefOf(mapExpr)
	if !ok {
		return
	}
	body := rc.ChildAt(edge.RangeStmt_Body, -1)
	var inserts []site
	replaced := false
	collect := func(st site) {
		switch {
		case st.reassign:
			// The loop may go on ranging over the old map while
			// inserting into a new one: we cannot tell them apart.
			replaced = replaced || ref.CoveredBy(st.ref)
		case st.ref.Equal(ref):
			inserts = append(inserts, st)
		}
	}
	a.scan(body, false, collect, func(c callSite) {
		for _, st := range a.callSites(c) {
			collect(st)
		}
	})
	if replaced || len(inserts) == 0 {
		return
	}
	var found []site
	for _, st := range inserts {
		if st.key != nil && (a.facts.KeyPresent(st.cur, ref, st.key, rc) || a.normalizesKey(st.key, rng)) {
			continue
		}
		if a.leavesAfter(a.anchorOf(st, rc), rc) {
			continue
		}
		if st.key == nil && st.viaCall != nil {
			st.expands = a.passesVisitedKey(st, ref, rc)
		}
		found = append(found, st)
	}
	if len(found) == 0 || a.inFixpointLoop(rc, ref) {
		return
	}
	a.report(rc, mapExpr, found)
}

// passesVisitedKey reports whether a call that inserts keys other than
// its arguments is passed the key being visited: it expands that key
// into others (the roles a role includes, the dependencies of a node),
// which the loop may or may not visit in turn.
func (a *state) passesVisitedKey(st site, ref mapkeys.Path, rc inspector.Cursor) bool {
	for _, arg := range st.viaCall.call.Args {
		if a.facts.KeyPresent(st.cur, ref, arg, rc) {
			return true
		}
	}
	return false
}

// idempotent lists key normalisers f with f(f(k)) == f(k).
var idempotent = map[string]bool{
	"strings.ToLower":         true,
	"strings.ToUpper":         true,
	"strings.ToTitle":         true,
	"strings.TrimSpace":       true,
	"path.Clean":              true,
	"path/filepath.Clean":     true,
	"path/filepath.ToSlash":   true,
	"path/filepath.FromSlash": true,
}

// normalizesKey reports whether key is f(k) for the key k being visited
// and an idempotent f, as in "delete(m, k); m[strings.ToUpper(k)] = v":
// if the loop visits the new entry, f maps its key to itself, so the
// loop rewrites the entry it visits and the map ends the same either way.
func (a *state) normalizesKey(key ast.Expr, rng *ast.RangeStmt) bool {
	if id, ok := ast.Unparen(key).(*ast.Ident); ok {
		v, ok := a.info.Uses[id].(*types.Var)
		if !ok || !a.facts.Stable(v) || a.facts.Def(v) == nil {
			return false
		}
		key = a.facts.Def(v)
	}
	call, ok := ast.Unparen(key).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return false
	}
	fn := typeutil.StaticCallee(a.info, call)
	if fn == nil || !idempotent[fn.FullName()] {
		return false
	}
	k := a.facts.KeyVar(call.Args[0])
	return k != nil && a.facts.IsRangeKey(rng, k)
}

// anchorOf returns the node of the range body through which the site
// takes effect: the site itself, or the call of the closure holding it.
func (a *state) anchorOf(st site, rc inspector.Cursor) inspector.Cursor {
	anchor := st.cur
	if st.viaLit != nil {
		anchor = *st.viaLit
	}
	for c := anchor; c.Valid() && c != rc; c = c.Parent() {
		if _, ok := c.Node().(*ast.FuncLit); ok {
			anchor = c.Parent() // the call of a literal called in place
		}
	}
	return anchor
}

func (a *state) report(rc inspector.Cursor, mapExpr ast.Expr, sites []site) {
	rng := rc.Node().(*ast.RangeStmt)
	first := sites[0]
	at := first.cur.Node()
	if first.viaLit != nil {
		at = first.viaLit.Node()
	}
	mapText := a.shorten(mapExpr, 40)
	var msg strings.Builder
	fmt.Fprintf(&msg, "%s while ranging over it: new entries may or may not be visited, so the loop's result varies between runs; ",
		a.describe(first, mapText))
	fix, canFix := a.snapshotFix(rc, mapExpr)
	if canFix {
		fmt.Fprintf(&msg, "range over a snapshot (maps.Clone(%s))", mapText)
	} else {
		msg.WriteString("range over a snapshot taken before the loop")
	}
	msg.WriteString(a.cloneCost(mapExpr))
	if n := len(sites) - 1; n > 0 {
		fmt.Fprintf(&msg, " (and %d more insert%s in this loop)", n, plural(n))
	}
	related := []analysis.RelatedInformation{{
		Pos: rng.X.Pos(), End: rng.X.End(), Message: "the range over " + mapText,
	}}
	for _, st := range sites[1:] {
		n := st.cur.Node()
		if st.viaLit != nil {
			n = st.viaLit.Node()
		}
		related = append(related, analysis.RelatedInformation{Pos: n.Pos(), End: n.End(), Message: "also inserts into " + mapText})
	}
	d := analysis.Diagnostic{
		Pos:     at.Pos(),
		End:     at.End(),
		Message: msg.String(),
		Related: related,
	}
	if canFix {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	a.pass.Report(d)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// describe names what the site does, e.g. "m[k2] = ... inserts into m".
func (a *state) describe(st site, mapText string) string {
	what := ""
	switch n := st.cur.Node().(type) {
	case *ast.AssignStmt:
		for _, lhs := range n.Lhs {
			if ix, ok := ast.Unparen(lhs).(*ast.IndexExpr); ok && ix.Index == st.key {
				what = fmt.Sprintf("%s %s ...", a.shorten(lhs, 50), n.Tok)
			}
		}
	case *ast.IncDecStmt:
		what = a.shorten(n.X, 50) + n.Tok.String()
	case *ast.CallExpr:
		what = a.shortCall(n)
	}
	verb := "inserts into"
	if st.viaCall != nil {
		verb = "may insert into"
		if fn := st.viaCall.callee; fn != nil {
			verb = fmt.Sprintf("may insert into %s (%s adds keys to it)", mapText, fn.Name())
			if st.expands {
				verb = fmt.Sprintf("may insert into %s (%s adds keys to it other than the visited key it is passed)", mapText, fn.Name())
			}
			mapText = ""
		}
	}
	if st.viaLit != nil {
		if call, ok := st.viaLit.Node().(*ast.CallExpr); ok {
			what = fmt.Sprintf("%s, which runs %s,", a.shortCall(call), what)
		}
	}
	if mapText == "" {
		return what + " " + verb
	}
	return fmt.Sprintf("%s %s %s", what, verb, mapText)
}

// shorten renders e as the source spells it, or an ellipsis form when it
// is longer than max.
func (a *state) shorten(e ast.Expr, max int) string {
	s := a.src.Expr(e)
	if len(s) <= max {
		return s
	}
	if call, ok := e.(*ast.CallExpr); ok {
		return a.shortCall(call)
	}
	return s[:max-3] + "..."
}

func (a *state) shortCall(call *ast.CallExpr) string {
	s := a.src.Expr(call)
	if len(s) <= 50 {
		return s
	}
	return a.src.Expr(call.Fun) + "(...)"
}

// cloneCost is the message's figure for the snapshot: what maps.Clone
// allocates per entry for a map of this type at a representative size.
func (a *state) cloneCost(mapExpr ast.Expr) string {
	m, ok := typeparams.CoreType(a.info.TypeOf(mapExpr)).(*types.Map)
	if !ok {
		return ""
	}
	sizes := a.pass.TypesSizes
	if sizes == nil {
		sizes = types.SizesFor("gc", "amd64")
	}
	if !mapcost.Sized(m.Key(), sizes) || !mapcost.Sized(m.Elem(), sizes) {
		return "" // generic key or value: no single figure
	}
	clone := sizer.Of(m.Key(), m.Elem(), sizes).Clone(layout.Layout, mapcost.RepresentativeEntries)
	goVersions := "Go 1.24+"
	if layout.Layout == sizer.Classic {
		goVersions = "Go 1.23 and earlier"
	}
	return fmt.Sprintf(" — about %s per entry on %s", mapcost.Bytes(clone.AllocBytesPerEntry()), goVersions)
}

// snapshotFix wraps the ranged map in maps.Clone, importing "maps" if
// needed. There is none for files older than Go 1.21, which has no maps.
func (a *state) snapshotFix(rc inspector.Cursor, mapExpr ast.Expr) (analysis.SuggestedFix, bool) {
	var file *ast.File
	for fc := range rc.Enclosing((*ast.File)(nil)) {
		file = fc.Node().(*ast.File)
	}
	if file == nil {
		return analysis.SuggestedFix{}, false
	}
	if v := a.info.FileVersions[file]; v != "" && version.Compare(v, "go1.21") < 0 {
		return analysis.SuggestedFix{}, false
	}
	name, importEdits := a.importMaps(file, mapExpr.Pos())
	if name == "" {
		return analysis.SuggestedFix{}, false
	}
	edits := []analysis.TextEdit{
		{Pos: mapExpr.Pos(), End: mapExpr.Pos(), NewText: []byte(name + ".Clone(")},
		{Pos: mapExpr.End(), End: mapExpr.End(), NewText: []byte(")")},
	}
	return analysis.SuggestedFix{
		Message:   fmt.Sprintf("Range over a snapshot: %s.Clone(%s)", name, a.shorten(mapExpr, 40)),
		TextEdits: append(edits, importEdits...),
	}, true
}

// importMaps returns the name by which code at pos can refer to package
// maps, and the edits that import it if the file does not.
func (a *state) importMaps(file *ast.File, pos token.Pos) (string, []analysis.TextEdit) {
	names, edits, ok := imports.Add(a.info, file, pos, "maps")
	if !ok {
		return "", nil
	}
	return names[0], edits
}
