package concwrite

import (
	"fmt"
	"go/ast"
	"go/token"
	"math"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/cfg"
)

// checkRegions compares each goroutine a body starts with the code that
// runs concurrently with it: the starter's own code from the go statement
// on, up to a join (wg.Wait, a receive from a channel the goroutine sends
// on or closes); goroutines started in that stretch; and, when the go
// statement can run again before a join (a loop), the goroutine itself.
func (a *analyzer) checkRegions(sc *scope, res *bodyResult) {
	guards := commonGuards(res)
	for _, gs := range res.goSites {
		if len(gs.body) == 0 || a.allGuarded(sc, gs, guards) {
			continue
		}
		if gs.joinedByCall {
			if gs.repeats {
				a.checkSelf(sc, gs) // its copies still race with each other
			}
			continue
		}
		// Accesses made after different signals of the goroutine are
		// covered by different joins: one region each.
		type group struct {
			released []signal
			byKey    map[string][]*access
		}
		var groups []*group
		for i := range gs.body {
			b := &gs.body[i]
			var gr *group
			for _, g := range groups {
				if slices.Equal(g.released, b.released) {
					gr = g
				}
			}
			if gr == nil {
				gr = &group{released: b.released, byKey: make(map[string][]*access)}
				groups = append(groups, gr)
			}
			gr.byKey[b.ref.key()] = append(gr.byKey[b.ref.key()], b)
		}
		ctx := "in the " + gs.what + " started at " + a.short(gs.pos)
		back := "by the code that started this " + gs.what + " at " + a.short(gs.pos) + ", after starting it"
		from := start{gs.pos, "the " + gs.what + " is started here"}
		for gi, gr := range groups {
			inRegion, again := a.region(res, gs, gr.released)
			if again && gi == 0 {
				a.checkSelf(sc, gs)
			}
			for i := range res.accesses {
				acc := &res.accesses[i]
				if inRegion(acc.loc) {
					a.conflict(acc, gr.byKey[acc.ref.key()], ctx, back, from)
				}
			}
			for _, other := range res.goSites {
				if other == gs || !inRegion(other.loc) {
					continue
				}
				for i := range other.body {
					acc := &other.body[i]
					a.conflict(acc, gr.byKey[acc.ref.key()], ctx, "in the "+other.what+" started at "+a.short(other.pos), from)
				}
			}
		}
	}
}

// commonGuards returns, per map, the mutexes that every access of it in
// the body and in the goroutines the body starts holds, and that every
// write holds for writing. excludes holds for any two such accesses, so
// they cannot race: a goroutine whose every map is guarded so needs no
// region computed and no pair compared, which keeps a function with
// thousands of well-locked goroutines linear.
func commonGuards(res *bodyResult) map[string]lockset {
	guards := make(map[string]lockset)
	seen := make(map[string]bool)
	add := func(acc *access) {
		key := acc.ref.key()
		if !seen[key] {
			seen[key] = true
			var ls lockset
			for _, h := range acc.held {
				if !(acc.write && h.Read) {
					ls = append(ls, h)
				}
			}
			guards[key] = ls
			return
		}
		var kept lockset
		for _, g := range guards[key] {
			if h, ok := acc.held.find(g.Lock); ok && !(acc.write && h.Read) {
				kept = append(kept, g)
			}
		}
		guards[key] = kept
	}
	for i := range res.accesses {
		add(&res.accesses[i])
	}
	for _, gs := range res.goSites {
		for i := range gs.body {
			add(&gs.body[i])
		}
	}
	return guards
}

// allGuarded reports whether every map the goroutine gs accesses has a
// common guard (see commonGuards) that is not one copy's own mutex: then
// none of its accesses races with anything, itself included.
func (a *analyzer) allGuarded(sc *scope, gs *goSite, guards map[string]lockset) bool {
	var loop ast.Node
	loopFound := false
	for i := range gs.body {
		ok := false
		for _, g := range guards[gs.body[i].ref.key()] {
			if g.Lock.isLocal() {
				if !loopFound {
					loop, loopFound = a.innermostLoop(gs.pos), true
				}
				if a.perInstance(sc, gs, loop, g.Lock) {
					continue
				}
			}
			ok = true
			break
		}
		if !ok {
			return false
		}
	}
	return true
}

