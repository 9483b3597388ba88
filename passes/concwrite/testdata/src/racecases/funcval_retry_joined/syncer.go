// Package funcval_retry_joined is funcval_retry with the loop joined: Get
// is only called after Stop has waited for the goroutine.
package funcval_retry_joined

import (
	"errors"
	"sync"
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
	stop  chan struct{}
	wg    sync.WaitGroup
}

func NewSyncer(fetch func() (map[string]string, error)) *Syncer {
	return &Syncer{fetch: fetch, cache: make(map[string]string), stop: make(chan struct{})}
}

func (s *Syncer) refresh() error {
	remote, err := s.fetch()
	if err != nil {
		return err
	}
	for k, v := range remote {
		s.cache[k] = v
	}
	return nil
}

func (s *Syncer) syncOnce() { _ = retry(3, s.refresh) }

// Start mirrors the store every interval until Stop.
func (s *Syncer) Start(interval time.Duration) {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		until(s.syncOnce, interval, s.stop)
	}()
}

// Stop ends mirroring and waits for it.
func (s *Syncer) Stop() {
	close(s.stop)
	s.wg.Wait()
}

// Get returns the mirrored value of key; call it after Stop.
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
	s.Start(time.Millisecond)
	time.Sleep(5 * time.Millisecond)
	s.Stop()
	_ = s.Get("feature.x")
}
