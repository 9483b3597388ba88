// Package twopaths_callee_readonly is twopaths_callee_metrics done right:
// the caller fills the labels map before StartReporter and after it only
// reads the map (to log what it reports) while the reporter's goroutine
// formats it. Concurrent reads of a map are safe, so nothing races.
package twopaths_callee_readonly

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Reporter emits one sample of a metric per tick.
type Reporter struct {
	Name    string
	Labels  map[string]string
	samples []string
	stop    chan struct{}
	done    chan struct{}
}

// StartReporter reports name with labels every interval until Stop. The
// reporter reads labels; the caller must not change them until Stop.
func StartReporter(name string, labels map[string]string, interval time.Duration) *Reporter {
	r := &Reporter{Name: name, Labels: labels, stop: make(chan struct{}), done: make(chan struct{})}
	go r.loop(interval)
	return r
}

func (r *Reporter) loop(interval time.Duration) {
	defer close(r.done)
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		r.samples = append(r.samples, r.format())
		select {
		case <-t.C:
		case <-r.stop:
			return
		}
	}
}

// format renders the sample as name{k=v,...}.
func (r *Reporter) format() string {
	var parts []string
	for k, v := range r.Labels {
		parts = append(parts, k+"="+v)
	}
	sort.Strings(parts)
	return fmt.Sprintf("%s{%s}", r.Name, strings.Join(parts, ","))
}

// Stop ends reporting and returns the samples emitted.
func (r *Reporter) Stop() []string {
	close(r.stop)
	<-r.done
	return r.samples
}

func Run() {
	labels := map[string]string{"service": "api"}
	labels["shard"] = "0"
	r := StartReporter("requests_total", labels, time.Millisecond)
	var logged []string
	for i := 0; i < 3; i++ {
		time.Sleep(2 * time.Millisecond)
		logged = append(logged, "reporting shard "+labels["shard"])
	}
	r.Stop()
	_ = logged
}
