// Package midrelease_waitother is a scanner whose wg.Wait waits for the
// scanning goroutines only: the progress reporter it started first is
// not on the WaitGroup, so its write overlaps the code after Wait.
package midrelease_waitother

import (
	"sync"
	"time"
)

// Scanner measures files.
type Scanner struct {
	mu       sync.Mutex
	sizes    map[string]int
	progress map[string]int
}

func NewScanner() *Scanner {
	return &Scanner{sizes: make(map[string]int), progress: make(map[string]int)}
}

// Scan measures every path in parallel.
func (s *Scanner) Scan(paths []string) {
	var wg sync.WaitGroup
	go s.reportStart(len(paths))
	for _, p := range paths {
		wg.Add(1)
		go func(p string) {
			defer wg.Done()
			s.mu.Lock()
			s.sizes[p] = len(p)
			s.mu.Unlock()
		}(p)
	}
	wg.Wait()
	// Reported here, the other side of reportStart's write.
	s.progress["done"] = len(paths) // want "concurrent map"
}

func (s *Scanner) reportStart(total int) {
	s.progress["total"] = total
}

func Run() {
	s := NewScanner()
	s.Scan([]string{"/etc/hosts", "/etc/passwd"})
	time.Sleep(10 * time.Millisecond)
}
