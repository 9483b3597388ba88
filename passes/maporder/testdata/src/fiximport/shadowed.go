package fiximport

import (
	"io"
	"strconv"
)

func Shadowed(w io.Writer, m map[int]bool, slices []int) { // want Shadowed:"writes w"
	for k := range m {
		io.WriteString(w, strconv.Itoa(k)) // want `range over slices.Sorted\(maps.Keys\(m\)\)`
	}
	_ = slices
}
