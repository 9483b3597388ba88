// Package midrelease_afterclose is a health prober whose probe goroutine
// closes its done channel and then records the probe's duration: the
// caller's receive from done covers only what came before the close.
package midrelease_afterclose

import (
	"strings"
	"time"
)

// Prober checks backends.
type Prober struct {
	status   map[string]bool
	duration map[string]time.Duration
}

func NewProber() *Prober {
	return &Prober{status: make(map[string]bool), duration: make(map[string]time.Duration)}
}

// Probe checks addr and waits for the result.
func (p *Prober) Probe(addr string) bool {
	done := make(chan struct{})
	go func() {
		start := time.Now()
		p.status[addr] = !strings.HasSuffix(addr, ":0")
		close(done)
		p.duration[addr] = time.Since(start)
	}()
	<-done
	// Races with the write after close(done) in the goroutine; concwrite
	// reports the pair here.
	p.duration["last"] = 0 // want "concurrent map"
	return p.status[addr]
}

func Run() {
	p := NewProber()
	p.Probe("10.0.0.1:80")
	time.Sleep(10 * time.Millisecond)
}
