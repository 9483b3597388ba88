// Package midrelease_afterdone is an indexer whose rebuild goroutine
// calls wg.Done and then records when it finished: that last write is not
// covered by the caller's wg.Wait.
package midrelease_afterdone

import (
	"strings"
	"sync"
	"time"
)

// Indexer maps terms to the number of documents holding them.
type Indexer struct {
	terms map[string]int
	meta  map[string]string
}

func NewIndexer() *Indexer {
	return &Indexer{terms: make(map[string]int), meta: make(map[string]string)}
}

// Rebuild indexes docs on a background goroutine and waits for it.
func (idx *Indexer) Rebuild(docs []string) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		for _, d := range docs {
			for _, term := range strings.Fields(d) {
				idx.terms[term]++
			}
		}
		wg.Done()
		idx.meta["finished"] = time.Now().Format(time.RFC3339Nano)
	}()
	wg.Wait()
	// Races with the write after wg.Done in the goroutine; concwrite reports the pair here.
	idx.meta["documents"] = strings.Repeat("x", len(docs)) // want "concurrent map"
}

func Run() {
	idx := NewIndexer()
	idx.Rebuild([]string{"a quick fox", "a lazy dog"})
	time.Sleep(10 * time.Millisecond)
}
