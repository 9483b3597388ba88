// Package sync_ok holds the synchronisation idioms concwrite must respect:
// none of these reports.
package sync_ok

import (
	"context"
	"sync"

	"golang.org/x/sync/errgroup"
)

var (
	mu     sync.Mutex
	global = map[string]int{}
)

// Accesses before the go statement happen before the goroutine starts.
func beforeGo() {
	global["a"] = 1
	go func() {
		mu.Lock()
		defer mu.Unlock()
		global["b"] = 2
	}()
}

// Both sides hold the same mutex, one through defer.
func lockedBothSides() {
	go func() {
		mu.Lock()
		defer mu.Unlock()
		global["a"] = 1
	}()
	mu.Lock()
	global["b"] = 2
	mu.Unlock()
}

// An early return unlocks before leaving; the write is still locked.
func earlyReturn(k string) {
	go func() {
		mu.Lock()
		if k == "" {
			mu.Unlock()
			return
		}
		global[k] = 1
		mu.Unlock()
	}()
	mu.Lock()
	delete(global, k)
	mu.Unlock()
}

// wg.Wait joins the goroutines before the starter reads.
func waitThenRead(keys []string) int {
	counts := map[string]int{}
	var wg sync.WaitGroup
	var cmu sync.Mutex
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmu.Lock()
			counts[k]++
			cmu.Unlock()
		}()
	}
	wg.Wait()
	return len(counts)
}

// errgroup's Wait joins too.
func errgroupWait(ctx context.Context) (int, error) {
	m := map[string]int{}
	g, _ := errgroup.WithContext(ctx)
	g.Go(func() error {
		m["a"] = 1
		return nil
	})
	err := g.Wait()
	return m["a"], err
}

// A receive from the channel the goroutine closes joins it.
func doneChannel() int {
	m := map[string]int{}
	done := make(chan struct{})
	go func() {
		m["a"] = 1
		close(done)
	}()
	<-done
	return m["a"]
}

// A result sent back over a channel.
func resultChannel() int {
	m := map[string]int{}
	res := make(chan int)
	go func() {
		m["a"] = 1
		res <- 1
	}()
	r := <-res
	return m["a"] + r
}

// Each goroutine makes its own map.
func ownMap(keys []string) {
	for _, k := range keys {
		go func() {
			local := map[string]int{}
			local[k] = 1
			_ = local
		}()
	}
}

// A map made per iteration belongs to its goroutine.
func perIteration(keys []string) {
	for _, k := range keys {
		m := map[string]int{}
		go func() {
			m[k] = 1
		}()
	}
}

// A map handed over a channel and not touched again by the sender.
func handOff(out chan map[string]int) {
	m := map[string]int{"a": 1}
	go func() {
		got := <-out
		got["b"] = 2
	}()
	out <- m
}

// sync.Once initialisation followed by reads only.
var (
	once   sync.Once
	config map[string]string
)

func lookup(k string) string {
	once.Do(func() {
		config = map[string]string{}
		config["a"] = "b"
	})
	return config[k]
}

func concurrentLookups(keys []string) {
	for _, k := range keys {
		go func() { _ = lookup(k) }()
	}
}

// Reads only, in any number of goroutines.
func readOnly(keys []string) {
	table := map[string]int{"a": 1}
	for _, k := range keys {
		go func() { _ = table[k] }()
	}
	_ = table["a"]
}

// A shared RWMutex: readers under RLock, the writer under Lock.
type cache struct {
	mu    sync.RWMutex
	items map[string]int
}

func (c *cache) serve(keys []string) {
	for _, k := range keys {
		go func() {
			c.mu.RLock()
			_ = c.items[k]
			c.mu.RUnlock()
		}()
	}
	c.mu.Lock()
	c.items["a"] = 1
	c.mu.Unlock()
}

// lock and unlock wrappers.
func (c *cache) lock()   { c.mu.Lock() }
func (c *cache) unlock() { c.mu.Unlock() }

func (c *cache) wrapped() {
	go func() {
		c.lock()
		defer c.unlock()
		c.items["a"] = 1
	}()
	c.lock()
	c.items["b"] = 2
	c.unlock()
}

// Goroutines started in a loop, each waited for before the next.
func sequential(keys []string) {
	m := map[string]int{}
	for _, k := range keys {
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			m[k] = 1
		}()
		wg.Wait()
	}
}

// Different variables of the same type are different values.
func distinct(a, b *cache) {
	go func() {
		a.items["x"] = 1
	}()
	b.items["x"] = 2
}

// pebble's DB.compact: a callee drops its caller's lock for slow work
// (mu.Unlock(); defer mu.Lock()) and gives it back on return, so the
// caller's delete after the call still holds it.
type compactor struct {
	mu         sync.Mutex
	inProgress map[int]bool
}

func (c *compactor) deleteObsoleteFiles() {
	c.mu.Unlock()
	defer c.mu.Lock()
	println("deleting files without the lock")
}

func (c *compactor) compact(id int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.deleteObsoleteFiles()
	delete(c.inProgress, id)
}

func (c *compactor) Schedule(id int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.inProgress[id] = true
	go c.compact(id)
}
