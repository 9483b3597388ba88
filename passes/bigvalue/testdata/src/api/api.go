// Package api is importable: its exported declarations are an API that
// changing a map's value type would break, so they are not reported.
package api

type Big struct{ Attrs [25]int64 }

type Registry map[string]Big

var Default = make(map[string]Big)

var Spelled map[int]Big

type Stats struct {
	Tiers map[string]Big `json:"tiers"`
	cache map[string]Big // want `^map\[string\]Big: Big is 200 B`
	Inner struct {
		Deep map[int]Big
		deep map[int]Big // want `^map\[int\]Big: Big is 200 B`
	}
}

type stats struct {
	Tiers map[string]Big // want `^map\[string\]Big: Big is 200 B`
}

var private = make(map[string]Big) // want `^map\[string\]Big: Big is 200 B`

func Collect(keys []string) Stats {
	tiers := make(map[string]Big, len(keys))
	for _, k := range keys {
		tiers[k] = Big{}
	}
	local := make(map[string]Big) // want `^map\[string\]Big: Big is 200 B`
	_ = local
	return Stats{Tiers: tiers}
}

func Sum(s Stats) int64 {
	var n int64
	for _, t := range s.Tiers { // want `copies a 200 B Big into t`
		n += t.Attrs[0]
	}
	return n
}

// Returned by an exported function: its result type is API too.
func Build(keys []string) map[string]Big {
	m := make(map[string]Big, len(keys))
	for _, k := range keys {
		m[k] = Big{}
	}
	return m
}

func (Stats) Fresh() map[string]Big {
	return map[string]Big{}
}

func (*stats) Fresh() map[string]Big {
	return map[string]Big{} // want `^map\[string\]Big: Big is 200 B`
}

func build() map[string]Big {
	return make(map[string]Big) // want `^map\[string\]Big: Big is 200 B`
}

func Wrapped() func() map[string]Big {
	return func() map[string]Big {
		return make(map[string]Big) // want `^map\[string\]Big: Big is 200 B`
	}
}

// BigKey is over 128 bytes: a map keyed by it stores every key out of
// line, an allocation per entry, whoever owns the type.
type BigKey struct{ Parts [20]int64 }

// Made and returned by exported functions: reported, saying that the
// type is API.
func Index(keys []BigKey) map[BigKey]int {
	m := make(map[BigKey]int, len(keys)) // want `^map\[BigKey\]int: the key BigKey is 160 B, stored out of line: one allocation per entry, and every lookup hashes and compares all of it; .*; key the map by something smaller that identifies the entry, such as an ID; the type is part of the API, as the result of Index: changing it breaks its callers$`
	for i, k := range keys {
		m[k] = i
	}
	return m
}

func (Stats) ByKey() map[BigKey]Big {
	return map[BigKey]Big{} // want `^map\[BigKey\]Big: the key BigKey is 160 B, stored out of line.*the type is part of the API, as the result of Stats.ByKey: changing it breaks its callers$`
}

// Declared types, variables and fields of the API stay silent.
type KeyIndex map[BigKey]int

var Keys map[BigKey]int

type Holder struct {
	Keys map[BigKey]int
}
