//go:build go1.22

package fix

// Before Go 1.23 there is no slices.Sorted: sort the slice after the loop.
func Keys122(m map[string]int) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k) // want `sort keys after the loop \(slices.Sort\(keys\)\)`
	}
	return keys
}
