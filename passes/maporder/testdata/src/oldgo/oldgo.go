// Package oldgo is a Go 1.20 module: no slices package, so the fix sorts
// with the sort package, for the slice types it has a function for.
package oldgo

func KeyList(m map[string]int) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k) // want `sort keys after the loop \(sort.Strings\(keys\)\)`
	}
	return keys
}

func Weights(m map[string]float32) []float32 {
	var ws []float32
	for _, w := range m {
		ws = append(ws, w) // want `visit the keys in sorted order`
	}
	return ws
}
