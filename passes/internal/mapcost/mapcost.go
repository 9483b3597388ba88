// Package mapcost holds what maplint's memory analyzers (bigvalue, makehint)
// share when they turn the sizer's figures into a diagnostic: the size at
// which a map is costed, whether a type has a size at all, and how bytes
// are printed. It knows nothing of any one analyzer's rules.
package mapcost

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/types"
	"math"

	"github.com/maplint/maplint/sizer"
)

// RepresentativeEntries is the size at which a map is costed when its
// make call gives no constant hint: large enough that per-entry figures
// are those of a map that matters, small enough to be an everyday cache.
const RepresentativeEntries = 10_000

// maxHint bounds the hints taken at face value; beyond it a constant hint
// is more likely a typo or a sentinel than a size.
const maxHint = 1 << 40

// Size is the number of entries at which a map is costed, and where that
// number comes from.
type Size struct {
	Entries int64
	Hinted  bool // Entries is the constant hint of make(M, n)
}

// SizeOf returns the size at which to cost the map made by call, which
// may be nil or any expression: the constant hint of make(M, n) when
// there is one and it is positive, otherwise RepresentativeEntries.
func SizeOf(info *types.Info, call *ast.CallExpr) Size {
	if hint, ok := ConstHint(info, call); ok && hint > 0 && hint <= maxHint {
		return Size{Entries: hint, Hinted: true}
	}
	return Size{Entries: RepresentativeEntries}
}

// ConstHint returns n when call is the built-in make(M, n) of a map with
// a constant integer n.
func ConstHint(info *types.Info, call *ast.CallExpr) (int64, bool) {
	if call == nil || len(call.Args) != 2 || !IsBuiltin(info, call.Fun, "make") {
		return 0, false
	}
	tv, ok := info.Types[call.Args[1]]
	if !ok || tv.Value == nil {
		return 0, false
	}
	v := constant.ToInt(tv.Value)
	if v.Kind() != constant.Int {
		return 0, false
	}
	return constant.Int64Val(v)
}

// IsBuiltin reports whether fun denotes the built-in function name
// (and not a local function that shadows it).
func IsBuiltin(info *types.Info, fun ast.Expr, name string) bool {
	id, ok := ast.Unparen(fun).(*ast.Ident)
	if !ok || id.Name != name {
		return false
	}
	b, ok := info.Uses[id].(*types.Builtin)
	return ok && b.Name() == name
}

// String describes the size for a message, saying where it comes from:
// "10,000 entries, a representative size" or "500 entries, the make hint".
func (s Size) String() string {
	unit := "entries"
	if s.Entries == 1 {
		unit = "entry"
	}
	if s.Hinted {
		return fmt.Sprintf("%s %s, the make hint", sizer.FormatCount(s.Entries), unit)
	}
	return fmt.Sprintf("%s %s, a representative size", sizer.FormatCount(s.Entries), unit)
}

// Sized reports whether t has one size for every instantiation, so that
// types.Sizes may be asked about it: false when t holds a type parameter
// by value (go/types' Sizes panic on those), or is invalid or too large
// for the target (code that does not type-check, or a type the compiler
// would reject).
func Sized(t types.Type, sizes types.Sizes) bool {
	return sizedDepth(t, 0) && sizes.Sizeof(t) >= 0
}

func sizedDepth(t types.Type, depth int) bool {
	if t == nil || depth > 100 { // invalid recursive types, absurd nesting
		return false
	}
	switch t := types.Unalias(t).(type) {
	case *types.TypeParam, *types.Union:
		return false
	case *types.Basic:
		return t.Kind() != types.Invalid && t.Info()&types.IsUntyped == 0
	case *types.Named:
		return sizedDepth(t.Underlying(), depth+1)
	case *types.Array:
		return t.Len() >= 0 && sizedDepth(t.Elem(), depth+1)
	case *types.Struct:
		for f := range t.Fields() {
			if !sizedDepth(f.Type(), depth+1) {
				return false
			}
		}
		return true
	case *types.Pointer, *types.Slice, *types.Map, *types.Chan,
		*types.Signature, *types.Interface:
		return true // one word or two, whatever they refer to
	}
	return false
}

// Bytes formats a byte count for a message: whole bytes below 1 kB
// ("302 B"), since a message's figures are "about" figures, then
// sizer.FormatBytes's "12.3 kB", "1.2 MB", "3.4 GB".
func Bytes(b float64) string {
	return sizer.FormatBytes(math.RoundToEven(b))
}
