package concwrite

import (
	"go/ast"
	"go/types"
	"regexp"
	"slices"
	"strings"
)

// An entry is code of a type that may run concurrently with the type's
// other entries on the same value: an exported method (callers may call
// methods of a type that locks its own mutex from several goroutines), a
// method started as a goroutine, a goroutine a method starts, or a
// handler the server runs per request.
type entry struct {
	desc     string   // "in (*Queue).Get", "in the goroutine started at q.go:30"
	accesses []access // receiver-rooted accesses, in the method's terms
	entry    lockset  // receiver locks held on entry ("...Locked" helpers)
	handler  bool     // runs concurrently with itself whatever the locks say
	self     string   // how it races with itself
	from     start    // what makes it concurrent
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
	joined    map[*access]bool
}

// sequenced reports whether a method runs outside the life of the
// value's concurrent code: documented so ("call it before Start", "after
// Stop"), or named as the setup that runs before a value is shared (Init,
// Setup, Provision, Configure) or as a decoder filling a fresh value
// (UnmarshalJSON, DecodeRLP). Real services write their maps unlocked in
// exactly these (go-ethereum's blobpool Init, caddy's Provision, grpc's
// RegisterService "before invoking Serve").
func sequenced(decl *ast.FuncDecl) bool {
	if setupName.MatchString(decl.Name.Name) {
		return true
	}
	return decl.Doc != nil && afterStop.MatchString(strings.ReplaceAll(decl.Doc.Text(), "\n", " "))
}

var setupName = regexp.MustCompile(`^(Init|Initialize|Initialise|Setup|SetUp|Provision|Configure)([A-Z_]|$)|^(Unmarshal|Decode)`)

// afterStop finds doc comments that order a method outside the life of
// the type's goroutines: "call it after Stop", "only valid once Close
// returns", "call it before Start".
var afterStop = regexp.MustCompile(`(?i)\b(after|once)\b[^.;\n]{0,30}\b(stop|close|shut\s?down|wait|join)|\bbefore\b[^.;\n]{0,30}\b(start|run|serve|listen)`)

// lockHeldDoc finds doc comments that say the caller holds the lock:
// "Lock should be held", "Lock assumed to be held", "caller must hold
// c.mu", "client lock must be held on entry", "must be called holding
// the lock on the tx" (etcd's Unsafe methods).
var (
	lockHeldDoc = regexp.MustCompile(`(?i)\b(lock|mutex|mu|rlock)\b([^.;\n]{0,40}?)\b(held|holding|acquired|locked)\b|\bcallers?\s+(must|should)\s+(hold|have|own|acquire|lock)\b|\b(must|should)\s+be\s+called\s+(holding|with)\s+[^.;\n]{0,20}?\b(lock|mutex|mu)\b`)
	negation    = regexp.MustCompile(`(?i)\b(not|no|never|without|unlocked)\b|n't\b`)
)

// heldOnEntry reports whether a method is documented or named as running
// with its receiver's lock held.
func heldOnEntry(decl *ast.FuncDecl) bool {
	name := decl.Name.Name
	lower := strings.ToLower(name)
	if strings.HasSuffix(lower, "locked") && !strings.HasSuffix(lower, "unlocked") ||
		strings.HasSuffix(name, "LockHeld") || strings.HasSuffix(name, "WithLock") ||
		strings.HasPrefix(name, "locked") ||
		// etcd's convention: Unsafe* "must be called holding the lock".
		strings.HasPrefix(name, "Unsafe") || strings.HasPrefix(name, "unsafe") {
		return true
	}
	if decl.Doc == nil {
		return false
	}
	text := strings.ReplaceAll(decl.Doc.Text(), "\n", " ") // sentences wrap
	for _, m := range lockHeldDoc.FindAllStringIndex(text, -1) {
		from := max(0, m[0]-16)
		if !negation.MatchString(text[from:m[1]]) {
			return true
		}
	}
	return false
}

