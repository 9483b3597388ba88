// Package twopaths_callee_twolevel is a cache whose constructor is given
// a seed map of keys to preload: NewCache hands the seed to launchWarmer,
// which starts the goroutine that loads every seed key, and both return
// without waiting for it. The caller adds a key to the seed map right
// after NewCache returns, while the warmer is still ranging over it.
package twopaths_callee_twolevel

import (
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
func NewCache(seed map[string]bool, load func(string) int) *Cache {
	c := &Cache{entries: make(map[string]int), load: load, warmed: make(chan struct{})}
	launchWarmer(c, seed)
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
	seed["prices"] = true // want `concurrent map read and write: seed written here and read at cache.go:31 \(in the goroutine that NewCache, called at cache.go:57, leaves running\), with no common lock`
	c.WaitWarm()
	c.Get("users")
}
