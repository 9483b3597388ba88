package fix

import (
	"fmt"
	"io"
	"maps"
	"strings"
)

func KeyList(m map[string]int) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k) // want `range over slices.Sorted\(maps.Keys\(m\)\)`
	}
	return keys
}

func Pairs(w io.Writer, m map[int]string) { // want Pairs:"writes w"
	for k, v := range m {
		fmt.Fprintf(w, "%d=%s\n", k, v) // want `range over slices.Sorted\(maps.Keys\(m\)\)`
	}
}

func ValuesOnly(m map[string]string) string {
	var vals []string
	for _, v := range m {
		vals = append(vals, v) // want `range over slices.Sorted\(maps.Keys\(m\)\)`
	}
	return strings.Join(vals, ",")
}

type Index struct{ byName map[string]int }

func (ix *Index) Dump(w io.Writer) { // want Dump:"writes w"
	for name, n := range maps.All(ix.byName) {
		fmt.Fprintln(w, name, n) // want `range over slices.Sorted\(maps.Keys\(ix.byName\)\)`
	}
}

func Seq(w io.Writer, m map[string]bool) { // want Seq:"writes w"
	for v := range maps.Values(m) {
		fmt.Fprintln(w, v) // want `range over slices.Sorted\(maps.Keys\(m\)\)`
	}
}

type point struct{ x, y int }

// Struct keys are not ordered: the slice built is sorted after the loop.
func Labels(m map[point]string) []string {
	labels := make([]string, 0, len(m))
	for _, l := range m {
		labels = append(labels, l) // want `sort labels after the loop \(slices.Sort\(labels\)\)`
	}
	return labels
}

// Neither fix applies: struct keys and struct elements.
func Points(m map[point]bool) []point {
	var ps []point
	for p := range m {
		ps = append(ps, p) // want `visit the keys in sorted order \(sort them into a slice first\)`
	}
	return ps
}

// No key snapshot for a body that deletes: it would visit deleted keys.
func Drain(w io.Writer, m map[string]int) { // want Drain:"writes w"
	for k, v := range m {
		delete(m, k)
		fmt.Fprintln(w, k, v) // want `visit the keys in sorted order`
	}
}

// The map expression is a call: ranging over it twice would call it twice.
func FromCall(w io.Writer, get func() map[string]int) { // want FromCall:"writes w"
	for k := range get() {
		fmt.Fprintln(w, k) // want `visit the keys in sorted order`
	}
}
