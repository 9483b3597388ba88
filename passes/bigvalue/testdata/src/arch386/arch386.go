package arch386

// Record holds pointers: 4 bytes each on 386, 8 on amd64.
type Record struct {
	Name  string
	Tags  []string
	Attrs [30]int32
}

var byID map[int64]Record // want `^map\[int64\]Record: Record is 140 B, stored out of line: .* \(swiss\); map\[int64\]\*Record costs about \d+ B per entry with the same allocations`

var byName map[string]*Record
