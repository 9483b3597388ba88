// Package precision_unlockdeferlock is a metrics sink whose flush helper,
// called with the lock held, drops it while writing to the backend and
// takes it back with a deferred Lock: when flush returns, its caller
// holds the lock again.
package precision_unlockdeferlock

import (
	"sync"
	"time"
)

// Sink batches counters before writing them to a backend.
type Sink struct {
	mu      sync.Mutex
	pending map[string]int
	stats   map[string]int
	write   func(map[string]int)
}

func NewSink(write func(map[string]int)) *Sink {
	return &Sink{pending: make(map[string]int), stats: make(map[string]int), write: write}
}

// Add counts v under name, flushing every few names.
func (s *Sink) Add(name string, v int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pending[name] += v
	if len(s.pending) >= 3 {
		s.flush()
		s.stats["flushes"]++
		s.pending["_flushed"] = 0
	}
}

// flush writes the pending batch. s.mu must be held; flush releases it
// while the backend write runs.
func (s *Sink) flush() {
	batch := s.pending
	s.pending = make(map[string]int)
	s.mu.Unlock()
	defer s.mu.Lock()
	s.write(batch)
}

func Run() {
	s := NewSink(func(batch map[string]int) { time.Sleep(100 * time.Microsecond) })
	var wg sync.WaitGroup
	for _, name := range []string{"a", "b", "c", "d"} {
		wg.Add(1)
		go func(name string) {
			defer wg.Done()
			for i := 0; i < 5; i++ {
				s.Add(name+string(rune('0'+i)), i)
			}
		}(name)
	}
	wg.Wait()
}
