// Package twopaths_callee_clone is twopaths_callee_twolevel done right:
// NewCache clones the seed map before handing it to the warmer goroutine,
// so the caller's later writes to its own seed map touch a different
// map from the one the warmer ranges over.
package twopaths_callee_clone

import (
	"maps"
	"sync"
	"time"
)

// Cache holds loaded values by key.
type Cache struct {
	mu      sync.Mutex
	entries map[string]int
	load    func(string) int
	warmed  chan struct{}
}

// NewCache returns a cache that starts loading the keys of seed at once.
// It keeps a copy of seed: the caller may change its map afterwards.
func NewCache(seed map[string]bool, load func(string) int) *Cache {
	c := &Cache{entries: make(map[string]int), load: load, warmed: make(chan struct{})}
	launchWarmer(c, maps.Clone(seed))
	return c
}

func launchWarmer(c *Cache, seed map[string]bool) {
	go func() {
		defer close(c.warmed)
		for key, wanted := range seed {
			if !wanted {
				continue
			}
			v := c.load(key)
			c.mu.Lock()
			c.entries[key] = v
			c.mu.Unlock()
			time.Sleep(time.Millisecond)
		}
	}()
}

// WaitWarm blocks until the seed keys are loaded.
func (c *Cache) WaitWarm() { <-c.warmed }

// Get returns the cached value of key.
func (c *Cache) Get(key string) (int, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.entries[key]
	return v, ok
}

func Run() {
	seed := map[string]bool{"users": true, "orders": true, "stock": true}
	c := NewCache(seed, func(key string) int { return len(key) })
	time.Sleep(time.Millisecond)
	seed["prices"] = true
	c.WaitWarm()
	c.Get("users")
}
