package bugs

import "testing"

func TestExpand(t *testing.T) {
	seen := map[int]bool{1: true}
	for k := range seen {
		seen[k+1] = true // rangemut, only with -test (the default)
	}
}
