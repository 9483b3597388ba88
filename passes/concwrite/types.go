package concwrite

import (
	"go/types"
	"regexp"
	"slices"
	"strings"

	"github.com/maplint/maplint/passes/internal/mapeffects"
)

// An entry is code of a type that may run concurrently with the type's
// other entries on the same value: an exported method (callers may call
// methods of a type that locks its own mutex from several goroutines), a
// method started as a goroutine, a goroutine a method starts, or a
// handler the server runs per request.
type entry struct {
	desc     string              // "in (*Queue).Get", "in the goroutine started at q.go:30"
	accesses []mapeffects.Access // receiver-rooted accesses, in the method's terms
	entry    mapeffects.Lockset  // receiver locks held on entry ("...Locked" helpers)
	handler  bool                // runs concurrently with itself whatever the locks say
	self     string              // how it races with itself
	from     mapeffects.Start    // what makes it concurrent
	// spawned is set for goroutines. Two goroutines started in different
	// places need not run on the same value at the same time; the
	// starter's own analysis compares those it starts together.
	spawned bool
	// outlives is set for a goroutine that may still run when the method
	// or constructor that started it returns: from then on it runs
	// concurrently with every method callers call on the value.
	outlives bool
	// sequenced is set for a method documented as called only before the
	// type's goroutines start or after they stop ("call it after Stop"), and joined
	// holds the accesses a method makes after joining them itself: no
	// outliving goroutine runs concurrently with those.
	sequenced bool
	joined    map[*mapeffects.Access]bool
}

// checkTypes applies the rule of GCatch and RacerD: a type whose own
// methods lock a mutex around some accesses of a map field is meant for
// concurrent use, so an access of that field, from code that callers can
// run concurrently, made without a lock the other accesses hold, races.
func (a *checker) checkTypes(order []*types.Func, callers map[*types.Func]*mapeffects.Lockset) {
	byType := make(map[*types.TypeName][]*mapeffects.DeclResult)
	var typeOrder []*types.TypeName
	for _, fn := range order {
		st := a.state[fn]
		recv := fn.Signature().Recv()
		if st == nil || recv == nil {
			continue
		}
		named, ok := types.Unalias(mapeffects.Deref(recv.Type())).(*types.Named)
		if !ok {
			continue
		}
		tn := named.Obj()
		if byType[tn] == nil {
			typeOrder = append(typeOrder, tn)
		}
		byType[tn] = append(byType[tn], st)
	}
	started := a.constructorGoroutines(order)
	for _, tn := range typeOrder {
		a.checkType(tn, byType[tn], callers, started[tn])
	}
}

// lockNamedFor returns, for a mutex reached from T's receiver, the field
// path of the sibling field it is named after: "cache" for cacheMu,
// cacheLock or cache_mu, "txs.cache" for txs.cacheMu.
func lockNamedFor(tn *types.TypeName) func(lock mapeffects.Ref) string {
	return func(lock mapeffects.Ref) string {
		if lock.Root != "recv" {
			return ""
		}
		parent, name := "", lock.Path
		if i := strings.LastIndexByte(lock.Path, '.'); i >= 0 {
			parent, name = lock.Path[:i], lock.Path[i+1:]
		}
		base := name
		for _, suffix := range []string{"Mutex", "Mu", "Mtx", "Lock", "Lk", "_mu", "_mutex", "_lock"} {
			if b, ok := strings.CutSuffix(name, suffix); ok && b != "" {
				base = b
				break
			}
		}
		if base == name {
			return ""
		}
		st := structAt(tn.Type(), parent)
		if st == nil {
			return ""
		}
		for f := range st.Fields() {
			if f.Name() != name && strings.EqualFold(f.Name(), base) {
				if parent == "" {
					return f.Name()
				}
				return parent + "." + f.Name()
			}
		}
		return ""
	}
}

// structAt returns the struct type reached from t through the fields of
// path ("" for t itself), or nil.
func structAt(t types.Type, path string) *types.Struct {
	st, ok := mapeffects.Deref(t).Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	if path == "" {
		return st
	}
	head, rest, _ := strings.Cut(path, ".")
	for f := range st.Fields() {
		if f.Name() == head {
			return structAt(f.Type(), rest)
		}
	}
	return nil
}

