// Package twopaths_sliceelems is a crawler whose workers, elements of a
// slice, were all given the same seen map: each goroutine reaches it
// through its own worker.
package twopaths_sliceelems

import "sync"

type worker struct {
	id   int
	seen map[string]bool
}

// Crawler visits URLs with several workers.
type Crawler struct {
	workers []*worker
}

// NewCrawler makes n workers sharing one set of visited URLs.
func NewCrawler(n int) *Crawler {
	seen := make(map[string]bool)
	c := &Crawler{}
	for i := 0; i < n; i++ {
		c.workers = append(c.workers, &worker{id: i, seen: seen})
	}
	return c
}

func (w *worker) crawl(urls []string) {
	for _, u := range urls {
		if !w.seen[u] {
			w.seen[u] = true // want `concurrent map read and write: w\.seen written here and read at crawler\.go:30 \(in another copy of the goroutine started at crawler\.go:45 in a loop, where every \*worker holds the same seen map\)`
		}
	}
}

// Crawl visits urls, split between the workers.
func (c *Crawler) Crawl(urls []string) {
	var wg sync.WaitGroup
	for i, w := range c.workers {
		var mine []string
		for j := i; j < len(urls); j += len(c.workers) {
			mine = append(mine, urls[j])
		}
		wg.Add(1)
		go func(w *worker, urls []string) {
			defer wg.Done()
			w.crawl(urls)
		}(w, mine)
	}
	wg.Wait()
}

func Run() {
	c := NewCrawler(3)
	c.Crawl([]string{"/a", "/b", "/c", "/d", "/e", "/f"})
}
