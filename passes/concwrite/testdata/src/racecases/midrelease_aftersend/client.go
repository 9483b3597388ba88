// Package midrelease_aftersend is a client that fetches a value on a
// goroutine, sends it to the caller, and then records the latency: the
// caller's receive covers only what came before the send.
package midrelease_aftersend

import "time"

// Client fetches values from a slow backend.
type Client struct {
	backend func(key string) string
	latency map[string]time.Duration
}

func NewClient(backend func(string) string) *Client {
	return &Client{backend: backend, latency: make(map[string]time.Duration)}
}

// Fetch returns the value of key, giving up after timeout.
func (c *Client) Fetch(key string, timeout time.Duration) (string, bool) {
	out := make(chan string, 1)
	go func() {
		start := time.Now()
		out <- c.backend(key)
		c.latency[key] = time.Since(start)
	}()
	select {
	case v := <-out:
		// Races with the write after the send in the goroutine; concwrite reports the pair here.
		c.latency["last-success"] = 0 // want "concurrent map"
		return v, true
	case <-time.After(timeout):
		return "", false
	}
}

func Run() {
	c := NewClient(func(key string) string { return "value of " + key })
	if _, ok := c.Fetch("user:1", time.Second); !ok {
		println("timeout")
	}
	time.Sleep(10 * time.Millisecond)
}
