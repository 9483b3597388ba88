// Package bigvalue defines an Analyzer that reports maps whose keys or
// values are large enough to cost an allocation per entry or to waste
// memory in every slot.
//
// # Analyzer bigvalue
//
// bigvalue: report map types whose keys or values are too large to store by value
//
// The Go runtime stores a map's keys and values in its slots, except
// those larger than 128 bytes, which it stores out of line: each insert
// then allocates the key or value separately, and every read, range and
// read-modify-write copies the whole value. For those maps, map[K]*V
// costs the same memory and the same allocations, makes the sharing
// explicit, and copies a pointer instead of the value.
//
// Values of 65 to 128 bytes stay inline, so every empty slot of the table
// carries a full value too. They are reported only when maplint's sizer
// shows that map[K]*V, or a map[K]int32 index into a []V, keeps at least
// 30% fewer live bytes; the message then states the price, an allocation
// per entry. The index is offered only for maps of a type that the package
// never deletes from, as a slice cannot give slots back. Only maps that
// outlive a function call are considered for this trade: package-level
// variables, struct fields and named types, not maps made in a function
// body (one that the function stores into a field is reported at the
// field).
//
// A map type is reported once, where it is spelled and where a change
// would be made: a type declaration, a variable declaration, a struct
// field, or a make call or composite literal. A make call or literal is
// not reported when its map goes into a variable or field that is
// declared with the type and reported there: assigned to it, given to it
// in a composite literal, or first held in a new variable that is then
// stored there. Parameters, results, conversions and type arguments are
// not reported: they use a map decided elsewhere. Keys and values of 64
// bytes or less, and pointers, slices, strings, maps, channels, functions
// and interfaces, whatever they point to, are never reported. Neither
// are map types whose key or value holds a type parameter: they have no
// fixed size.
//
// Not reported either, because nobody would act on them:
//   - exported types, variables and fields of a package that others may
//     import (not main, not under internal/), and maps returned by its
//     exported functions: the change would break the package's users,
//     for the sake of copies or a share of memory; except that a map
//     made in an exported function and returned, whose key is over 128
//     bytes and stored out of line, is reported, and the message says
//     that the type is part of the API (every caller pays an allocation
//     per key and hashes all of it, a cost worth weighing for the next
//     major version);
//   - map types that another module decides: a map made here but passed
//     to a function of another module, whose parameter type fixes the
//     map's; the user cannot change them. A range over another module's
//     map (its field, named type, or function result) is still reported
//     when it copies large values, but the message advises only what the
//     loop can change: range over the keys and read fields in place;
//   - test files, where memory advice does not pay;
//   - generated files.
//
// A large key has no such remedy (map[*K]V compares pointers, not
// keys), so for a key over 128 bytes the message suggests keying the map
// by something smaller, such as an ID. Keys of 65 to 128 bytes are not
// reported.
//
// Every figure in a message comes from maplint's sizer: the live bytes
// per entry of the map and of its alternatives, each filled to the same
// number of entries from a make with that capacity, so that the layouts
// are compared on equal terms. That number is the constant hint of the
// make call when there is one ("at 500 entries (the make hint)"),
// otherwise a representative 10,000 entries. The -layout flag selects
// the runtime map implementation: swiss (Go 1.24 and later, the default)
// or classic (Go 1.23 and earlier); the sizes of the target architecture
// come from the build.
//
// The analyzer also reports `for _, v := range m` when v is used and m's
// values are over 128 bytes: each iteration copies the whole value into
// v, as gocritic's rangeValCopy reports for slices. Storing pointers, or
// ranging over the keys and reading fields in place with m[k].f (a lookup
// per read) avoids the copy.
//
// No suggested fix is offered. Changing map[K]V to map[K]*V changes the
// meaning of every read, write, range and comparison of the map's values,
// most of them far from the declaration, and a fix that does not compile,
// or compiles and aliases what used to be copies, is worse than none. A
// range rewritten to index the map by key would trade the copy for a
// lookup per read, which is not clearly a gain.
//
// Example:
//
//	type session struct {
//		user    string
//		addr    netip.AddrPort
//		started time.Time
//		stats   [16]int64
//	}
//
//	var sessions = make(map[string]session)
//
//	func active() (n int) {
//		for _, s := range sessions {
//			if !s.started.IsZero() {
//				n++
//			}
//		}
//		return n
//	}
//
// is reported twice, on amd64:
//
//	map[string]session: session is 200 B, stored out of line: one
//	allocation per entry, and every read, range and update copies all of
//	it; about 252 B per entry live at 10,000 entries, a representative
//	size (swiss); map[string]*session costs about 252 B per entry with
//	the same allocations, and reads, ranges and updates then copy a
//	pointer
//
//	each iteration copies a 200 B session into s: store *session in the
//	map, or range over the keys and read fields in place (one lookup each)
//
// After:
//
//	var sessions = make(map[string]*session)
//
// Since: v0.1.0
package bigvalue
