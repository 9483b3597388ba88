package sizer_test

import (
	"fmt"
	"go/types"

	"github.com/maplint/maplint/sizer"
)

func ExampleMap_Estimate() {
	m := sizer.Of(types.Typ[types.Int64], types.Typ[types.Int64], types.SizesFor("gc", "amd64"))
	for _, layout := range []sizer.Layout{sizer.Swiss, sizer.Classic} {
		hinted := m.Estimate(layout, 1000, true)
		unhinted := m.Estimate(layout, 1000, false)
		fmt.Printf("%s: make(M, 1000) allocates %d B in %d objects; make(M) %d B in %d objects; both keep %d B live\n",
			layout, hinted.AllocBytes, hinted.Mallocs, unhinted.AllocBytes, unhinted.Mallocs, unhinted.LiveBytes)
	}
	// Output:
	// swiss: make(M, 1000) allocates 36992 B in 6 objects; make(M) 74456 B in 22 objects; both keep 36992 B live
	// classic: make(M, 1000) allocates 41032 B in 3 objects; make(M) 81976 B in 11 objects; both keep 41032 B live
}

func ExampleMap_Alternatives() {
	sizes := types.SizesFor("gc", "amd64")
	// 128-byte values are the largest stored inline.
	m := sizer.Of(types.Typ[types.Int64], types.NewArray(types.Typ[types.Int64], 16), sizes)
	alt := m.Alternatives(sizer.Swiss, 1e6)
	fmt.Printf("map[int64][16]int64: %.0f B/entry live\n", alt.Hinted.LiveBytesPerEntry())
	fmt.Printf("map[int64]*[16]int64: %.0f B/entry live, %d objects\n", alt.PointerElem.LiveBytesPerEntry(), alt.PointerElem.Mallocs)
	fmt.Printf("map[int64]int32 + [][16]int64: %.0f B/entry live, %d objects\n", alt.IndexIntoSlice.LiveBytesPerEntry(), alt.IndexIntoSlice.Mallocs)
	// Output:
	// map[int64][16]int64: 302 B/entry live
	// map[int64]*[16]int64: 166 B/entry live, 1004098 objects
	// map[int64]int32 + [][16]int64: 166 B/entry live, 4099 objects
}
