// Package lib stands for another module: its map types are not the
// user's to change.
package lib

type Big struct{ Attrs [25]int64 }

type Registry map[string]Big

type Config struct{ Items map[string]Big }

func Load() map[string]Big { return nil }

func LoadErr() (map[string]Big, error) { return nil, nil }

func Process(m map[string]Big) {}
