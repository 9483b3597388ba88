// Package funcval_interface is a request handler that writes through a
// Store interface from one goroutine per request; the package's in-memory
// Store writes a plain map.
package funcval_interface

import "sync"

// Store keeps key-value pairs.
type Store interface {
	Put(key, value string)
	Get(key string) (string, bool)
}

type memStore struct {
	data map[string]string
}

// NewMemStore returns an in-memory Store.
func NewMemStore() Store { return &memStore{data: make(map[string]string)} }

func (m *memStore) Put(key, value string) {
	m.data[key] = value // want `concurrent map write: m\.data written here by every copy of the goroutine started at handler\.go:42 in a loop, with no lock held; guard it with a sync\.Mutex`
}

func (m *memStore) Get(key string) (string, bool) {
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
		}(r)
	}
	wg.Wait()
}

func Run() {
	h := &Handler{store: NewMemStore()}
	h.Apply([]request{{"a", "1"}, {"b", "2"}, {"c", "3"}})
}
