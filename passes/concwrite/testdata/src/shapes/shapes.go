// Package shapes holds common real-world shapes of concurrent map access.
package shapes

import (
	"net"
	"net/http"
	"sync"
)

// A result map filled by one goroutine per item.
func process(items []string) map[string]int {
	res := make(map[string]int)
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func(s string) {
			defer wg.Done()
			res[s] = len(s) // want `concurrent map write: res written here by every copy of the goroutine started at shapes.go:16 in a loop`
		}(it)
	}
	wg.Wait()
	return res
}

// A fixed pool of workers sharing a cache.
func workers(jobs chan string, f func(string) int) {
	cache := map[string]int{}
	for i := 0; i < 4; i++ {
		go func() {
			for j := range jobs {
				cache[j] = f(j) // want `concurrent map write: cache written here by every copy`
			}
		}()
	}
}

// A goroutine per accepted connection.
type Server struct {
	conns map[net.Conn]struct{}
}

func (s *Server) Serve(l net.Listener) {
	for {
		c, err := l.Accept()
		if err != nil {
			return
		}
		go s.handle(c)
	}
}

func (s *Server) handle(c net.Conn) {
	s.conns[c] = struct{}{} // want `concurrent map write: s.conns written here by every copy of the goroutine started at shapes.go:48 in a loop`
	defer delete(s.conns, c)
}

// A plain function registered as a handler.
var sessions = map[string]string{}

func login(w http.ResponseWriter, r *http.Request) {
	sessions[r.FormValue("u")] = "x" // want `concurrent map write: sessions written here by concurrent requests to the HTTP handler registered at shapes.go:65`
}

func Main() {
	http.HandleFunc("/login", login)
}

// A locked method fanned out to goroutines, read by an unlocked getter.
type counter struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *counter) inc(k string) {
	c.mu.Lock()
	c.n[k]++
	c.mu.Unlock()
}

func (c *counter) Get(k string) int { return c.n[k] } // want `concurrent map read and write: c\.n read here without c\.mu, which the write at shapes\.go:76 \(in \(\*counter\)\.inc, started as a goroutine at shapes\.go:84\) holds; lock c\.mu here too`

func fanout(c *counter, keys []string) {
	for _, k := range keys {
		go c.inc(k)
	}
}
