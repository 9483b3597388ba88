package makehint

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/maplint/maplint/passes/internal/mapcost"
)

// madeMap is a statement that gives a variable, or a field reached from
// a local variable, a new, empty map without a size hint: m := make(M),
// var m = M{}, m = make(M), x.f = make(M).
type madeMap struct {
	stmt     ast.Stmt
	target   ast.Expr     // m or x.f as written
	root     *types.Var   // m, or x of x.f
	fields   []*types.Var // f of x.f, outermost last; none for a variable
	promoted bool         // a field of the chain is promoted from an embedded one
	declared bool         // the statement declares root (:= or var)
	expr     ast.Expr     // make(M) or M{}
	typeExpr ast.Expr     // M as written
	mapType  *types.Map
}

func unhintedMake(info *types.Info, stmt ast.Stmt) (*madeMap, bool) {
	var (
		lhs      ast.Expr
		rhs      ast.Expr
		declared bool
	)
	switch stmt := stmt.(type) {
	case *ast.AssignStmt:
		if len(stmt.Lhs) != 1 || len(stmt.Rhs) != 1 || (stmt.Tok != token.DEFINE && stmt.Tok != token.ASSIGN) {
			return nil, false
		}
		lhs, rhs, declared = stmt.Lhs[0], stmt.Rhs[0], stmt.Tok == token.DEFINE
	case *ast.DeclStmt:
		decl, ok := stmt.Decl.(*ast.GenDecl)
		if !ok || decl.Tok != token.VAR || len(decl.Specs) != 1 {
			return nil, false
		}
		spec := decl.Specs[0].(*ast.ValueSpec)
		if len(spec.Names) != 1 || len(spec.Values) != 1 {
			return nil, false
		}
		lhs, rhs, declared = spec.Names[0], spec.Values[0], true
	default:
		return nil, false
	}
	made := &madeMap{stmt: stmt, target: lhs, declared: declared, expr: ast.Unparen(rhs)}
	if !made.resolveTarget(info) {
		return nil, false
	}
	switch e := made.expr.(type) {
	case *ast.CallExpr:
		if len(e.Args) != 1 || e.Ellipsis.IsValid() || !mapcost.IsBuiltin(info, e.Fun, "make") {
			return nil, false
		}
		made.typeExpr = e.Args[0]
	case *ast.CompositeLit:
		if len(e.Elts) != 0 || e.Type == nil {
			return nil, false
		}
		made.typeExpr = e.Type
	default:
		return nil, false
	}
	// The underlying type of a type parameter is its constraint, never a
	// map: generic map types made through a type parameter are skipped.
	var ok bool
	made.mapType, ok = types.Unalias(info.TypeOf(made.expr)).Underlying().(*types.Map)
	if !ok || info.TypeOf(made.typeExpr) == nil {
		return nil, false
	}
	return made, true
}

// resolveTarget sets root and fields from target: an identifier, or a
// chain of field selections on one (x.f, x.f.g, through pointers too).
func (made *madeMap) resolveTarget(info *types.Info) bool {
	e := made.target
	for {
		switch x := e.(type) {
		case *ast.ParenExpr:
			e = x.X
			continue
		case *ast.SelectorExpr:
			sel, ok := info.Selections[x]
			if !ok || sel.Kind() != types.FieldVal || made.declared {
				return false // a qualified identifier, a method
			}
			field, ok := sel.Obj().(*types.Var)
			if !ok {
				return false
			}
			made.promoted = made.promoted || len(sel.Index()) > 1
			made.fields = append([]*types.Var{field}, made.fields...)
			e = x.X
			continue
		case *ast.Ident:
			if x.Name == "_" {
				return false
			}
			obj := info.Uses[x]
			if made.declared {
				obj = info.Defs[x]
			}
			v, ok := obj.(*types.Var)
			if !ok || v.IsField() {
				return false
			}
			made.root = v
			return true
		}
		return false
	}
}

// isTarget reports whether e denotes the map made: the same variable, or
// the same chain of fields from the same variable.
func (made *madeMap) isTarget(info *types.Info, e ast.Expr) bool {
	for i := len(made.fields) - 1; i >= 0; i-- {
		sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
		if !ok {
			return false
		}
		if s, ok := info.Selections[sel]; !ok || s.Obj() != made.fields[i] {
			return false
		}
		e = sel.X
	}
	return isVar(info, e, made.root)
}

