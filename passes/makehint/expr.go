package makehint

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/maplint/maplint/passes/internal/mapcost"
)

// pure reports whether evaluating e has no side effects, calls no
// function, allocates nothing and reads only variables and constants, so
// that it may be written a second time as a size hint: identifiers, field
// selections, indexing, dereferences, len and cap, numeric conversions
// and + - * of those.
func pure(info *types.Info, e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		switch info.Uses[e].(type) {
		case *types.Var, *types.Const:
			return true
		}
	case *ast.BasicLit:
		return true
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[e]; ok {
			return sel.Kind() == types.FieldVal && pure(info, e.X)
		}
		switch info.Uses[e.Sel].(type) { // a qualified identifier
		case *types.Var, *types.Const:
			return true
		}
	case *ast.StarExpr:
		return info.Types[e].IsValue() && pure(info, e.X)
	case *ast.IndexExpr:
		return info.Types[e].IsValue() && pure(info, e.X) && pure(info, e.Index)
	case *ast.BinaryExpr:
		switch e.Op {
		case token.ADD, token.SUB, token.MUL:
			return pure(info, e.X) && pure(info, e.Y)
		}
	case *ast.CallExpr:
		if len(e.Args) != 1 || e.Ellipsis.IsValid() {
			return false
		}
		// A conversion to a number; []rune(s) and the like allocate.
		if info.Types[e.Fun].IsType() && isNumber(info.TypeOf(e)) ||
			mapcost.IsBuiltin(info, e.Fun, "len") || mapcost.IsBuiltin(info, e.Fun, "cap") {
			return pure(info, e.Args[0])
		}
	}
	return false
}

// simple reports whether a pure expression reads nothing through a
// pointer, an index or a field, so that only an assignment to one of its
// variables can change its value, and evaluating it cannot panic.
func simple(info *types.Info, e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident, *ast.BasicLit:
		return true
	case *ast.SelectorExpr:
		_, field := info.Selections[e]
		return !field
	case *ast.BinaryExpr:
		return simple(info, e.X) && simple(info, e.Y)
	case *ast.CallExpr:
		return simple(info, e.Args[0])
	}
	return false
}

// hintValidAtMake reports whether the hint, written into the make, has
// the value the fill will see: every name in it denotes the same object
// there, and the statements in between can neither change it nor leave
// before the fill (which would make a pointer or index in the hint
// panic where the original did not).
func hintValidAtMake(pass *analysis.Pass, made *madeMap, f *fill, between []ast.Stmt, scope *types.Scope) bool {
	pos := made.expr.Pos()
	if scope == nil {
		return false
	}
	if f.wrapLen {
		if _, obj := scope.LookupParent("len", pos); obj != types.Universe.Lookup("len") {
			return false
		}
	}
	if !resolvesAt(pass.TypesInfo, scope, pos, f.counted) {
		return false
	}
	if len(between) == 0 {
		return true
	}
	if !simple(pass.TypesInfo, f.counted) {
		return false
	}
	root := rootVar(pass.TypesInfo, f.counted)
	for _, stmt := range between {
		switch stmt.(type) {
		case *ast.AssignStmt, *ast.DeclStmt, *ast.IncDecStmt, *ast.ExprStmt, *ast.EmptyStmt:
		default:
			return false
		}
		if calls(pass.TypesInfo, stmt) || modifies(pass.TypesInfo, stmt, root) || assignsAny(pass.TypesInfo, stmt, f.counted) {
			return false
		}
	}
	return true
}

// resolvesAt reports whether every name in the pure expression e denotes
// at pos what it denotes where e is written. Field names are not looked
// up in scope; the package name of a qualified identifier is.
func resolvesAt(info *types.Info, scope *types.Scope, pos token.Pos, e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		obj := info.Uses[e]
		_, found := scope.LookupParent(e.Name, pos)
		return obj != nil && found == obj
	case *ast.BasicLit:
		return true
	case *ast.SelectorExpr:
		return resolvesAt(info, scope, pos, e.X)
	case *ast.StarExpr:
		return resolvesAt(info, scope, pos, e.X)
	case *ast.IndexExpr:
		return resolvesAt(info, scope, pos, e.X) && resolvesAt(info, scope, pos, e.Index)
	case *ast.BinaryExpr:
		return resolvesAt(info, scope, pos, e.X) && resolvesAt(info, scope, pos, e.Y)
	case *ast.CallExpr:
		return len(e.Args) == 1 && resolvesAt(info, scope, pos, e.Fun) && resolvesAt(info, scope, pos, e.Args[0])
	}
	return false
}

// assignsAny reports whether stmt assigns any variable e reads.
func assignsAny(info *types.Info, stmt ast.Node, e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && !found {
			if v, ok := info.Uses[id].(*types.Var); ok && modifies(info, stmt, v) {
				found = true
			}
		}
		return !found
	})
	return found
}

