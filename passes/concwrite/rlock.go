package concwrite

import (
	"go/ast"

	"golang.org/x/tools/go/analysis"
)

// checkReadLocked reports a write of a shared map made while the mutex
// that guards it is held only for reading: every other reader holds the
// same read lock at the same time, so the write races with them.
func (a *analyzer) checkReadLocked(st *declResult, acc *access) {
	if acc.ref.isLocal() {
		return
	}
	guards := func(h heldLock) bool {
		return h.Lock.Root == acc.ref.Root || (len(h.Lock.Root) > 2 && h.Lock.Root[:2] == "g:")
	}
	var rlock *heldLock
	for _, h := range acc.held {
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
	if rlock == nil || a.reported[acc.pos] {
		return
	}
	a.reported[acc.pos] = true
	name := lockName(a, acc, rlock.Lock)
	if name == "" {
		name = "the mutex"
	}
	here := acc.name() + " written here"
	if acc.via != "" {
		here = acc.name() + " written by " + acc.via + " here"
	}
	diag := analysis.Diagnostic{
		Pos: acc.pos,
		Message: "map write under read lock: " + here + " while only " + name + ".RLock is held; " +
			"readers holding the read lock run at the same time, so this write races with them; use " + name + ".Lock",
	}
	if acc.via == "" {
		if edits := a.upgradeEdits(st, rlock.Lock); edits != nil {
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
func (a *analyzer) upgradeEdits(st *declResult, lock ref) []analysis.TextEdit {
	if st == nil || st.decl == nil || st.decl.Body == nil {
		return nil
	}
	var rlocks, runlocks []*ast.SelectorExpr
	ok := true
	ast.Inspect(st.decl.Body, func(n ast.Node) bool {
		call, isCall := n.(*ast.CallExpr)
		if !isCall || !ok {
			return ok
		}
		op, mu, path := lockCall(a.info, call)
		if op == noLockOp {
			if fn := a.staticCallee(call); fn != nil {
				if sum := a.summaryOf(fn); sum != nil && len(sum.Acquires)+len(sum.Accesses) > 0 && locksAny(sum) {
					ok = false
				}
			}
			return true
		}
		r, isRef := st.sc.refOf(mu)
		if !isRef || r.child(path) != lock {
			return true
		}
		sel := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		switch op {
		case opRLock:
			rlocks = append(rlocks, sel)
		case opRUnlock:
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
func locksAny(sum *Summary) bool {
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
