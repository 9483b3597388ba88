// Package precision_unsafetxlib is a storage backend in the shape of
// etcd's: a batch transaction whose Unsafe methods must be called holding
// the transaction's lock, which callers in other packages take through
// its Lock and Unlock methods.
package precision_unsafetxlib

import "sync"

// BatchTx stages writes until Commit.
type BatchTx struct {
	mu      sync.Mutex
	pending map[string][]byte
	commits int
}

func NewBatchTx() *BatchTx { return &BatchTx{pending: make(map[string][]byte)} }

// Lock locks the transaction; the Unsafe methods need it held.
func (t *BatchTx) Lock() { t.mu.Lock() }

// Unlock unlocks the transaction.
func (t *BatchTx) Unlock() { t.mu.Unlock() }

// UnsafePut stages key. It must be called holding the lock on the tx.
func (t *BatchTx) UnsafePut(key string, value []byte) { t.pending[key] = value }

// UnsafeDelete stages the removal of key. It must be called holding the
// lock on the tx.
func (t *BatchTx) UnsafeDelete(key string) { t.pending[key] = nil }

// Commit writes the staged keys and returns how many there were.
func (t *BatchTx) Commit() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := len(t.pending)
	for k := range t.pending {
		delete(t.pending, k)
	}
	t.commits++
	return n
}

// Run exercises the transaction on one goroutine; the concurrent use is
// in precision_unsafetx.
func Run() {
	tx := NewBatchTx()
	tx.Lock()
	tx.UnsafePut("k", []byte("v"))
	tx.Unlock()
	tx.Commit()
}
