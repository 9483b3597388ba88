// Package store is internal to its module: its exported names can change.
package store

type Big struct{ Attrs [25]int64 }

type Store struct {
	Items map[string]Big // want `^map\[string\]Big: Big is 200 B`
}
