// Package bugs has a makehint finding, after a character that takes two
// UTF-16 code units and four bytes (𝑥), and a concwrite finding with
// related information, for the language server's tests.
package bugs

// Positions knows it will insert len(names) entries but lets the map
// grow to that size one doubling at a time.
func Positions(names []string) map[int]string {
	𝑥pos := make(map[int]string) // makehint
	for i, name := range names {
		𝑥pos[i] = name
	}
	return 𝑥pos
}
