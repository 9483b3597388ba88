// Package clean holds the correct twins of package bugs: maplint must
// stay silent on all of it.
package clean

import "sync"

var (
	mu   sync.Mutex
	hits = map[string]int{}
)

func Count(paths []string) {
	var wg sync.WaitGroup
	for _, p := range paths {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			hits[p]++
			mu.Unlock()
		}()
	}
	wg.Wait()
}

// Prune deletes while ranging, which the spec defines.
func Prune(dirs map[string]bool) {
	for d, keep := range dirs {
		if !keep {
			delete(dirs, d)
		}
	}
}

func Positions(names []string) map[int]string {
	pos := make(map[int]string, len(names))
	for i, name := range names {
		pos[i] = name
	}
	return pos
}

type Record struct {
	Name    [240]byte
	Created int64
	Updated int64
}

var records map[int64]*Record

func Lookup(id int64) *Record { return records[id] }

// Few is a makehint finding its author has judged and suppressed.
func Few(names []string) map[int]string {
	//maplint:ignore makehint names holds at most three flags, parsed once at start-up
	pos := make(map[int]string)
	for i, name := range names {
		pos[i] = name
	}
	return pos
}
