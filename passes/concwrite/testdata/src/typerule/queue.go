// Package typerule holds types that lock a mutex around some accesses of
// a map field, and so are meant for concurrent use.
package typerule

import (
	"sync"
	"time"
)

// Queue is the scheduler queue shape: a goroutine started by the
// constructor deletes under the lock while Get reads without it.
type Queue struct {
	lock    sync.Mutex
	pending map[string]time.Time
}

func NewQueue() *Queue {
	q := &Queue{pending: map[string]time.Time{}}
	go q.flushLoop()
	return q
}

func (q *Queue) flushLoop() {
	for range time.Tick(time.Second) {
		q.lock.Lock()
		for k, t := range q.pending {
			if time.Since(t) > time.Minute {
				delete(q.pending, k)
			}
		}
		q.lock.Unlock()
	}
}

func (q *Queue) Add(k string) {
	q.lock.Lock()
	defer q.lock.Unlock()
	q.pending[k] = time.Now()
}

func (q *Queue) Get(k string) (time.Time, bool) {
	t, ok := q.pending[k] // want `concurrent map read and write: q\.pending read here without q\.lock, which the write at queue\.go:28 \(in \(\*Queue\)\.flushLoop, started as a goroutine at queue\.go:19\) holds; lock q\.lock here too`
	return t, ok
}

// Len is fine: it holds the lock.
func (q *Queue) Len() int {
	q.lock.Lock()
	defer q.lock.Unlock()
	return len(q.pending)
}

// Registry locks through helpers: Locked-suffixed methods, methods
// documented as needing the lock, and methods only called with it held.
type Registry struct {
	mu    sync.RWMutex
	names map[string]int
	hits  map[string]int
}

func (r *Registry) Register(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.registerLocked(name)
	r.bump(name)
}

func (r *Registry) registerLocked(name string) {
	r.names[name] = len(r.names)
}

// Forget removes a name. The caller must hold r.mu.
func (r *Registry) Forget(name string) {
	delete(r.names, name)
}

// bump is only ever called with r.mu held.
func (r *Registry) bump(name string) {
	r.hits[name]++
}

func (r *Registry) Lookup(name string) (int, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	n, ok := r.names[name]
	return n, ok
}

func (r *Registry) Hits(name string) int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.hits[name]
}

// Reset forgets to lock.
func (r *Registry) Reset() {
	clear(r.hits) // want `concurrent map write: r\.hits written here without r\.mu, which the write at queue\.go:79 \(in \(\*Registry\)\.Register\) holds; lock r\.mu here too`
}

// Items returns the internal map from under the lock.
func (r *Registry) Items() map[string]int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.names
}

func rename(r *Registry, from, to string) {
	names := r.Items()
	names[to] = names[from] // want `map written outside its lock: names is r.names, which r.Items returns while holding r.mu; this write races`
}

// Config has a mutex for another field; its map is never accessed under
// a lock, so concwrite does not guess that it is shared.
type Config struct {
	mu      sync.Mutex
	version int
	labels  map[string]string
}

func (c *Config) SetLabel(k, v string)  { c.labels[k] = v }
func (c *Config) Label(k string) string { return c.labels[k] }
func (c *Config) Bump() {
	c.mu.Lock()
	c.version++
	c.mu.Unlock()
}

// Stats guards its map everywhere.
type Stats struct {
	mu     sync.Mutex
	counts map[string]int
}

func (s *Stats) Inc(k string) {
	s.mu.Lock()
	s.counts[k]++
	s.mu.Unlock()
}

func (s *Stats) Snapshot() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]int, len(s.counts))
	for k, v := range s.counts {
		out[k] = v
	}
	return out
}

// newStats fills the map before anyone else can see it.
func newStats() *Stats {
	s := &Stats{counts: map[string]int{}}
	s.counts["start"] = 1
	return s
}

// Program holds its mutex for another map; a read of packages happens to
// sit inside the locked region, but nothing writes packages under it.
type Program struct {
	methodsMu sync.Mutex
	methods   map[string]int
	packages  map[string]int
}

func (p *Program) Method(name string) int {
	p.methodsMu.Lock()
	defer p.methodsMu.Unlock()
	if _, ok := p.packages[name]; ok {
		p.methods[name]++
	}
	return p.methods[name]
}

func (p *Program) CreatePackage(name string) { p.packages[name] = len(p.packages) }

// Set is a fact set; String is documented as not for concurrent use.
type Set struct {
	mu sync.Mutex
	m  map[string]string
}

func (s *Set) Export(k, v string) {
	s.mu.Lock()
	s.m[k] = v
	s.mu.Unlock()
}

// String is provided only for debugging, and must not be called
// concurrent with any Export method.
func (s *Set) String() string { return s.m["a"] }

// DB writes lastPut only under a false constant: code that never runs.
const debugGetPut = false

type DB struct {
	mu      sync.Mutex
	free    map[int]bool
	lastPut map[int]string
}

func (db *DB) Put(c int) {
	db.mu.Lock()
	db.free[c] = true
	if debugGetPut {
		db.lastPut[c] = "put"
	}
	db.mu.Unlock()
}

func (db *DB) Conn(c int) {
	if debugGetPut {
		db.lastPut[c] = "conn"
	}
	db.mu.Lock()
	delete(db.free, c)
	db.mu.Unlock()
}

// B is serialised by a package-level lock that guards the benchmark run,
// not B's fields: B is not meant for concurrent use.
var benchmarkLock sync.Mutex

type B struct{ extra map[string]float64 }

func (b *B) Run() {
	benchmarkLock.Lock()
	b.extra["ns/op"] = 1
	benchmarkLock.Unlock()
}

func (b *B) ResetTimer() { clear(b.extra) }

// Table caches lookups. A Table is not safe for concurrent use.
type Table struct {
	mu    sync.Mutex
	cache map[string]int
}

func (t *Table) Fill(k string) {
	t.mu.Lock()
	t.cache[k] = 1
	t.mu.Unlock()
}

func (t *Table) Get(k string) int { return t.cache[k] }
