// Package twopaths_callee_metrics is a metrics reporter given a labels
// map: StartReporter keeps the caller's map in the reporter it creates and
// starts a goroutine that formats the labels into a sample every tick,
// then returns without waiting for it. The caller goes on adding labels to
// the map it passed, so its writes race with the goroutine's reads until
// Stop.
package twopaths_callee_metrics

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

// StartReporter reports name with labels every interval until Stop.
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
	r := StartReporter("requests_total", labels, time.Millisecond)
	for i := 0; i < 3; i++ {
		time.Sleep(2 * time.Millisecond)
		labels["shard"] = fmt.Sprint(i) // want `concurrent map read and write: labels written here and read at reporter.go:49 \(in the goroutine that StartReporter, called at reporter.go:65, leaves running\), with no common lock`
	}
	r.Stop()
}
