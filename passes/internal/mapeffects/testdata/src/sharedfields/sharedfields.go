// Package sharedfields makes values in loops whose map fields are one map
// for all of them (seen, cache) or one map each (own, reset, mixed).
package sharedfields

type worker struct {
	seen  map[string]bool // shared: set from one map made before the loop
	own   map[string]bool // one per worker: made in the literal
	reset map[string]bool // shared at first, but assigned again elsewhere
	mixed map[string]bool // shared by one constructor, fresh in another
	cache map[string]int  // shared, set outside any loop too
}

func newWorkers(n int) []*worker {
	seen := make(map[string]bool)
	reset := make(map[string]bool)
	mixed := make(map[string]bool)
	cache := make(map[string]int)
	var ws []*worker
	for range n {
		ws = append(ws, &worker{seen: seen, own: make(map[string]bool), reset: reset, mixed: mixed, cache: cache})
	}
	return append(ws, &worker{cache: cache})
}

func newOthers(n int) []*worker {
	var ws []*worker
	for range n {
		mixed := make(map[string]bool)
		ws = append(ws, &worker{mixed: mixed})
	}
	return ws
}

func (w *worker) clear() { w.reset = make(map[string]bool) }
