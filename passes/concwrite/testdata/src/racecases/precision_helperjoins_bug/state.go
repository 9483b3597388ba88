// Package precision_helperjoins_bug is precision_helperjoins with
// parallelApply rewritten to bound its workers with a semaphore: it
// returns once the last task is started and the errors received so far
// are nil, so the last workers still prefetch while the caller counts
// what was warmed.
package precision_helperjoins_bug

import (
	"errors"
	"sync"
	"sync/atomic"
	"time"
)

var errTerminated = errors.New("prefetcher terminated")

// subfetcher warms one trie in the background.
type subfetcher struct {
	mu    sync.Mutex
	tasks []string
	wake  chan struct{}
	stop  chan struct{}
	term  chan struct{}
	seen  int
}

func newSubfetcher() *subfetcher {
	sf := &subfetcher{wake: make(chan struct{}, 1), stop: make(chan struct{}), term: make(chan struct{})}
	go sf.loop()
	return sf
}

func (sf *subfetcher) schedule(keys []string) {
	sf.mu.Lock()
	sf.tasks = append(sf.tasks, keys...)
	sf.mu.Unlock()
	select {
	case sf.wake <- struct{}{}:
	default:
	}
}

func (sf *subfetcher) loop() {
	defer close(sf.term)
	for {
		select {
		case <-sf.wake:
			sf.mu.Lock()
			sf.seen += len(sf.tasks)
			sf.tasks = nil
			sf.mu.Unlock()
		case <-sf.stop:
			return
		}
	}
}

func (sf *subfetcher) terminate() {
	close(sf.stop)
	<-sf.term
}

// triePrefetcher schedules trie warming per trie; it is used by one
// goroutine at a time.
type triePrefetcher struct {
	fetchers map[string]*subfetcher
	term     chan struct{}
}

func newTriePrefetcher() *triePrefetcher {
	return &triePrefetcher{fetchers: make(map[string]*subfetcher), term: make(chan struct{})}
}

func (p *triePrefetcher) prefetch(owner string, keys []string) error {
	select {
	case <-p.term:
		return errTerminated
	default:
	}
	fetcher := p.fetchers[owner]
	if fetcher == nil {
		fetcher = newSubfetcher()
		p.fetchers[owner] = fetcher
	}
	fetcher.schedule(keys)
	return nil
}

// used reports whether a fetcher was started for owner.
func (p *triePrefetcher) used(owner string) bool {
	return p.fetchers[owner] != nil // want "concurrent map"
}

func (p *triePrefetcher) terminate() {
	close(p.term)
	for _, fetcher := range p.fetchers {
		fetcher.terminate()
	}
}

type account struct {
	addr  string
	slots []string
	ready bool
}

// applyContext is shared by the workers.
type applyContext struct {
	reads      atomic.Int64
	prefetchMu sync.Mutex
}

// StateDB applies block access lists.
type StateDB struct {
	prefetcher    *triePrefetcher
	StorageWarmed int
}

func (s *StateDB) applyAccessList(accounts []*account, threads int) error {
	addrs := make([]string, 0, len(accounts))
	for _, a := range accounts {
		addrs = append(addrs, a.addr)
	}
	// Warm the account trie before the workers start.
	if err := s.prefetcher.prefetch("", addrs); err != nil {
		return err
	}
	var ctx applyContext
	if err := parallelApply(len(accounts), threads, func(i int) error {
		return s.prepareAccount(accounts[i], &ctx)
	}); err != nil {
		return err
	}
	// The workers are done: count the storage tries they warmed.
	for _, a := range accounts {
		if s.prefetcher.used(a.addr) {
			s.StorageWarmed++
		}
	}
	return nil
}

func (s *StateDB) prepareAccount(a *account, ctx *applyContext) error {
	ctx.reads.Add(1)
	time.Sleep(2 * time.Millisecond) // the account's state is read from disk
	if len(a.slots) > 0 {
		ctx.prefetchMu.Lock()
		err := s.prefetcher.prefetch(a.addr, a.slots)
		ctx.prefetchMu.Unlock()
		if err != nil {
			return err
		}
	}
	a.ready = true
	return nil
}

// parallelApply calls apply for every index in [0, tasks), on at most
// workers goroutines at a time, and returns the first error.
func parallelApply(tasks, workers int, apply func(int) error) error {
	sem := make(chan struct{}, max(workers, 1))
	errc := make(chan error, tasks)
	for i := range tasks {
		sem <- struct{}{}
		go func() {
			defer func() { <-sem }()
			errc <- apply(i)
		}()
	}
	for range len(errc) {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

func Run() {
	s := &StateDB{prefetcher: newTriePrefetcher()}
	accounts := []*account{
		{addr: "0xa1", slots: []string{"s1", "s2"}},
		{addr: "0xb2"},
		{addr: "0xc3", slots: []string{"s3"}},
		{addr: "0xd4", slots: []string{"s4", "s5", "s6"}},
	}
	if err := s.applyAccessList(accounts, 4); err != nil {
		panic(err)
	}
	time.Sleep(50 * time.Millisecond) // the block is processed meanwhile
	s.prefetcher.terminate()
}
