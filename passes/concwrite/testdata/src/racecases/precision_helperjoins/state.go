// Package precision_helperjoins is block-access-list application after
// go-ethereum's core/state: parallelApply runs apply on a pool of workers
// and waits for all of them before it returns, so the prefetcher calls
// made before and after it do not overlap the workers' ones, and the
// workers serialise theirs on prefetchMu.
package precision_helperjoins

import (
	"errors"
	"sync"
	"sync/atomic"
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
	return p.fetchers[owner] != nil
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

// parallelApply calls apply for every index in [0, tasks) on at most
// workers goroutines, and returns the first error once all are done.
func parallelApply(tasks, workers int, apply func(int) error) error {
	if tasks == 0 {
		return nil
	}
	workers = min(max(workers, 1), tasks)
	var (
		next     atomic.Uint64
		wg       sync.WaitGroup
		errOnce  sync.Once
		firstErr error
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= tasks {
					return
				}
				if err := apply(i); err != nil {
					errOnce.Do(func() { firstErr = err })
					return
				}
			}
		}()
	}
	wg.Wait()
	return firstErr
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
	s.prefetcher.terminate()
}
