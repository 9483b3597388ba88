package a

import "testing"

// Memory advice is not reported in tests.
func TestBig(t *testing.T) {
	state := make(map[string]Big)
	var wide map[int64]Wide
	_ = wide
	for _, v := range state {
		t.Log(v.Name)
	}
}
