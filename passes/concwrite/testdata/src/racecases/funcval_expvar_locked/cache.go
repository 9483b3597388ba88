// Package funcval_expvar_locked is funcval_expvar done right: the
// function expvar runs on each scrape takes the cache's mutex before it
// ranges over the sizes.
package funcval_expvar_locked

import (
	"expvar"
	"net/http"
	"net/http/httptest"
	"sync"
)

// Cache maps keys to sizes.
type Cache struct {
	mu    sync.Mutex
	sizes map[string]int
}

func NewCache() *Cache { return &Cache{sizes: make(map[string]int)} }

// Set records the size of key.
func (c *Cache) Set(key string, size int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sizes[key] = size
}

func (c *Cache) total() any {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, size := range c.sizes {
		n += size
	}
	return n
}

// Publish exports the cache's total size as the expvar name.
func (c *Cache) Publish(name string) {
	expvar.Publish(name, expvar.Func(c.total))
}

// scrape reads /debug/vars the way a metrics collector does.
func scrape() {
	rec := httptest.NewRecorder()
	expvar.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/debug/vars", nil))
}

func Run() {
	c := NewCache()
	c.Publish("cache_bytes")
	done := make(chan struct{})
	go func() {
		defer close(done)
		scrape()
	}()
	c.Set("index.html", 512)
	<-done
}