// checkTypes applies the rule of GCatch and RacerD: a type whose own
// methods lock a mutex around some accesses of a map field is meant for
// concurrent use, so an access of that field, from code that callers can
// run concurrently, made without a lock the other accesses hold, races.
func (a *analyzer) checkTypes(order []*types.Func, callers map[*types.Func]*lockset) {
	byType := make(map[*types.TypeName][]*declResult)
	var typeOrder []*types.TypeName
	for _, fn := range order {
		st := a.state[fn]
		recv := fn.Signature().Recv()
		if st == nil || recv == nil {
			continue
		}
		named, ok := types.Unalias(deref(recv.Type())).(*types.Named)
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
func lockNamedFor(tn *types.TypeName) func(lock ref) string {
	return func(lock ref) string {
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
	st, ok := deref(t).Underlying().(*types.Struct)
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
		if n, ok := types.Unalias(deref(v.Type())).(*types.Named); ok && n.Obj() == t.Obj() {
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
func (a *analyzer) constructorGoroutines(order []*types.Func) map[*types.TypeName][]*entry {
	var out map[*types.TypeName][]*entry
	for _, fn := range order {
		st := a.state[fn]
		if st == nil || fn.Signature().Recv() != nil {
			continue
		}
		for _, gs := range st.res.goSites {
			if !gs.outlives || gs.lit == nil {
				continue
			}
			byType := make(map[*types.TypeName][]access)
			var typeOrder []*types.TypeName // as first met, so that reports do not vary from run to run
			for _, acc := range gs.body {
				if !acc.ref.isLocal() || acc.ref.Path == "" {
					continue
				}
				v := st.sc.localVar(acc.ref.Root)
				if v == nil || declaredIn(st.sc, acc.ref, gs.lit) {
					continue
				}
				named, ok := types.Unalias(deref(v.Type())).(*types.Named)
				if !ok || named.Obj().Pkg() != a.pass.Pkg || !returns(fn, named) {
					continue
				}
				// The value's locks become the receiver's too.
				root := acc.ref.Root
				var held lockset
				for _, h := range acc.held {
					if h.Lock.Root == root {
						h.Lock = ref{"recv", h.Lock.Path}
					}
					held = held.with(h)
				}
				acc.held = held
				acc.ref = ref{"recv", acc.ref.Path}
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
				at := "the " + gs.what + " started at " + a.short(gs.pos)
				out[tn] = append(out[tn], &entry{desc: "in " + at, self: "by every copy of " + at, accesses: accs,
					spawned: true, outlives: true, from: start{gs.pos, "the " + gs.what + " is started here, and outlives " + fn.Name()}})
			}
		}
	}
	return out
}

// methodCallers collects, for each method, the locks (in the method's
// receiver terms) held at every call from this package: nil when some
// call holds none.
func (a *analyzer) methodCallers() map[*types.Func]*lockset {
	out := make(map[*types.Func]*lockset)
	for _, st := range a.state {
		if st == nil {
			continue
		}
		for _, c := range st.res.calls {
			var rel lockset
			prefix := c.recv.key() + "."
			for _, h := range c.held.must() {
				if k := h.key(); strings.HasPrefix(k, prefix) {
					rel = append(rel, heldLock{Lock: ref{"recv", k[len(prefix):]}, Read: h.Read})
				}
			}
			if prev, ok := out[c.callee]; ok {
				m := meet(*prev, rel).must()
				out[c.callee] = &m
			} else {
				out[c.callee] = &rel
			}
		}
	}
	return out
}

func (a *analyzer) checkType(tn *types.TypeName, methods []*declResult, callers map[*types.Func]*lockset, started []*entry) {
	if a.sequential[tn] {
		return
	}
	isRecv := func(r ref) bool { return r.Root == "recv" }
	// The type's own code accesses a receiver map under a mutex of the
	// same value, or under a package-level mutex of this package (a field
	// guarded by one is guarded like any other).
	prefix := "g:" + a.pass.Pkg.Path() + "."
	sh := newSharedMaps(isRecv, func(l ref) bool { return isRecv(l) || strings.HasPrefix(l.Root, prefix) })
	sh.namedFor = lockNamedFor(tn)
	var entries []*entry
	writers := a.fieldWriters(methods)
	for _, st := range methods {
		sh.noteAll(st.res, st)
		fn := st.fn
		var onEntry lockset
		if heldOnEntry(st.decl) {
			for _, p := range mutexFields(tn.Type()) {
				onEntry = append(onEntry, heldLock{Lock: ref{"recv", p}})
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
func (a *analyzer) checkGlobals(order []*types.Func) {
	prefix := "g:" + a.pass.Pkg.Path() + "."
	isOurs := func(r ref) bool { return strings.HasPrefix(r.Root, prefix) }
	sh := newSharedMaps(isOurs, func(l ref) bool { return strings.HasPrefix(l.Root, "g:") })
	var entries []*entry
	for _, fn := range order {
		st := a.state[fn]
		if st == nil {
			continue
		}
		sh.noteAll(st.res, st)
		if strings.HasSuffix(a.pass.Fset.File(st.decl.Pos()).Name(), "_test.go") {
			continue // tests and their helpers run one at a time unless they say otherwise
		}
		if fn.Signature().Recv() != nil {
			entries = append(entries, a.methodEntries(st, nil, false)...)
			continue
		}
		if fn.Exported() && !heldOnEntry(st.decl) {
			entries = append(entries, &entry{desc: "in " + fn.Name(), self: "by concurrent calls of " + fn.Name(), accesses: st.res.accesses,
				from: start{st.decl.Name.Pos(), fn.Name() + " is exported: callers may run it concurrently"}})
		}
		for _, gs := range st.res.goSites {
			if gs.joinedByCall {
				continue // its accesses are the caller's, at the call
			}
			at := "the " + gs.what + " started at " + a.short(gs.pos)
			entries = append(entries, &entry{desc: "in " + at, self: "by every copy of " + at, accesses: gs.body, spawned: true,
				from: start{gs.pos, "the " + gs.what + " is started here"}})
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
func (a *analyzer) methodEntries(st *declResult, onEntry lockset, setup bool) []*entry {
	var entries []*entry
	fn := st.fn
	name := methodName(fn)
	switch {
	case isHandlerMethod(fn):
		entries = append(entries, &entry{desc: "in " + name, self: "by concurrent calls of " + name + " (one per request or scrape)",
			accesses: st.res.accesses, entry: onEntry, handler: true, from: start{st.decl.Name.Pos(), name + " is run once per request or scrape"}})
	case a.callbacks[fn].pos.IsValid():
		cb := a.callbacks[fn]
		at := a.short(cb.pos)
		entries = append(entries, &entry{desc: "in " + name + ", handed over at " + at, self: "by concurrent runs of " + name,
			accesses: st.res.accesses, entry: onEntry, handler: true, from: start{cb.pos, name + " is handed over here: " + cb.why}})
	case a.goMethods[fn] != nil:
		at := a.short(a.goMethods[fn][0])
		entries = append(entries, &entry{desc: "in " + name + ", started as a goroutine at " + at, self: "by every goroutine running " + name,
			accesses: st.res.accesses, entry: onEntry, spawned: true, outlives: a.outliving[fn], from: start{a.goMethods[fn][0], goStartNote(name, a.outliving[fn])}})
	case fn.Exported() && len(onEntry) == 0 && !heldOnEntry(st.decl) && (st.decl.Doc == nil || !notConcurrent.MatchString(st.decl.Doc.Text())):
		// (A ...Locked method runs under its caller's lock even when the
		// lock is not one of the type's fields to name.)
		entries = append(entries, &entry{desc: "in " + name, self: "by concurrent calls of " + name, accesses: st.res.accesses,
			from:      start{st.decl.Name.Pos(), name + " is exported: callers may run it concurrently"},
			sequenced: setup || sequenced(st.decl),
			joined:    joinedAccesses(st.res)})
	}
	for _, gs := range st.res.goSites {
		if gs.joinedByCall {
			continue // its accesses are the caller's, at the call
		}
		at := "the " + gs.what + " started at " + a.short(gs.pos)
		entries = append(entries, &entry{desc: "in " + at, self: "by every copy of " + at, accesses: gs.body, spawned: true, outlives: gs.outlives,
			from: start{gs.pos, "the " + gs.what + " is started here"}})
	}
	return entries
}

// sharedMaps records, for the maps a rule is about, which locks their
// accesses hold and whether anything writes them.
type sharedMaps struct {
	isMap  func(ref) bool // the maps the rule is about
	isLock func(ref) bool // the locks that count as guarding them
	// guards counts, per map, the locks held where it is accessed: a
	// lock the code takes around any access of the map says the map is
	// shared, and each pair of conflicting accesses must then hold a
	// common lock.
	guards map[string]map[string]*guardVote
	writes map[string]bool
	// namedFor returns the field a mutex is named for (cacheMu guards
	// cache), if the type has one: such a mutex guards that field, not
	// the maps written next to it.
	namedFor func(lock ref) string
}

func newSharedMaps(isMap, isLock func(ref) bool) *sharedMaps {
	return &sharedMaps{isMap: isMap, isLock: isLock, guards: make(map[string]map[string]*guardVote), writes: make(map[string]bool)}
}

// noteAll notes the accesses of one function (owner).
func (sh *sharedMaps) noteAll(res *bodyResult, owner any) {
	for i := range res.accesses {
		sh.note(&res.accesses[i], owner)
	}
	for _, gs := range res.goSites {
		for i := range gs.body {
			sh.note(&gs.body[i], owner)
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

func (sh *sharedMaps) note(acc *access, owner any) {
	if !sh.isMap(acc.ref) || acc.foreign {
		return
	}
	k := acc.ref.key()
	if acc.write {
		sh.writes[k] = true
	}
	// A read under a lock is evidence too: locks are compared pair by
	// pair, so a read under s.mu races with a write made without it even
	// when no write ever takes s.mu.
	for _, h := range acc.held.must() {
		if !sh.isLock(h.Lock) {
			continue
		}
		if sh.namedFor != nil {
			if f := sh.namedFor(h.Lock); f != "" && acc.ref.Path != f && !strings.HasPrefix(acc.ref.Path, f+".") {
				continue // m.items[n], m.cache = v, nil under cacheMu
			}
		}
		if sh.guards[k] == nil {
			sh.guards[k] = make(map[string]*guardVote)
		}
		v := sh.guards[k][h.key()]
		if v == nil {
			v = &guardVote{lock: heldLock{Lock: h.Lock}, owners: make(map[any]bool)}
			sh.guards[k][h.key()] = v
		}
		v.n++
		if acc.write {
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
func (a *analyzer) compareEntries(entries []*entry, sh *sharedMaps) {
	// The maps that goroutines outliving their starters touch: a type
	// whose own code starts a goroutine on a value is concurrent by
	// construction, lock or no lock.
	outlivingMaps := make(map[string]bool)
	for _, e := range entries {
		if e.outlives {
			for i := range e.accesses {
				outlivingMaps[e.accesses[i].ref.key()] = true
			}
		}
	}
	if len(sh.guards) == 0 && !hasHandler(entries) && len(outlivingMaps) == 0 {
		return
	}
	type at struct {
		e   *entry
		acc *access
	}
	byKey := make(map[string][]at)
	for _, e := range entries {
		for i := range e.accesses {
			acc := &e.accesses[i]
			if sh.isMap(acc.ref) && !acc.foreign {
				byKey[acc.ref.key()] = append(byKey[acc.ref.key()], at{e, acc})
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
				if e.accesses[i].write == writes {
					order = append(order, i)
				}
			}
		}
		for _, i := range order {
			acc := &e.accesses[i]
			k := acc.ref.key()
			if !sh.isMap(acc.ref) || acc.foreign || done[k] || a.reported[acc.reportPos()] || e.building(acc) {
				continue
			}
			votes, isGuarded := sh.guards[k]
			if !isGuarded && !e.handler && !outlivingMaps[k] {
				continue
			}
			if !acc.write && !sh.writes[k] {
				continue
			}
			held := union(acc.held, e.entry)
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
				case guard != nil && holdsForWriting(o.acc.held, guard.Lock):
					return 0
				}
				return 1
			}
			slices.SortStableFunc(candidates, func(x, y at) int { return rank(x) - rank(y) })
			if acc.write && e.handler {
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
				if outliving && !isGuarded && !(acc.write && (e.outlives || !o.acc.write)) {
					continue // reported at the write (the goroutine's, when both write)
				}
				if !(acc.write || o.acc.write) || excludes(held, union(o.acc.held, o.e.entry)) {
					continue
				}
				ctx := o.e.desc
				if o.acc == acc {
					ctx = o.e.self
				} else if o.e == e && !acc.write {
					continue // the write is reported
				}
				if pairs[pair{o.e, e, k}] && o.e != e {
					continue
				}
				froms := []start{o.e.from}
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
func (e *entry) building(acc *access) bool {
	return acc.installed && !e.spawned && !e.handler
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
func outlivingPair(e *entry, acc *access, o *entry, oacc *access) bool {
	side := func(g, m *entry, macc *access) bool {
		return g.outlives && !m.spawned && !m.sequenced && !m.joined[macc]
	}
	return side(e, o, oacc) || side(o, e, acc)
}

// A guardVote counts the accesses of a map made under one lock.
type guardVote struct {
	lock       heldLock
	n          int
	writes     int          // how many of them write
	readLocked int          // how many hold it only for reading (RLock)
	owners     map[any]bool // the functions that make them
}

func holdsAny(held lockset, votes map[string]*guardVote) bool {
	for _, h := range held {
		if votes[h.key()] != nil {
			return true
		}
	}
	return false
}

// bestGuard returns the lock most accesses of a map hold, or nil.
func bestGuard(votes map[string]*guardVote) *heldLock {
	var best *guardVote
	for _, v := range votes {
		if best == nil || v.n > best.n || (v.n == best.n && v.lock.key() < best.lock.key()) {
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

func union(a, b lockset) lockset {
	out := a
	for _, h := range b {
		if _, ok := out.find(h.Lock); !ok {
			out = out.with(h)
		}
	}
	return out
}

// methodName renders a method as (*T).M or T.M.
func methodName(fn *types.Func) string {
	recv := fn.Signature().Recv()
	if recv == nil {
		return fn.Name()
	}
	t := recv.Type()
	star := ""
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		star, t = "*", p.Elem()
	}
	name := t.String()
	if n, ok := types.Unalias(t).(*types.Named); ok {
		name = n.Obj().Name()
	}
	if star != "" {
		return "(*" + name + ")." + fn.Name()
	}
	return name + "." + fn.Name()
}

// isHandlerMethod recognises methods that servers call concurrently, once
// per request or scrape: http.Handler's ServeHTTP, and methods that send
// Prometheus metrics (a Collector's Collect, node_exporter's Update),
// which overlapping scrapes run at the same time.
func isHandlerMethod(fn *types.Func) bool {
	sig := fn.Signature()
	if fn.Name() == "ServeHTTP" && sig.Params().Len() == 2 && isNamed(sig.Params().At(0).Type(), "net/http", "ResponseWriter") {
		return true
	}
	for p := range sig.Params().Variables() {
		if ch, ok := p.Type().Underlying().(*types.Chan); ok && ch.Dir() == types.SendOnly &&
			isNamed(ch.Elem(), "github.com/prometheus/client_golang/prometheus", "Metric") {
			return true
		}
	}
	return false
}

func isNamed(t types.Type, pkg, name string) bool {
	n, ok := types.Unalias(deref(t)).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == pkg && n.Obj().Name() == name
}
