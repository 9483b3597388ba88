package concwrite

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/maplint/maplint/passes/internal/mapeffects"
)

// A readLockedWrite is a write of a shared map made while the mutex that
// guards it is held only for reading (RLock).
type readLockedWrite struct {
	st    *mapeffects.DeclResult // nil in an HTTP handler literal
	acc   *mapeffects.Access
	rlock mapeffects.HeldLock
}

// checkReadLocked notes a write of a shared map made while the mutex that
// guards it is held only for reading, for reportReadLocked to judge once
// every function is analyzed.
func (a *checker) checkReadLocked(st *mapeffects.DeclResult, acc *mapeffects.Access) {
	if acc.Ref.IsLocal() || acc.Foreign {
		return // a field of another package's type is guarded there
	}
	guards := func(h mapeffects.HeldLock) bool {
		return h.Lock.Root == acc.Ref.Root || (len(h.Lock.Root) > 2 && h.Lock.Root[:2] == "g:")
	}
	var rlock *mapeffects.HeldLock
	for _, h := range acc.Held {
		if !guards(h) {
			continue
		}
		if !h.Read {
			return // held for writing, at least on some path: fine
		}
		if rlock == nil && !h.Maybe {
			rlock = &h
		}
	}
	if rlock != nil {
		a.readLocked = append(a.readLocked, readLockedWrite{st, acc, *rlock})
	}
}

// reportReadLocked reports the writes under a read lock that race: with
// another access of the map made under the same read lock elsewhere (a
// reader the read lock lets in at the same time), or with themselves, in
// code that callers or servers run concurrently. A write under RLock that
// only one goroutine ever makes, where every other access takes the write
// lock (etcd's lessor loop), excludes everything it must.
func (a *checker) reportReadLocked() {
	if len(a.readLocked) == 0 {
		return
	}
	// The other accesses, by receiver type (for receiver-rooted maps) or
	// for the package (package-level ones).
	byType := make(map[*types.TypeName][]ownedAccess)
	var globals []ownedAccess
	for _, st := range a.state {
		if st == nil {
			continue
		}
		var tn *types.TypeName
		if recv := st.Fn.Signature().Recv(); recv != nil {
			if n, ok := types.Unalias(mapeffects.Deref(recv.Type())).(*types.Named); ok {
				tn = n.Obj()
			}
		}
		add := func(acc *mapeffects.Access) {
			switch {
			case acc.Ref.Root == "recv" && tn != nil:
				byType[tn] = append(byType[tn], ownedAccess{acc, st.Fn})
			case strings.HasPrefix(acc.Ref.Root, "g:"):
				globals = append(globals, ownedAccess{acc, st.Fn})
			}
		}
		for i := range st.Res.Accesses {
			add(&st.Res.Accesses[i])
		}
		for _, gs := range st.Res.GoSites {
			for i := range gs.Body {
				add(&gs.Body[i])
			}
		}
	}
	graph := a.callGraph()
	for _, w := range a.readLocked {
		var others []ownedAccess
		switch {
		case w.acc.Ref.Root == "recv" && w.st != nil:
			if n, ok := types.Unalias(mapeffects.Deref(w.st.Fn.Signature().Recv().Type())).(*types.Named); ok {
				others = byType[n.Obj()]
			}
		case strings.HasPrefix(w.acc.Ref.Root, "g:"):
			others = globals
		default:
			a.reportReadLockedWrite(w) // a parameter's map: its callers decide, report as before
			continue
		}
		if w.st == nil || a.concurrentWithItself(w.st) || !a.runsAlone(graph, w.st.Fn) || hasReader(w, others, graph.chain(w.st.Fn)) {
			a.reportReadLockedWrite(w)
		}
	}
}

// concurrentWithItself reports whether callers or servers may run the
// function st concurrently with itself: an exported method or function
// (unless documented or named as running before the value is shared), or
// a handler (st nil).
func (a *checker) concurrentWithItself(st *mapeffects.DeclResult) bool {
	if st == nil {
		return true
	}
	return (st.Fn.Exported() && !mapeffects.Sequenced(st.Decl) && !mapeffects.HeldOnEntry(st.Decl)) || mapeffects.IsHandlerMethod(st.Fn)
}

// An ownedAccess is an access and the function whose analysis found it.
type ownedAccess struct {
	*mapeffects.Access
	fn *types.Func
}

// hasReader reports whether another access of the map holds the same
// mutex for reading: it may run at the same time as the write. Accesses
// in the write's own call chain (its callers and callees: the same
// goroutine, one after the other) do not count.
func hasReader(w readLockedWrite, others []ownedAccess, chain map[*types.Func]bool) bool {
	at := w.acc.ReportPos()
	for _, o := range others {
		if o.Ref.Key() != w.acc.Ref.Key() || o.ReportPos() == at || chain[o.fn] {
			continue
		}
		if h, ok := o.Held.Find(w.rlock.Lock); ok && h.Read {
			return true
		}
	}
	return false
}

