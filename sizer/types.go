package sizer

import (
	"fmt"
	"go/types"
)

// Layout names a runtime map implementation.
type Layout uint8

const (
	Swiss   Layout = iota // Go 1.24 and later
	Classic               // Go 1.23 and earlier (and 1.24/1.25 with GOEXPERIMENT=noswissmap)
)

func (l Layout) String() string {
	switch l {
	case Swiss:
		return "swiss"
	case Classic:
		return "classic"
	}
	return fmt.Sprintf("Layout(%d)", uint8(l))
}

// ParseLayout parses "swiss" or "classic" (as printed by Layout.String).
func ParseLayout(s string) (Layout, error) {
	switch s {
	case "swiss":
		return Swiss, nil
	case "classic":
		return Classic, nil
	}
	return 0, fmt.Errorf("unknown map layout %q (want swiss or classic)", s)
}

// Type is what the runtime's map code knows of a key or element type.
type Type struct {
	Size, Align int64
	HasPointers bool
	// NeedKeyUpdate: as a key, an overwrite must store the new key (it
	// holds floats, strings or interfaces, whose equal values can differ
	// in memory). Classic maps.Clone shares out-of-line keys that do not.
	NeedKeyUpdate bool
}

// Map is a map type laid out for one target architecture.
type Map struct {
	Key, Elem Type
	PtrSize   int64 // 8 on amd64/arm64, 4 on 386
}

// MapMaxKeyBytes and MapMaxElemBytes are the largest keys and elements a map
// stores inline; larger ones are stored out of line, one allocation per entry
// (internal/abi/map.go).
const MapMaxKeyBytes, MapMaxElemBytes = 128, 128

// mapGroupSlots is the number of slots in a Swiss-table group and of entries
// in a classic bucket (internal/abi/map.go: MapGroupSlots, MapBucketCount).
const mapGroupSlots = 8

// Of describes map[key]elem for the target whose sizes are given,
// normally types.SizesFor("gc", goarch). The types must be concrete: see
// TypeOf.
func Of(key, elem types.Type, sizes types.Sizes) Map {
	return Map{
		Key:     TypeOf(key, sizes),
		Elem:    TypeOf(elem, sizes),
		PtrSize: sizes.Sizeof(types.Typ[types.UnsafePointer]),
	}
}

// TypeOf describes one type (size, alignment, whether it holds pointers).
// Like types.Sizes, it panics on a type that mentions type parameters,
// whose size is not known before instantiation.
func TypeOf(t types.Type, sizes types.Sizes) Type {
	return Type{
		Size:          sizes.Sizeof(t),
		Align:         sizes.Alignof(t),
		HasPointers:   hasPointers(t),
		NeedKeyUpdate: needKeyUpdate(t),
	}
}

// needKeyUpdate mirrors needkeyupdate in cmd/compile/internal/reflectdata
// (reflect.go), which sets abi.MapNeedKeyUpdate.
func needKeyUpdate(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		info := u.Info()
		return info&(types.IsFloat|types.IsComplex|types.IsString) != 0
	case *types.Interface:
		return true
	case *types.Array:
		return needKeyUpdate(u.Elem())
	case *types.Struct:
		for i := range u.NumFields() {
			if needKeyUpdate(u.Field(i).Type()) {
				return true
			}
		}
	}
	return false
}

// hasPointers reports whether values of t contain pointers the garbage
// collector must scan, as cmd/compile/internal/types.PtrDataSize decides.
func hasPointers(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		switch u.Kind() {
		case types.String, types.UnsafePointer, types.UntypedString, types.UntypedNil:
			return true
		}
		return false
	case *types.Array:
		return u.Len() > 0 && hasPointers(u.Elem())
	case *types.Struct:
		for i := range u.NumFields() {
			if hasPointers(u.Field(i).Type()) {
				return true
			}
		}
		return false
	default:
		// Pointers, slices, maps, channels, functions, interfaces; type
		// parameters are assumed to hold pointers.
		return true
	}
}

// IndirectKey reports whether keys are stored out of line: the slot holds a
// pointer and every insert allocates the key (internal/abi/map.go).
func (m Map) IndirectKey() bool { return m.Key.Size > MapMaxKeyBytes }

// IndirectElem reports whether elements are stored out of line.
func (m Map) IndirectElem() bool { return m.Elem.Size > MapMaxElemBytes }

// pointerType is how a key or element stored out of line appears in a slot.
func (m Map) pointerType() Type { return Type{Size: m.PtrSize, Align: m.PtrSize, HasPointers: true} }

// slotKey is the key as stored in a slot or bucket.
func (m Map) slotKey() Type {
	if m.IndirectKey() {
		return m.pointerType()
	}
	return m.Key
}

// slotElem is the element as stored in a slot or bucket.
func (m Map) slotElem() Type {
	if m.IndirectElem() {
		return m.pointerType()
	}
	return m.Elem
}

// uint64Type is uint64 on the target: 4-byte aligned on 32-bit ports.
func (m Map) uint64Type() Type { return Type{Size: 8, Align: min(8, m.PtrSize)} }

// uintptrType is a pointer-sized integer; pointerWord a pointer.
func (m Map) uintptrType() Type { return Type{Size: m.PtrSize, Align: m.PtrSize} }
func (m Map) pointerWord() Type { return m.pointerType() }

// structOf lays out a struct the way cmd/compile/internal/types.CalcStructSize
// does, including the byte of padding after a trailing zero-size field of a
// non-empty struct (so a pointer to it cannot point past the object).
func structOf(fields ...Type) Type {
	var s Type
	s.Align = 1
	for _, f := range fields {
		s.Size = alignUp(s.Size, f.Align)
		s.Size += f.Size
		s.Align = max(s.Align, f.Align)
		s.HasPointers = s.HasPointers || f.HasPointers
	}
	if len(fields) > 0 && s.Size > 0 && fields[len(fields)-1].Size == 0 {
		s.Size++
	}
	s.Size = alignUp(s.Size, s.Align)
	return s
}

// arrayOf is [n]t.
func arrayOf(n int64, t Type) Type {
	return Type{Size: n * t.Size, Align: t.Align, HasPointers: n > 0 && t.HasPointers}
}

// SwissSlotSize is the size of one key/elem slot of a Swiss-table group,
// padding included.
func (m Map) SwissSlotSize() int64 { _, slot := m.mapGroupType(); return slot.Size }

// SwissGroupSize is the size of a Swiss-table group: a control word and 8 slots.
func (m Map) SwissGroupSize() int64 { group, _ := m.mapGroupType(); return group.Size }

// ClassicBucketSize is the size of a classic bucket: tophash, 8 keys, 8
// elements and the overflow pointer.
func (m Map) ClassicBucketSize() int64 { return m.mapBucketType().Size }
