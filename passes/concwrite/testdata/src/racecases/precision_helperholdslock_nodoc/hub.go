// Package precision_helperholdslock_nodoc is precision_helperholdslock
// without the "Lock should be held" comment: add runs with its callers'
// lock held (both callers take it), starts the connection's reader, and
// then stamps the join time, still under the lock, which the reader takes
// too.
package precision_helperholdslock_nodoc

import (
	"sync"
	"time"
)

type conn struct {
	id       string
	messages []string
}

// Hub tracks connected clients.
type Hub struct {
	mu     sync.Mutex
	conns  map[string]*conn
	joined map[string]time.Time
	wg     sync.WaitGroup
}

func NewHub() *Hub {
	return &Hub{conns: make(map[string]*conn), joined: make(map[string]time.Time)}
}

// Join connects a client.
func (h *Hub) Join(id string, messages []string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.add(&conn{id: id, messages: messages})
}

// Rejoin reconnects a client unless it is still connected.
func (h *Hub) Rejoin(id string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.conns[id]; ok {
		return false
	}
	h.add(&conn{id: id})
	return true
}

func (h *Hub) add(c *conn) {
	h.conns[c.id] = c
	h.wg.Add(1)
	go h.read(c)
	h.joined[c.id] = time.Now()
}

// read consumes c's messages, then removes c.
func (h *Hub) read(c *conn) {
	defer h.wg.Done()
	for range c.messages {
		time.Sleep(100 * time.Microsecond)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.conns, c.id)
	delete(h.joined, c.id)
}

// Wait waits for every reader.
func (h *Hub) Wait() { h.wg.Wait() }

func Run() {
	h := NewHub()
	h.Join("alice", nil)
	h.Join("bob", []string{"hi", "bye"})
	h.Rejoin("alice")
	h.Wait()
}