// perInstance reports whether r, a map or mutex of goroutine gs, is its
// own to each copy of gs: declared in the goroutine's function literal or
// in the loop that starts it.
func (a *analyzer) perInstance(sc *scope, gs *goSite, loop ast.Node, r ref) bool {
	if !r.isLocal() {
		return false
	}
	v := sc.localVar(r.Root)
	if v == nil {
		return true
	}
	if gs.lit != nil && gs.lit.Pos() <= v.Pos() && v.Pos() < gs.lit.End() {
		return true
	}
	return loop != nil && loop.Pos() <= v.Pos() && v.Pos() < loop.End()
}

// region returns which nodes of the starter can run while the goroutine
// gs runs, and whether gs itself can be reached again (and so race with
// itself).
//
// A join ends the region for the goroutine's accesses made before the
// signal it waits for: a Wait on a WaitGroup the goroutine calls Done on
// (or whose Go started it), or a receive from a channel it sends on or
// closes; released lists the signals sent before the accesses in question.
func (a *analyzer) region(res *bodyResult, gs *goSite, released []signal) (in func(cfgLoc) bool, again bool) {
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
	visit(int(gs.loc.block), int(gs.loc.node)+1)
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
	return in, in(gs.loc)
}

// joinsAt reports whether one of the joins js at a node ends the overlap
// with the goroutine gs, for its accesses made after the signals released.
func joinsAt(js []join, gs *goSite, released []signal) bool {
	for _, j := range js {
		if j.wait && gs.waited && waitCovers(j.group, gs.doneOn, released) {
			return true
		}
		if j.recv != "" && gs.sends[j.recv] && !slices.Contains(released, signal{key: j.recv}) {
			return true
		}
	}
	return false
}

