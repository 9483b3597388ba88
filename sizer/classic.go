package sizer

import "math"

// Constants of the classic implementation (runtime/map.go, Go 1.23).
const (
	// loadFactorNum/loadFactorDen is the average bucket load (6.5 of 8)
	// past which the map doubles its buckets.
	loadFactorNum = 13
	loadFactorDen = 2
	// tophashSize is the tophash array that starts every bucket.
	tophashSize = mapGroupSlots
)

// hmapStruct is runtime.hmap (runtime/map.go), the map header.
func (m Map) hmapStruct() Type {
	return structOf(
		m.uintptrType(),         // count
		Type{Size: 1, Align: 1}, // flags
		Type{Size: 1, Align: 1}, // B
		Type{Size: 2, Align: 2}, // noverflow
		Type{Size: 4, Align: 4}, // hash0
		m.pointerWord(),         // buckets
		m.pointerWord(),         // oldbuckets
		m.uintptrType(),         // nevacuate
		m.pointerWord(),         // extra
	)
}

// mapextraStruct is runtime.mapextra (runtime/map.go).
func (m Map) mapextraStruct() Type {
	return structOf(m.pointerWord(), m.pointerWord(), m.pointerWord())
}

// mapBucketType is the bucket type MapBucketType
// (cmd/compile/internal/reflectdata/reflect.go, Go 1.23) builds: tophash,
// 8 keys, 8 elements, and an overflow pointer that is a uintptr when
// neither keys nor elements hold pointers, so the bucket array is noscan.
func (m Map) mapBucketType() Type {
	k, e := m.slotKey(), m.slotElem()
	overflow := m.uintptrType()
	if k.HasPointers || e.HasPointers {
		overflow = m.pointerWord()
	}
	return structOf(
		arrayOf(mapGroupSlots, Type{Size: 1, Align: 1}),
		arrayOf(mapGroupSlots, k),
		arrayOf(mapGroupSlots, e),
		overflow,
	)
}

// overLoadFactor reports whether count entries in 1<<B buckets are over the
// load factor (runtime/map.go).
func overLoadFactor(count int64, B uint8) bool {
	return count > mapGroupSlots && count > loadFactorNum*((int64(1)<<B)/loadFactorDen)
}

// roundupsizeFor is runtime/msize.go:roundupsize (Go 1.23): the usable size
// of the block mallocgc returns for size bytes, less any malloc header.
func roundupsizeFor(size int64, noscan bool, ptrSize int64) int64 {
	o := mallocgc(size, !noscan, ptrSize)
	if o.header {
		return o.bytes - mallocHeaderSize
	}
	return o.bytes
}

// makeBucketArray returns how many buckets runtime/map.go:makeBucketArray
// allocates for 1<<B: for B >= 4 it adds 1<<(B-4) overflow buckets and then
// as many more as the size class has room for.
func (m Map) makeBucketArray(bucket Type, B uint8) (nbuckets int64) {
	base := int64(1) << B
	nbuckets = base
	if B >= 4 {
		nbuckets += int64(1) << (B - 4)
		sz := bucket.Size * nbuckets
		if up := roundupsizeFor(sz, !bucket.HasPointers, m.PtrSize); up != sz {
			nbuckets = up / bucket.Size
		}
	}
	return nbuckets
}

// evacuationInserts is how many inserts, counting the one that started the
// growth, it takes on average to evacuate oldBuckets buckets. growWork
// (runtime/map.go) evacuates the inserted key's old bucket and the next
// one in order, skipping those already done; with hashes spread uniformly
// the sweep finishes after ln 2 * oldBuckets inserts.
func evacuationInserts(oldBuckets int64) int64 {
	return max(1, int64(math.Floor(math.Ln2*float64(oldBuckets)+0.5)))
}

// evacuatedShare is the expected share of oldBuckets buckets evacuated
// after k inserts (k/oldBuckets = t): the in-order sweep has passed
// e^t - 1 of them, and growWork's random picks have done 1 - e^-t of the
// rest.
func evacuatedShare(k, oldBuckets int64) float64 {
	t := float64(k) / float64(oldBuckets)
	sweep := min(1, math.Expm1(t))
	return sweep + (1-sweep)*-math.Expm1(-t)
}

// classicGrowth is where an unhinted fill of a classic map stands.
type classicGrowth struct {
	B       uint8 // log2 of the bucket count
	growths int   // hashGrow calls
	// arrays holds the bucket counts of the arrays growth allocated:
	// arrays[i] for B = i+1.
	arrays [64]int64
	extra  bool // growth allocated a mapextra for spare overflow buckets
	// trigger is the insert (1-based) that started the last growth, and
	// oldBuckets the size of the array it left to evacuate.
	trigger, oldBuckets int64
}

