// Package bugs has one finding for each maplint analyzer.
package bugs

// hits is written by every goroutine Count starts, with no lock: the
// program dies with "fatal error: concurrent map writes".
var hits = map[string]int{}

func Count(paths []string) {
	for _, p := range paths {
		go func() {
			hits[p]++ // concwrite
		}()
	}
}

// Expand adds keys to the map it ranges over, so whether the new keys
// are themselves expanded varies from run to run.
func Expand(dirs map[string]bool) {
	for d := range dirs {
		dirs[d+"/"] = true // rangemut
	}
}

// Positions knows it will insert len(names) entries but lets the map
// grow to that size one doubling at a time.
func Positions(names []string) map[int]string {
	pos := make(map[int]string) // makehint
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

var records map[int64]Record // bigvalue

func Lookup(id int64) (Record, bool) {
	r, ok := records[id]
	return r, ok
}
