// Package funcval_interface_locked is funcval_interface done right: the
// in-memory Store locks.
package funcval_interface_locked

import "sync"

// Store keeps key-value pairs.
type Store interface {
	Put(key, value string)
	Get(key string) (string, bool)
}

type memStore struct {
	mu   sync.RWMutex
	data map[string]string
}

// NewMemStore returns an in-memory Store.
func NewMemStore() Store { return &memStore{data: make(map[string]string)} }

func (m *memStore) Put(key, value string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.data[key] = value
}

func (m *memStore) Get(key string) (string, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	v, ok := m.data[key]
	return v, ok
}

type request struct{ key, value string }

// Handler applies batches of writes.
type Handler struct {
	store Store
}

// Apply writes every request in parallel.
func (h *Handler) Apply(reqs []request) {
	var wg sync.WaitGroup
	for _, r := range reqs {
		wg.Add(1)
		go func(r request) {
			defer wg.Done()
			h.store.Put(r.key, r.value)
			_, _ = h.store.Get(r.key)
		}(r)
	}
	wg.Wait()
}

func Run() {
	h := &Handler{store: NewMemStore()}
	h.Apply([]request{{"a", "1"}, {"b", "2"}, {"c", "3"}})
}
