// Package outlive_lockedjanitor is outlive_janitor done right: the
// janitor and Set both hold the cache's mutex.
package outlive_lockedjanitor

import (
	"sync"
	"time"
)

type entry struct {
	value   string
	expires time.Time
}

// Cache holds values until they expire.
type Cache struct {
	mu    sync.Mutex
	items map[string]entry
	quit  chan struct{}
	done  chan struct{}
}

// NewCache returns a cache whose expired entries are evicted every interval.
func NewCache(interval time.Duration) *Cache {
	c := &Cache{
		items: make(map[string]entry),
		quit:  make(chan struct{}),
		done:  make(chan struct{}),
	}
	go c.janitor(interval)
	return c
}

func (c *Cache) janitor(interval time.Duration) {
	defer close(c.done)
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case now := <-t.C:
			c.evictExpired(now)
		case <-c.quit:
			return
		}
	}
}

func (c *Cache) evictExpired(now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, e := range c.items {
		if now.After(e.expires) {
			delete(c.items, k)
		}
	}
}

// Set stores value under key for ttl.
func (c *Cache) Set(key, value string, ttl time.Duration) {
	c.mu.Lock()
	c.items[key] = entry{value, time.Now().Add(ttl)}
	c.mu.Unlock()
}

// Get returns the value under key if it has not expired.
func (c *Cache) Get(key string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[key]
	if !ok || time.Now().After(e.expires) {
		return "", false
	}
	return e.value, true
}

// Close stops the janitor.
func (c *Cache) Close() {
	close(c.quit)
	<-c.done
}

func Run() {
	c := NewCache(time.Millisecond)
	c.Set("session:1", "alice", -time.Second)
	for i := 0; i < 5; i++ {
		c.Set("session:2", "bob", time.Minute)
		_, _ = c.Get("session:1")
		time.Sleep(2 * time.Millisecond)
	}
	c.Close()
}
