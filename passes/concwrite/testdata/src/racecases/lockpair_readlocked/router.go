// Package lockpair_readlocked is a router whose lookups hold the read
// lock while AddRoute, called at startup and then again by the reload
// goroutine, writes without any lock. No write is ever under the lock,
// yet the read under it races with the write outside it.
package lockpair_readlocked

import (
	"strings"
	"sync"
)

// Router maps path prefixes to backends.
type Router struct {
	mu     sync.RWMutex
	routes map[string]string
}

func NewRouter() *Router {
	return &Router{routes: make(map[string]string)}
}

// AddRoute sends requests under prefix to backend.
func (r *Router) AddRoute(prefix, backend string) {
	r.routes[prefix] = backend // want "concurrent map"
}

// Match returns the backend for path.
func (r *Router) Match(path string) string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	for prefix, backend := range r.routes {
		if strings.HasPrefix(path, prefix) {
			return backend
		}
	}
	return ""
}

// Reload replaces the routes from cfg on a background goroutine.
func (r *Router) Reload(cfg map[string]string, done chan<- struct{}) {
	go func() {
		defer close(done)
		for prefix, backend := range cfg {
			r.AddRoute(prefix, backend)
		}
	}()
}

func Run() {
	r := NewRouter()
	r.AddRoute("/api", "api:8080")
	done := make(chan struct{})
	r.Reload(map[string]string{"/static": "cdn:80", "/admin": "admin:9000"}, done)
	_ = r.Match("/api/users")
	<-done
}