// growClassic follows mapassign and hashGrow (runtime/map.go) through an
// unhinted fill of n entries.
func (m Map) growClassic(n int64) classicGrowth {
	var g classicGrowth
	bucket := m.mapBucketType()
	nb := int64(1) // mapassign's first bucket
	for {
		// mapassign calls hashGrow when the insert that would make
		// count+1 entries passes the load factor.
		trigger := max(int64(mapGroupSlots), loadFactorNum*((int64(1)<<g.B)/loadFactorDen)) + 1
		if n < trigger {
			return g
		}
		g.oldBuckets = nb
		g.B++
		nb = m.makeBucketArray(bucket, g.B)
		g.arrays[g.growths] = nb
		g.extra = g.extra || nb != int64(1)<<g.B
		g.trigger = trigger
		g.growths++
	}
}

// evacuating reports whether the last growth is still evacuating old
// buckets once n entries are in, at the expected pace.
func (g classicGrowth) evacuating(n int64) bool {
	return g.growths > 0 && n-g.trigger+1 < evacuationInserts(int64(1)<<(g.B-1))
}

// unevacuatedEntries is the expected number of entries still in old
// buckets once n entries are in.
func (g classicGrowth) unevacuatedEntries(n int64) int64 {
	if !g.evacuating(n) {
		return 0
	}
	old := float64(g.trigger - 1)
	return int64(math.Floor(old*(1-evacuatedShare(n-g.trigger+1, int64(1)<<(g.B-1))) + 0.5))
}

// classicFill models filling a classic map with n entries, in the best
// case: no overflow bucket beyond the ones makeBucketArray preallocates.
// sharedKeys out-of-line keys already exist (mapclone2 shares them).
func (m Map) classicFill(n int64, hinted bool, sharedKeys int64) Fill {
	h := heap{ptrSize: m.PtrSize}
	var f Fill
	hdr := m.hmapStruct()
	bucket := m.mapBucketType()
	extra := m.mapextraStruct()
	h.keep(hdr.Size, true, 1)
	f.Breakdown.Header = hdr.Size
	if n == 0 {
		f.fold(h)
		return f
	}

	var B uint8
	haveExtra := false
	if hinted {
		// makemap: the smallest B that holds n; B == 0 waits for the
		// first insert (mapassign allocates one bucket).
		for overLoadFactor(n, B) {
			B++
		}
		nb := m.makeBucketArray(bucket, B)
		h.alloc(nb*bucket.Size, bucket.HasPointers, 1)
		haveExtra = nb != int64(1)<<B
		if haveExtra {
			h.alloc(extra.Size, true, 1)
		}
	} else {
		// The first insert allocates one bucket; each growth a new array.
		h.alloc(bucket.Size, bucket.HasPointers, 1)
		g := m.growClassic(n)
		for _, nb := range g.arrays[:g.growths] {
			h.alloc(nb*bucket.Size, bucket.HasPointers, 1)
		}
		if g.extra {
			h.alloc(extra.Size, true, 1)
		}
		if g.evacuating(n) {
			h.live(g.oldBuckets*bucket.Size, bucket.HasPointers, 1)
			f.Breakdown.Evacuating = g.oldBuckets * bucket.Size
		}
		B, haveExtra, f.Growths = g.B, g.extra, g.growths
	}
	if haveExtra {
		h.live(extra.Size, true, 1)
		f.Breakdown.Overflow += extra.Size
	}
	nb := m.makeBucketArray(bucket, B)
	h.live(nb*bucket.Size, bucket.HasPointers, 1)
	m.classicBuckets(&f.Breakdown, int64(1)<<B, nb, n)
	m.outOfLine(&h, &f.Breakdown, n-sharedKeys, n)
	f.fold(h)
	return f
}

// classicBuckets adds a bucket array of nbuckets buckets, base of them in
// use as main buckets holding occupied entries, to b.
func (m Map) classicBuckets(b *Breakdown, base, nbuckets, occupied int64) {
	bucket := m.mapBucketType()
	data := m.slotKey().Size + m.slotElem().Size
	b.Control += base * tophashSize
	b.Entries += occupied * data
	b.EmptySlot += (base*mapGroupSlots - occupied) * data
	b.Overflow += base*m.PtrSize + (nbuckets-base)*bucket.Size
	b.Padding += base * (bucket.Size - tophashSize - mapGroupSlots*data - m.PtrSize)
}
