package maporder

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"go/version"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/maplint/maplint/passes/internal/imports"
	"github.com/maplint/maplint/passes/internal/typeparams"
)

// sinkVerb says what a sink does with the order, for messages.
func (c *checker) sinkVerb(s sink) string {
	switch s.kind {
	case appendSink:
		return fmt.Sprintf("appends to %s, %s", shorten(s.target, 30), s.use.what)
	case concatSink:
		return "concatenates onto " + shorten(s.target, 30)
	case lastSink:
		return "sets " + shorten(s.target, 30) + " to the entry visited last"
	}
	if s.target == nil {
		return "prints to standard output"
	}
	if s.helper != nil {
		return fmt.Sprintf("writes to %s (through %s)", shorten(s.target, 30), s.helper.Name())
	}
	return "writes to " + shorten(s.target, 30)
}

func (c *checker) report(rc inspector.Cursor, mapExpr ast.Expr, sinks []sink) {
	rng := rc.Node().(*ast.RangeStmt)
	first := sinks[0]
	at := first.cur.Node()
	mapText := shorten(mapExpr, 40)
	var msg strings.Builder
	switch first.kind {
	case appendSink:
		fmt.Fprintf(&msg, "%s is built in the iteration order of %s, which varies from run to run, and is %s at %s",
			shorten(first.target, 40), mapText, first.use.what, c.line(first.use.node.Pos(), at.Pos()))
	case lastSink:
		fmt.Fprintf(&msg, "%s is set on every iteration over %s and keeps the entry visited last, which varies from run to run, and is %s at %s",
			shorten(first.target, 40), mapText, first.use.what, c.line(first.use.node.Pos(), at.Pos()))
	case concatSink:
		fmt.Fprintf(&msg, "%s is concatenated in the iteration order of %s, which varies from run to run, so the string differs between runs", shorten(first.target, 40), mapText)
	case writeSink:
		what := "bytes written differ"
		if first.target == nil {
			what = "output differs"
		}
		fmt.Fprintf(&msg, "%s %s in the iteration order of %s, which varies from run to run, so the %s between runs",
			shortCall(first.cur.Node().(*ast.CallExpr)), c.sinkVerb(first)[:strings.Index(c.sinkVerb(first)+" ", " ")], mapText, what)
	}
	fix, fixText, canFix := c.fix(rc, mapExpr, sinks)
	if canFix {
		fmt.Fprintf(&msg, "; %s", fixText)
	} else {
		msg.WriteString("; visit the keys in sorted order (sort them into a slice first)")
	}
	if n := len(sinks) - 1; n > 0 {
		fmt.Fprintf(&msg, " (and %d more use%s of the order in this loop)", n, plural(n))
	}
	related := []analysis.RelatedInformation{{Pos: rng.X.Pos(), End: rng.X.End(), Message: "the range over " + mapText}}
	if first.use != nil {
		related = append(related, analysis.RelatedInformation{Pos: first.use.node.Pos(), End: first.use.node.End(), Message: shorten(first.target, 40) + " " + first.use.what + " here"})
	}
	for _, s := range sinks[1:] {
		related = append(related, analysis.RelatedInformation{Pos: s.cur.Node().Pos(), End: s.cur.Node().End(), Message: "also " + c.sinkVerb(s)})
	}
	d := analysis.Diagnostic{Pos: at.Pos(), End: at.End(), Message: msg.String(), Related: related}
	if canFix {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	c.pass.Report(d)
}

func shortCall(call *ast.CallExpr) string {
	s := types.ExprString(call)
	if len(s) <= 50 {
		return s
	}
	return types.ExprString(call.Fun) + "(...)"
}

// fix returns the suggested fix and the message's advice: range over the
// sorted keys when the key type is ordered and the file may use
// slices.Sorted (Go 1.23); else sort the one slice the loop builds right
// after it, when that is all the loop does in order.
func (c *checker) fix(rc inspector.Cursor, mapExpr ast.Expr, sinks []sink) (analysis.SuggestedFix, string, bool) {
	file := c.fileOf(rc)
	if file == nil {
		return analysis.SuggestedFix{}, "", false
	}
	goVersion := c.info.FileVersions[file]
	if goVersion == "" && c.pass.Pkg != nil {
		goVersion = c.pass.Pkg.GoVersion()
	}
	atLeast := func(v string) bool { return goVersion == "" || version.Compare(goVersion, v) >= 0 }
	if atLeast("go1.23") {
		if fix, text, ok := c.sortedKeysFix(rc, file, mapExpr); ok {
			return fix, text, true
		}
	}
	return c.sortAfterFix(rc, file, sinks, atLeast("go1.21"))
}

func (c *checker) fileOf(cur inspector.Cursor) *ast.File {
	for fc := range cur.Enclosing((*ast.File)(nil)) {
		return fc.Node().(*ast.File)
	}
	return nil
}

// isOrdered reports whether t satisfies cmp.Ordered.
func isOrdered(t types.Type) bool {
	if _, isParam := types.Unalias(t).(*types.TypeParam); isParam {
		return false
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsOrdered != 0
}

// stableExpr reports whether e may be evaluated again with the same
// result and no effect: a variable or a path of fields.
func stableExpr(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return true
	case *ast.SelectorExpr:
		return stableExpr(e.X)
	case *ast.StarExpr:
		return stableExpr(e.X)
	}
	return false
}

// sortedKeysFix rewrites "for k, v := range m" (or over maps.Keys,
// maps.Values or maps.All of m) into
//
//	for _, k := range slices.Sorted(maps.Keys(m)) {
//		v := m[k]
//
// It is offered only when m is a plain variable or field path, the keys
// are ordered, the loop declares its variables, and the body deletes
// nothing and clears nothing: a key snapshot would visit an entry the
// loop deleted before reaching it, which ranging over m never does.
func (c *checker) sortedKeysFix(rc inspector.Cursor, file *ast.File, mapExpr ast.Expr) (analysis.SuggestedFix, string, bool) {
	rng := rc.Node().(*ast.RangeStmt)
	m, ok := typeparams.CoreType(c.info.TypeOf(mapExpr)).(*types.Map)
	if !ok || !isOrdered(m.Key()) || !stableExpr(mapExpr) || rng.Tok != token.DEFINE {
		return analysis.SuggestedFix{}, "", false
	}
	if c.deletes(rng.Body) {
		return analysis.SuggestedFix{}, "", false
	}
	keyVar, valueVar := rangeVars(rng)
	if call, isCall := ast.Unparen(rng.X).(*ast.CallExpr); isCall {
		if fn, ok := c.info.Uses[selName(call.Fun)].(*types.Func); ok && fn.Name() == "Values" {
			keyVar, valueVar = nil, keyVar
		}
	}
	names, importEdits, ok := imports.Add(c.info, file, rng.Pos(), "maps", "slices")
	if !ok {
		return analysis.SuggestedFix{}, "", false
	}
	mapsName, slicesName := names[0], names[1]
	mapText := types.ExprString(mapExpr)
	keyName := ""
	if keyVar != nil {
		keyName = keyVar.Name
	} else {
		keyName = c.freshName(rng)
		if keyName == "" {
			return analysis.SuggestedFix{}, "", false
		}
	}
	sortedKeys := fmt.Sprintf("%s.Sorted(%s.Keys(%s))", slicesName, mapsName, mapText)
	edits := []analysis.TextEdit{{
		Pos:     rng.Key.Pos(),
		End:     rng.X.End(),
		NewText: fmt.Appendf(nil, "_, %s := range %s", keyName, sortedKeys),
	}}
	if valueVar != nil {
		indent := c.indentOf(rng.Pos())
		edits = append(edits, analysis.TextEdit{
			Pos:     rng.Body.Lbrace + 1,
			End:     rng.Body.Lbrace + 1,
			NewText: fmt.Appendf(nil, "\n%s\t%s := %s[%s]", indent, valueVar.Name, mapText, keyName),
		})
	}
	edits = append(edits, importEdits...)
	text := fmt.Sprintf("range over %s", sortedKeys)
	if mapsName != "maps" || slicesName != "slices" {
		text = fmt.Sprintf("range over slices.Sorted(maps.Keys(%s))", mapText)
	}
	return analysis.SuggestedFix{Message: "Range over the keys in sorted order: " + sortedKeys, TextEdits: edits}, text, true
}

func selName(fun ast.Expr) *ast.Ident {
	if sel, ok := ast.Unparen(fun).(*ast.SelectorExpr); ok {
		return sel.Sel
	}
	return nil
}

// rangeVars returns the loop's key and value identifiers, nil when
// absent or blank.
func rangeVars(rng *ast.RangeStmt) (key, value *ast.Ident) {
	named := func(e ast.Expr) *ast.Ident {
		id, ok := e.(*ast.Ident)
		if !ok || id.Name == "_" {
			return nil
		}
		return id
	}
	return named(rng.Key), named(rng.Value)
}

// deletes reports whether body calls delete or clear, or passes anything
// to a function (which might): body must not remove entries the sorted
// key snapshot still holds.
func (c *checker) deletes(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && (c.isBuiltin(call.Fun, "delete") || c.isBuiltin(call.Fun, "clear")) {
			found = true
		}
		return !found
	})
	return found
}

