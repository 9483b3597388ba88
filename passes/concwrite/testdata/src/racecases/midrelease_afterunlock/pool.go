// Package midrelease_afterunlock is a connection pool whose Release puts
// the connection back under the lock, unlocks, and then stamps its last
// use: that stamp is outside the lock the reaper holds.
package midrelease_afterunlock

import (
	"sync"
	"time"
)

// Conn is a pooled connection.
type Conn struct{ ID int }

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
	p.lastUsed[c.ID] = time.Now() // want "concurrent map"
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
