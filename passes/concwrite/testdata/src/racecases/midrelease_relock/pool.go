// Package midrelease_relock is midrelease_afterunlock done right:
// Release drops the lock for the slow health check and takes it again
// before stamping the connection's last use.
package midrelease_relock

import (
	"sync"
	"time"
)

// Conn is a pooled connection.
type Conn struct{ ID int }

func (c *Conn) healthy() bool {
	time.Sleep(time.Millisecond)
	return c.ID >= 0
}

// Pool keeps idle connections.
type Pool struct {
	mu       sync.Mutex
	idle     map[int]*Conn
	lastUsed map[int]time.Time
}

func NewPool() *Pool {
	return &Pool{idle: make(map[int]*Conn), lastUsed: make(map[int]time.Time)}
}

// Release returns c to the pool.
func (p *Pool) Release(c *Conn) {
	p.mu.Lock()
	p.idle[c.ID] = c
	p.mu.Unlock()
	ok := c.healthy()
	p.mu.Lock()
	if ok {
		p.lastUsed[c.ID] = time.Now()
	} else {
		delete(p.idle, c.ID)
	}
	p.mu.Unlock()
}

// Reap closes connections idle for longer than maxIdle.
func (p *Pool) Reap(maxIdle time.Duration) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for id, t := range p.lastUsed {
		if time.Since(t) > maxIdle {
			delete(p.idle, id)
			delete(p.lastUsed, id)
			n++
		}
	}
	return n
}

func Run() {
	p := NewPool()
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			p.Release(&Conn{ID: id})
		}(i)
	}
	p.Reap(time.Hour)
	wg.Wait()
}
