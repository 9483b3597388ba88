package broken

// Code that does not type-check must not crash the analyzer.

func undefinedRange() map[int]string {
	m := make(map[int]string)
	for i := range missing {
		m[i] = "x"
	}
	return m
}

func undefinedMapType(xs []string) {
	m := make(map[int]Missing)
	for i := range xs {
		m[i] = nil
	}
}

func undefinedKey(xs []string) map[int]string {
	m := make(map[int]string)
	for i := range xs {
		m[j] = xs[i]
	}
	return m
}

func wrongCount(xs []string) map[int]string {
	m := make(map[int]string)
	for i := 0; i < "three"; i++ {
		m[i] = ""
	}
	return m
}

func notAMap(xs []string) {
	m := make(chan int)
	for i := range xs {
		m[i] = 1
	}
}

func makeNothing(xs []string) {
	m := make()
	for i := range xs {
		m[i] = 1
	}
}

func recursiveType(xs []string) {
	type T [2]T
	m := make(map[int]T)
	for i := range xs {
		m[i] = T{}
	}
}
