// Package funcval_workerpool_actor is funcval_workerpool's look-alike
// without the race: the closures are sent over a channel to a single
// goroutine, an actor that runs them one at a time and is the only code
// that touches the counts.
package funcval_workerpool_actor

import "strings"

// Counter owns its counts; every access is a closure run by its loop.
type Counter struct {
	ops    chan func()
	done   chan struct{}
	counts map[string]int
}

// NewCounter starts the counter's loop.
func NewCounter() *Counter {
	c := &Counter{ops: make(chan func()), done: make(chan struct{}), counts: make(map[string]int)}
	go c.loop()
	return c
}

func (c *Counter) loop() {
	defer close(c.done)
	for op := range c.ops {
		op()
	}
}

// CountWords counts the words of every line, one closure per line.
func (c *Counter) CountWords(lines []string) {
	for _, line := range lines {
		c.ops <- func() {
			for _, w := range strings.Fields(line) {
				c.counts[w]++
			}
		}
	}
}

// Get returns the count of w.
func (c *Counter) Get(w string) int {
	res := make(chan int)
	c.ops <- func() { res <- c.counts[w] }
	return <-res
}

// Close stops the loop and waits for it.
func (c *Counter) Close() {
	close(c.ops)
	<-c.done
}

func Run() {
	c := NewCounter()
	done := make(chan struct{})
	go func() {
		defer close(done)
		c.CountWords([]string{"a b c", "b c d"})
	}()
	c.CountWords([]string{"c d e", "d e f"})
	<-done
	_ = c.Get("c")
	c.Close()
}
