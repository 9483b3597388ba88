package a

import "sync"

// Big is 200 B: stored out of line.
type Big struct {
	Name  string
	Attrs [23]int64
}

// BigKey is 160 B and comparable.
type BigKey struct{ Parts [20]int64 }

// Small is exactly 64 B: never reported.
type Small struct{ Words [8]int64 }

// Wide is 128 B, the largest value stored inline.
type Wide struct{ Words [16]int64 }

// Narrow is 72 B: inline, and storing it by pointer saves too little.
type Narrow struct{ Words [9]int64 }

// Package-level declarations.

var byID map[int64]Big // want `^map\[int64\]Big: Big is 200 B, stored out of line: one allocation per entry, and every read, range and update copies all of it; about \d+ B per entry live at 10,000 entries, a representative size \(swiss\); map\[int64\]\*Big costs about \d+ B per entry with the same allocations, and reads, ranges and updates then copy a pointer$`

var hinted = make(map[string]Big, 500) // want `^map\[string\]Big: .* live at 500 entries, the make hint \(swiss\); `

var literal = map[int]Big{} // want `^map\[int\]Big: Big is 200 B`

var byKey map[BigKey]int // want `^map\[BigKey\]int: the key BigKey is 160 B, stored out of line: one allocation per entry, and every lookup hashes and compares all of it; about \d+ B per entry live at 10,000 entries, a representative size \(swiss\); key the map by something smaller that identifies the entry, such as an ID$`

var both map[BigKey]Big // want `^map\[BigKey\]Big: the key BigKey is 160 B, stored out of line: .*; Big is 200 B, stored out of line: .*; map\[BigKey\]\*Big costs about \d+ B per entry with the same allocations, .*; key the map by something smaller`

var array map[int64][17]int64 // want `^map\[int64\]\[17\]int64: \[17\]int64 is 136 B, stored out of line`

var anon map[int64]struct { // want `^map\[int64\]struct{.*}: the value is 256 B, stored out of line`
	a, b [16]int64
}

var wide map[int64]Wide // want `^map\[int64\]Wide: Wide is 128 B stored inline, so empty slots cost as much as full ones; about \d+ B per entry live at 10,000 entries, a representative size \(swiss\); map\[int64\]\*Wide about \d+ B \(\d+% less\), at one allocation per entry; a map\[int64\]int32 index into a \[\]Wide about \d+ B \(\d+% less\), without per-entry allocations, as nothing deletes from it$`

// A named map type is reported at its declaration, not where it is used.
type byName map[string]Big // want `^map\[string\]Big: Big is 200 B`

var index byName
var index2 = make(byName)

// Nested map types: only the one with the big value.
var nested map[string]map[int]Big // want `^map\[int\]Big: Big is 200 B`
var slices []map[int]Big          // want `^map\[int\]Big: Big is 200 B`

// Negatives: small, pointer-like or interface values, and values whose
// bulk is behind a pointer.
var (
	small    map[int64]Small
	ptr      map[int64]*Big
	slice    map[int64][]Big
	str      map[string]string
	iface    map[int64]any
	ch       map[int64]chan Big
	fn       map[int64]func() Big
	mapval   map[int64]map[int64]*Big
	narrow   map[int64]Narrow
	mid      map[int64][80]byte // want `^map\[int64\]\[80\]byte: \[80\]byte is 80 B stored inline`
	midKey   map[[100]byte]int
	wrapper  map[int64]struct{ p *Big }
	smallKey map[[64]byte]Small
)

// A struct field is the declaration site; the constructor's make and a
// later reset are uses of it.
type Cache struct {
	mu      sync.Mutex
	entries map[string]Big // want `^map\[string\]Big: Big is 200 B`
}

func NewCache() *Cache {
	return &Cache{entries: make(map[string]Big)}
}

func (c *Cache) Reset() {
	c.entries = make(map[string]Big, 64)
	c.entries = map[string]Big{}
}

// Parameters and results use a map decided elsewhere: the make inside is
// the declaration site.
func load(keys []string) map[string]Big {
	m := make(map[string]Big, 64) // want `^map\[string\]Big: .* at 64 entries, the make hint`
	for _, k := range keys {
		m[k] = Big{Name: k}
	}
	return m
}

func Process(m map[string]Big, f func(map[int]Big) map[int]Big) {}

func fresh() map[string]Big {
	return make(map[string]Big) // want `^map\[string\]Big: .* at 10,000 entries, a representative size \(swiss\)`
}

func Locals() {
	var declared map[string]Big = make(map[string]Big) // want `^map\[string\]Big: Big is 200 B`
	inferred := map[string]Big{"a": {}}                // want `^map\[string\]Big: Big is 200 B`
	inferred = make(map[string]Big)
	var x any = declared
	_ = x.(map[string]Big)
	_ = inferred
	Process(make(map[string]Big), nil) // want `^map\[string\]Big: Big is 200 B`
}

// Ranging copies each value when it is over 128 bytes.
func Ranges(m map[string]Big, p map[string]*Big, w map[int64]Wide, s []Big) int {
	n := 0
	for _, v := range m { // want `^each iteration copies a 200 B Big into v: store \*Big in the map, or range over the keys and read fields in place \(one lookup each\)$`
		n += len(v.Name)
	}
	for k, v := range index { // want `^each iteration copies a 200 B Big into v`
		n += len(k) + int(v.Attrs[0])
	}
	for k := range m {
		n += len(m[k].Name)
	}
	for _, _ = range m {
		n++
	}
	for _, v := range p {
		n += len(v.Name)
	}
	for _, v := range w {
		n += int(v.Words[0])
	}
	for _, v := range s {
		n += len(v.Name)
	}
	var v Big
	for _, v = range m {
		n++
	}
	_ = v
	return n
}

// A map made in a function and stored into a declared field is decided by
// the field.
func (c *Cache) Swap(keys []string) {
	fresh := make(map[string]Big, len(keys))
	for _, k := range keys {
		fresh[k] = Big{Name: k}
	}
	c.entries = fresh
}

func NewCache2() *Cache {
	entries := map[string]Big{}
	return &Cache{entries: entries}
}

func Discarded() {
	m := make(map[string]Big) // want `^map\[string\]Big: Big is 200 B`
	_ = m
}

// A map of inline values that lives for one call: an allocation per entry
// would cost more than the memory it saves.
func Transient(keys []int64) int {
	m := make(map[int64]Wide, len(keys))
	lit := map[int64]Wide{}
	var declared map[int64]Wide
	_, _ = lit, declared
	for _, k := range keys {
		m[k] = Wide{}
	}
	return len(m)
}

// At 10,000 entries, only an index into a slice saves 30% on an 88-byte
// value; a map that is deleted from cannot become one.
var (
	appendOnly map[int64][88]byte // want `^map\[int64\]\[88\]byte: \[88\]byte is 88 B stored inline, .*; a map\[int64\]int32 index into a \[\]\[88\]byte about \d+ B \(\d+% less\), without per-entry allocations, as nothing deletes from it$`
	evicted    map[uint64][88]byte
)

type lru map[uint64][88]byte

func (l lru) evict(k uint64) { delete(l, k) }
