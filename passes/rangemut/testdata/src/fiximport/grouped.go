package fiximport

import (
	"fmt"
	"strings"
)

func grouped(m map[string]string) {
	for k, v := range m {
		m[strings.Repeat(k, 2)] = fmt.Sprint(v) // want `inserts into m`
	}
}