// returns reports whether fn returns a T or *T: a constructor of T.
func returns(fn *types.Func, t *types.Named) bool {
	for v := range fn.Signature().Results().Variables() {
		if n, ok := types.Unalias(mapeffects.Deref(v.Type())).(*types.Named); ok && n.Obj() == t.Obj() {
			return true
		}
	}
	return false
}

// constructorGoroutines returns, per type, the goroutines that its
// constructors (functions returning it: c := &Cache{…}; go func()
// {…c.items…}(); return c) start on a local value of the type and do not
// join: their
// accesses of its fields, in the terms of the type's methods.
func (a *checker) constructorGoroutines(order []*types.Func) map[*types.TypeName][]*entry {
	var out map[*types.TypeName][]*entry
	for _, fn := range order {
		st := a.state[fn]
		if st == nil || fn.Signature().Recv() != nil {
			continue
		}
		for _, gs := range st.Res.GoSites {
			if !gs.Outlives || gs.Lit == nil {
				continue
			}
			byType := make(map[*types.TypeName][]mapeffects.Access)
			var typeOrder []*types.TypeName // as first met, so that reports do not vary from run to run
			for _, acc := range gs.Body {
				if !acc.Ref.IsLocal() || acc.Ref.Path == "" {
					continue
				}
				v := st.Scope.LocalVar(acc.Ref.Root)
				if v == nil || mapeffects.DeclaredIn(st.Scope, acc.Ref, gs.Lit) {
					continue
				}
				named, ok := types.Unalias(mapeffects.Deref(v.Type())).(*types.Named)
				if !ok || named.Obj().Pkg() != a.pass.Pkg || !returns(fn, named) {
					continue
				}
				// The value's locks become the receiver's too.
				root := acc.Ref.Root
				var held mapeffects.Lockset
				for _, h := range acc.Held {
					if h.Lock.Root == root {
						h.Lock = mapeffects.Ref{Root: "recv", Path: h.Lock.Path}
					}
					held = held.With(h)
				}
				acc.Held = held
				acc.Ref = mapeffects.Ref{Root: "recv", Path: acc.Ref.Path}
				if byType[named.Obj()] == nil {
					typeOrder = append(typeOrder, named.Obj())
				}
				byType[named.Obj()] = append(byType[named.Obj()], acc)
			}
			for _, tn := range typeOrder {
				accs := byType[tn]
				if out == nil {
					out = make(map[*types.TypeName][]*entry)
				}
				at := a.startedAt(gs)
				out[tn] = append(out[tn], &entry{desc: "in " + at, self: "by every copy of " + at, accesses: accs,
					spawned: true, outlives: true, from: mapeffects.Start{Pos: gs.Pos, What: startNote(gs) + ", and outlives " + fn.Name()}})
			}
		}
	}
	return out
}

// methodCallers collects, for each method, the locks (in the method's
// receiver terms) held at every call from this package: nil when some
// call holds none.
func (a *checker) methodCallers() map[*types.Func]*mapeffects.Lockset {
	out := make(map[*types.Func]*mapeffects.Lockset)
	for _, st := range a.state {
		if st == nil {
			continue
		}
		for _, c := range st.Res.Calls {
			var rel mapeffects.Lockset
			prefix := c.Recv.Key() + "."
			for _, h := range c.Held.Must() {
				if k := h.Key(); strings.HasPrefix(k, prefix) {
					rel = append(rel, mapeffects.HeldLock{Lock: mapeffects.Ref{Root: "recv", Path: k[len(prefix):]}, Read: h.Read})
				}
			}
			if prev, ok := out[c.Callee]; ok {
				m := mapeffects.Meet(*prev, rel).Must()
				out[c.Callee] = &m
			} else {
				out[c.Callee] = &rel
			}
		}
	}
	return out
}

