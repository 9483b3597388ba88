// Package outlive_janitor is a TTL cache whose constructor starts a
// janitor goroutine and returns without joining it: from then on the
// janitor runs alongside every Set.
package outlive_janitor

import "time"

type entry struct {
	value   string
	expires time.Time
}

// Cache holds values until they expire.
type Cache struct {
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
	for k, e := range c.items {
		if now.After(e.expires) {
			delete(c.items, k) // want "concurrent map"
		}
	}
}

// Set stores value under key for ttl.
func (c *Cache) Set(key, value string, ttl time.Duration) {
	c.items[key] = entry{value, time.Now().Add(ttl)}
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
		time.Sleep(2 * time.Millisecond)
	}
	c.Close()
}
