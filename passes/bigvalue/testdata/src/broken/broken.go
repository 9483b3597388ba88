package broken

type Big struct{ Attrs [25]int64 }

// Code that does not type-check: no panic, and what did type-check is
// still costed.
var undefinedValue map[int]Undefined
var undefinedKey map[Undefined]Big
var fine map[int]Big // want `^map\[int\]Big: Big is 200 B`

type Loop struct{ next Loop }

var loop map[int]Loop

func f() {
	for _, v := range missing {
		_ = v
	}
	m := make(map[int]Big, undefinedConst) // want `^map\[int\]Big: .* at 10,000 entries`
	var n map[string]Big = 3               // want `^map\[string\]Big: Big is 200 B`
	_, _ = m, n
}
