// Package precision_othermutex is a message broker whose mutex guards the
// subscriptions; the stats map belongs to the dispatch goroutine alone,
// which happens to update it once while holding the mutex for the
// subscriptions.
package precision_othermutex

import (
	"strings"
	"sync"
)

// Broker delivers messages to topic subscribers.
type Broker struct {
	mu    sync.Mutex
	subs  map[string]chan string // guarded by mu
	stats map[string]int         // owned by dispatch
	in    chan string
	done  chan struct{}
}

func NewBroker() *Broker {
	return &Broker{
		subs:  make(map[string]chan string),
		stats: make(map[string]int),
		in:    make(chan string),
		done:  make(chan struct{}),
	}
}

// Subscribe returns a channel receiving the messages of topic.
func (b *Broker) Subscribe(topic string) <-chan string {
	b.mu.Lock()
	defer b.mu.Unlock()
	ch := make(chan string, 16)
	b.subs[topic] = ch
	return ch
}

// Start runs the dispatch loop.
func (b *Broker) Start() { go b.dispatch() }

func (b *Broker) dispatch() {
	defer close(b.done)
	for msg := range b.in {
		b.stats["received"]++
		topic, _, _ := strings.Cut(msg, ":")
		b.mu.Lock()
		ch, ok := b.subs[topic]
		if ok {
			b.stats["delivered"]++
		}
		b.mu.Unlock()
		if ok {
			ch <- msg
		}
	}
}

// Publish sends msg ("topic:body") to the dispatch loop.
func (b *Broker) Publish(msg string) { b.in <- msg }

// Close stops the loop and returns its stats.
func (b *Broker) Close() map[string]int {
	close(b.in)
	<-b.done
	return b.stats
}

func Run() {
	b := NewBroker()
	b.Start()
	orders := b.Subscribe("orders")
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		b.Subscribe("payments")
	}()
	b.Publish("orders:1")
	b.Publish("audit:2")
	<-orders
	wg.Wait()
	if b.Close()["received"] != 2 {
		panic("lost messages")
	}
}
