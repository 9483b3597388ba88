// Package getter_rangeunlocked is a cluster membership list whose Peers
// getter returns the internal map; the gossip goroutine ranges over it
// while AddPeer writes it under the lock.
package getter_rangeunlocked

import (
	"sync"
	"time"
)

// Cluster tracks peers by ID.
type Cluster struct {
	mu    sync.Mutex
	peers map[string]string // id -> address
}

func NewCluster() *Cluster { return &Cluster{peers: make(map[string]string)} }

// AddPeer records a peer.
func (c *Cluster) AddPeer(id, addr string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.peers[id] = addr
}

// Peers returns the known peers.
func (c *Cluster) Peers() map[string]string { return c.peers }

// gossip sends the membership to every peer once.
func gossip(c *Cluster, send func(addr string)) {
	for _, addr := range c.Peers() { // want "concurrent map"
		send(addr)
	}
}

func Run() {
	c := NewCluster()
	c.AddPeer("a", "10.0.0.1:7946")
	done := make(chan struct{})
	go func() {
		defer close(done)
		gossip(c, func(string) { time.Sleep(time.Microsecond) })
	}()
	c.AddPeer("b", "10.0.0.2:7946")
	<-done
}
