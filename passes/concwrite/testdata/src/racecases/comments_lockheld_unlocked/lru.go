// Package comments_lockheld_unlocked is an LRU cache whose eviction
// helper is documented as needing the lock; Put calls it with the lock
// held, but the background trimmer calls it without.
package comments_lockheld_unlocked

import (
	"sync"
	"time"
)

// LRU is a size-bounded cache.
type LRU struct {
	mu    sync.Mutex
	max   int
	items map[string]time.Time // key -> last use
}

func NewLRU(max int) *LRU { return &LRU{max: max, items: make(map[string]time.Time)} }

// Put stores key.
func (c *LRU) Put(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items[key] = time.Now()
	for len(c.items) > c.max {
		c.removeOldest()
	}
}

// removeOldest evicts the least recently used key.
// c.mu must be held.
func (c *LRU) removeOldest() {
	var oldest string
	var when time.Time
	for k, t := range c.items {
		if oldest == "" || t.Before(when) {
			oldest, when = k, t
		}
	}
	delete(c.items, oldest) // want "concurrent map"
}

// StartTrimmer shrinks the cache to half its size every interval.
func (c *LRU) StartTrimmer(interval time.Duration, stop <-chan struct{}) {
	go func() {
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				for i := 0; i < c.max/2; i++ {
					c.removeOldest()
				}
			case <-stop:
				return
			}
		}
	}()
}

func Run() {
	c := NewLRU(4)
	stop := make(chan struct{})
	c.StartTrimmer(time.Millisecond, stop)
	for i := 0; i < 10; i++ {
		c.Put(string(rune('a' + i)))
		time.Sleep(time.Millisecond)
	}
	close(stop)
}
