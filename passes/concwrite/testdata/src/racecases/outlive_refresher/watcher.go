// Package outlive_refresher is a configuration watcher whose constructor
// starts a polling goroutine that reloads the values map while Get reads
// it.
package outlive_refresher

import (
	"strconv"
	"time"
)

// Watcher keeps the latest configuration values.
type Watcher struct {
	load   func() map[string]string
	values map[string]string
	stop   chan struct{}
	done   chan struct{}
}

// NewWatcher loads the configuration every interval.
func NewWatcher(load func() map[string]string, interval time.Duration) *Watcher {
	w := &Watcher{
		load:   load,
		values: make(map[string]string),
		stop:   make(chan struct{}),
		done:   make(chan struct{}),
	}
	go w.poll(interval)
	return w
}

func (w *Watcher) poll(interval time.Duration) {
	defer close(w.done)
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		w.reload()
		select {
		case <-t.C:
		case <-w.stop:
			return
		}
	}
}

func (w *Watcher) reload() {
	for k, v := range w.load() {
		w.values[k] = v // want "concurrent map"
	}
}

// Get returns the current value of key.
func (w *Watcher) Get(key string) string {
	return w.values[key]
}

// Stop ends polling.
func (w *Watcher) Stop() {
	close(w.stop)
	<-w.done
}

func Run() {
	n := 0
	w := NewWatcher(func() map[string]string {
		n++
		return map[string]string{"replicas": strconv.Itoa(n)}
	}, time.Millisecond)
	for i := 0; i < 5; i++ {
		_ = w.Get("replicas")
		time.Sleep(2 * time.Millisecond)
	}
	w.Stop()
}
