// Package midrelease_joinedfanout_sequential is midrelease_joinedfanout
// with the requests served one after the other: Index joins its
// goroutines before it returns, so no two calls overlap.
package midrelease_joinedfanout_sequential

import (
	"strings"
	"sync"
)

// Index adds every word of docs to index, one goroutine per document.
func Index(index map[string]int, docs []string) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, doc := range docs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, w := range strings.Fields(doc) {
				mu.Lock()
				index[w]++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
}

func Run() {
	shared := make(map[string]int)
	for _, batch := range [][]string{{"a b c", "b c d"}, {"c d e", "e f g"}} {
		for range 50 {
			Index(shared, batch)
		}
	}
	if shared["c"] != 150 {
		panic("lost words")
	}
}
