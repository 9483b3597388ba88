package concwrite

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
)

// markInstalled marks the accesses a function makes of a map field it
// has itself just stored, before anything publishes the value: after
// `w.State = make(…)` (or any map) as a statement of the body's own list,
// so that it runs before everything after it, the accesses of w.State up
// to the next assignment of the field, and up to the first send, close,
// unlock or wg.Done (or a call that makes one), touch the map the
// function has just installed. Another goroutine could reach it through
// the field only by loading the field while it is being stored.
//
// When such a function is a method callers call (or what one calls), it
// is building its value: decoders and converters fill a value nobody has
// yet (go-ethereum's Witness.FromExtWitness, called by DecodeRLP),
// whatever they are named, and code installs a map it then describes
// before handing it on (grpc's ext_proc initiateResponseTrailerProcessing:
// cs.responseTrailers = …Trailer(), then a request built from it is sent
// to the goroutine that later mutates it). compareEntries leaves those
// accesses out. When it runs in a goroutine (or a handler), the same code
// is the refresher race: readers load the new map while it is filled;
// those are kept.
//
// A function that starts goroutines is left alone: the map may be handed
// to one of them before it is filled.
func (a *analyzer) markInstalled(sc *scope, body *ast.BlockStmt, res *bodyResult) {
	if body == nil || len(res.goSites) > 0 || len(res.accesses) == 0 {
		return
	}
	assigned := make(map[string][]token.Pos) // ref key -> where it is assigned
	var published []token.Pos                // where the value may be handed on
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				if _, isSel := ast.Unparen(lhs).(*ast.SelectorExpr); !isSel {
					continue
				}
				if r, ok := sc.refOf(lhs); ok {
					assigned[r.key()] = append(assigned[r.key()], n.Pos())
				}
			}
		case *ast.SendStmt:
			published = append(published, n.End())
		case *ast.CallExpr:
			if a.publishes(n) {
				published = append(published, n.End())
			}
		}
		return true
	})
	type store struct{ pos, end token.Pos }
	stores := make(map[string][]store) // in source order
	for _, stmt := range body.List {
		as, ok := stmt.(*ast.AssignStmt)
		if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
			continue
		}
		if _, isSel := ast.Unparen(as.Lhs[0]).(*ast.SelectorExpr); !isSel || !isMap(a.typeOf(as.Lhs[0])) {
			continue
		}
		if r, ok := sc.refOf(as.Lhs[0]); ok && !r.isLocal() {
			stores[r.key()] = append(stores[r.key()], store{as.Pos(), as.End()})
		}
	}
	if len(stores) == 0 {
		return
	}
	between := func(ps []token.Pos, from, to token.Pos) bool {
		return slices.ContainsFunc(ps, func(p token.Pos) bool { return from < p && p <= to })
	}
	for i := range res.accesses {
		acc := &res.accesses[i]
		k := acc.ref.key()
		var last *store
		for i, st := range stores[k] {
			if st.end < acc.pos {
				last = &stores[k][i]
			}
		}
		acc.installed = last != nil &&
			!between(assigned[k], last.pos, acc.pos-1) && // no other store since
			!between(published, last.end, acc.pos)
	}
}

// publishes reports whether a call may hand a value to another goroutine
// or order it before another goroutine's code: close, a mutex unlock,
// wg.Done, or a call whose summary sends, closes, unlocks or calls Done.
// (Atomic stores are not counted: the code they order is what loads them
// and then reaches the map, which this package does not follow.)
func (a *analyzer) publishes(call *ast.CallExpr) bool {
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := a.info.Uses[id].(*types.Builtin); ok {
			return b.Name() == "close"
		}
	}
	if op, _, _ := lockCall(a.info, call); op == opUnlock || op == opRUnlock {
		return true
	}
	fn := a.staticCallee(call)
	if fn == nil {
		return false
	}
	if fn.Pkg() != nil && fn.Pkg().Path() == "sync" && fn.Name() == "Done" {
		return true
	}
	sum := a.summaryOf(fn)
	return sum != nil && (len(sum.Sends) > 0 || len(sum.Releases) > 0 || len(sum.Dones) > 0)
}