// freshName returns a name for the key that nothing at or inside the
// loop uses: k, key, k2, ...
func (c *checker) freshName(rng *ast.RangeStmt) string {
	scope := c.info.Scopes[rng]
	if scope == nil {
		return ""
	}
	used := make(map[string]bool)
	ast.Inspect(rng, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			used[id.Name] = true
		}
		return true
	})
	for _, name := range []string{"k", "key", "k2", "k3", "mapKey"} {
		if _, obj := scope.LookupParent(name, rng.Pos()); obj == nil && !used[name] {
			return name
		}
	}
	return ""
}

// indentOf returns the whitespace that starts pos's line.
func (c *checker) indentOf(pos token.Pos) string {
	tf := c.pass.Fset.File(pos)
	if tf == nil {
		return ""
	}
	src, ok := c.sources[tf]
	if !ok {
		var err error
		if src, err = c.pass.ReadFile(tf.Name()); err != nil {
			src = nil
		}
		c.sources[tf] = src // read each file once, not once per fix
	}
	if src == nil {
		return ""
	}
	start := tf.Offset(tf.LineStart(tf.Line(pos)))
	line := src[start:]
	return string(line[:len(line)-len(bytes.TrimLeft(line, " \t"))])
}

// sortAfterFix sorts the slice the loop builds right after the loop:
// slices.Sort (Go 1.21), else sort.Strings, sort.Ints or sort.Float64s.
// It is offered only when every sink appends one ordered element to the
// same local slice that is empty when the loop starts, so that sorting
// it orders exactly what the loop appended.
func (c *checker) sortAfterFix(rc inspector.Cursor, file *ast.File, sinks []sink, haveSlices bool) (analysis.SuggestedFix, string, bool) {
	rng := rc.Node().(*ast.RangeStmt)
	var slice *types.Var
	for _, s := range sinks {
		if s.kind != appendSink {
			return analysis.SuggestedFix{}, "", false
		}
		id, ok := ast.Unparen(s.target).(*ast.Ident)
		if !ok {
			return analysis.SuggestedFix{}, "", false
		}
		v, _ := c.info.Uses[id].(*types.Var)
		if v == nil || (slice != nil && v != slice) {
			return analysis.SuggestedFix{}, "", false
		}
		slice = v
		call := ast.Unparen(s.cur.Node().(*ast.AssignStmt).Rhs[0]).(*ast.CallExpr)
		if len(call.Args) != 2 || call.Ellipsis.IsValid() {
			return analysis.SuggestedFix{}, "", false
		}
	}
	sl, ok := slice.Type().Underlying().(*types.Slice)
	if !ok || !isOrdered(sl.Elem()) || !c.emptyBefore(rc, slice) {
		return analysis.SuggestedFix{}, "", false
	}
	var path, fun string
	switch {
	case haveSlices:
		path, fun = "slices", "Sort"
	case types.Identical(sl.Elem(), types.Typ[types.String]):
		path, fun = "sort", "Strings"
	case types.Identical(sl.Elem(), types.Typ[types.Int]):
		path, fun = "sort", "Ints"
	case types.Identical(sl.Elem(), types.Typ[types.Float64]):
		path, fun = "sort", "Float64s"
	default:
		return analysis.SuggestedFix{}, "", false
	}
	names, importEdits, ok := imports.Add(c.info, file, rng.End(), path)
	if !ok {
		return analysis.SuggestedFix{}, "", false
	}
	call := fmt.Sprintf("%s.%s(%s)", names[0], fun, slice.Name())
	var stmt ast.Node = rng
	if l, ok := rc.Parent().Node().(*ast.LabeledStmt); ok {
		stmt = l
	}
	edit := analysis.TextEdit{Pos: stmt.End(), End: stmt.End(), NewText: fmt.Appendf(nil, "\n%s%s", c.indentOf(stmt.Pos()), call)}
	return analysis.SuggestedFix{
		Message:   fmt.Sprintf("Sort %s after the loop: %s", slice.Name(), call),
		TextEdits: append([]analysis.TextEdit{edit}, importEdits...),
	}, fmt.Sprintf("sort %s after the loop (%s)", slice.Name(), call), true
}

