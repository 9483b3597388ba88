// Package twopaths_ownmaps is twopaths_sliceelems done right: each
// worker has its own seen map, and the crawler merges them after the
// workers are done.
package twopaths_ownmaps

import "sync"

type worker struct {
	id   int
	seen map[string]bool
}

// Crawler visits URLs with several workers.
type Crawler struct {
	workers []*worker
}

// NewCrawler makes n workers.
func NewCrawler(n int) *Crawler {
	c := &Crawler{}
	for i := 0; i < n; i++ {
		c.workers = append(c.workers, &worker{id: i, seen: make(map[string]bool)})
	}
	return c
}

func (w *worker) crawl(urls []string) {
	for _, u := range urls {
		if !w.seen[u] {
			w.seen[u] = true
		}
	}
}

// Crawl visits urls, split between the workers, and returns every URL seen.
func (c *Crawler) Crawl(urls []string) map[string]bool {
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
	all := make(map[string]bool)
	for _, w := range c.workers {
		for u := range w.seen {
			all[u] = true
		}
	}
	return all
}

func Run() {
	c := NewCrawler(3)
	if len(c.Crawl([]string{"/a", "/b", "/c", "/d", "/e", "/f"})) != 6 {
		panic("lost URLs")
	}
}
