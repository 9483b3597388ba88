//go:build !go1.24

package main

import "unsafe"

// Shape is the structure of a measured map, read from the runtime's own
// data structures; the test uses it to explain a mismatch.
type Shape struct {
	Layout   string `json:"layout"`
	B        uint8  `json:"b"`                  // log2 of the bucket count
	Overflow int    `json:"overflow,omitempty"` // overflow buckets chained from the buckets
	Growing  bool   `json:"growing,omitempty"`  // old buckets not yet evacuated
}

// hmap mirrors runtime.hmap (runtime/map.go, Go 1.23).
type hmap struct {
	count      int
	flags      uint8
	B          uint8
	noverflow  uint16
	hash0      uint32
	buckets    unsafe.Pointer
	oldbuckets unsafe.Pointer
	nevacuate  uintptr
	extra      unsafe.Pointer
}

// rtype mirrors internal/abi.Type, maptype internal/abi.MapType (Go 1.23).
type rtype struct {
	size, ptrBytes                 uintptr
	hash                           uint32
	tflag, align, fieldAlign, kind uint8
	equal                          unsafe.Pointer
	gcdata                         *byte
	str, ptrToThis                 int32
}

type maptype struct {
	typ                rtype
	key, elem, bucket  *rtype
	hasher             unsafe.Pointer
	keySize, valueSize uint8
	bucketSize         uint16
	flags              uint32
}

type eface struct {
	typ  *maptype
	data unsafe.Pointer
}

func shapeOf[K comparable, V any](m map[K]V) Shape {
	s := Shape{Layout: "classic"}
	var x any = m
	e := (*eface)(unsafe.Pointer(&x))
	h := (*hmap)(e.data)
	s.B = h.B
	s.Growing = h.oldbuckets != nil
	if h.buckets == nil {
		return s
	}
	bs := uintptr(e.typ.bucketSize)
	for i := uintptr(0); i < uintptr(1)<<h.B; i++ {
		b := unsafe.Add(h.buckets, i*bs)
		for {
			b = *(*unsafe.Pointer)(unsafe.Add(b, bs-unsafe.Sizeof(uintptr(0))))
			if b == nil {
				break
			}
			s.Overflow++
		}
	}
	return s
}
