// Package walk ranges over a map while fill inserts into it.
package walk

import "example.com/cachedeps/fill"

// Expand adds every directory's parent, while ranging over the set.
func Expand(dirs map[string]bool) {
	for d := range dirs {
		fill.Parents(dirs, d)
	}
}
