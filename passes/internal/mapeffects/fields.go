package mapeffects

import (
	"go/ast"
	"go/token"
	"go/types"
)

// literalFields finds, in decl, the fields of local struct values set
// in the composite literal that makes the value, j := &Job{Labels:
// labels}, to a map, pointer or channel that the function names
// otherwise: the field and that name are one object, reached by two
// paths (the goroutine started with j writes j.Labels, which is the
// caller's labels). The variable must keep its value, the field must
// not be assigned anywhere in decl, and the value must be a variable
// that keeps its value too, or a path from one.
func (a *Analysis) literalFields(sc *Scope, decl *ast.FuncDecl) map[Ref]Ref {
	var fields map[Ref]Ref
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || as.Tok != token.DEFINE || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
			return true
		}
		id, ok := as.Lhs[0].(*ast.Ident)
		if !ok {
			return true
		}
		v, ok := a.Info.Defs[id].(*types.Var)
		if !ok || !a.Keys.Stable(v) {
			return true
		}
		lit := compositeLit(as.Rhs[0])
		if lit == nil {
			return true
		}
		st, ok := Deref(a.Info.TypeOf(lit)).Underlying().(*types.Struct)
		if !ok {
			return true
		}
		for _, elt := range lit.Elts {
			kv, ok := elt.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			key, ok := kv.Key.(*ast.Ident)
			if !ok || !isReference(a.Info.TypeOf(kv.Key)) || a.Keys.FieldAssigned(decl, key.Name) || !a.keepsValue(kv.Value) {
				continue
			}
			if f, ok := a.Info.Uses[key].(*types.Var); !ok || !f.IsField() || !hasField(st, f) {
				continue
			}
			to, ok := sc.RefOf(kv.Value)
			if !ok {
				continue
			}
			if fields == nil {
				fields = make(map[Ref]Ref)
			}
			fields[Ref{Root: sc.varRoot(v), Path: key.Name}] = to
		}
		return true
	})
	return fields
}

// compositeLit returns the literal of T{…} or &T{…}.
func compositeLit(e ast.Expr) *ast.CompositeLit {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	lit, _ := e.(*ast.CompositeLit)
	return lit
}

// isReference reports whether a value of type t refers to what it
// holds, so that a copy of it holds the same thing: a map, a pointer or
// a channel. (A struct copied into a field is another struct, with
// mutexes of its own.)
func isReference(t types.Type) bool {
	if t == nil {
		return false
	}
	switch t.Underlying().(type) {
	case *types.Map, *types.Pointer, *types.Chan:
		return true
	}
	return false
}

// keepsValue reports whether e is a variable that is never assigned after
// its declaration, or a path of field selections from one.
func (a *Analysis) keepsValue(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return a.stableVar(e) != nil
	case *ast.SelectorExpr:
		if sel, ok := a.Info.Selections[e]; ok && sel.Kind() == types.FieldVal {
			return a.keepsValue(e.X)
		}
	}
	return false
}

func hasField(st *types.Struct, f *types.Var) bool {
	for i := range st.NumFields() {
		if st.Field(i) == f {
			return true
		}
	}
	return false
}