// fieldWriters counts, per field of a type's receiver (by name), the
// methods that assign it directly (c.f = …).
func (a *analyzer) fieldWriters(methods []*declResult) map[string]int {
	out := make(map[string]int)
	for _, st := range methods {
		for f := range a.recvStores(st.decl, nil) {
			out[f]++
		}
	}
	return out
}

// recvStores returns the fields of its receiver a method assigns
// directly (c.f = …); with params set, only those assigned one of the
// method's parameters (c.f = p).
func (a *analyzer) recvStores(decl *ast.FuncDecl, params map[*types.Var]bool) map[string]bool {
	recv := recvVar(a.info, decl)
	if recv == nil {
		return nil
	}
	out := make(map[string]bool)
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || as.Tok != token.ASSIGN {
			return true
		}
		for i, lhs := range as.Lhs {
			sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr)
			if !ok {
				continue
			}
			if id, ok := ast.Unparen(sel.X).(*ast.Ident); !ok || a.info.Uses[id] != recv {
				continue
			}
			if params != nil {
				if len(as.Rhs) != len(as.Lhs) {
					continue
				}
				id, ok := ast.Unparen(as.Rhs[i]).(*ast.Ident)
				if !ok {
					continue
				}
				if v, ok := a.info.Uses[id].(*types.Var); !ok || !params[v] {
					continue
				}
			}
			out[sel.Sel.Name] = true
		}
		return true
	})
	return out
}

func recvVar(info *types.Info, decl *ast.FuncDecl) types.Object {
	if decl.Recv == nil || len(decl.Recv.List) != 1 || len(decl.Recv.List[0].Names) != 1 {
		return nil
	}
	return info.Defs[decl.Recv.List[0].Names[0]]
}

// configures reports whether a method is a setter that configures its
// value before the value is shared: it stores one of its parameters in a
// field of its receiver that no other method of the type assigns and that
// the struct declares above its mutex, outside what the mutex guards
// (SetID(id) { c.localID = id; … }), and takes no lock. In a type whose
// code locks its maps, that unlocked store would itself race with every
// read of the field if callers could call the method while the value is
// in concurrent use; the field is configuration, set once, before (etcd's
// RaftCluster.SetID, called at bootstrap on a cluster nobody else has
// yet). Locks of other values (a metrics registry's) do not count.
// writers counts the methods that assign each field.
func (a *analyzer) configures(st *declResult, writers map[string]int) bool {
	if st.decl.Body == nil || st.fn.Signature().Params().Len() == 0 {
		return false
	}
	for _, acc := range st.res.accesses {
		for _, h := range acc.held {
			if h.Lock.Root == "recv" {
				return false // its callees lock the value
			}
		}
	}
	locks := false
	ast.Inspect(st.decl.Body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if op, _, _ := lockCall(a.info, call); op != noLockOp {
				locks = true
			}
		}
		return !locks
	})
	if locks {
		return false
	}
	params := make(map[*types.Var]bool)
	for p := range st.fn.Signature().Params().Variables() {
		params[p] = true
	}
	recvType := st.fn.Signature().Recv().Type()
	for f := range a.recvStores(st.decl, params) {
		if writers[f] == 1 && declaredAboveMutex(recvType, f) {
			return true
		}
	}
	return false
}

// declaredAboveMutex reports whether the struct t (or *t) declares the
// field named f before a mutex field: by the convention that a mutex
// guards the fields after it ("sync.Mutex // guards the fields below"),
// f is not guarded, but set up before the value is in use.
func declaredAboveMutex(t types.Type, f string) bool {
	st, ok := deref(t).Underlying().(*types.Struct)
	if !ok {
		return false
	}
	seen := false
	for field := range st.Fields() {
		switch {
		case field.Name() == f:
			seen = true
		case seen && (isMutexType(field.Type()) || isMutexType(deref(field.Type()))):
			return true
		}
	}
	return false
}
