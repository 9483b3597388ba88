// Package precision_rlockonce is a codec registry that builds its
// extension index lazily inside sync.Once while holding the read lock:
// the write is under RLock, but only the one goroutine running the Once
// body can make it, and every reader waits for it.
package precision_rlockonce

import "sync"

// Codec encodes one media type.
type Codec struct {
	Name string
	Ext  string
}

// Registry maps names and extensions to codecs.
type Registry struct {
	mu     sync.RWMutex
	once   sync.Once
	byName map[string]*Codec
	byExt  map[string]string
}

// NewRegistry registers codecs.
func NewRegistry(codecs ...*Codec) *Registry {
	r := &Registry{byName: make(map[string]*Codec), byExt: make(map[string]string)}
	for _, c := range codecs {
		r.byName[c.Name] = c
	}
	return r
}

// ForExt returns the codec for a file extension.
func (r *Registry) ForExt(ext string) *Codec {
	r.mu.RLock()
	defer r.mu.RUnlock()
	r.once.Do(func() {
		for name, c := range r.byName {
			r.byExt[c.Ext] = name
		}
	})
	return r.byName[r.byExt[ext]]
}

func Run() {
	r := NewRegistry(&Codec{"gzip", ".gz"}, &Codec{"zstd", ".zst"})
	var wg sync.WaitGroup
	for _, ext := range []string{".gz", ".zst", ".gz", ".txt"} {
		wg.Add(1)
		go func(ext string) {
			defer wg.Done()
			_ = r.ForExt(ext)
		}(ext)
	}
	wg.Wait()
}
