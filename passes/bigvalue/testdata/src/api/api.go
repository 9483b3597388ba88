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
