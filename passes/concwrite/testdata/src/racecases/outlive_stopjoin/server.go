// Package outlive_stopjoin is a server whose Start runs an event loop on
// its own goroutine; Stop closes the quit channel and waits for the loop
// to end, so Counts, called after Stop, does not overlap it.
package outlive_stopjoin

// Server counts events by kind.
type Server struct {
	events chan string
	quit   chan struct{}
	done   chan struct{}
	counts map[string]int
}

func NewServer() *Server {
	return &Server{
		events: make(chan string),
		quit:   make(chan struct{}),
		done:   make(chan struct{}),
		counts: make(map[string]int),
	}
}

// Start runs the event loop.
func (s *Server) Start() {
	go s.loop()
}

func (s *Server) loop() {
	defer close(s.done)
	for {
		select {
		case kind := <-s.events:
			s.counts[kind]++
		case <-s.quit:
			return
		}
	}
}

// Publish hands an event to the loop.
func (s *Server) Publish(kind string) { s.events <- kind }

// Stop ends the loop and waits for it.
func (s *Server) Stop() {
	close(s.quit)
	<-s.done
}

// Counts returns the counts; call it after Stop.
func (s *Server) Counts() map[string]int {
	out := make(map[string]int, len(s.counts))
	for k, v := range s.counts {
		out[k] = v
	}
	return out
}

func Run() {
	s := NewServer()
	s.Start()
	for _, k := range []string{"login", "logout", "login"} {
		s.Publish(k)
	}
	s.Stop()
	s.counts["restarts"] = 0
	if s.Counts()["login"] != 2 {
		panic("lost events")
	}
}
