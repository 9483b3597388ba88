// Package loops has sequential and nested loops, for InnermostLoop.
package loops

func f(xs []int) int {
	n := 0         // innermost: none
	for range xs { // loop: a
		n++ // innermost: a
	}
	for _, x := range xs { // loop: b
		for i := 0; i < x; i++ { // loop: c
			n += i // innermost: c
		}
		n--           // innermost: b
		for range x { // loop: d
			go func() {
				for { // loop: e
					break // innermost: e
				}
				n++ // innermost: d
			}()
		}
		n *= 2 // innermost: b
	}
	for range 3 { // loop: g
	}
	return n // innermost: none
}
