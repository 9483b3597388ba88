// Package lockpair_pkgmutexok is lockpair_pkgmutex done right: every
// access of a Registry's drivers holds the package-level mutex.
package lockpair_pkgmutexok

import "sync"

// Driver opens connections.
type Driver interface{ Open(dsn string) error }

type nopDriver struct{}

func (nopDriver) Open(string) error { return nil }

// driversMu guards every Registry's drivers.
var driversMu sync.Mutex

// Registry maps driver names to drivers.
type Registry struct {
	drivers map[string]Driver
}

func NewRegistry() *Registry { return &Registry{drivers: make(map[string]Driver)} }

// Register makes d available under name.
func (r *Registry) Register(name string, d Driver) {
	driversMu.Lock()
	defer driversMu.Unlock()
	r.drivers[name] = d
}

// Unregister removes the driver under name.
func (r *Registry) Unregister(name string) {
	driversMu.Lock()
	defer driversMu.Unlock()
	delete(r.drivers, name)
}

// Lookup returns the driver under name.
func (r *Registry) Lookup(name string) (Driver, bool) {
	driversMu.Lock()
	defer driversMu.Unlock()
	d, ok := r.drivers[name]
	return d, ok
}

func Run() {
	r := NewRegistry()
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		r.Register("postgres", nopDriver{})
	}()
	go func() {
		defer wg.Done()
		r.Unregister("mysql")
	}()
	wg.Wait()
	_, _ = r.Lookup("postgres")
}
