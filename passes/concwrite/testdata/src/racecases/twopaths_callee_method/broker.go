// Package twopaths_callee_method is a message broker whose Subscribe
// method keeps the subscriber's options map in the subscription it
// creates and starts a consumer goroutine that reads the options for
// every message. The caller changes an option after subscribing and
// publishing; a publish is a send, which orders the caller's earlier
// writes before the consumer's reads but not its later ones, so the
// write races with the consumer's reads.
package twopaths_callee_method

import (
	"strings"
	"sync"
	"time"
)

// Broker fans messages out to subscriptions by topic.
type Broker struct {
	mu     sync.Mutex
	topics map[string][]*Subscription
}

// Subscription consumes one topic's messages.
type Subscription struct {
	Topic    string
	Options  map[string]string
	msgs     chan string
	done     chan struct{}
	received []string
}

// NewBroker returns an empty broker.
func NewBroker() *Broker {
	return &Broker{topics: make(map[string][]*Subscription)}
}

// Subscribe starts consuming topic with the given options.
func (b *Broker) Subscribe(topic string, opts map[string]string) *Subscription {
	s := &Subscription{Topic: topic, Options: opts, msgs: make(chan string, 16), done: make(chan struct{})}
	b.mu.Lock()
	b.topics[topic] = append(b.topics[topic], s)
	b.mu.Unlock()
	go s.consume()
	return s
}

func (s *Subscription) consume() {
	defer close(s.done)
	for m := range s.msgs {
		time.Sleep(time.Millisecond)
		if s.Options["case"] == "upper" {
			m = strings.ToUpper(m)
		}
		s.received = append(s.received, m)
	}
}

// Publish queues msg for every subscription of topic.
func (b *Broker) Publish(topic, msg string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, s := range b.topics[topic] {
		s.msgs <- msg
	}
}

// Close ends every subscription and waits for its consumer.
func (b *Broker) Close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, subs := range b.topics {
		for _, s := range subs {
			close(s.msgs)
			<-s.done
		}
	}
}

func Run() {
	b := NewBroker()
	opts := map[string]string{"case": "lower"}
	b.Subscribe("orders", opts)
	for _, m := range []string{"created", "paid", "shipped"} {
		b.Publish("orders", m)
		opts["case"] = "upper" // want `concurrent map read and write: opts written here and read at broker.go:50 \(in the goroutine that Subscribe, called at broker.go:81, leaves running\), with no common lock`
	}
	b.Close()
}
