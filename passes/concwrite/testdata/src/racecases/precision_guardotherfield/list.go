// Package precision_guardotherfield is a transaction pool after
// go-ethereum's legacypool: each account's transactions sit in a
// SortedMap whose cacheMu covers only the sorted cache, because Flatten
// fills the cache from readers that share the pool's read lock. Put
// resets the cache in the same assignment that writes items, under
// cacheMu, yet items is guarded by the pool's lock: written only under
// mu.Lock, read under mu.RLock.
package precision_guardotherfield

import (
	"container/heap"
	"sort"
	"sync"
)

// Tx is a transaction.
type Tx struct {
	Nonce uint64
	Cost  uint64
}

type nonceHeap []uint64

func (h nonceHeap) Len() int           { return len(h) }
func (h nonceHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h nonceHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *nonceHeap) Push(x any)        { *h = append(*h, x.(uint64)) }
func (h *nonceHeap) Pop() any {
	old := *h
	n := len(old)
	x := old[n-1]
	*h = old[:n-1]
	return x
}

// SortedMap is a nonce->transaction map with a heap index for iterating
// over the contents in nonce order.
type SortedMap struct {
	items   map[uint64]*Tx // the transactions
	index   *nonceHeap     // nonces of the stored transactions
	cache   []*Tx          // transactions already sorted
	cacheMu sync.Mutex     // covers the cache
}

// NewSortedMap creates an empty nonce-sorted map.
func NewSortedMap() *SortedMap {
	return &SortedMap{items: make(map[uint64]*Tx), index: new(nonceHeap)}
}

// Get returns the transaction with the given nonce.
func (m *SortedMap) Get(nonce uint64) *Tx { return m.items[nonce] }

// Put inserts tx, overwriting any transaction with the same nonce.
func (m *SortedMap) Put(tx *Tx) {
	if m.items[tx.Nonce] == nil {
		heap.Push(m.index, tx.Nonce)
	}
	m.cacheMu.Lock()
	m.items[tx.Nonce], m.cache = tx, nil
	m.cacheMu.Unlock()
}

// Forward removes and returns the transactions with a nonce below threshold.
func (m *SortedMap) Forward(threshold uint64) []*Tx {
	var removed []*Tx
	for m.index.Len() > 0 && (*m.index)[0] < threshold {
		nonce := heap.Pop(m.index).(uint64)
		removed = append(removed, m.items[nonce])
		delete(m.items, nonce)
	}
	m.cacheMu.Lock()
	if m.cache != nil {
		m.cache = m.cache[len(removed):]
	}
	m.cacheMu.Unlock()
	return removed
}

// Len returns the number of transactions.
func (m *SortedMap) Len() int { return len(m.items) }

func (m *SortedMap) flatten() []*Tx {
	m.cacheMu.Lock()
	defer m.cacheMu.Unlock()
	if m.cache == nil {
		m.cache = make([]*Tx, 0, len(m.items))
		for _, tx := range m.items {
			m.cache = append(m.cache, tx)
		}
		sort.Slice(m.cache, func(i, j int) bool { return m.cache[i].Nonce < m.cache[j].Nonce })
	}
	return m.cache
}

// Flatten returns the transactions sorted by nonce. The sort is cached
// until the contents change.
func (m *SortedMap) Flatten() []*Tx {
	cache := m.flatten()
	txs := make([]*Tx, len(cache))
	copy(txs, cache)
	return txs
}

// list is the transactions of one account, sorted by nonce, with the
// total cost the account has committed to.
type list struct {
	txs       *SortedMap
	totalcost uint64
}

func newList() *list { return &list{txs: NewSortedMap()} }

// Add inserts tx unless a transaction with the same nonce costs at least
// as much, and reports whether it did.
func (l *list) Add(tx *Tx) bool {
	old := l.txs.Get(tx.Nonce)
	if old != nil {
		if old.Cost >= tx.Cost {
			return false
		}
		l.totalcost -= old.Cost
	}
	l.totalcost += tx.Cost
	l.txs.Put(tx)
	return true
}

// Forward removes the transactions with a nonce below threshold.
func (l *list) Forward(threshold uint64) []*Tx {
	txs := l.txs.Forward(threshold)
	for _, tx := range txs {
		l.totalcost -= tx.Cost
	}
	return txs
}

// Len returns the number of transactions.
func (l *list) Len() int { return l.txs.Len() }

// Flatten returns the transactions sorted by nonce.
func (l *list) Flatten() []*Tx { return l.txs.Flatten() }
