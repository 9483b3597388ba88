// Command measure builds real maps for a grid of key and element types and
// entry counts and prints, as JSON, what the runtime allocated for each:
// the ground truth sizer_runtime_test.go compares the sizer with.
//
// It is its own module (go 1.23, no dependencies) so that the same source
// builds with the toolchain of the maplint module (Swiss tables) and with
// go1.23.12 (classic buckets).
//
// Method (see /work/shared/notes/runtime-maps.md): automatic GC off; keys
// prepared beforehand; two runtime.GC calls before each fill; the map is
// built inside a //go:noinline function and kept alive through a package
// sink; TotalAlloc and Mallocs deltas give bytes and objects allocated, the
// HeapAlloc delta after another GC (less anything allocated after the fill)
// the bytes the finished map keeps live.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"
)

// Result is one measured fill.
type Result struct {
	Key    string `json:"key"`
	Elem   string `json:"elem"`
	N      int    `json:"n"`
	Hinted bool   `json:"hinted"`
	Clone  bool   `json:"clone,omitempty"` // maps.Clone of an unhinted fill

	Reps    []Rep  `json:"reps"`
	Runtime string `json:"runtime"`
}

// Rep is one repetition of a fill.
type Rep struct {
	AllocBytes uint64 `json:"alloc_bytes"`
	Mallocs    uint64 `json:"mallocs"`
	LiveBytes  int64  `json:"live_bytes"`
	Shape      Shape  `json:"shape"`
}

var sink any

type (
	padded struct {
		A int8
		B int64
		C int8
	}
	padKey struct {
		A int8
		B int64
	}
	big     [17]int64
	edge    [16]int64
	bigPtrs struct {
		P *int64
		A [20]int64
	}
)

// counts is the grid of entry counts; maxN caps it per type pair.
var counts = []int{0, 1, 8, 9, 13, 14, 15, 100, 896, 897, 1000, 1e4, 1e5, 1e6}

type pair struct {
	key, elem string
	maxN      int
	clone     bool // measure maps.Clone too
	run       func(n int, op op) Rep
}

// measuresAt reports whether p is measured with n entries: an elem of
// "T@n" is measured at n entries only.
func (p pair) measuresAt(n int) bool {
	_, at, ok := strings.Cut(p.elem, "@")
	if !ok {
		return true
	}
	only, err := strconv.ParseFloat(at, 64)
	return err == nil && int(only) == n
}

// withClone marks ps to have maps.Clone measured as well.
func withClone(ps []pair) []pair {
	for i := range ps {
		ps[i].clone = true
	}
	return ps
}

func newPair[K comparable, V any](key, elem string, maxN int, mk func(int) K, v V) pair {
	return pair{key: key, elem: elem, maxN: maxN, run: func(n int, op op) Rep {
		keys := make([]K, n)
		for i := range keys {
			keys[i] = mk(i)
		}
		// The keys were allocated before the measurement and must not be
		// freed during it.
		defer runtime.KeepAlive(keys)
		switch op {
		case opHinted:
			return measure(func() map[K]V { return fillHinted(keys, v) })
		case opUnhinted:
			return measure(func() map[K]V { return fillUnhinted(keys, v) })
		}
		src := fillUnhinted(keys, v)
		defer runtime.KeepAlive(src)
		return measure(func() map[K]V { return clone(src) })
	}}
}

//go:noinline
func fillHinted[K comparable, V any](keys []K, v V) map[K]V {
	m := make(map[K]V, len(keys))
	for _, k := range keys {
		m[k] = v
	}
	return m
}

//go:noinline
func fillUnhinted[K comparable, V any](keys []K, v V) map[K]V {
	m := make(map[K]V)
	for _, k := range keys {
		m[k] = v
	}
	return m
}

//go:noinline
func clone[K comparable, V any](m map[K]V) map[K]V {
	return maps.Clone(m)
}

// op is what is measured.
type op int

const (
	opHinted   op = iota // make(M, n), then n inserts
	opUnhinted           // make(M), then n inserts
	opClone              // maps.Clone of an unhinted fill
)

// measure measures build, which must not allocate anything but the map.
func measure[K comparable, V any](build func() map[K]V) Rep {
	var before, after, live runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&before)
	m := build()
	runtime.ReadMemStats(&after)
	sink = m
	runtime.GC()
	runtime.ReadMemStats(&live)
	r := Rep{
		AllocBytes: after.TotalAlloc - before.TotalAlloc,
		Mallocs:    after.Mallocs - before.Mallocs,
		// Anything allocated after the fill (by the runtime, during the
		// GC) is not the map's.
		LiveBytes: int64(live.HeapAlloc) - int64(before.HeapAlloc) - int64(live.TotalAlloc-after.TotalAlloc),
		Shape:     shapeOf(m),
	}
	sink = nil
	return r
}

func keyInt64(i int) int64        { return int64(i) }
func keyString(i int) string      { return "key-" + strconv.Itoa(i) }
func keyBytes(i int) (k [16]byte) { k[3], k[7], k[11] = byte(i), byte(i>>8), byte(i>>16); return k }
func keyPadded(i int) padKey      { return padKey{A: int8(i), B: int64(i >> 8)} }
func keyBig(i int) (k big)        { k[16] = int64(i); return k }

