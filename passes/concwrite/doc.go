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
//     time.AfterFunc, context.AfterFunc) and the code that started it,
//     from the start up to a join: wg.Wait, an errgroup's Wait, or a
//     receive from a channel the goroutine sends on or closes;
//   - two copies of a goroutine started in a loop, before a join;
//   - an HTTP handler (http.Handle, http.HandleFunc, ServeMux methods,
//     ServeHTTP methods), a net/rpc or gRPC method, or a method sending
//     Prometheus metrics (Collect): servers run these concurrently;
//   - the exported methods of a type whose own code locks a mutex around
//     some accesses of a map field: such a type is meant for concurrent
//     use, so an access of that field without that mutex races with the
//     others.
//
// Maps are package-level variables, variables captured by closures, and
// fields reached from the same variable. Locks are sync.Mutex and
// sync.RWMutex regions, including deferred unlocks, early returns and
// lock()/unlock() wrapper methods; a mutex declared inside the goroutine
// or per request protects nothing shared. Methods named ...Locked, or
// documented as called with the lock held, and methods every caller in
// the package calls with the lock held, run under it. Writes inside
// sync.Once.Do (or sync.OnceFunc) happen before every read after it;
// maps created inside the goroutine that uses them, or handed to it as
// arguments or over channels, are its own. Calls are followed through
// per-function summaries, across packages as analysis facts.
//
// concwrite also reports a write made while the map's mutex is held only
// for reading (RLock), with a suggested fix to take the write lock when
// the function's locking is simple enough to change mechanically, and a
// write through a map that a method returned from under its own lock.
//
// concwrite prefers silence to guessing: it does not follow maps through
// slices, interfaces or function values it cannot resolve, and it
// assumes two variables name different values.
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
