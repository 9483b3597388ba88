package fiximport

import (
	"io"
	stdmaps "maps"
	"slices"
	"strconv"
)

func Present(w io.Writer, m map[int]bool) { // want Present:"writes w"
	for k := range m {
		io.WriteString(w, strconv.Itoa(k)) // want `range over slices.Sorted\(maps.Keys\(m\)\)`
	}
	_ = slices.Max([]int{1})
	_ = stdmaps.Clone(m)
}
