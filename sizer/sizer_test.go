package sizer

import (
	"fmt"
	"go/types"
	"testing"
)

var (
	int64T  = Type{Size: 8, Align: 8}
	emptyT  = Type{Size: 0, Align: 1}
	int8T   = Type{Size: 1, Align: 1}
	stringT = Type{Size: 16, Align: 8, HasPointers: true, NeedKeyUpdate: true}
)

// Figures measured with runtime.MemStats on linux/amd64 (see
// /work/shared/notes/runtime-maps.md and sizer_runtime_test.go).
func TestKnownFigures(t *testing.T) {
	m := Map{Key: int64T, Elem: int64T, PtrSize: 8}
	for _, tc := range []struct {
		layout Layout
		n      int64
		live   int64
	}{
		{Swiss, 0, 48},
		{Swiss, 1, 192},
		{Swiss, 8, 192},
		{Swiss, 9, 376},
		{Swiss, 14, 376},
		{Swiss, 1000, 36992},
		{Classic, 9, 336},
		{Classic, 14, 624},
	} {
		f := m.Estimate(tc.layout, tc.n, true)
		if f.LiveBytes != tc.live || f.AllocBytes != tc.live {
			t.Errorf("%v map[int64]int64 n=%d hinted: live %d alloc %d, want %d", tc.layout, tc.n, f.LiveBytes, f.AllocBytes, tc.live)
		}
	}
}

func TestSlotPadding(t *testing.T) {
	// A trailing zero-size field is padded: map[int64]struct{} and
	// map[int64]int8 both use 16-byte slots on Swiss tables.
	for _, elem := range []Type{emptyT, int8T} {
		m := Map{Key: int64T, Elem: elem, PtrSize: 8}
		if _, slot := m.mapGroupType(); slot.Size != 16 {
			t.Errorf("slot of map[int64]%+v: %d bytes, want 16", elem, slot.Size)
		}
	}
	// map[struct{}]struct{}: the group still reserves a word after the
	// control word (MapGroupType's group.Size() <= 8 check).
	m := Map{Key: emptyT, Elem: emptyT, PtrSize: 8}
	if g, _ := m.mapGroupType(); g.Size != 16 {
		t.Errorf("group of map[struct{}]struct{}: %d bytes, want 16", g.Size)
	}
	if b := m.mapBucketType(); b.Size != 16 {
		t.Errorf("bucket of map[struct{}]struct{}: %d bytes, want 16", b.Size)
	}
	if b := (Map{Key: int64T, Elem: int64T, PtrSize: 8}).mapBucketType(); b.Size != 144 {
		t.Errorf("bucket of map[int64]int64: %d bytes, want 144", b.Size)
	}
}

func TestHeaderSizes(t *testing.T) {
	for _, tc := range []struct {
		ptrSize              int64
		mapS, table, hmap, x int64
	}{
		{8, 48, 32, 48, 24},
		{4, 32, 24, 28, 12},
	} {
		m := Map{Key: int64T, Elem: int64T, PtrSize: tc.ptrSize}
		if got := [4]int64{m.mapStruct().Size, m.tableStruct().Size, m.hmapStruct().Size, m.mapextraStruct().Size}; got != [4]int64{tc.mapS, tc.table, tc.hmap, tc.x} {
			t.Errorf("PtrSize %d: Map, table, hmap, mapextra = %v, want %v", tc.ptrSize, got, [4]int64{tc.mapS, tc.table, tc.hmap, tc.x})
		}
	}
}