// calls reports whether n calls anything but a conversion or a built-in
// function that neither panics on purpose nor runs user code.
func calls(info *types.Info, n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || found {
			return !found
		}
		if info.Types[call.Fun].IsType() {
			return true
		}
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
			if b, ok := info.Uses[id].(*types.Builtin); ok && b.Name() != "panic" {
				return true
			}
		}
		found = true
		return false
	})
	return found
}

// mentions reports whether n refers to v.
func mentions(info *types.Info, n ast.Node, v types.Object) bool {
	if n == nil || v == nil {
		return false
	}
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && info.Uses[id] == v {
			found = true
		}
		return !found
	})
	return found
}

// isVar reports whether e is the identifier of v.
func isVar(info *types.Info, e ast.Expr, v types.Object) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && v != nil && info.Uses[id] == v
}

// rootVar returns the variable whose storage e is part of: xs for xs,
// s.f.g, a[i], *p; nil when there is none.
func rootVar(info *types.Info, e ast.Expr) types.Object {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			v, _ := info.Uses[x].(*types.Var)
			if v == nil {
				return nil
			}
			return v
		case *ast.SelectorExpr:
			if _, field := info.Selections[x]; !field {
				return rootVar(info, x.Sel) // a qualified identifier
			}
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.CallExpr: // len(xs), cap(xs), T(n)
			if len(x.Args) != 1 {
				return nil
			}
			e = x.Args[0]
		default:
			return nil
		}
	}
}

// modifies reports whether n may change the variable v, or what v
// refers to, by assignment, increment, taking its address, or delete or
// clear on it.
func modifies(info *types.Info, n ast.Node, v types.Object) bool {
	if n == nil || v == nil {
		return false
	}
	return writes(info, n, func(e ast.Expr) bool { return rootVar(info, e) == v })
}

// writes reports whether n writes storage that target accepts: as the
// left side of an assignment, by ++ or --, by taking its address, as a
// range statement's = targets, or by delete or clear on it.
func writes(info *types.Info, n ast.Node, target func(ast.Expr) bool) bool {
	found := false
	written := func(e ast.Expr) {
		if target(e) {
			found = true
		}
	}
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				written(lhs)
			}
		case *ast.IncDecStmt:
			written(n.X)
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				written(n.X)
			}
		case *ast.RangeStmt:
			if n.Tok == token.ASSIGN {
				if n.Key != nil {
					written(n.Key)
				}
				if n.Value != nil {
					written(n.Value)
				}
			}
		case *ast.CallExpr:
			if (mapcost.IsBuiltin(info, n.Fun, "delete") || mapcost.IsBuiltin(info, n.Fun, "clear")) && len(n.Args) > 0 {
				written(n.Args[0])
			}
		}
		return !found
	})
	return found
}

// modifiesPath is modifies for the storage e denotes, told apart by
// field: writing x.f (or x.f[k]) does not modify x.g.
func modifiesPath(info *types.Info, n ast.Node, e ast.Expr) bool {
	root, path, ok := fieldPath(info, e)
	if !ok {
		return modifies(info, n, rootVar(info, e))
	}
	return writes(info, n, func(lhs ast.Expr) bool {
		if r, p, ok := fieldPath(info, lhs); ok {
			return r == root && !diverge(p, path)
		}
		return rootVar(info, lhs) == root
	})
}

// fieldPath returns the variable whose storage e is part of and the
// fields selected directly from it, nearest the variable first: c and
// [cols] for c.cols[i].Name. It fails for a promoted field, whose
// selection hides the embedded fields it passes through.
func fieldPath(info *types.Info, e ast.Expr) (types.Object, []*types.Var, bool) {
	var path []*types.Var // outermost first
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			v, ok := info.Uses[x].(*types.Var)
			if !ok {
				return nil, nil, false
			}
			slices.Reverse(path)
			return v, path, true
		case *ast.SelectorExpr:
			sel, ok := info.Selections[x]
			if !ok {
				return nil, nil, false // a qualified identifier
			}
			f, isVar := sel.Obj().(*types.Var)
			if sel.Kind() != types.FieldVal || !isVar || len(sel.Index()) > 1 {
				return nil, nil, false
			}
			path = append(path, f)
			e = x.X
		case *ast.IndexExpr:
			path = nil // the fields after an index are not fields of the variable
			e = x.X
		case *ast.StarExpr:
			path = nil
			e = x.X
		default:
			return nil, nil, false
		}
	}
}

// diverge reports whether two field paths from one variable select
// different fields somewhere along their common length, so that neither
// storage contains the other.
func diverge(a, b []*types.Var) bool {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return true
		}
	}
	return false
}

func isNumber(t types.Type) bool {
	b := basic(t)
	return b != nil && b.Info()&types.IsNumeric != 0
}