// emptyBefore reports whether slice is declared empty in the block that
// holds the loop (var s []T, s := []T{}, s := make([]T, 0, n), s = nil),
// nothing between that declaration and the loop mentions it, and inside
// the loop only its appends do.
func (c *checker) emptyBefore(rc inspector.Cursor, slice *types.Var) bool {
	stmtCur := rc
	if _, ok := rc.Parent().Node().(*ast.LabeledStmt); ok {
		stmtCur = rc.Parent()
	}
	block, ok := stmtCur.Parent().Node().(*ast.BlockStmt)
	if !ok {
		return false
	}
	idx := -1
	for i, s := range block.List {
		if s == stmtCur.Node() {
			idx = i
		}
	}
	declared := false
	for _, s := range block.List[:max(idx, 0)] {
		if declared {
			if c.mentions(s, map[types.Object]bool{slice: true}) {
				return false
			}
			continue
		}
		if c.declaresEmpty(s, slice) {
			declared = true
		}
	}
	if !declared {
		return false
	}
	// Inside the loop, only the appends: s = append(s, x).
	rng := rc.Node().(*ast.RangeStmt)
	uses := 0
	ast.Inspect(rng.Body, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && c.info.Uses[id] == slice {
			uses++
		}
		return true
	})
	appends := 0
	ast.Inspect(rng.Body, func(n ast.Node) bool {
		if a, ok := n.(*ast.AssignStmt); ok && len(a.Lhs) == 1 && len(a.Rhs) == 1 && c.isAppendTo(a.Rhs[0], a.Lhs[0]) {
			if id, ok := a.Lhs[0].(*ast.Ident); ok && c.info.Uses[id] == slice {
				appends++
			}
		}
		return true
	})
	return uses == 2*appends
}

