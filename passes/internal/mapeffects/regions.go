package mapeffects

import (
	"go/token"
	"math"
	"slices"

	"golang.org/x/tools/go/cfg"
)

// Region returns which nodes of the starter can run while the goroutine
// gs runs, and whether gs itself can be reached again (and so race with
// itself).
//
// A join ends the region for the goroutine's accesses made before the
// signal it waits for: a Wait on a WaitGroup the goroutine calls Done on
// (or whose Go started it), or a receive from a channel it sends on or
// closes; released lists the signals sent before the accesses in question.
func (a *Analysis) Region(res *BodyResult, gs *GoSite, released []Signal) (in func(cfgLoc) bool, again bool) {
	g := res.g
	if g == nil {
		return func(cfgLoc) bool { return false }, false
	}
	from := make([]int, len(g.Blocks))
	for i := range from {
		from[i] = math.MaxInt
	}
	isJoin := func(loc cfgLoc) bool { return joinsAt(res.joins[loc], gs, released) }
	cut := func(b int) int {
		n := len(g.Blocks[b].Nodes)
		for i := from[b]; i < n; i++ {
			if isJoin(cfgLoc{int32(b), int32(i)}) {
				return i
			}
		}
		return n
	}
	var work []int
	visit := func(b, start int) {
		if start < from[b] {
			from[b] = start
			work = append(work, b)
		}
	}
	visit(int(gs.Loc.block), int(gs.Loc.node)+1)
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		if cut(b) < len(g.Blocks[b].Nodes) {
			continue
		}
		for _, s := range g.Blocks[b].Succs {
			visit(int(s.Index), 0)
		}
	}
	cuts := make([]int, len(g.Blocks))
	for b := range cuts {
		if from[b] != math.MaxInt {
			cuts[b] = cut(b)
		}
	}
	in = func(loc cfgLoc) bool {
		b := int(loc.block)
		return from[b] <= int(loc.node) && int(loc.node) < cuts[b]
	}
	return in, in(gs.Loc)
}

// joinsAt reports whether one of the joins js at a node ends the overlap
// with the goroutine gs, for its accesses made after the signals released.
func joinsAt(js []join, gs *GoSite, released []Signal) bool {
	if gs.Callee != "" && len(js) > 0 {
		return true
	}
	for _, j := range js {
		if j.wait && gs.waited && waitCovers(j.group, gs.doneOn, released) {
			return true
		}
		if j.recv != "" && gs.sends[j.recv] && !slices.Contains(released, Signal{key: j.recv}) {
			return true
		}
	}
	return false
}

// markOutliving sets outlives on each goroutine res starts: whether some
// path from its start reaches the end of the body with no join that waits
// for it. Goroutines that the same joins end share one backward pass over
// the CFG, so that a body with thousands of go statements stays linear.
func markOutliving(res *BodyResult) {
	g := res.g
	if g == nil || len(res.GoSites) == 0 {
		return
	}
	locs := make([]cfgLoc, 0, len(res.joins))
	for loc := range res.joins {
		locs = append(locs, loc)
	}
	slices.SortFunc(locs, func(x, y cfgLoc) int {
		if x.block != y.block {
			return int(x.block - y.block)
		}
		return int(x.node - y.node)
	})
	var preds [][]int32
	passes := make(map[string][]bool)
	for _, gs := range res.GoSites {
		if gs.JoinedByCall {
			gs.Outlives = false
			continue
		}
		key := make([]byte, len(locs))
		var cuts []cfgLoc
		for i, loc := range locs {
			key[i] = '0'
			if joinsAt(res.joins[loc], gs, nil) {
				key[i] = '1'
				cuts = append(cuts, loc)
			}
		}
		reach, ok := passes[string(key)]
		if !ok {
			if preds == nil {
				preds = predecessors(g)
			}
			reach = reachEnd(g, preds, cuts)
			passes[string(key)] = reach
		}
		b := g.Blocks[gs.Loc.block]
		cutAfter := slices.ContainsFunc(cuts, func(c cfgLoc) bool { return c.block == b.Index && c.node > gs.Loc.node })
		gs.Outlives = !cutAfter && (len(b.Succs) == 0 || slices.ContainsFunc(b.Succs, func(s *cfg.Block) bool { return reach[s.Index] }))
	}
}

// predecessors returns, per block of g, the blocks that lead to it.
func predecessors(g *cfg.CFG) [][]int32 {
	preds := make([][]int32, len(g.Blocks))
	for _, b := range g.Blocks {
		for _, s := range b.Succs {
			preds[s.Index] = append(preds[s.Index], b.Index)
		}
	}
	return preds
}

// reachEnd returns, per block, whether a path entering it reaches the end
// of the body without passing one of the cuts.
func reachEnd(g *cfg.CFG, preds [][]int32, cuts []cfgLoc) []bool {
	cut := make([]bool, len(g.Blocks))
	for _, c := range cuts {
		cut[c.block] = true
	}
	reach := make([]bool, len(g.Blocks))
	var work []int32
	for _, b := range g.Blocks {
		if len(b.Succs) == 0 && !cut[b.Index] {
			reach[b.Index] = true
			work = append(work, b.Index)
		}
	}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		for _, p := range preds[b] {
			if !reach[p] && !cut[p] {
				reach[p] = true
				work = append(work, p)
			}
		}
	}
	return reach
}

// waitCovers reports whether a Wait on group (its key, or "" when a helper
// waits on groups it does not name) waits for a goroutine that calls Done
// on the groups in doneOn (nil when unknown) and, before the accesses in
// question, sent the signals released.
func waitCovers(group string, doneOn map[string]bool, released []Signal) bool {
	for _, s := range released {
		if s.done && (group == "" || s.key == group) {
			return false // it called Done before them: the Wait may return first
		}
	}
	if group == "" || doneOn == nil {
		return true
	}
	return doneOn[group]
}

// A start is the statement that makes code run concurrently with an
// access: a go statement, a timer, a handler registration, or the
// declaration of a method that callers may run concurrently. Reports
// point to it as related information.
type Start struct {
	Pos  token.Pos
	What string // "the goroutine is started here"
}
