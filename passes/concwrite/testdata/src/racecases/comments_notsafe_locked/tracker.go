// Package comments_notsafe_locked is a request tracker documented as not
// safe for concurrent use, whose own code nevertheless locks around one
// write: the code, not the comment, says it is shared, and Finish, which
// does not lock, races with Start.
package comments_notsafe_locked

import (
	"sync"
	"time"
)

// Tracker records in-flight requests.
// A Tracker is not safe for concurrent use.
type Tracker struct {
	mu       sync.Mutex
	inflight map[uint64]time.Time
}

func NewTracker() *Tracker { return &Tracker{inflight: make(map[uint64]time.Time)} }

// Start records request id as in flight.
func (t *Tracker) Start(id uint64) {
	t.mu.Lock()
	t.inflight[id] = time.Now()
	t.mu.Unlock()
}

// Finish records request id as done.
func (t *Tracker) Finish(id uint64) time.Duration {
	start := t.inflight[id] // want "concurrent map"
	delete(t.inflight, id)  // want "concurrent map"
	return time.Since(start)
}

func Run() {
	t := NewTracker()
	t.Start(1)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		t.Start(2)
	}()
	go func() {
		defer wg.Done()
		t.Finish(1)
	}()
	wg.Wait()
}
