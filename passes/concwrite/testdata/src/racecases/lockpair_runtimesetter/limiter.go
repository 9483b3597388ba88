// Package lockpair_runtimesetter is precision_setterbeforeshare's racy
// look-alike: SetLimit also stores its parameter in a field only it
// assigns, without the lock, but the field sits below the mutex, among
// what it guards, and an admin endpoint calls SetLimit while requests are
// being counted: its unlocked range over the counts races with Allow.
package lockpair_runtimesetter

import (
	"strconv"
	"sync"
)

// Limiter counts requests per client.
type Limiter struct {
	mu      sync.Mutex // guards the fields below
	limit   int
	counts  map[string]int
	blocked int
}

// NewLimiter returns a limiter allowing limit requests per client.
func NewLimiter(limit int) *Limiter {
	return &Limiter{limit: limit, counts: make(map[string]int)}
}

// Allow counts a request of client and reports whether it is allowed.
func (l *Limiter) Allow(client string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.counts[client]++
	return l.counts[client] <= l.limit
}

// SetLimit changes the limit and reports how many clients are over it.
func (l *Limiter) SetLimit(n int) int {
	l.limit = n
	over := 0
	for _, c := range l.counts { // want `concurrent map read and write: l\.counts read here without l\.mu, which the write at limiter\.go:30 \(in the goroutine started at limiter\.go:51\) holds; lock l\.mu here too`
		if c > n {
			over++
		}
	}
	return over
}

func Run() {
	l := NewLimiter(10)
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 200 {
				l.Allow("client-" + strconv.Itoa(i*1000+j))
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for n := range 50 {
			_ = l.SetLimit(n)
		}
	}()
	wg.Wait()
}
