// Package twopaths_shardcounters is an auto-pipeliner after go-redis's:
// the constructor builds its shards in a loop and starts each shard's
// flusher there, and every shard was given the one wake-up counter map
// made before the loop, so the flushers, each with a shard of its own,
// write one map.
package twopaths_shardcounters

import (
	"sync"
	"time"
)

type shard struct {
	notify  chan struct{}
	wakeups map[string]uint64 // why the flusher woke, for debugging
}

// Pipeliner batches commands over shards.
type Pipeliner struct {
	shards []*shard
	done   chan struct{}
	wg     sync.WaitGroup
}

// New starts n shards.
func New(n int) *Pipeliner {
	p := &Pipeliner{done: make(chan struct{})}
	wakeups := make(map[string]uint64)
	for range n {
		s := &shard{notify: make(chan struct{}, 1), wakeups: wakeups}
		p.shards = append(p.shards, s)
		p.wg.Add(1)
		go p.flusher(s)
	}
	return p
}

func (p *Pipeliner) flusher(s *shard) {
	defer p.wg.Done()
	for {
		select {
		case <-s.notify:
			s.wakeups["notify"]++ // want `concurrent map write: s\.wakeups written here by every copy of the goroutine started at pipeliner\.go:33 in a loop, where s\.wakeups is wakeups, one map for every copy`
		case <-p.done:
			return
		}
	}
}

// Close stops the flushers.
func (p *Pipeliner) Close() {
	close(p.done)
	p.wg.Wait()
}

func Run() {
	p := New(4)
	for range 50 {
		for _, s := range p.shards {
			select {
			case s.notify <- struct{}{}:
			default:
			}
		}
		time.Sleep(100 * time.Microsecond)
	}
	p.Close()
}
