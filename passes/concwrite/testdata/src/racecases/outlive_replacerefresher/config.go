// Package outlive_replacerefresher is a configuration mirror whose
// background loop replaces its map with a fresh one and fills it, while
// callers read it: they may load the new map while it is being filled.
// (Storing a fresh map in the field and filling it is how decoders build
// a value nobody has yet; in a goroutine that outlives its starter it is
// this race.)
package outlive_replacerefresher

import (
	"strconv"
	"time"
)

// Config mirrors remote settings, reloaded in the background.
type Config struct {
	values map[string]string
	stop   chan struct{}
	done   chan struct{}
}

// NewConfig loads the settings and starts reloading them.
func NewConfig() *Config {
	c := &Config{values: make(map[string]string), stop: make(chan struct{}), done: make(chan struct{})}
	go c.loop()
	return c
}

func (c *Config) loop() {
	defer close(c.done)
	t := time.NewTicker(time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			c.reload()
		case <-c.stop:
			return
		}
	}
}

func (c *Config) reload() {
	c.values = make(map[string]string)
	for i := range 50 {
		c.values["k"+strconv.Itoa(i)] = "v" // want `concurrent map read and write: c\.values written here and read at config\.go:50 \(in \(\*Config\)\.Get\), with no common lock; guard both with a sync\.Mutex`
	}
}

// Get returns the value of key.
func (c *Config) Get(key string) string { return c.values[key] }

// Close stops reloading.
func (c *Config) Close() {
	close(c.stop)
	<-c.done
}

func Run() {
	c := NewConfig()
	for i := 0; i < 200; i++ {
		_ = c.Get("k" + strconv.Itoa(i%50))
		time.Sleep(50 * time.Microsecond)
	}
	c.Close()
}
