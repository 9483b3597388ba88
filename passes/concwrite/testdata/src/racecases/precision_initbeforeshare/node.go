// Package precision_initbeforeshare is a cluster node configured with
// SetID and SetMeta before Start launches its loop: the setters' writes
// happen before the go statement, and the loop decodes each message into
// a fresh record that no other goroutine sees.
package precision_initbeforeshare

import "strings"

// Record is a decoded message.
type Record struct {
	Fields map[string]string
}

func decode(msg string) *Record {
	r := &Record{Fields: make(map[string]string)}
	for _, kv := range strings.Split(msg, ";") {
		if k, v, ok := strings.Cut(kv, "="); ok {
			r.Fields[k] = v
		}
	}
	return r
}

// Node receives messages from peers.
type Node struct {
	id    string
	meta  map[string]string
	inbox chan string
	done  chan struct{}
	last  *Record
}

func NewNode() *Node {
	return &Node{meta: make(map[string]string), inbox: make(chan string), done: make(chan struct{})}
}

// SetID names the node; call it before Start.
func (n *Node) SetID(id string) {
	n.id = id
	n.meta["id"] = id
}

// SetMeta sets a metadata key; call it before Start.
func (n *Node) SetMeta(k, v string) { n.meta[k] = v }

// Start runs the receive loop.
func (n *Node) Start() { go n.loop() }

func (n *Node) loop() {
	defer close(n.done)
	for msg := range n.inbox {
		r := decode(msg)
		n.meta["last_from"] = r.Fields["from"]
		n.last = r
	}
}

// Deliver hands msg to the node.
func (n *Node) Deliver(msg string) { n.inbox <- msg }

// Stop ends the loop and waits for it.
func (n *Node) Stop() {
	close(n.inbox)
	<-n.done
}

func Run() {
	n := NewNode()
	n.SetID("n1")
	n.SetMeta("zone", "eu-1")
	n.Start()
	n.Deliver("from=n2;term=3")
	n.Deliver("from=n3;term=3")
	n.Stop()
}
