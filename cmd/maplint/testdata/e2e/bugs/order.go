package bugs

// Names returns the users' names in the map's iteration order, which
// changes from run to run.
func Names(users map[string]int64) []string {
	var names []string
	for name := range users {
		names = append(names, name) // maporder
	}
	return names
}
