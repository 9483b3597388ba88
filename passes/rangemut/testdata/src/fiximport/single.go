package fiximport

import "strings"

func single(m map[string]bool) {
	for k := range m {
		m[strings.ToUpper(k)] = true // want `inserts into m`
	}
}
