package figures

// Each map's message is compared, figure by figure, with the sizer's
// estimate in TestFiguresComeFromSizer.

func int64s(xs []int64) map[int64]int64 {
	m := make(map[int64]int64) // want `m is filled`
	for i := range xs {
		m[int64(i)] = xs[i]
	}
	return m
}

func bigValues(arr *[300]int) map[int][200]byte {
	m := make(map[int][200]byte) // want `m is filled`
	for i := range arr {
		m[i] = [200]byte{}
	}
	return m
}

func set() map[int]struct{} {
	m := map[int]struct{}{} // want `m is filled`
	for i := range 50 {
		m[i] = struct{}{}
	}
	return m
}

func strings(n int) map[int32]string {
	m := make(map[int32]string) // want `m is filled`
	for i := int32(0); i < int32(n); i++ {
		m[i] = ""
	}
	return m
}