// declaresEmpty reports whether s declares slice with no elements.
func (c *checker) declaresEmpty(s ast.Stmt, slice *types.Var) bool {
	var rhs ast.Expr
	switch s := s.(type) {
	case *ast.DeclStmt:
		gd, ok := s.Decl.(*ast.GenDecl)
		if !ok || len(gd.Specs) != 1 {
			return false
		}
		vs, ok := gd.Specs[0].(*ast.ValueSpec)
		if !ok || len(vs.Names) != 1 || c.info.Defs[vs.Names[0]] != slice {
			return false
		}
		if len(vs.Values) == 0 {
			return true
		}
		rhs = vs.Values[0]
	case *ast.AssignStmt:
		if len(s.Lhs) != 1 || len(s.Rhs) != 1 {
			return false
		}
		id, ok := s.Lhs[0].(*ast.Ident)
		if !ok || c.info.ObjectOf(id) != slice {
			return false
		}
		rhs = s.Rhs[0]
	default:
		return false
	}
	switch x := ast.Unparen(rhs).(type) {
	case *ast.Ident:
		return x.Name == "nil" && c.info.Uses[x] == types.Universe.Lookup("nil")
	case *ast.CompositeLit:
		return len(x.Elts) == 0
	case *ast.CallExpr:
		if !c.isBuiltin(x.Fun, "make") || len(x.Args) < 2 {
			return false
		}
		tv, ok := c.info.Types[x.Args[1]]
		return ok && tv.Value != nil && tv.Value.String() == "0"
	}
	return false
}
