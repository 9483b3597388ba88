package a

func f(m map[string]bool, d string, xs []int) {
	m[d+"/"] = true   // want `^m\[d\+"/"\]$`
	_ = xs[len(xs)-1] // want `^xs\[len\(xs\)-1\]$`
	m[d+              // want `^m\[d \+ "x"\]$`
		"x"] = false
}