func (a *checker) checkType(tn *types.TypeName, methods []*mapeffects.DeclResult, callers map[*types.Func]*mapeffects.Lockset, started []*entry) {
	if a.sequential[tn] {
		return
	}
	isRecv := func(r mapeffects.Ref) bool { return r.Root == "recv" }
	// The type's own code accesses a receiver map under a mutex of the
	// same value, or under a package-level mutex of this package (a field
	// guarded by one is guarded like any other).
	prefix := "g:" + a.pass.Pkg.Path() + "."
	sh := newSharedMaps(isRecv, func(l mapeffects.Ref) bool { return isRecv(l) || strings.HasPrefix(l.Root, prefix) })
	sh.namedFor = lockNamedFor(tn)
	var entries []*entry
	writers := a.fieldWriters(methods)
	for _, st := range methods {
		sh.noteAll(st.Res, st)
		fn := st.Fn
		var onEntry mapeffects.Lockset
		if mapeffects.HeldOnEntry(st.Decl) {
			for _, p := range mapeffects.MutexFields(tn.Type()) {
				onEntry = append(onEntry, mapeffects.HeldLock{Lock: mapeffects.Ref{Root: "recv", Path: p}})
			}
		} else if ls, ok := callers[fn]; ok && len(*ls) > 0 {
			onEntry = *ls
		}
		entries = append(entries, a.methodEntries(st, onEntry, a.configures(st, writers))...)
	}
	for _, e := range started {
		for i := range e.accesses {
			sh.note(&e.accesses[i], e)
		}
	}
	entries = append(entries, started...)
	sh.settle()
	a.compareEntries(entries, sh)
}

// checkGlobals applies the same rule to the package's own package-level
// maps: when its code locks a package-level mutex around some accesses of
// one, the exported functions and methods that callers may run
// concurrently must hold it too.
func (a *checker) checkGlobals(order []*types.Func) {
	prefix := "g:" + a.pass.Pkg.Path() + "."
	isOurs := func(r mapeffects.Ref) bool { return strings.HasPrefix(r.Root, prefix) }
	sh := newSharedMaps(isOurs, func(l mapeffects.Ref) bool { return strings.HasPrefix(l.Root, "g:") })
	var entries []*entry
	for _, fn := range order {
		st := a.state[fn]
		if st == nil {
			continue
		}
		sh.noteAll(st.Res, st)
		if strings.HasSuffix(a.pass.Fset.File(st.Decl.Pos()).Name(), "_test.go") {
			continue // tests and their helpers run one at a time unless they say otherwise
		}
		if fn.Signature().Recv() != nil {
			entries = append(entries, a.methodEntries(st, nil, false)...)
			continue
		}
		if fn.Exported() && !mapeffects.HeldOnEntry(st.Decl) {
			entries = append(entries, &entry{desc: "in " + fn.Name(), self: "by concurrent calls of " + fn.Name(), accesses: st.Res.Accesses,
				from: mapeffects.Start{Pos: st.Decl.Name.Pos(), What: fn.Name() + " is exported: callers may run it concurrently"}})
		}
		for _, gs := range st.Res.GoSites {
			if gs.JoinedByCall {
				continue // its accesses are the caller's, at the call
			}
			at := a.startedAt(gs)
			entries = append(entries, &entry{desc: "in " + at, self: "by every copy of " + at, accesses: gs.Body, spawned: true,
				from: mapeffects.Start{Pos: gs.Pos, What: startNote(gs)}})
		}
	}
	sh.settle()
	if len(sh.guards) > 0 {
		a.compareEntries(entries, sh)
	}
}

// notConcurrent finds doc comments that rule out concurrent use: "must
// not be called concurrently with", "not safe for concurrent use".
var notConcurrent = regexp.MustCompile(`(?i)\b(not|never|isn't|aren't)\b[^.]{0,40}\bconcurren|\bnot\s+(thread|goroutine)[- ]safe|\bsingle[- ]goroutine`)

