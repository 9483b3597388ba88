package precision_guardotherfield_bug

import "sync"

// Pool holds the pending transactions of every account.
type Pool struct {
	mu      sync.RWMutex
	pending map[string]*list
	nonces  map[string]uint64
}

func NewPool() *Pool {
	return &Pool{pending: make(map[string]*list), nonces: make(map[string]uint64)}
}

// Add queues tx for addr.
func (p *Pool) Add(addr string, tx *Tx) {
	p.mu.Lock()
	defer p.mu.Unlock()
	list := p.pending[addr]
	if list == nil {
		list = newList()
		p.pending[addr] = list
	}
	list.Add(tx) // an underpriced replacement is dropped
}

// Reset drops the transactions a new block included.
func (p *Pool) Reset(nonces map[string]uint64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for addr, nonce := range nonces {
		p.nonces[addr] = nonce
		if list := p.pending[addr]; list != nil {
			list.Forward(nonce)
		}
	}
}

// Get returns the pending transaction of addr with the given nonce. It
// takes no lock: the RPC handlers call it for every lookup.
func (p *Pool) Get(addr string, nonce uint64) *Tx {
	if list := p.pending[addr]; list != nil { // want "concurrent map"
		return list.txs.Get(nonce)
	}
	return nil
}

// Content returns every pending transaction, sorted by nonce per account.
// Callers run it concurrently: it only holds the read lock.
func (p *Pool) Content() map[string][]*Tx {
	p.mu.RLock()
	defer p.mu.RUnlock()
	content := make(map[string][]*Tx, len(p.pending))
	for addr, list := range p.pending {
		content[addr] = list.Flatten()
	}
	return content
}

// Stats returns the number of pending transactions.
func (p *Pool) Stats() int {
	p.mu.RLock()
	defer p.mu.RUnlock()
	n := 0
	for _, list := range p.pending {
		n += list.Len()
	}
	return n
}

func Run() {
	p := NewPool()
	var wg sync.WaitGroup
	// New accounts keep appearing while the RPC clients look them up, so
	// that the unlocked reads meet fresh writes of p.pending however the
	// goroutines are scheduled. A client that only calls Get, started
	// first, takes no lock at all, so no lock orders it after any Add.
	wg.Go(func() {
		for n := range uint64(2000) {
			_ = p.Get("bob"+string(rune('a'+n%32)), n)
		}
	})
	for _, prefix := range []string{"alice", "bob"} {
		wg.Go(func() { // transactions arriving from the network
			for n := uint64(0); n < 100; n++ {
				p.Add(prefix+string(rune('a'+n%32)), &Tx{Nonce: n, Cost: 10})
			}
		})
	}
	wg.Go(func() { // blocks including them
		for n := uint64(1); n < 100; n += 2 {
			p.Reset(map[string]uint64{"alice": n, "bob": n})
		}
	})
	for range 4 {
		wg.Go(func() { // RPC clients
			for n := range uint64(50) {
				_ = p.Content()
				_ = p.Stats()
				_ = p.Get("alice"+string(rune('a'+n%32)), n)
			}
		})
	}
	wg.Wait()
}
