package generic

// The map's element is a type parameter: its size, and so the figure, is
// not known before instantiation.
func Index[T any](xs []T) map[int]T {
	m := make(map[int]T)
	for i, x := range xs {
		m[i] = x
	}
	return m
}

// The map type is a type parameter.
func Collect[M ~map[int]string](xs []string) M {
	m := make(M)
	for i, x := range xs {
		m[i] = x
	}
	return m
}

// The ranged value's type is a type parameter.
func Positions[S ~[]E, E any](s S) map[int]bool {
	m := make(map[int]bool)
	for i := range s {
		m[i] = true
	}
	return m
}

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

// A struct whose size depends on a type parameter.
func Pairs[V any](xs []V) map[int]Pair[int, V] {
	m := make(map[int]Pair[int, V])
	for i, x := range xs {
		m[i] = Pair[int, V]{i, x}
	}
	return m
}

// A generic function whose map is concrete is reported.
func Lengths[T any](xs [][]T) map[int]int {
	m := make(map[int]int) // want `m is filled with len\(xs\) entries`
	for i, x := range xs {
		m[i] = len(x)
	}
	return m
}

// Instantiated generic types have a size.
func Boxes(xs []int) map[int]Pair[int, string] {
	m := make(map[int]Pair[int, string]) // want `m is filled with len\(xs\) entries`
	for i := range xs {
		m[i] = Pair[int, string]{i, ""}
	}
	return m
}