// markOutliving sets outlives on each goroutine res starts: whether some
// path from its start reaches the end of the body with no join that waits
// for it. Goroutines that the same joins end share one backward pass over
// the CFG, so that a body with thousands of go statements stays linear.
func markOutliving(res *bodyResult) {
	g := res.g
	if g == nil || len(res.goSites) == 0 {
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
	for _, gs := range res.goSites {
		if gs.joinedByCall {
			gs.outlives = false
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
		b := g.Blocks[gs.loc.block]
		cutAfter := slices.ContainsFunc(cuts, func(c cfgLoc) bool { return c.block == b.Index && c.node > gs.loc.node })
		gs.outlives = !cutAfter && (len(b.Succs) == 0 || slices.ContainsFunc(b.Succs, func(s *cfg.Block) bool { return reach[s.Index] }))
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
func waitCovers(group string, doneOn map[string]bool, released []signal) bool {
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

// checkSelf reports accesses by which copies of one goroutine, started
// again and again, race with each other.
func (a *analyzer) checkSelf(sc *scope, gs *goSite) {
	loop := a.innermostLoop(gs.pos)
	perInstance := func(r ref) bool { return a.perInstance(sc, gs, loop, r) }
	shared := func(ls lockset) lockset {
		var out lockset
		for _, h := range ls {
			if !perInstance(h.Lock) {
				out = append(out, h)
			}
		}
		return out
	}
	ctx := "in another copy of the " + gs.what + " started at " + a.short(gs.pos)
	self := "by every copy of the " + gs.what + " started at " + a.short(gs.pos)
	if loop != nil {
		ctx += " in a loop"
		self += " in a loop"
	}
	done := make(map[string]bool) // one report per map per goroutine
	for i := range gs.body {
		acc := &gs.body[i]
		if perInstance(acc.ref) || done[acc.ref.key()] {
			continue
		}
		for j := range gs.body {
			other := &gs.body[j]
			if other.ref.key() != acc.ref.key() || !(acc.write || other.write) {
				continue
			}
			if excludes(shared(acc.held), shared(other.held)) {
				continue
			}
			from := start{gs.pos, "the " + gs.what + " is started here"}
			if other == acc {
				a.reportRace(acc, other, self, nil, from)
			} else if acc.write {
				a.reportRace(acc, other, ctx, nil, from)
			} else {
				continue // the write is reported
			}
			done[acc.ref.key()] = true
			break
		}
	}
}

// conflict reports acc if it races with one of others, the accesses of
// the same map by concurrent code described by ctx. When acc holds a lock
// and the other access holds none, the report goes to the other access,
// which is the one to fix; back describes acc's code from there.
func (a *analyzer) conflict(acc *access, others []*access, ctx, back string, from start) {
	for _, other := range others {
		if !(acc.write || other.write) || excludes(acc.held, other.held) {
			continue
		}
		if len(acc.held.must()) > 0 && len(other.held) == 0 {
			a.reportRace(other, acc, back, nil, from)
		} else {
			a.reportRace(acc, other, ctx, nil, from)
		}
		return
	}
}

// A start is the statement that makes code run concurrently with an
// access: a go statement, a timer, a handler registration, or the
// declaration of a method that callers may run concurrently. Reports
// point to it as related information.
type start struct {
	pos  token.Pos
	what string // "the goroutine is started here"
}

// reportPos is where a report about acc goes: the access itself when it
// is in this package (inside the callee, for an access through a call,
// which is the line the race detector names), else the call leading to it.
func (acc *access) reportPos() token.Pos {
	if acc.origin.IsValid() {
		return acc.origin
	}
	return acc.pos
}

// reportedName is the map as the code at reportPos names it.
func (acc *access) reportedName() string {
	if acc.origin.IsValid() && acc.originName != "" {
		return acc.originName
	}
	return acc.name()
}

// reportRace reports a race at acc with other, which runs in ctx (or, when
// other is acc, the way acc runs concurrently with itself). froms are what
// make them concurrent. guard is the mutex that should protect the map,
// when the code names one.
func (a *analyzer) reportRace(acc, other *access, ctx string, guard *heldLock, froms ...start) {
	at := acc.reportPos()
	if a.reported[at] {
		return
	}
	a.reported[at] = true
	kind := "concurrent map read and write"
	if acc.write && other.write {
		kind = "concurrent map write"
	}
	name := acc.reportedName()
	here := name + " " + verb(acc.write) + " here"
	if at == acc.pos && acc.via != "" {
		here = name + " " + verb(acc.write) + " by " + acc.via + " here" // the callee is another package's
	}
	if guard == nil {
		guard = pickGuard(acc, other)
	}
	lock := "a sync.Mutex"
	if guard != nil {
		if l := lockNameAs(a, acc, guard.Lock, false); l != "" {
			lock = renameRoot(l, acc.name(), name)
		}
	}
	var related []analysis.RelatedInformation
	if at != acc.pos && acc.pos.IsValid() {
		related = append(related, analysis.RelatedInformation{Pos: acc.pos, Message: "reached through the call of " + acc.via + " here"})
	}
	if other != acc {
		related = append(related, analysis.RelatedInformation{Pos: other.reportPos(), Message: "the other access: " + other.reportedName() + " " + verb(other.write) + " here"})
		if op := other.reportPos(); op != other.pos && other.pos.IsValid() {
			related = append(related, analysis.RelatedInformation{Pos: other.pos, Message: "which is reached through the call of " + other.via + " here"})
		}
	}
	for _, from := range froms {
		if from.pos.IsValid() {
			related = append(related, analysis.RelatedInformation{Pos: from.pos, Message: from.what})
		}
	}
	var msg string
	switch {
	case other == acc:
		// The same code, run concurrently with itself: ctx says how.
		msg = fmt.Sprintf("%s: %s %s, with no lock held; guard it with %s", kind, here, ctx, lock)
	case other.reportPos() == at && guard != nil && holds(other.held, guard.Lock) && !holds(acc.held, guard.Lock) && lock != "a sync.Mutex":
		// One access reached along two paths, one of them without the
		// lock (a "lock must be held" helper called without it).
		msg = fmt.Sprintf("%s: %s without %s, which it holds when reached %s; lock %s on every path here", kind, here, lock, ctx, lock)
	case guard != nil && holds(other.held, guard.Lock) && !holds(acc.held, guard.Lock) && lock != "a sync.Mutex":
		// The other side already holds the guard: only this one needs it.
		msg = fmt.Sprintf("%s: %s without %s, which the %s at %s (%s) holds; lock %s here too", kind, here, lock, noun(other.write), other.where, ctx, lock)
	case other.reportPos() == at:
		// Two runs of the same line, each in its own concurrent code.
		msg = fmt.Sprintf("%s: %s by two runs of this code at once (one %s), with no common lock; guard it with %s", kind, here, ctx, lock)
	default:
		there := "and at " + other.where
		if acc.write != other.write {
			there = "and " + verb(other.write) + " at " + other.where
		}
		msg = fmt.Sprintf("%s: %s %s (%s), with no common lock; guard both with %s", kind, here, there, ctx, lock)
	}
	a.pass.Report(analysis.Diagnostic{Pos: at, Message: msg, Related: related})
}

// holds reports whether ls holds the mutex l on every path, in either mode.
func holds(ls lockset, l ref) bool {
	h, ok := ls.find(l)
	return ok && !h.Maybe
}

// holdsForWriting reports whether ls holds the mutex l on every path, for
// writing.
func holdsForWriting(ls lockset, l ref) bool {
	h, ok := ls.find(l)
	return ok && !h.Read && !h.Maybe
}

// renameRoot rewrites lock, named in the terms of an access the caller
// names from ("s.cache.items"), into the terms of the callee that names
// the same map to ("c.items"): s.cache.mu becomes c.mu.
func renameRoot(lock, from, to string) string {
	if from == to {
		return lock
	}
	// Strip the longest common suffix of field selections.
	f, t := from, to
	for {
		fi, ti := strings.LastIndexByte(f, '.'), strings.LastIndexByte(t, '.')
		if fi < 0 || ti < 0 || f[fi:] != t[ti:] {
			break
		}
		f, t = f[:fi], t[:ti]
	}
	if f == "" || t == "" {
		return lock
	}
	if rest, ok := strings.CutPrefix(lock, f); ok && (rest == "" || rest[0] == '.') {
		return t + rest
	}
	return lock
}

func noun(write bool) string {
	if write {
		return "write"
	}
	return "read"
}

func verb(write bool) string {
	if write {
		return "written"
	}
	return "read"
}

// pickGuard returns a mutex one of two accesses already holds that is
// reached from the same variable as the map: the lock the code meant.
func pickGuard(acc, other *access) *heldLock {
	for _, ls := range []lockset{acc.held, other.held} {
		for _, h := range ls {
			if h.Lock.Root == acc.ref.Root && !h.Read {
				return &h
			}
		}
	}
	for _, ls := range []lockset{acc.held, other.held} {
		for _, h := range ls {
			if h.Lock.Root == acc.ref.Root {
				return &h
			}
		}
	}
	// Any lock one side already holds for this code (a captured mu).
	for _, ls := range []lockset{other.held, acc.held} {
		for _, h := range ls {
			if !h.Maybe {
				return &h
			}
		}
	}
	return nil
}

// lockName names a mutex as the code at acc would write it.
// A method call on an embedded mutex (s.Lock()) names it as the value
// that embeds it ("s"), for messages that say "s.RLock"; guards are
// named with the embedded field ("s.RWMutex").
func lockName(a *analyzer, acc *access, l ref) string {
	return lockNameAs(a, acc, l, true)
}

func lockNameAs(a *analyzer, acc *access, l ref, callee bool) string {
	if callee {
		if p, ok := strings.CutSuffix(l.Path, "RWMutex"); ok && (p == "" || strings.HasSuffix(p, ".")) {
			l.Path = strings.TrimSuffix(p, ".") // an embedded mutex: s.Lock()
		} else if p, ok := strings.CutSuffix(l.Path, "Mutex"); ok && (p == "" || strings.HasSuffix(p, ".")) {
			l.Path = strings.TrimSuffix(p, ".")
		}
	}
	if l.Root == acc.ref.Root {
		if root := rootText(acc.name(), acc.ref.Path); root != "" {
			if l.Path == "" {
				return root
			}
			return root + "." + l.Path
		}
		return ""
	}
	if len(l.Root) > 2 && l.Root[:2] == "g:" {
		return a.globalName(l)
	}
	return ""
}

// checkBody reports what a body does wrong on its own: writing a map
// while holding only a read lock, and writing a map that a getter
// returned from under its owner's lock.
func (a *analyzer) checkBody(st *declResult, res *bodyResult) {
	check := func(accs []access) {
		for i := range accs {
			acc := &accs[i]
			if !acc.write {
				continue
			}
			if acc.getter != nil {
				if !excludes(acc.held, acc.getter.guard) {
					a.reportGetterWrite(acc)
				}
				continue
			}
			a.checkReadLocked(st, acc)
		}
	}
	check(res.accesses)
	for _, gs := range res.goSites {
		if gs.lit != nil {
			check(gs.body)
		}
	}
}

func (a *analyzer) reportGetterWrite(acc *access) {
	if a.reported[acc.pos] {
		return
	}
	a.reported[acc.pos] = true
	al := acc.getter
	owner := &access{text: al.name, ref: acc.ref}
	lock := lockNameAs(a, owner, al.guard[0].Lock, false)
	if lock == "" {
		lock = "its mutex"
	}
	a.pass.Reportf(acc.pos, "map written outside its lock: %s is %s, which %s returns while holding %s; "+
		"this write races with the owner's accesses under %s; return a copy (maps.Clone) from %s, or write through a method that locks %s",
		rootText(acc.name(), ""), al.name, al.getter, lock, lock, al.getter, lock)
}
