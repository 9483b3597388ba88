//go:build go1.24

package main

import "unsafe"

// Shape is the structure of a measured map, read from the runtime's own
// data structures; the test uses it to explain a mismatch.
type Shape struct {
	Layout string `json:"layout"`
	Dir    int    `json:"dir,omitempty"`    // directory entries (0: small map or empty)
	Tables int    `json:"tables,omitempty"` // distinct tables
	Slots  int    `json:"slots,omitempty"`  // slots over all tables
}

// swissMap mirrors the fields of internal/runtime/maps.Map read here.
type swissMap struct {
	used   uint64
	seed   uintptr
	dirPtr unsafe.Pointer
	dirLen int
}

// swissTable mirrors the leading fields of internal/runtime/maps.table.
type swissTable struct {
	used, capacity uint16
}

func shapeOf[K comparable, V any](m map[K]V) Shape {
	s := Shape{Layout: "swiss"}
	sm := *(**swissMap)(unsafe.Pointer(&m))
	if sm.dirLen == 0 {
		return s
	}
	s.Dir = sm.dirLen
	dir := unsafe.Slice((**swissTable)(sm.dirPtr), sm.dirLen)
	for i, t := range dir {
		if i > 0 && t == dir[i-1] {
			continue
		}
		s.Tables++
		s.Slots += int(t.capacity)
	}
	return s
}
