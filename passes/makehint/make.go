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

// madeMap is a statement that gives a variable a new, empty map without
// a size hint: m := make(M), m = M{}, var m = make(M).
type madeMap struct {
	stmt     ast.Stmt
	v        *types.Var
	declared bool     // the statement declares v (:= or var)
	expr     ast.Expr // make(M) or M{}
	typeExpr ast.Expr // M as written
	mapType  *types.Map
}

func unhintedMake(info *types.Info, stmt ast.Stmt) (*madeMap, bool) {
	var (
		id       *ast.Ident
		rhs      ast.Expr
		declared bool
	)
	switch stmt := stmt.(type) {
	case *ast.AssignStmt:
		if len(stmt.Lhs) != 1 || len(stmt.Rhs) != 1 || (stmt.Tok != token.DEFINE && stmt.Tok != token.ASSIGN) {
			return nil, false
		}
		id, _ = stmt.Lhs[0].(*ast.Ident)
		rhs, declared = stmt.Rhs[0], stmt.Tok == token.DEFINE
	case *ast.DeclStmt:
		decl, ok := stmt.Decl.(*ast.GenDecl)
		if !ok || decl.Tok != token.VAR || len(decl.Specs) != 1 {
			return nil, false
		}
		spec := decl.Specs[0].(*ast.ValueSpec)
		if len(spec.Names) != 1 || len(spec.Values) != 1 {
			return nil, false
		}
		id, rhs, declared = spec.Names[0], spec.Values[0], true
	default:
		return nil, false
	}
	if id == nil || id.Name == "_" {
		return nil, false
	}
	var obj types.Object
	if declared {
		obj = info.Defs[id]
	} else {
		obj = info.Uses[id]
	}
	v, ok := obj.(*types.Var)
	if !ok || v.IsField() {
		return nil, false
	}

	made := &madeMap{stmt: stmt, v: v, declared: declared, expr: ast.Unparen(rhs)}
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
	made.mapType, ok = types.Unalias(info.TypeOf(made.expr)).Underlying().(*types.Map)
	if !ok || info.TypeOf(made.typeExpr) == nil {
		return nil, false
	}
	return made, true
}

// fresh reports whether nothing but the statements after the make can
// reach the map: true of a variable the make declares; for m = make(M),
// true when m is local to the enclosing function, no closure captures it
// and its address is never taken, so that calls made before the fill
// cannot see the new map.
func fresh(info *types.Info, cur inspector.Cursor, made *madeMap) bool {
	if made.declared {
		return true
	}
	fn, ok := enclosingFunc(cur)
	if !ok {
		return false
	}
	if made.v.Pos() < fn.Node().Pos() || made.v.Pos() >= fn.Node().End() {
		return false // package-level, or captured from an outer function
	}
	for n := range fn.Preorder((*ast.FuncLit)(nil), (*ast.UnaryExpr)(nil)) {
		switch e := n.Node().(type) {
		case *ast.FuncLit:
			if n != fn && mentions(info, e.Body, made.v) {
				return false
			}
		case *ast.UnaryExpr:
			if e.Op == token.AND && rootVar(info, e.X) == made.v {
				return false
			}
		}
	}
	return true
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