// methodEntries returns the entries a method contributes: itself (when
// callers may run it concurrently) and the goroutines it starts. setup
// is set for a method that configures its value before it is shared.
func (a *checker) methodEntries(st *mapeffects.DeclResult, onEntry mapeffects.Lockset, setup bool) []*entry {
	var entries []*entry
	fn := st.Fn
	name := mapeffects.MethodName(fn)
	switch {
	case mapeffects.IsHandlerMethod(fn):
		entries = append(entries, &entry{desc: "in " + name, self: "by concurrent calls of " + name + " (one per request or scrape)",
			accesses: st.Res.Accesses, entry: onEntry, handler: true, from: mapeffects.Start{Pos: st.Decl.Name.Pos(), What: name + " is run once per request or scrape"}})
	case a.Callbacks[fn].Pos.IsValid():
		cb := a.Callbacks[fn]
		at := a.Short(cb.Pos)
		entries = append(entries, &entry{desc: "in " + name + ", handed over at " + at, self: "by concurrent runs of " + name,
			accesses: st.Res.Accesses, entry: onEntry, handler: true, from: mapeffects.Start{Pos: cb.Pos, What: name + " is handed over here: " + cb.Why}})
	case a.GoMethods[fn] != nil:
		at := a.Short(a.GoMethods[fn][0])
		entries = append(entries, &entry{desc: "in " + name + ", started as a goroutine at " + at, self: "by every goroutine running " + name,
			accesses: st.Res.Accesses, entry: onEntry, spawned: true, outlives: a.Outliving[fn], from: mapeffects.Start{Pos: a.GoMethods[fn][0], What: goStartNote(name, a.Outliving[fn])}})
	case fn.Exported() && len(onEntry) == 0 && !mapeffects.HeldOnEntry(st.Decl) && (st.Decl.Doc == nil || !notConcurrent.MatchString(st.Decl.Doc.Text())):
		// (A ...Locked method runs under its caller's lock even when the
		// lock is not one of the type's fields to name.)
		entries = append(entries, &entry{desc: "in " + name, self: "by concurrent calls of " + name, accesses: st.Res.Accesses,
			from:      mapeffects.Start{Pos: st.Decl.Name.Pos(), What: name + " is exported: callers may run it concurrently"},
			sequenced: setup || mapeffects.Sequenced(st.Decl),
			joined:    mapeffects.JoinedAccesses(st.Res)})
	}
	for _, gs := range st.Res.GoSites {
		if gs.JoinedByCall {
			continue // its accesses are the caller's, at the call
		}
		at := a.startedAt(gs)
		entries = append(entries, &entry{desc: "in " + at, self: "by every copy of " + at, accesses: gs.Body, spawned: true, outlives: gs.Outlives,
			from: mapeffects.Start{Pos: gs.Pos, What: startNote(gs)}})
	}
	return entries
}

// sharedMaps records, for the maps a rule is about, which locks their
// accesses hold and whether anything writes them.
type sharedMaps struct {
	isMap  func(mapeffects.Ref) bool // the maps the rule is about
	isLock func(mapeffects.Ref) bool // the locks that count as guarding them
	// guards counts, per map, the locks held where it is accessed: a
	// lock the code takes around any access of the map says the map is
	// shared, and each pair of conflicting accesses must then hold a
	// common lock.
	guards map[string]map[string]*guardVote
	writes map[string]bool
	// namedFor returns the field a mutex is named for (cacheMu guards
	// cache), if the type has one: such a mutex guards that field, not
	// the maps written next to it.
	namedFor func(lock mapeffects.Ref) string
}

func newSharedMaps(isMap, isLock func(mapeffects.Ref) bool) *sharedMaps {
	return &sharedMaps{isMap: isMap, isLock: isLock, guards: make(map[string]map[string]*guardVote), writes: make(map[string]bool)}
}

// noteAll notes the accesses of one function (owner).
func (sh *sharedMaps) noteAll(res *mapeffects.BodyResult, owner any) {
	for i := range res.Accesses {
		sh.note(&res.Accesses[i], owner)
	}
	for _, gs := range res.GoSites {
		for i := range gs.Body {
			sh.note(&gs.Body[i], owner)
		}
	}
}

