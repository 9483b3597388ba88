// Package broken does not type-check: the language server publishes no
// maplint diagnostics for it.
package broken

func Positions(names []string) map[int]string {
	pos := make(map[int]string)
	for i, name := range names {
		pos[i] = name
	}
	return undefinedName
}
