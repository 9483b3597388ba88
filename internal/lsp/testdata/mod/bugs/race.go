package bugs

// hits is written by every goroutine Count starts, with no lock.
var hits = map[string]int{}

func Count(paths []string) {
	for _, p := range paths {
		go func() {
			hits[p]++ // concwrite, related: the go statement
		}()
	}
}
