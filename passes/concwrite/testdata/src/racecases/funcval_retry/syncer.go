// Package funcval_retry is a syncer that passes a method value through
// two helpers (until, retry) that call it synchronously; the outer helper
// runs as a goroutine, so the method races with Get.
package funcval_retry

import (
	"errors"
	"time"
)

// until calls fn every interval until stop is closed.
func until(fn func(), interval time.Duration, stop <-chan struct{}) {
	for {
		fn()
		select {
		case <-time.After(interval):
		case <-stop:
			return
		}
	}
}

// retry calls fn up to attempts times until it succeeds.
func retry(attempts int, fn func() error) error {
	var err error
	for i := 0; i < attempts; i++ {
		if err = fn(); err == nil {
			return nil
		}
	}
	return err
}

// Syncer mirrors a remote key-value store.
type Syncer struct {
	fetch func() (map[string]string, error)
	cache map[string]string
}

func NewSyncer(fetch func() (map[string]string, error)) *Syncer {
	return &Syncer{fetch: fetch, cache: make(map[string]string)}
}

func (s *Syncer) refresh() error {
	remote, err := s.fetch()
	if err != nil {
		return err
	}
	for k, v := range remote {
		s.cache[k] = v // want `concurrent map read and write: s\.cache written here and read at syncer\.go:63 \(in \(\*Syncer\)\.Get\), with no common lock; guard both with a sync\.Mutex`
	}
	return nil
}

func (s *Syncer) syncOnce() { _ = retry(3, s.refresh) }

// Start mirrors the store every interval until stop is closed.
func (s *Syncer) Start(interval time.Duration, stop <-chan struct{}) {
	go until(s.syncOnce, interval, stop)
}

// Get returns the mirrored value of key.
func (s *Syncer) Get(key string) string { return s.cache[key] }

func Run() {
	calls := 0
	s := NewSyncer(func() (map[string]string, error) {
		calls++
		if calls%2 == 1 {
			return nil, errors.New("unavailable")
		}
		return map[string]string{"feature.x": "on"}, nil
	})
	stop := make(chan struct{})
	s.Start(time.Millisecond, stop)
	for i := 0; i < 5; i++ {
		_ = s.Get("feature.x")
		time.Sleep(2 * time.Millisecond)
	}
	close(stop)
}
