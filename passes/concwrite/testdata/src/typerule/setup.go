package typerule

import "sync"

// Limits is configured by setters, but SetLimit is not one: another
// method assigns limit too (Reset), so limit is state that changes while
// the value is in use, and SetLimit's unlocked range races with Add.
type Limits struct {
	mu    sync.Mutex
	limit int
	count map[string]int
}

func (l *Limits) Add(k string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.count[k]++
}

func (l *Limits) SetLimit(n int) {
	l.limit = n
	for k, c := range l.count { // want `concurrent map read and write: l\.count read here without l\.mu, which the write at setup\.go:17 \(in \(\*Limits\)\.Add\) holds; lock l\.mu here too`
		if c > n {
			_ = k
		}
	}
}

func (l *Limits) Reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.limit = 0
	clear(l.count)
}

// Swap refills a fresh map only on some paths: on the others it writes
// the shared one.
func (l *Limits) Swap(fresh bool) {
	if fresh {
		l.count = make(map[string]int)
	}
	l.count["swap"] = 1 // want `concurrent map write: l\.count written here without l\.mu, which the write at setup\.go:17 \(in \(\*Limits\)\.Add\) holds; lock l\.mu here too`
}

// Publish hands its value on before filling the map it installed.
func (l *Limits) Publish(to chan<- *Limits) {
	l.count = make(map[string]int)
	to <- l
	l.count["published"] = 1 // want `concurrent map write: l\.count written here without l\.mu, which the write at setup\.go:17 \(in \(\*Limits\)\.Add\) holds; lock l\.mu here too`
}

// Refill unlocks between installing the map and filling it.
func (l *Limits) Refill() {
	l.mu.Lock()
	l.count = make(map[string]int)
	l.mu.Unlock()
	l.count["refilled"] = 1 // want `concurrent map write: l\.count written here without l\.mu, which the write at setup\.go:17 \(in \(\*Limits\)\.Add\) holds; lock l\.mu here too`
}

// Rebuild hands its fresh map to a goroutine before filling it.
func (l *Limits) Rebuild() {
	l.count = make(map[string]int)
	go func() {
		l.count["bg"] = 1 // want `concurrent map write: l\.count written here without l\.mu, which the write at setup\.go:17 \(in \(\*Limits\)\.Add\) holds; lock l\.mu here too`
	}()
	l.count["fg"] = 1 // want `concurrent map write: l\.count written here and at setup\.go:64 \(in the goroutine started at setup\.go:63\), with no common lock; guard both with a sync\.Mutex`
}

// Quota's SetMax is the only method that assigns max, but max sits below
// the mutex, among what it guards: SetMax is not setup, and its unlocked
// range races with Use.
type Quota struct {
	mu   sync.Mutex // guards the fields below
	max  int
	used map[string]int
}

func (q *Quota) Use(k string) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.used[k]++
}

func (q *Quota) SetMax(n int) {
	q.max = n
	for range q.used { // want `concurrent map read and write: q\.used read here without q\.mu, which the write at setup\.go:\d+ \(in \(\*Quota\)\.Use\) holds; lock q\.mu here too`
	}
}

// Member's SetID stores a field declared above the mutex, outside what it
// guards, and only SetID assigns it: setup, called before the member is
// shared.
type Member struct {
	id string

	mu    sync.Mutex // guards the fields below
	peers map[string]bool
}

func (m *Member) AddPeer(p string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.peers[p] = true
}

func (m *Member) SetID(id string) {
	m.id = id
	for p := range m.peers {
		_ = p
	}
}

// Sizer's one implementation in the package is generic: calls through it
// are not resolved (and do not crash the analysis).
type Sizer interface{ Size() int }

type box[T any] struct{ m map[string]T }

func (b *box[T]) Size() int { return len(b.m) }

func sizes(ss []Sizer) int {
	n := 0
	for _, s := range ss {
		n += s.Size()
	}
	return n
}

var _ = sizes([]Sizer{&box[int]{}})
