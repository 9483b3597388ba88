// Package comments_notsafe_handoff is a request tracker documented as not
// safe for concurrent use and used that way: a tracker is handed from
// goroutine to goroutine over a channel, one owner at a time.
package comments_notsafe_handoff

import "time"

// Tracker records in-flight requests.
// A Tracker is not safe for concurrent use.
type Tracker struct {
	inflight map[uint64]time.Time
}

func NewTracker() *Tracker { return &Tracker{inflight: make(map[uint64]time.Time)} }

// Start records request id as in flight.
func (t *Tracker) Start(id uint64) { t.inflight[id] = time.Now() }

// Finish records request id as done.
func (t *Tracker) Finish(id uint64) time.Duration {
	start := t.inflight[id]
	delete(t.inflight, id)
	return time.Since(start)
}

func Run() {
	handoff := make(chan *Tracker)
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := <-handoff
		t.Finish(1)
		t.Start(2)
	}()
	t := NewTracker()
	t.Start(1)
	handoff <- t
	<-done
	t.Finish(2)
}
