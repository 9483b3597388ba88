package fiximport

import stdmaps "maps"

func renamed(m map[int]int) map[int]int {
	for k := range m {
		m[-k] = 0 // want `inserts into m`
	}
	return stdmaps.Clone(m)
}
