// Package twopaths_handoff is twopaths_structfield done right: the caller
// hands its labels map to the job and does not touch it again until the
// job is done.
package twopaths_handoff

import "time"

// Job is one unit of work.
type Job struct {
	Name   string
	Labels map[string]string
	done   chan struct{}
}

// Launch starts a job with the given labels, which now belong to the job
// until it is done.
func Launch(name string, labels map[string]string) *Job {
	j := &Job{Name: name, Labels: labels, done: make(chan struct{})}
	go execute(j)
	return j
}

func execute(j *Job) {
	defer close(j.done)
	j.Labels["state"] = "running"
	time.Sleep(time.Millisecond)
	j.Labels["state"] = "done"
}

func Run() {
	labels := map[string]string{"team": "storage"}
	labels["owner"] = "alice"
	j := Launch("compact", labels)
	<-j.done
	if labels["state"] != "done" {
		panic("job did not finish")
	}
}