func pairs() []pair {
	ptrKeys := map[int]*int64{}
	keyPtr := func(i int) *int64 {
		if p, ok := ptrKeys[i]; ok {
			return p
		}
		p := new(int64)
		ptrKeys[i] = p
		return p
	}
	var ps []pair
	const all, most, small = 1e6, 1e5, 1e4
	// Every element kind against the two most common key kinds ...
	everyElem := func(key string, keyMax int, add func(elem string, maxN int, v any)) {
		add("struct{}", keyMax, struct{}{})
		add("int8", min(keyMax, most), int8(1))
		add("int64", keyMax, int64(1))
		add("string", min(keyMax, most), "value")
		add("[16]byte", min(keyMax, most), [16]byte{1})
		add("struct{A int8; B int64; C int8}", min(keyMax, most), padded{1, 2, 3})
		add("[16]int64", min(keyMax, most), edge{1})
		add("[17]int64", min(keyMax, most), big{1})
		add("*int64", min(keyMax, most), new(int64))
		add("struct{P *int64; A [20]int64}", min(keyMax, small), bigPtrs{})
	}
	ps = append(ps, withClone(pairsFor("int64", all, keyInt64, everyElem))...)
	ps = append(ps, pairsFor("string", small, keyString, everyElem)...)
	// ... and a few element kinds against the other key kinds.
	someElems := func(key string, keyMax int, add func(elem string, maxN int, v any)) {
		add("struct{}", keyMax, struct{}{})
		add("int64", keyMax, int64(1))
		add("string", keyMax, "value")
		add("[17]int64", keyMax, big{1})
	}
	ps = append(ps, pairsFor("[16]byte", small, keyBytes, someElems)...)
	ps = append(ps, pairsFor("struct{A int8; B int64}", small, keyPadded, someElems)...)
	ps = append(ps, withClone(pairsFor("[17]int64", small, keyBig, someElems))...)
	ps = append(ps, pairsFor("*int64", small, keyPtr, someElems)...)
	// String keys past the first split, and the 128-byte cliff at a
	// million entries. (An elem of "T@n" is measured at n entries only.)
	ps = append(ps,
		newPair("string", "int64@1e5", most, keyString, int64(1)),
		newPair("int64", "[16]int64@1e6", all, keyInt64, edge{1}),
		newPair("int64", "[17]int64@1e6", all, keyInt64, big{1}),
	)
	return ps
}

// pairsFor pairs one key kind with every element kind, keeping the element
// value's concrete type so that the map type is the real one.
func pairsFor[K comparable](key string, keyMax int, mk func(int) K, addElems func(string, int, func(string, int, any))) []pair {
	var ps []pair
	addElems(key, keyMax, func(elem string, maxN int, v any) {
		maxN = min(maxN, keyMax)
		switch v := v.(type) {
		case struct{}:
			ps = append(ps, newPair(key, elem, maxN, mk, v))
		case int8:
			ps = append(ps, newPair(key, elem, maxN, mk, v))
		case int64:
			ps = append(ps, newPair(key, elem, maxN, mk, v))
		case string:
			ps = append(ps, newPair(key, elem, maxN, mk, v))
		case [16]byte:
			ps = append(ps, newPair(key, elem, maxN, mk, v))
		case padded:
			ps = append(ps, newPair(key, elem, maxN, mk, v))
		case edge:
			ps = append(ps, newPair(key, elem, maxN, mk, v))
		case big:
			ps = append(ps, newPair(key, elem, maxN, mk, v))
		case *int64:
			ps = append(ps, newPair(key, elem, maxN, mk, v))
		case bigPtrs:
			ps = append(ps, newPair(key, elem, maxN, mk, v))
		default:
			panic(fmt.Sprintf("unhandled element type %T", v))
		}
	})
	return ps
}

func main() {
	maxN := flag.Int("maxn", 1e6, "largest entry count to measure")
	verbose := flag.Bool("v", false, "print the time each type pair took to stderr")
	only := flag.String("only", "", "measure only type pairs whose key=elem contains this")
	flag.Parse()
	debug.SetGCPercent(-1)
	var results []Result
	ps := pairs()
	// The first measurement of a run sees one-time runtime allocations;
	// make a throwaway one.
	ps[0].run(1, opUnhinted)
	for _, p := range ps {
		if *only != "" && !strings.Contains(p.key+"="+p.elem, *only) {
			continue
		}
		start := time.Now()
		for _, n := range counts {
			if n > p.maxN || n > *maxN || !p.measuresAt(n) {
				continue
			}
			ops := []op{opHinted, opUnhinted}
			if p.clone && n <= 1e4 {
				ops = append(ops, opClone)
			}
			for _, op := range ops {
				// Stray runtime allocations only add to a measurement, so
				// the test takes the least of a few repetitions.
				reps := 2
				if n >= 1e6 {
					reps = 1
				}
				r := Result{Key: p.key, Elem: strings.Split(p.elem, "@")[0], N: n, Hinted: op == opHinted, Clone: op == opClone, Runtime: runtime.Version() + " " + runtime.GOARCH}
				for range reps {
					r.Reps = append(r.Reps, p.run(n, op))
				}
				results = append(results, r)
			}
		}
		if *verbose {
			fmt.Fprintf(os.Stderr, "%s=%s %v\n", p.key, p.elem, time.Since(start))
		}
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	if err := enc.Encode(results); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
