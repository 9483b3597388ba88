// Package oldgo is a Go 1.20 module: it has no maps package, so the
// report offers no fix.
package oldgo

func old(m map[int]int) {
	for k := range m {
		m[k+1] = 1 // want `inserts into m while ranging over it: .* range over a snapshot taken before the loop — about \d+ B per entry`
	}
}
