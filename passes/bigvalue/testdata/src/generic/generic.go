package generic

type Big struct{ Attrs [25]int64 }

type Pair[T any] struct{ X, Y T }

// Type parameters have no fixed size: all silent.
type Cache[V any] map[string]V
type Set[K comparable] map[K]Big
type Pairs[T any] map[int]Pair[T]

func Make[T any, K comparable](keys []K) map[K]T {
	m := make(map[K]T, len(keys))
	arr := map[int][40]T{}
	_ = arr
	return m
}

func Range[M ~map[string]Big](m M) int {
	n := 0
	for _, v := range m {
		n += int(v.Attrs[0])
	}
	return n
}

func RangeT[T any](m map[string]Pair[T]) {
	for _, v := range m {
		_ = v
	}
}

// Inside a generic function, a map type without type parameters has a
// size like any other.
func Inside[T any](t T) {
	m := make(map[int]Big) // want `^map\[int\]Big: Big is 200 B`
	_, _ = m, t
}

// An instantiated generic type has a size.
var pairs map[int]Pair[[10]int64] // want `^map\[int\]Pair\[\[10\]int64\]: Pair\[\[10\]int64\] is 160 B, stored out of line`

var inst Cache[Big]