func TestBreakdownSumsToLive(t *testing.T) {
	types := []Type{emptyT, int8T, int64T, stringT, {Size: 136, Align: 8}, {Size: 200, Align: 8, HasPointers: true}}
	for _, ptrSize := range []int64{8, 4} {
		for _, k := range types {
			for _, e := range types {
				m := Map{Key: k, Elem: e, PtrSize: ptrSize}
				if ptrSize == 4 {
					m.Key.Align, m.Elem.Align = min(k.Align, 4), min(e.Align, 4)
				}
				for _, n := range []int64{0, 1, 8, 9, 15, 100, 897, 5000, 1e5, 1e6, 1e9} {
					for _, layout := range []Layout{Swiss, Classic} {
						for _, hinted := range []bool{false, true} {
							f := m.Estimate(layout, n, hinted)
							if got := f.Breakdown.Total(); got != f.LiveBytes {
								t.Errorf("%v %+v n=%d hinted=%v: breakdown %d != live %d (%+v)", layout, m, n, hinted, got, f.LiveBytes, f.Breakdown)
							}
							if f.LiveBytes > f.AllocBytes || f.LiveObjects > f.Mallocs {
								t.Errorf("%v %+v n=%d hinted=%v: live %d/%d exceeds allocated %d/%d", layout, m, n, hinted, f.LiveBytes, f.LiveObjects, f.AllocBytes, f.Mallocs)
							}
						}
					}
				}
			}
		}
	}
}

func TestOfAndIndirect(t *testing.T) {
	sizes := types.SizesFor("gc", "amd64")
	big := types.NewArray(types.Typ[types.Int64], 17)
	m := Of(types.Typ[types.String], big, sizes)
	if m.Key != stringT || m.Elem.Size != 136 || m.Elem.HasPointers || m.PtrSize != 8 {
		t.Fatalf("Of(string, [17]int64) = %+v", m)
	}
	if m.IndirectKey() || !m.IndirectElem() {
		t.Errorf("IndirectKey %v IndirectElem %v, want false true", m.IndirectKey(), m.IndirectElem())
	}
	m386 := Of(types.Typ[types.Int64], types.NewPointer(types.Typ[types.Int]), types.SizesFor("gc", "386"))
	if m386.Key.Align != 4 || m386.Elem.Size != 4 || !m386.Elem.HasPointers || m386.PtrSize != 4 {
		t.Errorf("Of on 386 = %+v", m386)
	}
}

func TestParseLayout(t *testing.T) {
	for _, l := range []Layout{Swiss, Classic} {
		got, err := ParseLayout(l.String())
		if err != nil || got != l {
			t.Errorf("ParseLayout(%q) = %v, %v", l.String(), got, err)
		}
	}
	if _, err := ParseLayout("buckets"); err == nil {
		t.Error("ParseLayout(buckets) succeeded")
	}
}

// BenchmarkEstimate shows that an estimate is closed-form: its cost grows
// with log n, and stays in microseconds at a billion entries.
func BenchmarkEstimate(b *testing.B) {
	m := Map{Key: stringT, Elem: Type{Size: 136, Align: 8}, PtrSize: 8}
	for _, layout := range []Layout{Swiss, Classic} {
		for _, hinted := range []bool{true, false} {
			for _, n := range []int64{1e3, 1e9} {
				b.Run(fmt.Sprintf("%v/hinted=%v/n=%.0e", layout, hinted, float64(n)), func(b *testing.B) {
					for b.Loop() {
						m.Estimate(layout, n, hinted)
					}
				})
			}
		}
	}
	b.Run("alternatives/n=1e9", func(b *testing.B) {
		for b.Loop() {
			m.Alternatives(Swiss, 1e9)
		}
	})
}

func TestHugeCounts(t *testing.T) {
	m := Map{Key: stringT, Elem: Type{Size: 136, Align: 8}, PtrSize: 8}
	for _, n := range []int64{1e12, 1 << 50, 1<<62 + 1} {
		for _, layout := range []Layout{Swiss, Classic} {
			for _, hinted := range []bool{false, true} {
				f := m.Estimate(layout, n, hinted)
				if f.LiveBytes <= 0 || f.AllocBytes < f.LiveBytes || f.Breakdown.Total() != f.LiveBytes {
					t.Errorf("%v n=%d hinted=%v: %+v", layout, n, hinted, f)
				}
			}
		}
	}
}
