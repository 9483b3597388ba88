// Package precision_afterfuncwg is a server whose shutdown schedules the
// final state change with time.AfterFunc and waits for it on a WaitGroup
// that the callback is Done on: the code after Wait does not overlap it.
package precision_afterfuncwg

import (
	"sync"
	"time"
)

// Server has a lifecycle state.
type Server struct {
	state map[string]string
}

func NewServer() *Server { return &Server{state: map[string]string{"phase": "running"}} }

// Shutdown lets in-flight work finish for grace, then stops.
func (s *Server) Shutdown(grace time.Duration) map[string]string {
	var wg sync.WaitGroup
	wg.Add(1)
	time.AfterFunc(grace, func() {
		defer wg.Done()
		s.state["phase"] = "stopped"
	})
	wg.Wait()
	s.state["stopped_at"] = time.Now().Format(time.RFC3339)
	return s.state
}

func Run() {
	s := NewServer()
	if s.Shutdown(time.Millisecond)["phase"] != "stopped" {
		panic("not stopped")
	}
}
