// Package twopaths_structfield is a job runner that stores the caller's
// labels map in the job it starts: the goroutine reaches the map through
// the job's field, the caller through its own variable.
package twopaths_structfield

import "time"

// Job is one unit of work.
type Job struct {
	Name   string
	Labels map[string]string
	done   chan struct{}
}

// Launch starts a job with the given labels.
func Launch(name string, labels map[string]string) *Job {
	j := &Job{Name: name, Labels: labels, done: make(chan struct{})}
	go execute(j)
	return j
}

func execute(j *Job) {
	defer close(j.done)
	j.Labels["state"] = "running"
	time.Sleep(time.Millisecond)
}

func Run() {
	labels := map[string]string{"team": "storage"}
	j := Launch("compact", labels)
	labels["owner"] = "alice" // want `concurrent map write: labels written here and at runner.go:24 \(in the goroutine that Launch, called at runner.go:30, leaves running\)`
	<-j.done
}
