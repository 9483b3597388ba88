package mapeffects

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
)

// fieldFuncs maps a func-typed struct field of the package to the one
// method of the same value it is ever set to (s.run = s.loop), or to nil
// when it is set to anything else too: then a call of the field is not
// resolved.
type fieldFuncs map[*types.Var]*types.Func

// FindFieldFuncs records every assignment to a func-typed field.
func FindFieldFuncs(info *types.Info, ins *inspector.Inspector) fieldFuncs {
	var out fieldFuncs
	set := func(field *types.Var, fn *types.Func) {
		if out == nil {
			out = make(fieldFuncs)
		}
		if prev, seen := out[field]; seen && prev != fn {
			fn = nil // set to two things: unknown
		}
		out[field] = fn
	}
	for cur := range ins.Root().Preorder((*ast.AssignStmt)(nil), (*ast.KeyValueExpr)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr)
				if !ok {
					continue
				}
				field := funcField(info, sel)
				if field == nil {
					continue
				}
				var fn *types.Func
				if len(n.Rhs) == len(n.Lhs) {
					fn = selfMethod(info, sel.X, n.Rhs[i])
				}
				set(field, fn)
			}
		case *ast.KeyValueExpr:
			// Composite literals (T{run: f}) give the field a value whose
			// receiver is not the literal itself.
			if id, ok := n.Key.(*ast.Ident); ok {
				if v, ok := info.Uses[id].(*types.Var); ok && v.IsField() {
					if _, isFunc := v.Type().Underlying().(*types.Signature); isFunc {
						set(v, nil)
					}
				}
			}
		}
	}
	return out
}

// method returns the method a call of the field sel stands for, if it has
// one.
func (ff fieldFuncs) method(info *types.Info, sel *ast.SelectorExpr) *types.Func {
	if field := funcField(info, sel); field != nil {
		return ff[field]
	}
	return nil
}

// selectedField returns the field sel selects, or nil when sel selects
// no field (a method, a package member).
func selectedField(info *types.Info, sel *ast.SelectorExpr) *types.Var {
	selection, ok := info.Selections[sel]
	if !ok || selection.Kind() != types.FieldVal {
		return nil
	}
	v, _ := selection.Obj().(*types.Var)
	return v
}

// funcField returns the func-typed field sel selects, if it does.
func funcField(info *types.Info, sel *ast.SelectorExpr) *types.Var {
	v := selectedField(info, sel)
	if v == nil {
		return nil
	}
	if _, isFunc := v.Type().Underlying().(*types.Signature); !isFunc {
		return nil
	}
	return v
}

// selfMethod returns the method of rhs when rhs is a method value of the
// same value owner names (s.run = s.loop), else nil.
func selfMethod(info *types.Info, owner, rhs ast.Expr) *types.Func {
	sel, ok := ast.Unparen(rhs).(*ast.SelectorExpr)
	if !ok || types.ExprString(ast.Unparen(sel.X)) != types.ExprString(ast.Unparen(owner)) {
		return nil
	}
	selection, ok := info.Selections[sel]
	if !ok || selection.Kind() != types.MethodVal {
		return nil
	}
	fn, _ := selection.Obj().(*types.Func)
	if fn == nil || types.IsInterface(selection.Recv()) {
		return nil
	}
	return fn
}
