package sync_ok

import "sync"

// Sublist locks only when asked to, testing the same condition again
// before unlocking: a path-insensitive analysis must not report it.
type Sublist struct {
	sync.RWMutex
	cache map[string]int
}

func (s *Sublist) match(subject string, doLock bool) int {
	if doLock {
		s.RLock()
	}
	r, ok := s.cache[subject]
	if doLock {
		s.RUnlock()
	}
	if ok {
		return r
	}
	if doLock {
		s.Lock()
	}
	s.cache[subject] = len(subject)
	if doLock {
		s.Unlock()
	}
	return 0
}

func (s *Sublist) Match(subject string) int { return s.match(subject, true) }

func (s *Sublist) Count() int {
	s.RLock()
	defer s.RUnlock()
	return len(s.cache)
}

// Consumer locks through closures, as nats-server does.
type Consumer struct {
	mu      sync.Mutex
	pending map[uint64]int
}

func (o *Consumer) processAck(seq uint64, needLock bool) {
	lock := func() {
		if needLock {
			o.mu.Lock()
		}
	}
	unlock := func() {
		if needLock {
			o.mu.Unlock()
		}
	}
	lock()
	delete(o.pending, seq)
	unlock()
}

func (o *Consumer) Ack(seq uint64) { o.processAck(seq, true) }

func (o *Consumer) Pending() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return len(o.pending)
}

// trackReply runs with the lock held, as its comment says.
// Lock assumed to be held.
func (o *Consumer) trackReply(seq uint64) {
	o.pending[seq] = 1
}

func (o *Consumer) Deliver(seq uint64) {
	o.mu.Lock()
	o.trackReply(seq)
	o.mu.Unlock()
}

// Redeliver is exported but documented as needing the lock.
// Lock should be held.
func (o *Consumer) Redeliver(seq uint64) {
	o.pending[seq]++
}

// Two loops of one type started in different places on different values
// are not paired by the type rule.
type worker struct {
	mu    sync.Mutex
	tasks map[int]string
}

func (w *worker) drain() {
	w.mu.Lock()
	clear(w.tasks)
	w.mu.Unlock()
}

func (w *worker) loopA() { w.tasks[1] = "a" }
func (w *worker) loopB() { _ = w.tasks[1] }

func startA() { w := &worker{tasks: map[int]string{}}; go w.loopA() }
func startB() { w := &worker{tasks: map[int]string{}}; go w.loopB() }

// A helper waits for the workers.
type pool struct{ wg sync.WaitGroup }

func (p *pool) waitAll() { p.wg.Wait() }

func helperWait(p *pool, keys []string) int {
	m := map[string]int{}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		m["a"] = 1
	}()
	p.waitAll()
	return m["a"]
}
