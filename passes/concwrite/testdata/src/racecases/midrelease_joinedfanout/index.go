// Package midrelease_joinedfanout is an indexer whose Index fans the
// documents out to goroutines, under a mutex of its own, and waits for
// them: within one call the writes are safe. But two requests index into
// the same shared index at once, and each call's mutex is its own.
package midrelease_joinedfanout

import (
	"strings"
	"sync"
)

// Index adds every word of docs to index, one goroutine per document.
func Index(index map[string]int, docs []string) {
	var mu sync.Mutex // one per call: it orders this call's goroutines only
	var wg sync.WaitGroup
	for _, doc := range docs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, w := range strings.Fields(doc) {
				mu.Lock()
				index[w]++ // want `concurrent map write: index written here by every copy of the goroutine started at index\.go:35 in a loop, where index is shared, one map for every copy`
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
}

func Run() {
	shared := make(map[string]int)
	var wg sync.WaitGroup
	for _, batch := range [][]string{{"a b c", "b c d"}, {"c d e", "e f g"}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				Index(shared, batch)
			}
		}()
	}
	wg.Wait()
}
