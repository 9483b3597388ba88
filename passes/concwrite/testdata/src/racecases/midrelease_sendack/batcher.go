// Package midrelease_sendack is midrelease_sendmap's look-alike without
// the race: the batcher reuses the map it sent only after the flusher
// has acknowledged the batch, so the flusher's range is over by then.
package midrelease_sendack

// Batcher groups metric samples into batches.
type Batcher struct {
	size    int
	cur     map[string]float64
	out     chan map[string]float64
	ack     chan struct{}
	done    chan struct{}
	flushed int
}

// NewBatcher starts the flusher.
func NewBatcher(size int) *Batcher {
	b := &Batcher{
		size: size,
		cur:  make(map[string]float64),
		out:  make(chan map[string]float64),
		ack:  make(chan struct{}),
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
		b.ack <- struct{}{}
	}
}

// Add records a sample, flushing a full batch and reusing its map once
// the flusher is done with it.
func (b *Batcher) Add(name string, v float64) {
	b.cur[name] = v
	if len(b.cur) >= b.size {
		b.out <- b.cur
		<-b.ack
		clear(b.cur)
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
	b.Add("net", 0.2)
	b.Close()
}
