// Package midrelease_sendlast is midrelease_sendmap done right: the
// batch is tagged before it is sent, and the sender starts a new map.
package midrelease_sendlast

import "time"

// Batcher groups metric samples into batches.
type Batcher struct {
	size    int
	cur     map[string]float64
	out     chan map[string]float64
	done    chan struct{}
	flushed int
}

// NewBatcher starts the flusher.
func NewBatcher(size int) *Batcher {
	b := &Batcher{
		size: size,
		cur:  make(map[string]float64),
		out:  make(chan map[string]float64),
		done: make(chan struct{}),
	}
	go b.flusher()
	return b
}

func (b *Batcher) flusher() {
	defer close(b.done)
	for batch := range b.out {
		total := 0.0
		for _, v := range batch {
			total += v
		}
		delete(batch, "_sent_at")
		if total > 0 {
			b.flushed++
		}
	}
}

// Add records a sample, flushing a full batch.
func (b *Batcher) Add(name string, v float64) {
	b.cur[name] = v
	if len(b.cur) >= b.size {
		batch := b.cur
		b.cur = make(map[string]float64)
		batch["_sent_at"] = float64(time.Now().UnixNano())
		b.out <- batch
	}
}

// Close flushes and stops the flusher.
func (b *Batcher) Close() {
	close(b.out)
	<-b.done
}

func Run() {
	b := NewBatcher(2)
	b.Add("cpu", 0.5)
	b.Add("mem", 0.7)
	b.Add("disk", 0.1)
	b.Close()
}
