package mapeffects

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
)

// jobQueues holds the channel fields of the package's types that feed a
// worker pool: a channel of functions that code started as a goroutine
// in a loop (go p.worker() for each of n workers) receives from and
// calls. A function sent on one runs on one of several workers at once:
// to its sender it is a goroutine, and two sent in a loop run
// concurrently with each other. A channel drained by a single goroutine
// (an actor fed closures) is not one: its closures run one at a time.
type jobQueues map[*types.Var]bool

// FindJobQueues finds the channel fields whose received functions are
// called by goroutines started in a loop.
func (a *Analysis) FindJobQueues(ins *inspector.Inspector) jobQueues {
	var out jobQueues
	for cur := range ins.Root().Preorder((*ast.GoStmt)(nil)) {
		g := cur.Node().(*ast.GoStmt)
		if a.InnermostLoop(g.Pos()) == nil {
			continue // one worker: its jobs run one at a time
		}
		var body *ast.BlockStmt
		if lit, ok := ast.Unparen(g.Call.Fun).(*ast.FuncLit); ok {
			body = lit.Body
		} else if fn := a.StaticCallee(g.Call); fn != nil {
			if decl := a.Decls[fn.Origin()]; decl != nil {
				body = decl.Body
			}
		}
		if body == nil {
			continue
		}
		for _, field := range calledFromChannels(a.Info, body) {
			if out == nil {
				out = make(jobQueues)
			}
			out[field] = true
		}
	}
	return out
}

// calledFromChannels returns the func-channel fields that body receives
// functions from and calls them: for job := range p.jobs { job() }, or
// job := <-p.jobs; job().
func calledFromChannels(info *types.Info, body *ast.BlockStmt) []*types.Var {
	from := make(map[types.Object]*types.Var) // received variable -> channel field
	note := func(lhs ast.Expr, ch ast.Expr) {
		id, ok := lhs.(*ast.Ident)
		if !ok {
			return
		}
		sel, ok := ast.Unparen(ch).(*ast.SelectorExpr)
		if !ok {
			return
		}
		field := funcChanField(info, sel)
		if field == nil {
			return
		}
		if v := info.ObjectOf(id); v != nil {
			from[v] = field
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.RangeStmt:
			if n.Key != nil {
				note(n.Key, n.X)
			}
		case *ast.AssignStmt:
			if len(n.Rhs) == 1 && len(n.Lhs) >= 1 {
				if u, ok := ast.Unparen(n.Rhs[0]).(*ast.UnaryExpr); ok && u.Op.String() == "<-" {
					note(n.Lhs[0], u.X)
				}
			}
		}
		return true
	})
	if len(from) == 0 {
		return nil
	}
	var out []*types.Var
	ast.Inspect(body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
				if field := from[info.Uses[id]]; field != nil {
					out = append(out, field)
				}
			}
		}
		return true
	})
	return out
}

// funcChanField returns the field sel selects when it is a channel of
// functions.
func funcChanField(info *types.Info, sel *ast.SelectorExpr) *types.Var {
	v := selectedField(info, sel)
	if v == nil {
		return nil
	}
	ch, ok := v.Type().Underlying().(*types.Chan)
	if !ok {
		return nil
	}
	if _, isFunc := ch.Elem().Underlying().(*types.Signature); !isFunc {
		return nil
	}
	return v
}

// jobQueue returns the job queue field a send statement sends on, or nil.
func (a *Analysis) jobQueue(ch ast.Expr) *types.Var {
	sel, ok := ast.Unparen(ch).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	if field := funcChanField(a.Info, sel); field != nil && a.JobQueues[field] {
		return field
	}
	return nil
}

// interfaceImpl resolves a call of a method of an interface declared in
// this package to the method of its one implementation in the package
// (h.store.Put, where memStore is the package's only Store): what the
// call does is what that method does. With no implementation, or two, it
// returns nil.
func (a *Analysis) interfaceImpl(call *ast.CallExpr) *types.Func {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	selection, ok := a.Info.Selections[sel]
	if !ok || selection.Kind() != types.MethodVal {
		return nil
	}
	named, ok := types.Unalias(selection.Recv()).(*types.Named)
	if !ok || named.Obj().Pkg() != a.Pass.Pkg {
		return nil
	}
	iface, ok := named.Underlying().(*types.Interface)
	if !ok || named.TypeParams().Len() > 0 {
		return nil // (a generic interface's implementations are not searched)
	}
	impl, seen := a.impls[named.Obj()]
	if !seen {
		impl = a.soleImplementation(iface)
		if a.impls == nil {
			a.impls = make(map[*types.TypeName]types.Type)
		}
		a.impls[named.Obj()] = impl
	}
	if impl == nil {
		return nil
	}
	obj, _, _ := types.LookupFieldOrMethod(impl, true, a.Pass.Pkg, sel.Sel.Name)
	fn, _ := obj.(*types.Func)
	return fn
}

// soleImplementation returns the one type declared in this package (T or
// *T) that implements iface, or nil.
func (a *Analysis) soleImplementation(iface *types.Interface) types.Type {
	if iface.NumMethods() == 0 {
		return nil
	}
	var found types.Type
	scope := a.Pass.Pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		t := tn.Type()
		if types.IsInterface(t) {
			continue
		}
		if n, ok := t.(*types.Named); ok && n.TypeParams().Len() > 0 {
			// types.Implements is unspecified for uninstantiated
			// generic types: one that has the interface's methods may
			// implement it, and then which one runs is not known.
			if hasMethods(n, iface) {
				return nil
			}
			continue
		}
		var impl types.Type
		switch {
		case types.Implements(t, iface):
			impl = t
		case types.Implements(types.NewPointer(t), iface):
			impl = types.NewPointer(t)
		default:
			continue
		}
		if found != nil {
			return nil // two implementations: which one runs is not known
		}
		found = impl
	}
	return found
}

// hasMethods reports whether t or *t has methods named like all of
// iface's.
func hasMethods(t types.Type, iface *types.Interface) bool {
	for m := range iface.Methods() {
		if obj, _, _ := types.LookupFieldOrMethod(t, true, m.Pkg(), m.Name()); obj == nil {
			return false
		}
	}
	return true
}
