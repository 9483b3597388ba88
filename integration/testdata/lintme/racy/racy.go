// Package racy has one finding for each maplint analyzer, one finding
// suppressed each way, and one stale suppression.
package racy

import "sync"

// hits is written by every goroutine Count starts, with no lock: the
// program dies with "fatal error: concurrent map writes".
var hits = map[string]int{}

func Count(paths []string) {
	for _, p := range paths {
		go func() {
			hits[p]++
		}()
	}
}

// Expand adds keys to the map it ranges over, so whether the new keys
// are themselves expanded varies from run to run.
func Expand(dirs map[string]bool) {
	for d := range dirs {
		dirs[d+"/"] = true
	}
}

// Positions knows it will insert len(names) entries but lets the map
// grow to that size one doubling at a time.
func Positions(names []string) map[int]string {
	pos := make(map[int]string)
	for i, name := range names {
		pos[i] = name
	}
	return pos
}

// Record is stored out of line by the runtime: 256 bytes.
type Record struct {
	Name    [240]byte
	Created int64
	Updated int64
}

var records map[int64]Record

func Lookup(id int64) (Record, bool) {
	r, ok := records[id]
	return r, ok
}

var (
	mu     sync.Mutex
	totals = map[string]int{}
	seen   = map[string]bool{}
)

// Add's goroutines race on totals, but the finding is suppressed with
// maplint's own directive, and on seen with golangci-lint's.
func Add(keys []string) {
	for _, k := range keys {
		go func() {
			//maplint:ignore concwrite test data: the race is the point
			totals[k]++
			seen[k] = true //nolint:maplint // test data: the race is the point
		}()
	}
}

// Guarded takes the lock, so the directive above its write is stale.
func Guarded(k string) {
	mu.Lock()
	defer mu.Unlock()
	//maplint:ignore concwrite guarded by mu
	totals[k]++
}