// settle keeps the guards that are evidence of a discipline: a lock held
// where the map is written, or one held only around reads that guards no
// other map's writes (a lock held for another map, around a read that
// happens to sit in its critical section, says nothing of this one); and
// a package-level lock around a field only when functions other than one
// hold it there (testing's benchmarkLock serialises a run, not B's maps).
func (sh *sharedMaps) settle() {
	writeGuards := make(map[string]bool) // locks held where some map is written
	for _, votes := range sh.guards {
		for lk, v := range votes {
			if v.writes > 0 {
				writeGuards[lk] = true
			}
		}
	}
	for k, votes := range sh.guards {
		for lk, v := range votes {
			// A read under RLock is about the data it reads: RLock is
			// taken for readers (raft's InmemStore guards logs, kv and
			// kvInt with one RWMutex).
			weak := v.writes == 0 && v.readLocked == 0 && writeGuards[lk]
			if strings.HasPrefix(v.lock.Lock.Root, "g:") && !strings.HasPrefix(k, "g:") && len(v.owners) < 2 {
				weak = true
			}
			if weak {
				delete(votes, lk)
			}
		}
		if len(votes) == 0 {
			delete(sh.guards, k)
		}
	}
}

func (sh *sharedMaps) note(acc *mapeffects.Access, owner any) {
	if !sh.isMap(acc.Ref) || acc.Foreign {
		return
	}
	k := acc.Ref.Key()
	if acc.Write {
		sh.writes[k] = true
	}
	// A read under a lock is evidence too: locks are compared pair by
	// pair, so a read under s.mu races with a write made without it even
	// when no write ever takes s.mu.
	for _, h := range acc.Held.Must() {
		if !sh.isLock(h.Lock) {
			continue
		}
		if sh.namedFor != nil {
			if f := sh.namedFor(h.Lock); f != "" && acc.Ref.Path != f && !strings.HasPrefix(acc.Ref.Path, f+".") {
				continue // m.items[n], m.cache = v, nil under cacheMu
			}
		}
		if sh.guards[k] == nil {
			sh.guards[k] = make(map[string]*guardVote)
		}
		v := sh.guards[k][h.Key()]
		if v == nil {
			v = &guardVote{lock: mapeffects.HeldLock{Lock: h.Lock}, owners: make(map[any]bool)}
			sh.guards[k][h.Key()] = v
		}
		v.n++
		if acc.Write {
			v.writes++
		}
		if h.Read {
			v.readLocked++
		}
		v.owners[owner] = true
	}
}

// compareEntries reports the accesses of shared maps, by entries that may
// run concurrently, that hold none of the locks the code uses for them
// and conflict with another entry's access.
func (a *checker) compareEntries(entries []*entry, sh *sharedMaps) {
	// The maps that goroutines outliving their starters touch: a type
	// whose own code starts a goroutine on a value is concurrent by
	// construction, lock or no lock.
	outlivingMaps := make(map[string]bool)
	for _, e := range entries {
		if e.outlives {
			for i := range e.accesses {
				outlivingMaps[e.accesses[i].Ref.Key()] = true
			}
		}
	}
	if len(sh.guards) == 0 && !hasHandler(entries) && len(outlivingMaps) == 0 {
		return
	}
	type at struct {
		e   *entry
		acc *mapeffects.Access
	}
	byKey := make(map[string][]at)
	for _, e := range entries {
		for i := range e.accesses {
			acc := &e.accesses[i]
			if sh.isMap(acc.Ref) && !acc.Foreign {
				byKey[acc.Ref.Key()] = append(byKey[acc.Ref.Key()], at{e, acc})
			}
		}
	}
	// One report per map per pair of entries: a race has two sides.
	type pair struct {
		x, y *entry
		key  string
	}
	pairs := make(map[pair]bool)
	for _, e := range entries {
		if e.sequenced {
			continue // runs before the value is shared, or after its goroutines end
		}
		// One report per map per entry: the first unguarded access says
		// what the others would.
		done := make(map[string]bool)
		// Writes first: a report at the write names the access to fix.
		order := make([]int, 0, len(e.accesses))
		for _, writes := range []bool{true, false} {
			for i := range e.accesses {
				if e.accesses[i].Write == writes {
					order = append(order, i)
				}
			}
		}
		for _, i := range order {
			acc := &e.accesses[i]
			k := acc.Ref.Key()
			if !sh.isMap(acc.Ref) || acc.Foreign || done[k] || a.reported[acc.ReportPos()] || e.building(acc) {
				continue
			}
			votes, isGuarded := sh.guards[k]
			if !isGuarded && !e.handler && !outlivingMaps[k] {
				continue
			}
			if !acc.Write && !sh.writes[k] {
				continue
			}
			held := mapeffects.Union(acc.Held, e.entry)
			if holdsAny(held, votes) {
				// It holds a lock the code uses for this map, if only
				// for reading: any race is the other access's fault (or
				// a write under RLock, reported as such).
				continue
			}
			guard := bestGuard(votes)
			// Prefer to name an access of other code that holds the
			// guard (the message can then say "lock it here too"), and
			// the access's own code running twice last.
			candidates := slices.Clone(byKey[k])
			rank := func(o at) int {
				switch {
				case o.acc == acc:
					return 2
				case guard != nil && holdsForWriting(o.acc.Held, guard.Lock):
					return 0
				}
				return 1
			}
			slices.SortStableFunc(candidates, func(x, y at) int { return rank(x) - rank(y) })
			if acc.Write && e.handler {
				candidates = append([]at{{e, acc}}, candidates...)
			}
			for _, o := range candidates {
				if o.e.sequenced || o.e.building(o.acc) {
					continue
				}
				outliving := outlivingPair(e, acc, o.e, o.acc)
				if !outliving && ((!isGuarded && !o.e.handler) || (e.spawned && o.e.spawned)) {
					continue
				}
				if outliving && !isGuarded && !(acc.Write && (e.outlives || !o.acc.Write)) {
					continue // reported at the write (the goroutine's, when both write)
				}
				if !(acc.Write || o.acc.Write) || mapeffects.Excludes(held, mapeffects.Union(o.acc.Held, o.e.entry)) {
					continue
				}
				ctx := o.e.desc
				if o.acc == acc {
					ctx = o.e.self
				} else if o.e == e && !acc.Write {
					continue // the write is reported
				}
				if pairs[pair{o.e, e, k}] && o.e != e {
					continue
				}
				froms := []mapeffects.Start{o.e.from}
				if e.spawned && e.from != o.e.from {
					froms = append(froms, e.from) // the goroutine making acc
				}
				a.reportRace(acc, o.acc, ctx, guard, froms...)
				pairs[pair{e, o.e, k}] = true
				done[k] = true
				break
			}
		}
	}
}

