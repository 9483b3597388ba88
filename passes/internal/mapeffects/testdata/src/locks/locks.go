// Package locks holds what concwrite asks of a function: the locks held // want package:"summaries of Cache.Get, Cache.Items, Cache.Lock, Cache.Set, Cache.Unlock, Parallel, Retry, Worker.Stop"
// at each access, the locks it returns holding, the goroutines it starts
// and the function values it calls.
package locks

import "sync"

// Cache is a map guarded by its mutex.
type Cache struct {
	mu    sync.Mutex
	items map[string]int
}

// Lock is a lock wrapper: its callers hold c.mu when it returns.
func (c *Cache) Lock() { c.mu.Lock() } // summary: ^returns holding recv.mu$

// Unlock unlocks what its caller locked.
func (c *Cache) Unlock() { c.mu.Unlock() } // summary: ^unlocks recv.mu$

// Get reads under the lock.
func (c *Cache) Get(k string) int { // summary: ^reads recv.items under recv.mu$
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.items[k]
}

// Set inserts under the lock.
func (c *Cache) Set(k string, v int) { // summary: ^inserts into recv.items\[p0\] under recv.mu$
	c.Lock()
	c.items[k] = v
	c.Unlock()
}

// Items hands out the map itself.
func (c *Cache) Items() map[string]int { // summary: ^returns recv.items$
	return c.items
}

// Retry calls f in its caller's goroutine.
func Retry(n int, f func() error) { // summary: ^calls p1$
	for range n {
		if f() == nil {
			return
		}
	}
}

// Parallel runs each function on a goroutine of its own and waits for
// them all.
func Parallel(fs ...func()) { // summary: ^waits for goroutines$
	var wg sync.WaitGroup
	for _, f := range fs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f()
		}()
	}
	wg.Wait()
}

// Worker runs a loop until stopped.
type Worker struct {
	quit, done chan struct{}
}

// Stop closes quit and waits for the loop to close done: its callers
// wait there for the loop.
func (w *Worker) Stop() { // summary: ^sends on recv.quit; receives from recv.done$
	close(w.quit)
	<-w.done
}
