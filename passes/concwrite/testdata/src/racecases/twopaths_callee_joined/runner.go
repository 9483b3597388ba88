// Package twopaths_callee_joined is a job runner whose RunJob stores the
// caller's labels map in the job it creates and fans the job's steps out
// to goroutines that read the labels, but waits for all of them before
// returning. The caller's writes to the labels map after RunJob therefore
// happen after every read, and nothing races.
package twopaths_callee_joined

import (
	"sync"
	"time"
)

// Job is a set of steps run in parallel with common labels.
type Job struct {
	Name    string
	Labels  map[string]string
	mu      sync.Mutex
	results []string
}

// RunJob runs every step of a job labelled with labels and returns the
// steps' results once all are done.
func RunJob(name string, labels map[string]string, steps []string) []string {
	j := &Job{Name: name, Labels: labels}
	var wg sync.WaitGroup
	for _, step := range steps {
		wg.Add(1)
		go func(step string) {
			defer wg.Done()
			time.Sleep(time.Millisecond)
			out := j.Name + "/" + step + "@" + j.Labels["env"]
			j.mu.Lock()
			j.results = append(j.results, out)
			j.mu.Unlock()
		}(step)
	}
	wg.Wait()
	return j.results
}

func Run() {
	labels := map[string]string{"env": "staging"}
	for _, env := range []string{"staging", "prod"} {
		labels["env"] = env
		RunJob("migrate", labels, []string{"schema", "backfill", "verify"})
		labels["last"] = env
	}
}
