// Package twopaths_callee_cfgptr is a config watcher handed the service's
// *Config: Watch starts a goroutine that pushes cfg.Tags to the
// discovery registry every tick and returns without waiting for it. The
// goroutine reaches the tags map through the pointer parameter, the
// caller through its own cfg; the caller keeps updating cfg.Tags while
// the watcher reads them, which races.
package twopaths_callee_cfgptr

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

// Stop ends publishing.
func (w *Watcher) Stop() {
	close(w.stop)
	<-w.done
}

func Run() {
	cfg := &Config{Service: "billing", Tags: map[string]string{"version": "1.4.0"}}
	w := Watch(cfg, time.Millisecond)
	for _, zone := range []string{"a", "b", "c"} {
		time.Sleep(2 * time.Millisecond)
		cfg.Tags["zone"] = zone // want `concurrent map read and write: cfg\.Tags written here and read at watch.go:32 \(in the goroutine that Watch, called at watch.go:55, leaves running\), with no common lock`
	}
	w.Stop()
}
