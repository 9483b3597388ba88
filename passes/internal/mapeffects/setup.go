package mapeffects

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
func (a *Analysis) markInstalled(sc *Scope, body *ast.BlockStmt, res *BodyResult) {
	if body == nil || len(res.GoSites) > 0 || len(res.Accesses) == 0 {
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
				if r, ok := sc.RefOf(lhs); ok {
					assigned[r.Key()] = append(assigned[r.Key()], n.Pos())
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
		if r, ok := sc.RefOf(as.Lhs[0]); ok && !r.IsLocal() {
			stores[r.Key()] = append(stores[r.Key()], store{as.Pos(), as.End()})
		}
	}
	if len(stores) == 0 {
		return
	}
	between := func(ps []token.Pos, from, to token.Pos) bool {
		return slices.ContainsFunc(ps, func(p token.Pos) bool { return from < p && p <= to })
	}
	for i := range res.Accesses {
		acc := &res.Accesses[i]
		k := acc.Ref.Key()
		var last *store
		for i, st := range stores[k] {
			if st.end < acc.Pos {
				last = &stores[k][i]
			}
		}
		acc.Installed = last != nil &&
			!between(assigned[k], last.pos, acc.Pos-1) && // no other store since
			!between(published, last.end, acc.Pos)
	}
}

// publishes reports whether a call may hand a value to another goroutine
// or order it before another goroutine's code: close, a mutex unlock,
// wg.Done, or a call whose summary sends, closes, unlocks or calls Done.
// (Atomic stores are not counted: the code they order is what loads them
// and then reaches the map, which this package does not follow.)
func (a *Analysis) publishes(call *ast.CallExpr) bool {
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := a.Info.Uses[id].(*types.Builtin); ok {
			return b.Name() == "close"
		}
	}
	if op, _, _ := LockCall(a.Info, call); op == opUnlock || op == OpRUnlock {
		return true
	}
	fn := a.StaticCallee(call)
	if fn == nil {
		return false
	}
	if fn.Pkg() != nil && fn.Pkg().Path() == "sync" && fn.Name() == "Done" {
		return true
	}
	sum := a.SummaryOf(fn)
	return sum != nil && (len(sum.Sends) > 0 || len(sum.Releases) > 0 || len(sum.Dones) > 0)
}

func RecvVar(info *types.Info, decl *ast.FuncDecl) types.Object {
	if decl.Recv == nil || len(decl.Recv.List) != 1 || len(decl.Recv.List[0].Names) != 1 {
		return nil
	}
	return info.Defs[decl.Recv.List[0].Names[0]]
}
