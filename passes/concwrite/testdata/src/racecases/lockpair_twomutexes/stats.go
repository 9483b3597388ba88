// Package lockpair_twomutexes is a stats collector whose counters are
// written under one mutex and reset under another: both sides lock, but
// not the same lock.
package lockpair_twomutexes

import "sync"

// Stats counts requests by status.
type Stats struct {
	mu      sync.Mutex
	resetMu sync.Mutex
	counts  map[int]int
	resets  int
}

func NewStats() *Stats { return &Stats{counts: make(map[int]int)} }

// Observe counts one request.
func (s *Stats) Observe(status int) {
	s.mu.Lock()
	s.counts[status]++
	s.mu.Unlock()
}

// Reset clears the counts.
func (s *Stats) Reset() {
	s.resetMu.Lock()
	defer s.resetMu.Unlock()
	// Both the range and the delete race with Observe's write under s.mu.
	for status := range s.counts { // want "concurrent map"
		delete(s.counts, status) // want "concurrent map"
	}
	s.resets++
}

func Run() {
	s := NewStats()
	s.Observe(200)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 10; i++ {
			s.Observe(200 + i%3)
		}
	}()
	go func() {
		defer wg.Done()
		s.Reset()
	}()
	wg.Wait()
}
