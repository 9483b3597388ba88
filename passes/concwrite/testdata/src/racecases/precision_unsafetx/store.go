// Package precision_unsafetx is a key-value store over
// precision_unsafetxlib's batch transaction: every call of an Unsafe
// method holds the transaction's lock, taken in this package.
package precision_unsafetx

import (
	"strconv"
	"sync"

	lib "racecases/precision_unsafetxlib"
)

// Store writes through a batch transaction.
type Store struct {
	tx *lib.BatchTx
}

// Put stores value under key.
func (s *Store) Put(key, value string) {
	s.tx.Lock()
	defer s.tx.Unlock()
	s.tx.UnsafePut(key, []byte(value))
}

// Delete removes key.
func (s *Store) Delete(key string) {
	s.tx.Lock()
	s.tx.UnsafeDelete(key)
	s.tx.Unlock()
}

func Run() {
	s := &Store{tx: lib.NewBatchTx()}
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			k := "key" + strconv.Itoa(i)
			s.Put(k, "v")
			s.Delete(k)
			s.tx.Commit()
		}(i)
	}
	wg.Wait()
}
