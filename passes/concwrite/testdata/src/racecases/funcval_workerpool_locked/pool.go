// Package funcval_workerpool_locked is funcval_workerpool done right: the
// closures lock a mutex around the shared counts.
package funcval_workerpool_locked

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

// CountWords counts the words of every line, one job per line; the counts
// are complete once the pool is closed.
func CountWords(p *Pool, lines []string) map[string]int {
	var mu sync.Mutex
	counts := make(map[string]int)
	for _, line := range lines {
		line := line
		p.Submit(func() {
			time.Sleep(time.Millisecond)
			for _, w := range strings.Fields(line) {
				mu.Lock()
				counts[w]++
				mu.Unlock()
			}
		})
	}
	return counts
}

func Run() {
	p := NewPool(4)
	counts := CountWords(p, []string{"a b c", "b c d", "c d e", "d e f", "e f g", "f g h"})
	p.Close()
	if counts["d"] != 3 {
		panic("lost counts")
	}
}
