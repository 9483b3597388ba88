package sizer

// Fill is what filling a map with n distinct keys costs.
type Fill struct {
	N           int64
	Hinted      bool      // made with make(M, n)
	AllocBytes  int64     // all bytes allocated, including what growth discarded
	LiveBytes   int64     // bytes still reachable once filled
	Mallocs     int64     // heap objects allocated
	LiveObjects int64     // heap objects still reachable once filled
	Growths     int       // times the map grew while filling (normally 0 when hinted)
	Breakdown   Breakdown // parts that sum to LiveBytes
}

// LiveBytesPerEntry is LiveBytes / N (0 when N == 0).
func (f Fill) LiveBytesPerEntry() float64 {
	if f.N == 0 {
		return 0
	}
	return float64(f.LiveBytes) / float64(f.N)
}

// AllocBytesPerEntry is AllocBytes / N (0 when N == 0).
func (f Fill) AllocBytesPerEntry() float64 {
	if f.N == 0 {
		return 0
	}
	return float64(f.AllocBytes) / float64(f.N)
}

// Breakdown splits the live bytes of a filled map by what they hold. The
// fields sum to Fill.LiveBytes (see Total).
type Breakdown struct {
	Header        int64 // the map header: maps.Map (swiss) or hmap (classic)
	Directory     int64 // swiss: the directory of table pointers
	Tables        int64 // swiss: the table structs
	Control       int64 // swiss control words; classic tophash arrays
	Entries       int64 // key and element bytes of occupied slots (pointers when out of line)
	EmptySlot     int64 // key and element bytes of slots no entry occupies
	Padding       int64 // alignment padding inside slots, groups and buckets
	Overflow      int64 // classic: overflow pointers, spare overflow buckets, mapextra
	Evacuating    int64 // classic: old buckets still held while growth evacuates them
	OutOfLine     int64 // keys/elements over 128 bytes in their own objects (or an alternative's values)
	Rounding      int64 // size-class and page rounding of every live object
	MallocHeaders int64 // 8-byte malloc headers of large pointerful objects
}

// Total is the sum of all parts.
func (b Breakdown) Total() int64 {
	return b.Header + b.Directory + b.Tables + b.Control + b.Entries + b.EmptySlot +
		b.Padding + b.Overflow + b.Evacuating + b.OutOfLine + b.Rounding + b.MallocHeaders
}

// MaxEntries bounds the entry counts the sizer models: larger ones are
// taken as MaxEntries, far beyond any heap, so that no figure overflows.
const MaxEntries = 1 << 50

// Estimate predicts filling m with n distinct keys; hinted means make(M, n).
func (m Map) Estimate(layout Layout, n int64, hinted bool) Fill {
	n = min(max(n, 0), MaxEntries)
	var f Fill
	switch layout {
	case Classic:
		f = m.classicFill(n, hinted, 0)
	default:
		f = m.swissFill(n, hinted)
	}
	f.N, f.Hinted = n, hinted
	return f
}

// Clone predicts what maps.Clone of a filled map with n entries allocates.
// The source is taken to have been filled without a hint.
func (m Map) Clone(layout Layout, n int64) Fill {
	n = min(max(n, 0), MaxEntries)
	var f Fill
	if layout == Classic {
		// mapclone2 (runtime/map.go, Go 1.23) makes the copy with
		// makemap(t, src.count) and copies entries into it: a hinted fill,
		// except that out-of-line keys that never need updating are
		// shared with the source rather than copied, but for those still
		// in old buckets of a growing source, which go through mapassign.
		var shared int64
		if n > 0 && m.IndirectKey() && !m.Key.NeedKeyUpdate {
			shared = n - m.growClassic(n).unevacuatedEntries(n)
		}
		f = m.classicFill(n, true, shared)
		f.AllocBytes = f.LiveBytes
		f.Growths = 0
	} else {
		// Map.Clone (internal/runtime/maps/map.go) copies the header, the
		// directory and every table and group array one for one.
		f = m.swissFill(n, false)
		f.AllocBytes = f.LiveBytes
		f.Mallocs = f.LiveObjects
		f.Growths = 0
	}
	f.N, f.Hinted = n, false
	return f
}

// Alternatives: the same n entries stored the usual other ways (all hinted
// unless named otherwise).
type Alternatives struct {
	Hinted, Unhinted Fill
	PointerElem      Fill // map[K]*V plus one allocation of V per entry
	IndexIntoSlice   Fill // map[K]int32 plus a []V of n elements
}

// Alternatives predicts the usual other ways of storing n entries of m.
func (m Map) Alternatives(layout Layout, n int64) Alternatives {
	n = min(max(n, 0), MaxEntries)
	a := Alternatives{
		Hinted:   m.Estimate(layout, n, true),
		Unhinted: m.Estimate(layout, n, false),
	}

	ptrMap := m
	ptrMap.Elem = m.pointerType()
	a.PointerElem = ptrMap.Estimate(layout, n, true)
	h := heap{ptrSize: m.PtrSize}
	if m.Elem.Size > 0 && m.Elem.Size < maxTinySize && !m.Elem.HasPointers {
		h.tinyAllocs(m.Elem.Size, n)
	} else {
		h.keep(m.Elem.Size, m.Elem.HasPointers, n)
	}
	a.PointerElem.add(h, m.Elem.Size*n)

	idxMap := m
	idxMap.Elem = Type{Size: 4, Align: 4}
	a.IndexIntoSlice = idxMap.Estimate(layout, n, true)
	h = heap{ptrSize: m.PtrSize}
	h.keep(m.Elem.Size*n, m.Elem.HasPointers, 1)
	a.IndexIntoSlice.add(h, m.Elem.Size*n)
	return a
}

// fold adds the objects tallied in h to f.
func (f *Fill) fold(h heap) {
	f.AllocBytes += h.allocBytes
	f.Mallocs += h.mallocs
	f.LiveBytes += h.liveBytes
	f.LiveObjects += h.liveObjects
	f.Breakdown.Rounding += h.rounding
	f.Breakdown.MallocHeaders += h.mallocHeaders
}

// add folds the objects tallied in h, holding payload bytes of values, into f.
func (f *Fill) add(h heap, payload int64) {
	f.fold(h)
	if h.liveBytes > 0 {
		f.Breakdown.OutOfLine += payload
	}
}
