// Package funcval_fieldfn is a scheduler that stores its tick function
// in a struct field once and starts it with go s.run(): the stored method
// value runs on its own goroutine, alongside Stats.
package funcval_fieldfn

import "time"

// Scheduler runs periodic work.
type Scheduler struct {
	run   func()
	stop  chan struct{}
	stats map[string]int
}

// NewScheduler returns a scheduler whose run function is its tick loop.
func NewScheduler() *Scheduler {
	s := &Scheduler{stop: make(chan struct{}), stats: make(map[string]int)}
	s.run = s.loop
	return s
}

func (s *Scheduler) loop() {
	for {
		s.stats["ticks"]++ // want "concurrent map"
		select {
		case <-time.After(time.Millisecond):
		case <-s.stop:
			return
		}
	}
}

// Start runs the loop.
func (s *Scheduler) Start() { go s.run() }

// Stop ends the loop.
func (s *Scheduler) Stop() { close(s.stop) }

// Ticks reports how many ticks ran.
func (s *Scheduler) Ticks() int { return s.stats["ticks"] }

func Run() {
	s := NewScheduler()
	s.Start()
	for i := 0; i < 5; i++ {
		_ = s.Ticks()
		time.Sleep(2 * time.Millisecond)
	}
	s.Stop()
}
