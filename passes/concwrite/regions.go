package concwrite

import (
	"fmt"
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/maplint/maplint/passes/internal/mapeffects"
)

// checkRegions compares each goroutine a body starts with the code that
// runs concurrently with it: the starter's own code from the go statement
// on, up to a join (wg.Wait, a receive from a channel the goroutine sends
// on or closes); goroutines started in that stretch; and, when the go
// statement can run again before a join (a loop), the goroutine itself.
func (a *checker) checkRegions(sc *mapeffects.Scope, res *mapeffects.BodyResult) {
	guards := commonGuards(res)
	for _, gs := range res.GoSites {
		if len(gs.Body) == 0 || a.allGuarded(sc, gs, guards) {
			continue
		}
		if gs.JoinedByCall {
			if gs.Repeats {
				a.checkSelf(sc, gs) // its copies still race with each other
			}
			continue
		}
		// Accesses made after different signals of the goroutine are
		// covered by different joins: one region each.
		type group struct {
			released []mapeffects.Signal
			byKey    map[string][]*mapeffects.Access
		}
		var groups []*group
		for i := range gs.Body {
			b := &gs.Body[i]
			var gr *group
			for _, g := range groups {
				if slices.Equal(g.released, b.Released) {
					gr = g
				}
			}
			if gr == nil {
				gr = &group{released: b.Released, byKey: make(map[string][]*mapeffects.Access)}
				groups = append(groups, gr)
			}
			gr.byKey[b.Ref.Key()] = append(gr.byKey[b.Ref.Key()], b)
		}
		ctx := "in " + a.startedAt(gs)
		back := "by the code that started this " + gs.What + " at " + a.Short(gs.Pos) + ", after starting it"
		if gs.Callee != "" {
			back = "by the code that called " + gs.Callee + " at " + a.Short(gs.Pos) + ", after the call"
		}
		from := mapeffects.Start{Pos: gs.Pos, What: startNote(gs)}
		for gi, gr := range groups {
			inRegion, again := a.Region(res, gs, gr.released)
			if again && gi == 0 {
				a.checkSelf(sc, gs)
			}
			for i := range res.Accesses {
				acc := &res.Accesses[i]
				if inRegion(acc.Loc) {
					a.conflict(acc, gr.byKey[acc.Ref.Key()], ctx, back, from)
				}
			}
			for _, other := range res.GoSites {
				if other == gs || !inRegion(other.Loc) {
					continue
				}
				for i := range other.Body {
					acc := &other.Body[i]
					a.conflict(acc, gr.byKey[acc.Ref.Key()], ctx, "in "+a.startedAt(other), from)
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
func commonGuards(res *mapeffects.BodyResult) map[string]mapeffects.Lockset {
	guards := make(map[string]mapeffects.Lockset)
	seen := make(map[string]bool)
	add := func(acc *mapeffects.Access) {
		key := acc.Ref.Key()
		if !seen[key] {
			seen[key] = true
			var ls mapeffects.Lockset
			for _, h := range acc.Held {
				if !(acc.Write && h.Read) {
					ls = append(ls, h)
				}
			}
			guards[key] = ls
			return
		}
		var kept mapeffects.Lockset
		for _, g := range guards[key] {
			if h, ok := acc.Held.Find(g.Lock); ok && !(acc.Write && h.Read) {
				kept = append(kept, g)
			}
		}
		guards[key] = kept
	}
	for i := range res.Accesses {
		add(&res.Accesses[i])
	}
	for _, gs := range res.GoSites {
		for i := range gs.Body {
			add(&gs.Body[i])
		}
	}
	return guards
}

// allGuarded reports whether every map the goroutine gs accesses has a
// common guard (see commonGuards) that is not one copy's own mutex: then
// none of its accesses races with anything, itself included.
func (a *checker) allGuarded(sc *mapeffects.Scope, gs *mapeffects.GoSite, guards map[string]mapeffects.Lockset) bool {
	var loop ast.Node
	loopFound := false
	for i := range gs.Body {
		ok := false
		for _, g := range guards[gs.Body[i].Ref.Key()] {
			if g.Lock.IsLocal() {
				if !loopFound {
					loop, loopFound = a.InnermostLoop(gs.Pos), true
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
func (a *checker) perInstance(sc *mapeffects.Scope, gs *mapeffects.GoSite, loop ast.Node, r mapeffects.Ref) bool {
	if !r.IsLocal() {
		return false
	}
	v := sc.LocalVar(r.Root)
	if v == nil {
		return true
	}
	if a.throughSharedField(v, r.Path) {
		return false // w.seen, where every w holds the same seen map
	}
	if gs.Lit != nil && gs.Lit.Pos() <= v.Pos() && v.Pos() < gs.Lit.End() {
		return true
	}
	return loop != nil && loop.Pos() <= v.Pos() && v.Pos() < loop.End()
}

// sharedNote explains, for a map that each copy of a goroutine reaches
// from a value of its own, why the copies share it: ", where every
// *worker holds the same seen map".
//
// When each copy's own value was given the map in the loop that starts
// the copies (s := &shard{counts: counts}; go s.run()), the map is the
// variable itself: ", where s.counts is counts, one map for every copy".
func (a *checker) sharedNote(sc *mapeffects.Scope, acc *mapeffects.Access) string {
	r := acc.Ref
	v := sc.LocalVar(r.Root)
	switch {
	case !r.IsLocal() || v == nil:
		return ""
	case a.throughSharedField(v, r.Path):
		first, _, _ := strings.Cut(r.Path, ".")
		return ", where every " + types.TypeString(v.Type(), types.RelativeTo(a.pass.Pkg)) + " holds the same " + first + " map"
	case r.Path == "" && acc.ReportedName() != v.Name():
		return ", where " + acc.ReportedName() + " is " + v.Name() + ", one map for every copy"
	}
	return ""
}

// throughSharedField reports whether the path from v goes first through
// a field that holds one map for many values (mapeffects' SharedFields).
func (a *checker) throughSharedField(v *types.Var, path string) bool {
	if path == "" || len(a.SharedFields) == 0 {
		return false
	}
	first, _, _ := strings.Cut(path, ".")
	st, ok := mapeffects.Deref(v.Type()).Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := range st.NumFields() {
		if f := st.Field(i); f.Name() == first {
			return a.SharedFields[f]
		}
	}
	return false
}

// checkSelf reports accesses by which copies of one goroutine, started
// again and again, race with each other.
func (a *checker) checkSelf(sc *mapeffects.Scope, gs *mapeffects.GoSite) {
	loop := a.InnermostLoop(gs.Pos)
	perInstance := func(r mapeffects.Ref) bool { return a.perInstance(sc, gs, loop, r) }
	shared := func(ls mapeffects.Lockset) mapeffects.Lockset {
		var out mapeffects.Lockset
		for _, h := range ls {
			if !perInstance(h.Lock) {
				out = append(out, h)
			}
		}
		return out
	}
	ctx := "in another copy of " + a.startedAt(gs)
	self := "by every copy of " + a.startedAt(gs)
	if loop != nil {
		ctx += " in a loop"
		self += " in a loop"
	}
	done := make(map[string]bool) // one report per map per goroutine
	for i := range gs.Body {
		acc := &gs.Body[i]
		if perInstance(acc.Ref) || done[acc.Ref.Key()] {
			continue
		}
		for j := range gs.Body {
			other := &gs.Body[j]
			if other.Ref.Key() != acc.Ref.Key() || !(acc.Write || other.Write) {
				continue
			}
			if mapeffects.Excludes(shared(acc.Held), shared(other.Held)) {
				continue
			}
			from := mapeffects.Start{Pos: gs.Pos, What: startNote(gs)}
			note := a.sharedNote(sc, acc)
			if other == acc {
				a.reportRace(acc, other, self+note, nil, from)
			} else if acc.Write {
				a.reportRace(acc, other, ctx+note, nil, from)
			} else {
				continue // the write is reported
			}
			done[acc.Ref.Key()] = true
			break
		}
	}
}

// conflict reports acc if it races with one of others, the accesses of
// the same map by concurrent code described by ctx. When acc holds a lock
// and the other access holds none, the report goes to the other access,
// which is the one to fix; back describes acc's code from there.
func (a *checker) conflict(acc *mapeffects.Access, others []*mapeffects.Access, ctx, back string, from mapeffects.Start) {
	for _, other := range others {
		if !(acc.Write || other.Write) || mapeffects.Excludes(acc.Held, other.Held) {
			continue
		}
		if len(acc.Held.Must()) > 0 && len(other.Held) == 0 {
			a.reportRace(other, acc, back, nil, from)
		} else {
			a.reportRace(acc, other, ctx, nil, from)
		}
		return
	}
}

// reportRace reports a race at acc with other, which runs in ctx (or, when
// other is acc, the way acc runs concurrently with itself). froms are what
// make them concurrent. guard is the mutex that should protect the map,
// when the code names one.
func (a *checker) reportRace(acc, other *mapeffects.Access, ctx string, guard *mapeffects.HeldLock, froms ...mapeffects.Start) {
	at := acc.ReportPos()
	if a.reported[at] {
		return
	}
	a.reported[at] = true
	kind := "concurrent map read and write"
	if acc.Write && other.Write {
		kind = "concurrent map write"
	}
	name := acc.ReportedName()
	here := name + " " + verb(acc.Write) + " here"
	if at == acc.Pos && acc.Via != "" {
		here = name + " " + verb(acc.Write) + " by " + acc.Via + " here" // the callee is another package's
	}
	if guard == nil {
		guard = pickGuard(acc, other)
	}
	lock := "a sync.Mutex"
	if guard != nil {
		if l := lockNameAs(a, acc, guard.Lock, false); l != "" {
			lock = renameRoot(l, acc.Name(), name)
		}
	}
	var related []analysis.RelatedInformation
	if at != acc.Pos && acc.Pos.IsValid() {
		related = append(related, analysis.RelatedInformation{Pos: acc.Pos, Message: "reached through the call of " + acc.Via + " here"})
	}
	if other != acc {
		related = append(related, analysis.RelatedInformation{Pos: other.ReportPos(), Message: "the other access: " + other.ReportedName() + " " + verb(other.Write) + " here"})
		if op := other.ReportPos(); op != other.Pos && other.Pos.IsValid() {
			related = append(related, analysis.RelatedInformation{Pos: other.Pos, Message: "which is reached through the call of " + other.Via + " here"})
		}
	}
	for _, from := range froms {
		if from.Pos.IsValid() {
			related = append(related, analysis.RelatedInformation{Pos: from.Pos, Message: from.What})
		}
	}
	var msg string
	switch {
	case other == acc:
		// The same code, run concurrently with itself: ctx says how.
		msg = fmt.Sprintf("%s: %s %s, with no lock held; guard it with %s", kind, here, ctx, lock)
	case other.ReportPos() == at && guard != nil && holds(other.Held, guard.Lock) && !holds(acc.Held, guard.Lock) && lock != "a sync.Mutex":
		// One access reached along two paths, one of them without the
		// lock (a "lock must be held" helper called without it).
		msg = fmt.Sprintf("%s: %s without %s, which it holds when reached %s; lock %s on every path here", kind, here, lock, ctx, lock)
	case guard != nil && holds(other.Held, guard.Lock) && !holds(acc.Held, guard.Lock) && lock != "a sync.Mutex":
		// The other side already holds the guard: only this one needs it.
		msg = fmt.Sprintf("%s: %s without %s, which the %s at %s (%s) holds; lock %s here too", kind, here, lock, noun(other.Write), other.Where, ctx, lock)
	case other.ReportPos() == at:
		// Two runs of the same line, each in its own concurrent code.
		msg = fmt.Sprintf("%s: %s by two runs of this code at once (one %s), with no common lock; guard it with %s", kind, here, ctx, lock)
	default:
		there := "and at " + other.Where
		if acc.Write != other.Write {
			there = "and " + verb(other.Write) + " at " + other.Where
		}
		msg = fmt.Sprintf("%s: %s %s (%s), with no common lock; guard both with %s", kind, here, there, ctx, lock)
	}
	a.pass.Report(analysis.Diagnostic{Pos: at, Message: msg, Related: related})
}

// holds reports whether ls holds the mutex l on every path, in either mode.
func holds(ls mapeffects.Lockset, l mapeffects.Ref) bool {
	h, ok := ls.Find(l)
	return ok && !h.Maybe
}

// holdsForWriting reports whether ls holds the mutex l on every path, for
// writing.
func holdsForWriting(ls mapeffects.Lockset, l mapeffects.Ref) bool {
	h, ok := ls.Find(l)
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
func pickGuard(acc, other *mapeffects.Access) *mapeffects.HeldLock {
	for _, ls := range []mapeffects.Lockset{acc.Held, other.Held} {
		for _, h := range ls {
			if h.Lock.Root == acc.Ref.Root && !h.Read {
				return &h
			}
		}
	}
	for _, ls := range []mapeffects.Lockset{acc.Held, other.Held} {
		for _, h := range ls {
			if h.Lock.Root == acc.Ref.Root {
				return &h
			}
		}
	}
	// Any lock one side already holds for this code (a captured mu).
	for _, ls := range []mapeffects.Lockset{other.Held, acc.Held} {
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
func lockName(a *checker, acc *mapeffects.Access, l mapeffects.Ref) string {
	return lockNameAs(a, acc, l, true)
}

func lockNameAs(a *checker, acc *mapeffects.Access, l mapeffects.Ref, callee bool) string {
	if callee {
		if p, ok := strings.CutSuffix(l.Path, "RWMutex"); ok && (p == "" || strings.HasSuffix(p, ".")) {
			l.Path = strings.TrimSuffix(p, ".") // an embedded mutex: s.Lock()
		} else if p, ok := strings.CutSuffix(l.Path, "Mutex"); ok && (p == "" || strings.HasSuffix(p, ".")) {
			l.Path = strings.TrimSuffix(p, ".")
		}
	}
	if l.Root == acc.Ref.Root {
		if root := mapeffects.RootText(acc.Name(), acc.Ref.Path); root != "" {
			if l.Path == "" {
				return root
			}
			return root + "." + l.Path
		}
		return ""
	}
	if len(l.Root) > 2 && l.Root[:2] == "g:" {
		return a.GlobalName(l)
	}
	return ""
}

// checkBody reports what a body does wrong on its own: writing a map
// while holding only a read lock, and writing a map that a getter
// returned from under its owner's lock.
func (a *checker) checkBody(st *mapeffects.DeclResult, res *mapeffects.BodyResult) {
	check := func(accs []mapeffects.Access) {
		for i := range accs {
			acc := &accs[i]
			if !acc.Write {
				continue
			}
			if acc.Getter != nil {
				if !mapeffects.Excludes(acc.Held, acc.Getter.Guard) {
					a.reportGetterWrite(acc)
				}
				continue
			}
			a.checkReadLocked(st, acc)
		}
	}
	check(res.Accesses)
	for _, gs := range res.GoSites {
		if gs.Lit != nil {
			check(gs.Body)
		}
	}
}

func (a *checker) reportGetterWrite(acc *mapeffects.Access) {
	if a.reported[acc.Pos] {
		return
	}
	a.reported[acc.Pos] = true
	al := acc.Getter
	owner := &mapeffects.Access{Text: al.Name, Ref: acc.Ref}
	lock := lockNameAs(a, owner, al.Guard[0].Lock, false)
	if lock == "" {
		lock = "its mutex"
	}
	a.pass.Reportf(acc.Pos, "map written outside its lock: %s is %s, which %s returns while holding %s; "+
		"this write races with the owner's accesses under %s; return a copy (maps.Clone) from %s, or write through a method that locks %s",
		mapeffects.RootText(acc.Name(), ""), al.Name, al.Getter, lock, lock, al.Getter, lock)
}

// startedAt names the goroutine gs in a message: "the goroutine started
// at x.go:12", or, for one that a callee leaves running, "the goroutine
// that Launch, called at x.go:12, leaves running".
func (a *checker) startedAt(gs *mapeffects.GoSite) string {
	if gs.Callee != "" {
		return "the goroutine that " + gs.Callee + ", called at " + a.Short(gs.Pos) + ", leaves running"
	}
	return "the " + gs.What + " started at " + a.Short(gs.Pos)
}

// startNote is the related information at the start of gs.
func startNote(gs *mapeffects.GoSite) string {
	if gs.Callee != "" {
		return gs.Callee + " is called here, and leaves a goroutine running"
	}
	return "the " + gs.What + " is started here"
}
