package mapeffects

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
)

// sharedFields finds the struct fields that hold one map for many
// values: every composite literal of the package that sets the field
// sets it to a map variable declared outside the loop the literal is in
// (seen := make(…); for … { workers = append(workers, &worker{seen:
// seen}) }), and at least one such literal is in a loop; no code assigns
// the field otherwise. The values made so, though each is a goroutine's
// own, share the map: w.seen is one map for every w.
func (a *Analysis) sharedFields(ins *inspector.Inspector) map[*types.Var]bool {
	shared := make(map[*types.Var]bool)
	disqualified := make(map[*types.Var]bool)
	for cur := range ins.Root().Preorder((*ast.CompositeLit)(nil)) {
		lit := cur.Node().(*ast.CompositeLit)
		if _, ok := Deref(a.Info.TypeOf(lit)).Underlying().(*types.Struct); !ok {
			continue
		}
		loop := enclosingLoop(cur)
		for _, elt := range lit.Elts {
			kv, ok := elt.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			key, ok := kv.Key.(*ast.Ident)
			if !ok {
				continue
			}
			f, ok := a.Info.Uses[key].(*types.Var)
			if !ok || !f.IsField() || !isMap(f.Type()) {
				continue
			}
			v := a.stableVar(kv.Value)
			switch {
			case v == nil || a.Keys.FieldAssignedInPackage(f.Name()):
				disqualified[f] = true // a map of its own, or one nobody can tell
			case loop == nil:
			case v.Pos() < loop.Pos() || v.Pos() >= loop.End():
				shared[f] = true
			default:
				disqualified[f] = true // made in the loop: one map per value
			}
		}
	}
	for f := range disqualified {
		delete(shared, f)
	}
	return shared
}

// stableVar returns the variable e names, when it keeps its value.
func (a *Analysis) stableVar(e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := a.Info.Uses[id].(*types.Var)
	if !ok || !a.Keys.Stable(v) {
		return nil
	}
	return v
}

// enclosingLoop returns the innermost for or range statement around cur
// within its function, or nil.
func enclosingLoop(cur inspector.Cursor) ast.Node {
	for c := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		switch n := c.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return n
		default:
			return nil
		}
	}
	return nil
}
