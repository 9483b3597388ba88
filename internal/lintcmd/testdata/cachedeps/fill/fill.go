// Package fill inserts into maps it is given: what it does is a fact
// that the packages importing it need.
package fill

import "path"

// Parents adds the parent directory of dir to m.
func Parents(m map[string]bool, dir string) {
	m[path.Dir(dir)] = true
}
