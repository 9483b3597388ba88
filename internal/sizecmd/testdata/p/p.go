// Package p holds named types for the -pkg tests of maplint size.
package p

import "time"

type Point struct{ X, Y float64 }

// Index is a named map type: maplint size accepts it as is.
type Index map[string]Point

const n = 200

type record [n]byte // unexported, over 128 bytes

type Event struct {
	At   time.Time
	Name string
}

var _ record

// List is generic: name it instantiated, as List[int].
type List[T any] struct {
	Items []T
	Len   int
}
