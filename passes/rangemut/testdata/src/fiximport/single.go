package fiximport

import "strings"

func single(m map[string]bool) {
	for k := range m {
		m[strings.Repeat(k, 3)] = true // want `inserts into m`
	}
}
