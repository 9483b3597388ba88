package sizer

import "math"

// Constants of the Swiss-table implementation (internal/runtime/maps).
const (
	// maxAvgGroupLoad is the load factor, in slots per 8-slot group, past
	// which a table grows (group.go).
	maxAvgGroupLoad = 7
	// maxTableCapacity is the largest table; a full table of this capacity
	// splits in two instead of growing (table.go).
	maxTableCapacity = 1024
	// ctrlGroupsSize is the control word that starts every group (group.go).
	ctrlGroupsSize = 8
)

// mapStruct is internal/runtime/maps.Map (map.go), the map header.
func (m Map) mapStruct() Type {
	u8 := Type{Size: 1, Align: 1}
	return structOf(
		m.uint64Type(),  // used
		m.uintptrType(), // seed
		m.pointerWord(), // dirPtr
		m.uintptrType(), // dirLen
		u8, u8, u8, u8,  // globalDepth, globalShift, writing, tombstonePossible
		m.uint64Type(), // clearSeq
	)
}

// tableStruct is internal/runtime/maps.table (table.go), as mapTableType in
// cmd/compile/internal/reflectdata/map.go spells it out.
func (m Map) tableStruct() Type {
	u16 := Type{Size: 2, Align: 2}
	return structOf(
		u16, u16, u16, // used, capacity, growthLeft
		Type{Size: 1, Align: 1}, // localDepth
		m.uintptrType(),         // index
		m.pointerWord(),         // groups.data
		m.uint64Type(),          // groups.lengthMask
	)
}

// mapGroupType is the group type cmd/compile/internal/reflectdata/map.go
// (MapGroupType) builds: a control word and 8 interleaved key/elem slots.
func (m Map) mapGroupType() (group, slot Type) {
	slot = structOf(m.slotKey(), m.slotElem())
	group = structOf(m.uint64Type(), arrayOf(mapGroupSlots, slot))
	return group, slot
}

// maxGrowthLeft is how many entries a table of the given capacity holds
// before it must grow (table.go).
func maxGrowthLeft(capacity int64) int64 {
	if capacity <= mapGroupSlots {
		return capacity - 1
	}
	return capacity * maxAvgGroupLoad / mapGroupSlots
}

// alignUpPow2 rounds n up to a power of two (group.go).
func alignUpPow2(n int64) int64 {
	if n <= 1 {
		return n
	}
	p := int64(1)
	for p < n {
		p <<= 1
	}
	return p
}

// swissHeap tallies the objects of one Swiss-table map as
// internal/runtime/maps allocates them.
type swissHeap struct {
	heap
	m                  Map
	group, slot, table Type
	slotData           int64 // bytes of key and elem in a slot
}

func (m Map) newSwissHeap() swissHeap {
	group, slot := m.mapGroupType()
	return swissHeap{
		heap:     heap{ptrSize: m.PtrSize},
		m:        m,
		group:    group,
		slot:     slot,
		table:    m.tableStruct(),
		slotData: m.slotKey().Size + m.slotElem().Size,
	}
}

// newGroups allocates count arrays of groups groups (group.go: newGroups).
func (s *swissHeap) newGroups(groups, count int64) {
	s.alloc(groups*s.group.Size, s.group.HasPointers, count)
}

// newTable allocates count tables of the given capacity: the table struct
// and its group array (table.go: newTable).
func (s *swissHeap) newTable(capacity, count int64) {
	s.alloc(s.table.Size, true, count)
	s.newGroups(capacity/mapGroupSlots, count)
}

// newDirectory allocates a directory of size table pointers
// (map.go: make([]*table, dirSize)).
func (s *swissHeap) newDirectory(size int64) {
	s.alloc(size*s.m.PtrSize, true, 1)
}

// swissFill models filling a Swiss-table map with n entries.
func (m Map) swissFill(n int64, hinted bool) Fill {
	s := m.newSwissHeap()
	var f Fill
	hdr := m.mapStruct()
	s.keep(hdr.Size, true, 1)
	f.Breakdown.Header = hdr.Size

	switch {
	case n == 0:
	case n <= mapGroupSlots:
		// growToSmall (map.go): the first insert allocates a single
		// group, which holds up to 8 entries; NewMap allocates nothing
		// for a hint <= 8.
		s.newGroups(1, 1)
		s.live(s.group.Size, s.group.HasPointers, 1)
		s.groupsBreakdown(&f.Breakdown, 1, n)
	default:
		var tables swissTables
		if hinted {
			tables = s.newMap(n)
		} else {
			// growToSmall, then growToTable (map.go): the 9th insert
			// moves the group's entries to one table of capacity 16 in
			// a directory of one.
			s.newGroups(1, 1)
			s.newTable(2*mapGroupSlots, 1)
			s.newDirectory(1)
			tables = growTables(n, 1, 2*mapGroupSlots)
			f.Growths++
		}
		f.Growths += tables.growths
		for i, count := range tables.grown {
			s.newTable(int64(mapGroupSlots)<<i, count)
		}
		// installTableSplit doubled the directory up to its final size.
		for size := 2 * tables.firstDirSize; size <= tables.dirSize; size *= 2 {
			s.newDirectory(size)
		}
		s.live(tables.dirSize*m.PtrSize, true, 1)
		f.Breakdown.Directory = tables.dirSize * m.PtrSize
		for i, count := range tables.live {
			if count == 0 {
				continue
			}
			groups := int64(1) << i
			s.live(s.table.Size, true, count)
			s.live(groups*s.group.Size, s.group.HasPointers, count)
			f.Breakdown.Tables += s.table.Size * count
			s.groupsBreakdown(&f.Breakdown, groups*count, 0)
		}
		// Every entry sits in some table: move them from empty slots to
		// occupied ones.
		s.groupsBreakdown(&f.Breakdown, 0, n)
	}
	m.outOfLine(&s.heap, &f.Breakdown, n, n)
	f.fold(s.heap)
	return f
}

