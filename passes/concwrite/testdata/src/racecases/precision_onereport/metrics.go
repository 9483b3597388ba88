// Package precision_onereport is a metrics recorder whose record helper
// is called both by the request goroutine and by its caller: one race, at
// the write in record, to be reported once, there, not again at each call.
package precision_onereport

import "time"

// Recorder counts events per name.
type Recorder struct {
	counts map[string]int
}

func NewRecorder() *Recorder { return &Recorder{counts: make(map[string]int)} }

func (r *Recorder) record(name string) {
	r.counts[name]++ // want "concurrent map"
}

// Handle serves a request, recording its start in the background.
func (r *Recorder) Handle(path string) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		r.record("start " + path)
	}()
	r.record("accepted " + path)
	<-done
}

func Run() {
	r := NewRecorder()
	r.Handle("/index.html")
	time.Sleep(time.Millisecond)
}
