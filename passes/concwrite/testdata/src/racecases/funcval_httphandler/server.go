// Package funcval_httphandler is an HTTP server whose hit counter is
// registered as a handler function: net/http runs it on a goroutine per
// connection, and it writes the map that the stats handler reads under
// the server's mutex.
package funcval_httphandler

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
)

// Server counts hits per path.
type Server struct {
	mu   sync.Mutex
	hits map[string]int
}

func NewServer() *Server { return &Server{hits: make(map[string]int)} }

// Routes returns the server's handler.
func (s *Server) Routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/stats", s.stats)
	mux.HandleFunc("/", s.count)
	return mux
}

func (s *Server) count(w http.ResponseWriter, r *http.Request) {
	s.hits[r.URL.Path]++ // want "concurrent map"
	fmt.Fprintln(w, "ok")
}

func (s *Server) stats(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	// Races with the write in count, which holds no lock: concwrite reports
	// the pair there, where the fix goes.
	for path, n := range s.hits {
		fmt.Fprintf(w, "%s %d\n", path, n)
	}
}

// Snapshot copies the counts.
func (s *Server) Snapshot() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]int, len(s.hits))
	for k, v := range s.hits {
		out[k] = v
	}
	return out
}

func get(url string) {
	resp, err := http.Get(url)
	if err != nil {
		return
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}

func Run() {
	s := NewServer()
	srv := httptest.NewServer(s.Routes())
	defer srv.Close()
	done := make(chan struct{})
	go func() {
		defer close(done)
		get(srv.URL + "/index.html")
	}()
	_ = s.Snapshot()
	<-done
}
