package mapeffects

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/cfg"
)

// A signal is a WaitGroup a goroutine calls Done on, or a channel it sends
// on or closes, named by the ref's key.
type Signal struct {
	key  string
	done bool // wg.Done (else a send or close)
}

// signals describes the signals of a goroutine literal's body.
type signals struct {
	// doneOn holds the WaitGroups the body calls Done on, deferred or
	// not, and those it mentions at all (passed to a helper that may call
	// Done); nil when it calls Done on a WaitGroup it cannot name.
	doneOn map[string]bool
	// after returns the signals the body may have sent before loc.
	after func(cfgLoc) []Signal
}

// bodySignals finds the signals of the goroutine body g (the CFG of lit).
func (a *Analysis) bodySignals(sc *Scope, lit *ast.FuncLit, g *cfg.CFG) signals {
	s := signals{doneOn: make(map[string]bool), after: func(cfgLoc) []Signal { return nil }}
	known := true
	// Every WaitGroup the literal mentions may be signalled, through a
	// helper or a deferred call.
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		e, ok := n.(ast.Expr)
		if !ok || !isWaitGroup(a.typeOf(e)) {
			return true
		}
		if r, ok := sc.RefOf(stripAddr(e)); ok && !DeclaredIn(sc, r, lit) {
			s.doneOn[r.Key()] = true
		} else if _, isIdent := ast.Unparen(e).(*ast.Ident); isIdent || !ok {
			known = false // a parameter or an expression: which WaitGroup is unknown
		}
		return true
	})
	if !known {
		s.doneOn = nil
	}
	if g == nil || len(g.Blocks) == 0 {
		return s
	}
	// A may-analysis of the signals sent before each node.
	in := make([][]Signal, len(g.Blocks))
	perNode := make([][][]Signal, len(g.Blocks)) // signals of each node
	for _, b := range g.Blocks {
		perNode[b.Index] = make([][]Signal, len(b.Nodes))
		for i, n := range b.Nodes {
			perNode[b.Index][i] = a.nodeSignals(sc, n)
		}
	}
	work := []int32{0}
	visited := make([]bool, len(g.Blocks))
	visited[0] = true
	for len(work) > 0 {
		b := g.Blocks[work[len(work)-1]]
		work = work[:len(work)-1]
		out := in[b.Index]
		for _, sigs := range perNode[b.Index] {
			out = addSignals(out, sigs)
		}
		for _, succ := range b.Succs {
			next := addSignals(in[succ.Index], out)
			if visited[succ.Index] && len(next) == len(in[succ.Index]) {
				continue
			}
			visited[succ.Index] = true
			in[succ.Index] = next
			work = append(work, succ.Index)
		}
	}
	s.after = func(loc cfgLoc) []Signal {
		if int(loc.block) >= len(in) {
			return nil
		}
		out := in[loc.block]
		for i := range min(int(loc.node), len(perNode[loc.block])) {
			out = addSignals(out, perNode[loc.block][i])
		}
		return out
	}
	return s
}

// nodeSignals returns the signals a CFG node sends: wg.Done() calls that
// are not deferred, sends, and close(ch).
func (a *Analysis) nodeSignals(sc *Scope, n ast.Node) []Signal {
	if _, ok := n.(*ast.DeferStmt); ok {
		return nil // runs when the goroutine returns: it covers everything
	}
	var out []Signal
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.SendStmt:
			if r, ok := sc.RefOf(n.Chan); ok {
				out = append(out, Signal{key: r.Key()})
			}
		case *ast.CallExpr:
			if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok && len(n.Args) == 1 {
				if b, ok := a.Info.Uses[id].(*types.Builtin); ok && b.Name() == "close" {
					if r, ok := sc.RefOf(n.Args[0]); ok {
						out = append(out, Signal{key: r.Key()})
					}
				}
				return true
			}
			if r, ok := a.syncCallRecv(sc, n, "WaitGroup", "Done"); ok {
				out = append(out, Signal{key: r.Key(), done: true})
			}
		}
		return true
	})
	return out
}

