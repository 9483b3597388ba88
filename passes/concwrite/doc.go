// Package concwrite defines an Analyzer that reports maps accessed by
// concurrent code without a common lock.
//
// # Analyzer concwrite
//
// concwrite: report unsynchronized concurrent map access
//
// A Go map must not be written while another goroutine reads or writes
// it: the runtime detects many such races and stops the whole program
// with "fatal error: concurrent map writes" (or "concurrent map read and
// map write"), which no recover can catch. concwrite reports two accesses
// of the same map, at least one a write (m[k] = v, m[k] += v, m[k]++,
// delete, clear, maps.Copy, maps.Insert, maps.DeleteFunc), that can run
// in different goroutines at the same time with no mutex held by both.
// Reads are index expressions, comma-ok lookups, range loops and len.
//
// Code runs concurrently when it is:
//
//   - a goroutine (go statement, sync.WaitGroup.Go, errgroup.Group.Go,
//     time.AfterFunc, context.AfterFunc, or a helper that runs its
//     function argument as a goroutine) and the code that started it,
//     from the start up to a join: wg.Wait on a WaitGroup the goroutine
//     calls Done on, an errgroup's Wait (or a helper that calls them), or
//     a receive from a channel the goroutine sends on or closes. Joins
//     are flow-sensitive on both sides: what the goroutine does after its
//     wg.Done(), or after the send or close its joiner waits for, still
//     runs concurrently with the code after the join;
//   - two copies of a goroutine started in a loop, before a join;
//   - an HTTP handler (http.Handle, http.HandleFunc, ServeMux and
//     routers' Handle, HandleFunc, Get, Post…, httptest servers, and
//     ServeHTTP methods), a net/rpc or gRPC service method, or a method
//     sending Prometheus metrics (Collect, node_exporter's Update):
//     servers run these concurrently, each with itself;
//   - a goroutine that outlives the function that starts it (a
//     constructor's or method's go statement, timer or ticker loop, not
//     joined before it returns) and every exported method of the same
//     value: a type whose own code starts a goroutine on a value is
//     concurrent by construction, lock or no lock. Methods that join the
//     goroutine first (Stop closes the quit channel and waits), and
//     methods documented as called before Start or after Stop, do not
//     overlap it; a goroutine that is the only code touching a map (an
//     actor fed over channels) owns it;
//   - the exported methods of a type whose own code accesses a map field
//     while holding a mutex of the same value (or a package-level mutex
//     that more than one of its functions holds there): such a type is
//     meant for concurrent use, so two accesses of that field, at least
//     one a write, by exported methods or goroutines the type starts,
//     that hold no common lock race (the rule of GCatch and RacerD,
//     applied pair by pair: a read under the lock races with a write
//     outside it even when no write takes the lock). A lock held only
//     around reads of a map, that guards another map's writes, says
//     nothing of the first. The same holds for the package's own
//     package-level maps under a package-level mutex, and its exported
//     functions;
//   - a goroutine that a call leaves running (Launch(name, labels) stores
//     labels in the job it starts a goroutine on, and returns) and the
//     caller's code after the call, up to the caller's next join of any
//     kind (a receive, a Wait, a call that waits): the goroutine reaches
//     the caller's map through the job's field, the caller through its
//     own variable.
//
// Maps are package-level variables, variables captured by closures, and
// fields reached from the same variable; two different variables are
// taken to name different values, except where the code shows one map
// under two names: a field set in the composite literal that makes a
// local value (j := &Job{Labels: labels}, never assigned again) is the
// map it was set to, and a map field that a loop gives every value it
// makes from one map made before the loop (seen := make(…); for … {
// &worker{seen: seen} }) is one map for all of them, so the goroutines
// each given a worker of their own write one map. Locks are sync.Mutex and sync.RWMutex
// regions, including deferred unlocks, early returns, lock()/unlock()
// wrapper methods and lock := func() {…} closures; a mutex declared
// inside the goroutine or per request protects nothing shared. A lock
// taken on some paths only (if doLock { mu.Lock() }) counts as held, so
// that such code is not reported; branches ruled out by a constant
// condition are skipped. Methods named ...Locked or Unsafe..., documented
// as called with the lock held ("Lock should be held", "must be called
// holding the lock"), or called with it held from every call site in the
// package, run under it; that is an assumption about their callers, not a
// lock they take, so a caller that does not hold the lock is still seen.
// A callee that drops its caller's lock and takes it back (mu.Unlock();
// defer mu.Lock()) leaves it held. A mutex named for another field
// (cacheMu) guards that field, not the maps written beside it. Methods and
// types documented as not for concurrent use are not taken to run
// concurrently, and setup that runs before a value is shared (methods
// named Init, Setup, Provision, Configure, decoders named Unmarshal... or
// Decode..., methods documented "call before Start" or "after Stop", and
// setters that, without a lock, store a parameter in a field no other
// method assigns and that the struct declares above its mutex, outside
// what it guards, as SetID(id) { c.localID = id; … }: were the value in
// use, that store would race too) is not taken to overlap anything. A map
// a method has just stored in a field of a value is its own through that
// field until it hands the value on (a send, close, unlock or wg.Done) or
// stores the field again: it is building the value (w.State = make(…),
// then filled; trailers installed and described before the request is
// sent). A goroutine or handler doing the same races with the field's
// readers, who may load the new map while it is filled. A helper that starts its function
// argument in goroutines and joins them before returning (a parallel-for,
// errgroup Go and Wait, a go statement and a receive) runs it within the
// call, under the caller's locks; goroutines a literal run in place starts
// and joins are compared with that literal's code. Writes inside sync.Once.Do (or sync.OnceFunc) happen
// before every read after it; maps created inside the goroutine that uses
// them, or handed to it as arguments or over channels, are its own; but a
// sender that keeps writing a map it has sent on a channel (b.out <- b.cur;
// b.cur[k] = v), before it waits for anything, races with the goroutine
// that ranges over the channel. Maps
// that are fields of another package's types are left to the analysis of
// that package. Calls are followed through per-function summaries (which
// maps reached from the receiver, parameters and package-level variables
// a function reads and writes, under which mutexes; which function
// arguments it calls, which it starts as goroutines, and whether it joins
// them; which
// WaitGroups it calls Done on; whether it waits; which receiver map it
// returns), computed by mapeffects, the engine rangemut shares, and
// carried across packages as its package fact. A getter that
// returns its receiver's map hands out the map itself (range c.Peers() is
// an access of c.peers), and go s.run(), where the func field s.run is
// only ever set to a method of its own value, starts that method. A
// function or method value passed to helpers that call it (retry(3,
// s.refresh), go until(s.sync, …)) runs where they run. A function sent
// on a channel that goroutines started in a loop receive from and call (a
// worker pool's p.jobs <- job) runs on one of them, concurrently with the
// other jobs; one sent to a single goroutine (an actor's loop) is left to
// that goroutine. A method called through an interface declared in the
// package, which has one implementation in the package, is that
// implementation's method (h.store.Put on the package's memStore). A
// method handed to another package that runs it whenever it is asked
// (expvar.Func(c.total), prometheus.NewGaugeFunc(opts, c.size)) runs like
// a handler: concurrently with itself and with the methods callers call.
//
// A race is reported at the access (inside the callee, when the starter
// reaches it through a call: the line the race detector names), with the
// other access, the call leading to it and the statement that makes the
// two concurrent (go statement, timer, handler registration) as related
// information. When the other access holds the lock the code uses for
// the map, the report says to take it here too.
//
// concwrite also reports a write made while the map's mutex is held only
// for reading (RLock), when a reader of the map holds the same read lock
// elsewhere or the code runs concurrently with itself (not a loop that
// only one goroutine runs), with a suggested fix to take the write lock when
// the function locks simply enough to change mechanically (one RLock,
// its RUnlocks, no call known to lock the same mutex), and a write
// through a map that a method returned while holding its owner's lock.
//
// concwrite prefers silence to guessing: it does not follow maps through
// slices, interfaces or function values it cannot resolve, or one object
// reached along two paths (a struct field on one side, a local on the
// other).
//
// Before:
//
//	func (c *Cache) Get(k string) int {
//		c.mu.RLock()
//		defer c.mu.RUnlock()
//		c.hits[k]++ // map write under read lock
//		return c.items[k]
//	}
//
// After:
//
//	func (c *Cache) Get(k string) int {
//		c.mu.Lock()
//		defer c.mu.Unlock()
//		c.hits[k]++
//		return c.items[k]
//	}
//
// Since: v0.1.0
package concwrite
