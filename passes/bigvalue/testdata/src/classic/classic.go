package classic

type Big struct{ Attrs [25]int64 }

type Wide struct{ Words [16]int64 }

var byID map[int64]Big // want `^map\[int64\]Big: Big is 200 B, stored out of line: .* live at 10,000 entries, a representative size \(classic\); map\[int64\]\*Big costs about \d+ B per entry`

var hinted = make(map[int64]Big, 100_000) // want `at 100,000 entries, the make hint \(classic\)`

var wide map[int64]Wide // want `^map\[int64\]Wide: Wide is 128 B stored inline, .* \(classic\); map\[int64\]\*Wide about \d+ B \(\d+% less\), at one allocation per entry`

func sum(m map[int64]Big) (n int64) {
	for _, v := range m { // want `copies a 200 B Big into v`
		n += v.Attrs[0]
	}
	return n
}
