package typerule

import "sync"

// A package-level registry guarded by a package-level mutex in Register:
// Lookup forgets it.
var (
	driversMu sync.RWMutex
	drivers   = map[string]func() string{}
)

func Register(name string, open func() string) {
	driversMu.Lock()
	defer driversMu.Unlock()
	drivers[name] = open
}

func Lookup(name string) func() string {
	return drivers[name] // want `concurrent map read and write: drivers read here without driversMu, which the write at queue_globals\.go:15 \(in Register\) holds; lock driversMu here too`
}

func Drivers() []string {
	driversMu.RLock()
	defer driversMu.RUnlock()
	var out []string
	for name := range drivers {
		out = append(out, name)
	}
	return out
}

// defaults is filled in init and only read afterwards: no lock needed.
var defaults = map[string]int{}

func init() { defaults["a"] = 1 }

func Default(k string) int { return defaults[k] }

// Set is generic; its Has forgets the lock.
type SyncSet[K comparable] struct {
	mu sync.Mutex
	m  map[K]struct{}
}

func (s *SyncSet[K]) Add(k K) {
	s.mu.Lock()
	s.m[k] = struct{}{}
	s.mu.Unlock()
}

func (s *SyncSet[K]) Has(k K) bool {
	_, ok := s.m[k] // want `concurrent map read and write: s\.m read here without s\.mu, which the write at queue_globals\.go:47 \(in \(\*SyncSet\)\.Add\) holds; lock s\.mu here too`
	return ok
}
