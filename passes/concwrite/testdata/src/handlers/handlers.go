// Package handlers holds servers that run handlers concurrently.
package handlers

import (
	"net/http"
	"sync"

	"github.com/prometheus/client_golang/prometheus"
)

type api struct {
	mu     sync.Mutex
	visits map[string]int
	users  map[string]string
}

// Handlers registered as method values race with themselves.
func (a *api) routes(mux *http.ServeMux) {
	mux.HandleFunc("/visit", a.visit)
	mux.HandleFunc("/user", a.user)
}

func (a *api) visit(w http.ResponseWriter, r *http.Request) {
	a.visits[r.URL.Path]++ // want `concurrent map write: a.visits written here by concurrent requests to the HTTP handler registered at handlers.go:19, with no lock held; guard it with a sync.Mutex`
}

func (a *api) user(w http.ResponseWriter, r *http.Request) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.users[r.URL.Path] = r.URL.RawQuery
}

// A literal handler writing a captured map, with a mutex declared per
// request: it protects nothing.
func serve() {
	seen := map[string]bool{}
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		var mu sync.Mutex
		mu.Lock()
		seen[r.URL.Path] = true // want `concurrent map write: seen written here by concurrent requests to the HTTP handler registered at handlers.go:37`
		mu.Unlock()
	})
	total := map[string]int{}
	var tmu sync.Mutex
	http.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) {
		tmu.Lock()
		defer tmu.Unlock()
		total[r.URL.Path]++
	})
}

// A ServeHTTP method runs per request.
type counter struct {
	byPath map[string]int
}

func (c *counter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.byPath[r.URL.Path]++ // want `concurrent map write: c.byPath written here by concurrent calls of \(\*counter\).ServeHTTP \(one per request or scrape\)`
}

// The node_exporter shape: Update fills a cache lazily; overlapping
// scrapes run it concurrently.
type filesystemCollector struct {
	descs map[string]*prometheus.Desc
}

func (c *filesystemCollector) Update(ch chan<- prometheus.Metric) error {
	for _, name := range []string{"size", "free"} {
		if _, ok := c.descs[name]; !ok {
			c.descs[name] = &prometheus.Desc{} // want `concurrent map write: c.descs written here by concurrent calls of \(\*filesystemCollector\).Update`
		}
	}
	return nil
}

// A collector that locks is fine.
type lockedCollector struct {
	mu    sync.Mutex
	cache map[string]float64
}

func (c *lockedCollector) Describe(ch chan<- *prometheus.Desc) {}

func (c *lockedCollector) Collect(ch chan<- prometheus.Metric) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cache["x"] = 1
}

// A router of another package style: r.Get("/", h) registers h.
type router struct{}

func (router) Get(pattern string, h http.HandlerFunc) {}

func routes(r router) {
	hits := map[string]int{}
	r.Get("/", func(w http.ResponseWriter, req *http.Request) {
		hits[req.URL.Path]++ // want `concurrent map write: hits written here by concurrent requests to the HTTP handler registered at handlers.go:\d+`
	})
}