// usedBy reports whether n may use the map made: it mentions its
// variable, or for x.f, mentions x other than in a selection of another
// field (x.g, x.g[i].h), which cannot reach the new map: c.byName filled
// from c.cols uses c.cols, not c.byName. Another variable y that points
// to the same struct as x is not looked for: y.f in the fill would see
// the new map, so the fill would copy the map into itself, which is no
// realistic shape, while y.f read from a source of the same type (the
// clone of a struct's map) is the commonest fill of a field.
func (made *madeMap) usedBy(info *types.Info, n ast.Node) bool {
	if len(made.fields) == 0 || made.promoted {
		return mentions(info, n, made.root)
	}
	if n == nil {
		return false
	}
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if root, path, ok := fieldPath(info, n); ok && root == made.root && diverge(path, made.fields) {
				return false
			}
		case *ast.Ident:
			if info.Uses[n] == made.root {
				found = true
			}
		}
		return !found
	})
	return found
}

// name is how a message calls the map: m, or x.f.
func (made *madeMap) name(fset *token.FileSet) string {
	return source(fset, made.target)
}

// fresh reports whether nothing but the statements after the make can
// reach the map: true of a variable the make declares; for m = make(M),
// true when m is local to the enclosing function, no closure captures it
// and its address is never taken, so that calls made before the fill
// cannot see the new map; for x.f = make(M), when x is local.
func fresh(info *types.Info, cur inspector.Cursor, made *madeMap, shared sharedVars) bool {
	if made.declared {
		return true
	}
	if len(made.fields) > 0 {
		// A field of a local variable: whatever else holds x could see
		// x.f, but only code that runs between the make and the end of
		// the fill, which may not mention x.
		return made.root.Parent() != nil && made.root.Pkg() != nil && made.root.Parent() != made.root.Pkg().Scope()
	}
	fn, ok := enclosingFunc(cur)
	if !ok {
		return false
	}
	v := made.root
	if v.Pos() < fn.Node().Pos() || v.Pos() >= fn.Node().End() {
		return false // package-level, or captured from an outer function
	}
	return !shared.of(info, fn)[v]
}

// sharedVars caches, per function, the variables that code other than
// the function's own statements can reach: those a nested closure
// mentions and those whose address is taken. Each function is walked
// once, however many maps it makes.
type sharedVars map[ast.Node]map[types.Object]bool

func (s sharedVars) of(info *types.Info, fn inspector.Cursor) map[types.Object]bool {
	if vars, ok := s[fn.Node()]; ok {
		return vars
	}
	vars := make(map[types.Object]bool)
	for n := range fn.Preorder((*ast.FuncLit)(nil), (*ast.UnaryExpr)(nil)) {
		switch e := n.Node().(type) {
		case *ast.FuncLit:
			if n != fn {
				ast.Inspect(e.Body, func(n ast.Node) bool {
					if id, ok := n.(*ast.Ident); ok && info.Uses[id] != nil {
						vars[info.Uses[id]] = true
					}
					return true
				})
			}
		case *ast.UnaryExpr:
			if e.Op == token.AND {
				if v := rootVar(info, e.X); v != nil {
					vars[v] = true
				}
			}
		}
	}
	s[fn.Node()] = vars
	return vars
}

func enclosingFunc(cur inspector.Cursor) (inspector.Cursor, bool) {
	for fn := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return fn, true
	}
	return inspector.Cursor{}, false
}

// addHint returns the edits that give the make the size hint.
func (made *madeMap) addHint(fset *token.FileSet, hint string) []analysis.TextEdit {
	if call, ok := made.expr.(*ast.CallExpr); ok {
		end := call.Args[0].End()
		return []analysis.TextEdit{{Pos: end, End: end, NewText: []byte(", " + hint)}}
	}
	return []analysis.TextEdit{{
		Pos:     made.expr.Pos(),
		End:     made.expr.End(),
		NewText: []byte("make(" + source(fset, made.typeExpr) + ", " + hint + ")"),
	}}
}

// source prints an expression as gofmt would.
func source(fset *token.FileSet, e ast.Expr) string {
	var buf bytes.Buffer
	if err := format.Node(&buf, fset, e); err != nil {
		return types.ExprString(e)
	}
	return buf.String()
}
