package fiximport

func twice(m map[string]int) {
	for k := range m {
		m[k+k] = 1 // want `inserts into m`
	}
	for k, v := range m {
		m[k+"x"] = v // want `inserts into m`
	}
}
