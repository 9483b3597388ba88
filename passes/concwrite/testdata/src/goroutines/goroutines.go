// Package goroutines holds go statements, wg.Go, errgroup and timers
// racing on maps, next to the synchronisation that makes them safe.
package goroutines

import (
	"context"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

var registry = map[string]int{}

// The starter writes after the go statement while the goroutine reads.
func starterAfterGo() {
	go func() {
		_ = registry["a"]
	}()
	registry["b"] = 1 // want `concurrent map read and write: registry written here and read at goroutines.go:18 \(in the goroutine started at goroutines.go:17\), with no common lock; guard both with a sync.Mutex`
}

// Goroutines started in a loop race with each other.
func loopSelf(keys []string) {
	counts := map[string]int{}
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			counts[k]++ // want `concurrent map write: counts written here by every copy of the goroutine started at goroutines.go:29 in a loop, with no lock held; guard it with a sync.Mutex`
		}()
	}
	wg.Wait()
}

type server struct {
	mu    sync.Mutex
	items map[string]int
}

func (s *server) run() {
	for k := range s.items {
		_ = k
	}
}

// A method value started as a goroutine races with the starter's write.
func (s *server) start() {
	go s.run()
	s.items["x"] = 1 // want `concurrent map read and write: s.items written here and read at goroutines.go:43 \(in the goroutine started at goroutines.go:50\)`
}

func fill(m map[string]int) {
	m["k"] = 1
}

// A named function gets the map as an argument.
func namedFunc() {
	m := map[string]int{}
	go fill(m)
	_ = len(m) // want `concurrent map read and write: m read here and written at goroutines.go:55`
}

// Two goroutines write the same package-level map.
func twoGoroutines() {
	go func() { registry["a"] = 1 }()
	go func() { registry["b"] = 2 }() // want `concurrent map write: registry written here and at goroutines.go:67 \(in the goroutine started at goroutines.go:67\)`
}

// wg.Go (Go 1.25) and errgroup.Go in loops.
func waitGroupGo(keys []string) {
	seen := map[string]bool{}
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Go(func() {
			seen[k] = true // want `concurrent map write: seen written here by every copy of the goroutine of wg.Go started at goroutines.go:76 in a loop`
		})
	}
	wg.Wait()
}

func errgroupGo(ctx context.Context, keys []string) error {
	sizes := map[string]int{}
	g, _ := errgroup.WithContext(ctx)
	for _, k := range keys {
		g.Go(func() error {
			sizes[k] = len(k) // want `concurrent map write: sizes written here`
			return nil
		})
	}
	return g.Wait()
}

// Timer callbacks run in their own goroutine.
func afterFunc() {
	pending := map[int]bool{}
	time.AfterFunc(time.Second, func() {
		delete(pending, 1)
	})
	pending[2] = true // want `concurrent map write: pending written here and at goroutines.go:99 \(in the time.AfterFunc callback started at goroutines.go:98\)`
}

func contextAfterFunc(ctx context.Context) {
	state := map[string]string{}
	stop := context.AfterFunc(ctx, func() {
		clear(state)
	})
	defer stop()
	state["a"] = "b" // want `concurrent map write: state written here and at goroutines.go:107 \(in the context.AfterFunc callback started at goroutines.go:106\)`
}

// A callee writes the map, reached through the summary.
func (s *server) add(k string) { s.items[k] = 1 } // want `concurrent map read and write: s\.items written here and read at goroutines\.go:118 \(in the goroutine started at goroutines\.go:117\), with no common lock; guard both with a sync\.Mutex`

func (s *server) viaCall() {
	go func() {
		for range s.items {
		}
	}()
	s.add("k")
}

// Goroutines started in an unbounded loop that only sends.
func forever(events chan string) {
	byName := map[string]int{}
	for {
		go func() {
			byName["x"]++ // want `concurrent map write: byName written here`
		}()
		<-events
	}
}

// The starter locks, the goroutine does not: the goroutine is reported.
func (s *server) lockedStarter() {
	go func() {
		s.items["y"] = 2 // want `concurrent map read and write: s\.items written here without s\.mu, which the read at goroutines\.go:141 \(by the code that started this goroutine at goroutines\.go:137, after starting it\) holds; lock s\.mu here too`
	}()
	s.mu.Lock()
	_ = s.items["y"]
	s.mu.Unlock()
}

// startGoRoutine is a goroutine-starting helper, as in nats-server.
func (s *server) startGoRoutine(f func()) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	go func() {
		f()
	}()
	return true
}

func (s *server) acceptLoop(ids []string) {
	for _, id := range ids {
		s.startGoRoutine(func() {
			s.items[id] = 1 // want `concurrent map write: s.items written here by every copy of the goroutine of s.startGoRoutine started at goroutines.go:\d+ in a loop`
		})
	}
}