func addSignals(set, add []Signal) []Signal {
	for _, s := range add {
		if !slices.Contains(set, s) {
			set = append(slices.Clip(set), s)
		}
	}
	return set
}

// syncCallRecv returns the ref of x in x.Method() when Method is the named
// method of sync's (or an errgroup's) type typeName.
func (a *Analysis) syncCallRecv(sc *Scope, call *ast.CallExpr, typeName, method string) (Ref, bool) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != method {
		return Ref{}, false
	}
	selection, ok := a.Info.Selections[sel]
	if !ok || selection.Kind() != types.MethodVal {
		return Ref{}, false
	}
	fn, ok := selection.Obj().(*types.Func)
	if !ok || fn.Pkg() == nil {
		return Ref{}, false
	}
	recv := fn.Signature().Recv()
	if recv == nil {
		return Ref{}, false
	}
	named, ok := types.Unalias(Deref(recv.Type())).(*types.Named)
	if !ok || named.Obj().Name() != typeName || (fn.Pkg().Path() != "sync" && !isErrgroup(fn.Pkg().Path())) {
		return Ref{}, false
	}
	base, ok := sc.RefOf(sel.X)
	if !ok {
		return Ref{}, false
	}
	index := selection.Index()
	return base.Child(fieldPath(selection.Recv(), index[:len(index)-1])), true
}

// isWaitGroup reports whether t is sync.WaitGroup or a pointer to one.
func isWaitGroup(t types.Type) bool {
	if t == nil {
		return false
	}
	n, ok := types.Unalias(Deref(t)).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "sync" && n.Obj().Name() == "WaitGroup"
}

// stripAddr removes a leading & from e.
func stripAddr(e ast.Expr) ast.Expr {
	if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.AND {
		return u.X
	}
	return e
}

// DeclaredIn reports whether r is rooted at a variable declared inside lit
// (one of its parameters or locals).
func DeclaredIn(sc *Scope, r Ref, lit *ast.FuncLit) bool {
	if !r.IsLocal() {
		return false
	}
	v := sc.LocalVar(r.Root)
	return v == nil || (lit.Pos() <= v.Pos() && v.Pos() < lit.End())
}

// JoinedAccesses returns the accesses a body makes after it has waited
// for goroutines (wg.Wait, or a receive) on every path: a Stop that closes
// the quit channel, waits for the loop to end, then clears its maps. No
// goroutine the body waited for runs concurrently with them.
func JoinedAccesses(res *BodyResult) map[*Access]bool {
	g := res.g
	if g == nil || len(g.Blocks) == 0 || len(res.joins) == 0 {
		return nil
	}
	n := len(g.Blocks)
	firstJoin := make([]int, n) // the first join node of each block, or its length
	for _, b := range g.Blocks {
		firstJoin[b.Index] = len(b.Nodes)
		for i := range b.Nodes {
			if len(res.joins[cfgLoc{b.Index, int32(i)}]) > 0 {
				firstJoin[b.Index] = i
				break
			}
		}
	}
	preds := predecessors(g)
	// A must-analysis: joined on entry to a block when joined at the end
	// of every predecessor. Start from "joined" everywhere but the entry
	// and lower to the fixed point.
	in := make([]bool, n)
	for i := 1; i < n; i++ {
		in[i] = true
	}
	out := func(b int) bool { return in[b] || firstJoin[b] < len(g.Blocks[b].Nodes) }
	for changed := true; changed; {
		changed = false
		for b := 1; b < n; b++ {
			v := len(preds[b]) > 0
			for _, p := range preds[b] {
				v = v && out(int(p))
			}
			if v != in[b] {
				in[b], changed = v, true
			}
		}
	}
	var joined map[*Access]bool
	for i := range res.Accesses {
		acc := &res.Accesses[i]
		b := int(acc.Loc.block)
		if in[b] || firstJoin[b] < int(acc.Loc.node) {
			if joined == nil {
				joined = make(map[*Access]bool)
			}
			joined[acc] = true
		}
	}
	return joined
}