// building reports whether acc is a method's access of a map it has just
// installed in the field (see markInstalled): the method is building its
// value, not racing with its users. Goroutines and handlers doing the
// same race with the readers of the field.
func (e *entry) building(acc *mapeffects.Access) bool {
	return acc.Installed && !e.spawned && !e.handler
}

func goStartNote(name string, outlives bool) string {
	if outlives {
		return name + " is started as a goroutine here, and keeps running after its starter returns"
	}
	return name + " is started as a goroutine here"
}

// outlivingPair reports whether one of two entries is a goroutine that
// outlives its starter and the other a method callers may call while it
// runs: not documented as called after the goroutines stop, and making
// the access before joining them.
func outlivingPair(e *entry, acc *mapeffects.Access, o *entry, oacc *mapeffects.Access) bool {
	side := func(g, m *entry, macc *mapeffects.Access) bool {
		return g.outlives && !m.spawned && !m.sequenced && !m.joined[macc]
	}
	return side(e, o, oacc) || side(o, e, acc)
}

// A guardVote counts the accesses of a map made under one lock.
type guardVote struct {
	lock       mapeffects.HeldLock
	n          int
	writes     int          // how many of them write
	readLocked int          // how many hold it only for reading (RLock)
	owners     map[any]bool // the functions that make them
}

func holdsAny(held mapeffects.Lockset, votes map[string]*guardVote) bool {
	for _, h := range held {
		if votes[h.Key()] != nil {
			return true
		}
	}
	return false
}

// bestGuard returns the lock most accesses of a map hold, or nil.
func bestGuard(votes map[string]*guardVote) *mapeffects.HeldLock {
	var best *guardVote
	for _, v := range votes {
		if best == nil || v.n > best.n || (v.n == best.n && v.lock.Key() < best.lock.Key()) {
			best = v
		}
	}
	if best == nil {
		return nil
	}
	return &best.lock
}

func hasHandler(entries []*entry) bool {
	for _, e := range entries {
		if e.handler {
			return true
		}
	}
	return false
}
