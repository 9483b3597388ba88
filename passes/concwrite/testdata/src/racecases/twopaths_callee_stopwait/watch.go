// Package twopaths_callee_stopwait is twopaths_callee_cfgptr done right:
// the caller stops the watcher, and Stop waits for its goroutine to
// return, before the caller updates cfg.Tags and starts a new watcher.
// Every write to the tags map happens while no watcher is running.
package twopaths_callee_stopwait

import "time"

// Config is a service's runtime configuration.
type Config struct {
	Service string
	Tags    map[string]string
}

// Watcher publishes a service's tags until stopped.
type Watcher struct {
	published []map[string]string
	stop      chan struct{}
	done      chan struct{}
}

// Watch publishes cfg's tags every interval until Stop.
func Watch(cfg *Config, interval time.Duration) *Watcher {
	w := &Watcher{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(w.done)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			snapshot := make(map[string]string, len(cfg.Tags))
			for k, v := range cfg.Tags {
				snapshot[k] = v
			}
			w.published = append(w.published, snapshot)
			select {
			case <-t.C:
			case <-w.stop:
				return
			}
		}
	}()
	return w
}

// Stop ends publishing and waits until the watcher no longer reads the
// config.
func (w *Watcher) Stop() {
	close(w.stop)
	<-w.done
}

func Run() {
	cfg := &Config{Service: "billing", Tags: map[string]string{"version": "1.4.0"}}
	w := Watch(cfg, time.Millisecond)
	for _, zone := range []string{"a", "b", "c"} {
		time.Sleep(2 * time.Millisecond)
		w.Stop()
		cfg.Tags["zone"] = zone
		w = Watch(cfg, time.Millisecond)
	}
	w.Stop()
}
