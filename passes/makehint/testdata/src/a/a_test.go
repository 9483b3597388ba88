package a

// Test files are not reported: a hint there saves nothing anyone would
// notice.
func byIndexInTest(xs []string) map[int]string {
	m := make(map[int]string)
	for i, x := range xs {
		m[i] = x
	}
	return m
}
