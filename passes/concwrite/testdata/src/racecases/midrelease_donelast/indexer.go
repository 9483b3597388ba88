// Package midrelease_donelast is midrelease_afterdone done right: the
// goroutine's last write comes before its deferred wg.Done.
package midrelease_donelast

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
		defer wg.Done()
		for _, d := range docs {
			for _, term := range strings.Fields(d) {
				idx.terms[term]++
			}
		}
		idx.meta["finished"] = time.Now().Format(time.RFC3339Nano)
	}()
	wg.Wait()
	idx.meta["documents"] = strings.Repeat("x", len(docs))
}

func Run() {
	idx := NewIndexer()
	idx.Rebuild([]string{"a quick fox", "a lazy dog"})
	time.Sleep(10 * time.Millisecond)
	idx.meta["checked"] = "yes"
}
