// Package funcval_workerpool is a worker pool fed closures over a
// channel: the closures that count words run on several long-lived
// workers at once, and share the counts map.
package funcval_workerpool

import (
	"strings"
	"sync"
	"time"
)

// Pool runs submitted jobs on a fixed set of workers.
type Pool struct {
	jobs chan func()
	wg   sync.WaitGroup
}

// NewPool starts n workers.
func NewPool(n int) *Pool {
	p := &Pool{jobs: make(chan func())}
	for i := 0; i < n; i++ {
		p.wg.Add(1)
		go p.worker()
	}
	return p
}

func (p *Pool) worker() {
	defer p.wg.Done()
	for job := range p.jobs {
		job()
	}
}

// Submit queues job.
func (p *Pool) Submit(job func()) { p.jobs <- job }

// Close waits for every submitted job.
func (p *Pool) Close() {
	close(p.jobs)
	p.wg.Wait()
}

// CountWords counts the words of every line, one job per line.
func CountWords(p *Pool, lines []string) map[string]int {
	counts := make(map[string]int)
	for _, line := range lines {
		line := line
		p.Submit(func() {
			time.Sleep(time.Millisecond)
			for _, w := range strings.Fields(line) {
				counts[w]++ // want `concurrent map write: counts written here by every copy of the goroutine of p\.Submit started at pool\.go:49 in a loop, with no lock held; guard it with a sync\.Mutex`
			}
		})
	}
	return counts
}

func Run() {
	p := NewPool(4)
	CountWords(p, []string{"a b c", "b c d", "c d e", "d e f", "e f g", "f g h"})
	p.Close()
}
