// Package midrelease_sendmap is a batcher that hands each full batch to
// a flusher goroutine over a channel, and then tags the batch it just
// sent: the map now belongs to the flusher.
package midrelease_sendmap

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
		if total > 0 {
			b.flushed++
		}
	}
}

// Add records a sample, flushing a full batch.
func (b *Batcher) Add(name string, v float64) {
	b.cur[name] = v
	if len(b.cur) >= b.size {
		b.out <- b.cur
		b.cur["_sent_at"] = float64(time.Now().UnixNano()) // want `concurrent map read and write: b\.cur written here and read at batcher\.go:33 \(in \(\*Batcher\)\.flusher, started as a goroutine at batcher\.go:25\), with no common lock; guard both with a sync\.Mutex`
		b.cur = make(map[string]float64)
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
