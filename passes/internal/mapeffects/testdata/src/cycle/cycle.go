// Package cycle holds functions that call each other: each one's summary // want package:"summaries of Mark, UseMark, Visit"
// must hold what the others do.
package cycle

// Visit marks n and calls Mark, which calls Visit back.
func Visit(seen map[string]bool, n int) { // summary: ^inserts into p0$
	seen["visited"] = true
	if n > 0 {
		Mark(seen, n-1)
	}
}

// Mark does nothing itself but call Visit: what Visit inserts, Mark
// inserts, though Visit was still being analyzed when Mark was.
func Mark(seen map[string]bool, n int) { // summary: ^inserts into p0$
	Visit(seen, n)
}

// UseMark calls Mark from outside the cycle: it sees Mark's summary
// completed.
func UseMark(seen map[string]bool) { // summary: ^inserts into p0$
	Mark(seen, 2)
}