// newMap is NewMap (map.go) with a hint of n > 8: a directory of enough
// tables of at most maxTableCapacity slots for n at the maximum load
// factor. It returns how those tables fare as n entries go in.
func (s *swissHeap) newMap(n int64) swissTables {
	targetCapacity := n * mapGroupSlots / maxAvgGroupLoad
	dirSize := alignUpPow2((targetCapacity + maxTableCapacity - 1) / maxTableCapacity)
	// newTable raises the capacity to at least one group and rounds it up
	// to a power of two.
	capacity := max(mapGroupSlots, alignUpPow2(targetCapacity/dirSize))
	s.newDirectory(dirSize)
	s.newTable(capacity, dirSize)
	return growTables(n, dirSize, capacity)
}

// groupsBreakdown adds groups groups holding occupied entries to b.
// Called with groups == 0 it moves occupied slots from EmptySlot to Entries.
func (s *swissHeap) groupsBreakdown(b *Breakdown, groups, occupied int64) {
	slots := groups * mapGroupSlots
	b.Control += groups * ctrlGroupsSize
	b.Entries += occupied * s.slotData
	b.EmptySlot += (slots - occupied) * s.slotData
	b.Padding += slots*(s.slot.Size-s.slotData) + groups*(s.group.Size-ctrlGroupsSize-mapGroupSlots*s.slot.Size)
}

// outOfLine accounts for keys and elements over 128 bytes, which every
// insert allocates on its own (putSlotSmall, table.PutSlot; mapassign in
// runtime/map.go for classic maps): keys of them and elems of them.
func (m Map) outOfLine(h *heap, b *Breakdown, keys, elems int64) {
	if m.IndirectKey() {
		h.alloc(m.Key.Size, m.Key.HasPointers, keys)
		h.live(m.Key.Size, m.Key.HasPointers, keys)
		b.OutOfLine += m.Key.Size * keys
	}
	if m.IndirectElem() {
		h.alloc(m.Elem.Size, m.Elem.HasPointers, elems)
		h.live(m.Elem.Size, m.Elem.HasPointers, elems)
		b.OutOfLine += m.Elem.Size * elems
	}
}

// swissTables is the outcome of filling a directory of tables.
type swissTables struct {
	grown        [8]int64 // tables allocated by growth or split, by log2(capacity/8)
	live         [8]int64 // tables in the final directory, by log2(capacity/8)
	firstDirSize int64    // entries in the directory before any split
	dirSize      int64    // entries in the final directory
	growths      int
}

// growTables models n entries spread over dirSize tables of the given
// capacity: tables grow (table.grow) and, once at maxTableCapacity, split
// (table.split, Map.installTableSplit). Which table receives an entry
// depends on its hash, so the number of tables that outgrow a capacity is
// the expected count, dirSize * P(Binomial(n, 1/dirSize) > limit), rounded.
// With one table, or when the outcome is all but certain, that is exact.
func growTables(n, dirSize, capacity int64) swissTables {
	var t swissTables
	t.firstDirSize, t.dirSize = dirSize, dirSize
	p := 1 / float64(dirSize)
	remaining := dirSize // tables still at the capacity being considered
	for ; capacity < maxTableCapacity; capacity *= 2 {
		outgrown := min(remaining, expectedCount(dirSize, n, p, maxGrowthLeft(capacity)))
		t.live[capLog(capacity)] += remaining - outgrown
		t.grown[capLog(2*capacity)] += outgrown
		t.growths += int(outgrown)
		remaining = outgrown
	}
	full := capLog(maxTableCapacity)
	depth := 0
	for 1<<depth < dirSize {
		depth++
	}
	globalDepth := depth
	splits := min(remaining, expectedCount(dirSize, n, p, maxGrowthLeft(maxTableCapacity)))
	t.live[full] += remaining - splits
	for splits > 0 && depth < 62 {
		t.growths += int(splits)
		t.grown[full] += 2 * splits
		if depth == globalDepth {
			// A table at the global depth split: the directory doubles.
			globalDepth++
			t.dirSize = 1 << globalDepth
		}
		depth++
		children := 2 * splits
		tables := int64(1) << depth
		splits = min(children, expectedCount(tables, n, 1/float64(tables), maxGrowthLeft(maxTableCapacity)))
		t.live[full] += children - splits
	}
	return t
}

// capLog is the index of a table capacity in swissTables' arrays.
func capLog(capacity int64) int {
	i := 0
	for int64(mapGroupSlots)<<i < capacity {
		i++
	}
	return i
}

// expectedCount is tables * P(Binomial(n, p) > limit), rounded to the
// nearest integer: how many of tables buckets of the hash space, each
// receiving an entry with probability p, end up with more than limit.
func expectedCount(tables, n int64, p float64, limit int64) int64 {
	if p >= 1 {
		if n > limit {
			return tables
		}
		return 0
	}
	mean := float64(n) * p
	sd := math.Sqrt(float64(n) * p * (1 - p))
	var tail float64
	if sd == 0 {
		if mean > float64(limit) {
			tail = 1
		}
	} else {
		// Normal approximation with continuity correction.
		tail = 0.5 * math.Erfc((float64(limit)+0.5-mean)/(sd*math.Sqrt2))
	}
	return int64(math.Floor(float64(tables)*tail + 0.5))
}
