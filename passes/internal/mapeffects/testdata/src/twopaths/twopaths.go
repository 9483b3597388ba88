// Package twopaths holds one map reached along two paths: the caller's // want package:"summaries of Launch, LaunchCopy, LaunchJoined"
// variable, and the field of the job a goroutine runs.
package twopaths

import (
	"maps"
	"sync"
)

// Job is one unit of work.
type Job struct {
	Labels map[string]string
	done   chan struct{}
}

// Launch stores labels in the job its goroutine runs, and returns while
// the goroutine runs: its caller's labels are written concurrently.
func Launch(labels map[string]string) *Job { // summary: ^leaves running a goroutine that writes p0$
	j := &Job{Labels: labels, done: make(chan struct{})}
	go execute(j)
	return j
}

func execute(j *Job) { // summary: ^inserts into p0.Labels; sends on p0.done$
	defer close(j.done)
	j.Labels["state"] = "running"
}

// LaunchCopy gives the job a copy: the field no longer names labels.
func LaunchCopy(labels map[string]string) *Job { // summary: ^reads p0$
	j := &Job{Labels: labels, done: make(chan struct{})}
	j.Labels = maps.Clone(labels)
	go execute(j)
	return j
}

// LaunchJoined waits for its goroutine: nothing is left running, and
// what the goroutine does, LaunchJoined does, within the call.
func LaunchJoined(labels map[string]string) { // summary: ^inserts into p0; waits for goroutines$
	var wg sync.WaitGroup
	j := &Job{Labels: labels, done: make(chan struct{})}
	wg.Add(1)
	go func() {
		defer wg.Done()
		execute(j)
	}()
	wg.Wait()
}
