package fiximport

func KeyList(m map[string]int) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k) // want `maps.Keys`
	}
	return keys
}
