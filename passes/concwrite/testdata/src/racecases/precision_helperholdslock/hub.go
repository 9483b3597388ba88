// Package precision_helperholdslock is a chat hub whose add helper runs
// with the caller's lock held, starts the connection's reader, and then
// stamps the join time: the lock is still held after the go statement,
// and the reader takes it too.
package precision_helperholdslock

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

// add registers c and starts its reader.
// Lock should be held.
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
	h.Wait()
}