// runsAlone reports whether fn runs in one goroutine only: every chain of
// calls that reaches it starts in a method started as a goroutine once,
// by one go statement outside any loop (etcd's lessor runLoop). Then two
// runs of fn never overlap.
func (a *checker) runsAlone(g *callGraph, fn *types.Func) bool {
	seen := map[*types.Func]bool{fn: true}
	work := []*types.Func{fn}
	for len(work) > 0 {
		f := work[len(work)-1]
		work = work[:len(work)-1]
		callers := g.callers[f]
		if len(callers) == 0 {
			// A root: it must be a goroutine started exactly once.
			sites := a.GoMethods[f]
			if len(sites) != 1 || a.InnermostLoop(sites[0]) != nil || f.Exported() {
				return false
			}
			continue
		}
		for _, c := range callers {
			if !seen[c] {
				seen[c] = true
				work = append(work, c)
			}
		}
	}
	return true
}

// A callGraph holds the package's static method calls, both ways.
type callGraph struct {
	callees, callers map[*types.Func][]*types.Func
}

func (a *checker) callGraph() *callGraph {
	g := &callGraph{callees: make(map[*types.Func][]*types.Func), callers: make(map[*types.Func][]*types.Func)}
	for fn, st := range a.state {
		if st == nil {
			continue
		}
		for _, c := range st.Res.Calls {
			g.callees[fn] = append(g.callees[fn], c.Callee)
			g.callers[c.Callee] = append(g.callers[c.Callee], fn)
		}
	}
	return g
}

// chain returns fn with everything that calls it or that it calls,
// transitively.
func (g *callGraph) chain(fn *types.Func) map[*types.Func]bool {
	seen := map[*types.Func]bool{fn: true}
	for _, edges := range []map[*types.Func][]*types.Func{g.callers, g.callees} {
		work := []*types.Func{fn}
		for len(work) > 0 {
			f := work[len(work)-1]
			work = work[:len(work)-1]
			for _, next := range edges[f] {
				if !seen[next] {
					seen[next] = true
					work = append(work, next)
				}
			}
		}
	}
	return seen
}

func (a *checker) reportReadLockedWrite(w readLockedWrite) {
	acc, st := w.acc, w.st
	at := acc.ReportPos()
	if a.reported[at] {
		return
	}
	a.reported[at] = true
	name := lockName(a, acc, w.rlock.Lock)
	if name == "" {
		name = "the mutex"
	}
	name = renameRoot(name, acc.Name(), acc.ReportedName())
	here := acc.ReportedName() + " written here"
	var related []analysis.RelatedInformation
	if at != acc.Pos && acc.Pos.IsValid() {
		related = append(related, analysis.RelatedInformation{Pos: acc.Pos, Message: "reached through the call of " + acc.Via + " here, with " + name + ".RLock held"})
	}
	diag := analysis.Diagnostic{
		Pos: at,
		Message: "map write under read lock: " + here + " while only " + name + ".RLock is held; " +
			"readers holding the read lock run at the same time, so this write races with them; use " + name + ".Lock",
		Related: related,
	}
	if acc.Via == "" && st != nil {
		if edits := a.upgradeEdits(st, w.rlock.Lock); edits != nil {
			diag.SuggestedFixes = []analysis.SuggestedFix{{
				Message:   "Use " + name + ".Lock and " + name + ".Unlock",
				TextEdits: edits,
			}}
		}
	}
	a.pass.Report(diag)
}

// upgradeEdits turns the function's RLock/RUnlock of lock into
// Lock/Unlock, when that is mechanical: the function read-locks it exactly
// once, unlocks it only with RUnlock, never write-locks it, and calls
// nothing known to lock it again (which would then deadlock).
func (a *checker) upgradeEdits(st *mapeffects.DeclResult, lock mapeffects.Ref) []analysis.TextEdit {
	if st == nil || st.Decl == nil || st.Decl.Body == nil {
		return nil
	}
	var rlocks, runlocks []*ast.SelectorExpr
	ok := true
	ast.Inspect(st.Decl.Body, func(n ast.Node) bool {
		call, isCall := n.(*ast.CallExpr)
		if !isCall || !ok {
			return ok
		}
		op, mu, path := mapeffects.LockCall(a.Info, call)
		if op == mapeffects.NoLockOp {
			if fn := a.StaticCallee(call); fn != nil {
				if sum := a.SummaryOf(fn); sum != nil && len(sum.Acquires)+len(sum.Accesses) > 0 && locksAny(sum) {
					ok = false
				}
			}
			return true
		}
		r, isRef := st.Scope.RefOf(mu)
		if !isRef || r.Child(path) != lock {
			return true
		}
		sel := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		switch op {
		case mapeffects.OpRLock:
			rlocks = append(rlocks, sel)
		case mapeffects.OpRUnlock:
			runlocks = append(runlocks, sel)
		default:
			ok = false
		}
		return true
	})
	if !ok || len(rlocks) != 1 || len(runlocks) == 0 {
		return nil
	}
	edits := []analysis.TextEdit{{Pos: rlocks[0].Sel.Pos(), End: rlocks[0].Sel.End(), NewText: []byte("Lock")}}
	for _, sel := range runlocks {
		edits = append(edits, analysis.TextEdit{Pos: sel.Sel.Pos(), End: sel.Sel.End(), NewText: []byte("Unlock")})
	}
	return edits
}

// locksAny reports whether a callee takes any mutex its caller can see.
func locksAny(sum *mapeffects.Summary) bool {
	if len(sum.Acquires) > 0 {
		return true
	}
	for _, sa := range sum.Accesses {
		if len(sa.Held) > 0 {
			return true
		}
	}
	return false
}
