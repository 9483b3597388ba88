// Package makehint defines an analyzer that reports maps filled to a size
// known in advance without a size hint.
//
// # Analyzer makehint
//
// makehint: report maps made without a size hint and then filled to a known size
//
// A map made with make(map[K]V) or map[K]V{} starts empty and grows as it
// is filled: each growth allocates a larger table and moves every entry
// into it. When the number of entries is known before the map is filled,
// make(map[K]V, n) allocates the final table at once. The message says
// how many entries the loop inserts and gives the hinted make, then the
// sizer's figures for the layout in use: how many times the map grows
// (on Swiss tables, doublings and, past 1,024 slots, table splits) and
// how many times the bytes of the hinted make it allocates, at the
// loop's constant count when it has one (an array's length, a constant n)
// and otherwise at a representative 10,000 entries, and says which. The
// hint saves allocation and GC work; the memory still live once the map is
// filled is about the same.
//
// A map is reported when all of these hold:
//
//   - it is made without a hint, by m := make(M), m := M{}, var m = ...,
//     m = make(M) for a local variable no closure captures and whose
//     address is not taken, or x.f = make(M) for a field reached from a
//     local variable x (the clone of a struct's map); maps of a type
//     parameter, or whose key or value size depends on one, are not
//     reported;
//   - the first statement after the make that mentions m (for x.f: x,
//     other than in a selection of another of its fields) fills it; the
//     statements in between do not touch it;
//   - the fill is a loop that inserts once per iteration with a plain
//     assignment m[key] = v, whatever the key (the loop's key or counter,
//     the element, a field of it, a conversion, a computed value), as long
//     as it may change from one iteration to the next, over something whose
//     length is known before the loop: a slice, array, pointer to array,
//     string or map (hint len(x)), an integer (for i := range n, hint n),
//     or a counted loop for i := 0; i < n; i++ (hint n); or the fill is
//     maps.Copy(m, src) (hint len(src));
//   - every iteration inserts exactly once: the body holds the insert, or
//     an if/else whose every branch inserts once (a nil check in a clone),
//     and no return, goto, labeled branch, or break or continue of the
//     loop itself that could skip it; statements that do not use m may
//     hold conditions and inner loops of their own (building the value);
//     the body does not otherwise use m, and neither the key nor the value
//     reads m; a counted loop's body does not assign i or n, and a loop
//     over a map does not assign, delete from or clear it (a slice, array,
//     string or integer is evaluated once, before the loop, whatever the
//     body does to it);
//   - the ranged value (or n) is an expression that calls and allocates
//     nothing: a variable, a field, an index, len or cap of one, a
//     constant, a numeric conversion (range f() or range []rune(s) is not
//     reported: the hint would have to repeat the call).
//
// It is not reported where repetition is the point: read-modify-write of
// a key (counting m[w]++, summing m[k] += v, grouping
// m[k] = append(m[k], v)), de-duplication (if _, ok := m[k]; !ok { ... },
// if !seen[k] { ... }), a key that is the same in every iteration
// (m["last"] = v); nor when the insert is conditional (if without else, or
// after a continue that filters), for inserts in nested loops, when the
// count is unknown before the loop (channels, iterator functions, for
// sc.Scan()), for maps already given a hint or a literal with entries, or
// when the sizer shows that at the loop's constant count the hint saves
// nothing (8 entries or fewer). Test files are not reported: a hint there
// saves nothing anyone would notice.
//
// When the key is anything but the loop's key or counter (or a conversion
// of it to a type at least as wide), keys may repeat and the message says
// "up to len(xs) entries (keys may repeat)": the Go standard library
// writes make(map[K]V, len(xs)) before such loops as a matter of course,
// since a hint is an upper bound; with duplicates the map holds fewer
// entries than hinted, while without the hint it grows, and moves every
// entry, about log2(n) times. Ranging over a string yields one entry per
// rune while len(s) counts bytes: the hint len(s) is exact for ASCII and
// an upper bound otherwise, and the message says "up to len(s) entries".
//
// A field's map, x.f = make(M), may be filled from other fields of x
// (c.byName[c.cols[i].Name] = &c.cols[i]): only a use of x.f itself, or
// of x whole (passing it, calling its methods), counts as a use of the
// map.
//
// The suggested fix adds the hint: make(M) becomes make(M, len(xs)) and
// M{} becomes make(M, len(xs)). It is offered only when the hint has, at
// the make, the value the loop will see: every name in it denotes the same
// variable there, and either the loop follows the make directly, or the
// hint reads only variables and constants and the statements in between
// call nothing and assign none of them. Otherwise the map is reported
// without a fix, and the message says to make it just before the loop.
//
// gopls' modernize analyzer mapsloop rewrites the copy loop
// for k, v := range src { m[k] = v } into maps.Copy(m, src) and leaves the
// make alone (as of x/tools v0.52.0 it no longer offers maps.Clone for a
// map source, which would change nil-ness; golang/go#71844): its edit and
// makehint's touch different statements and compose into
// make(M, len(src)) followed by maps.Copy(m, src). makehint therefore
// reports copy loops too, and also recognizes maps.Copy(m, src) right
// after an unhinted make, so that both orders of applying the two fixes
// end with the hint. (Older mapsloop versions offered m := maps.Clone(src),
// which drops the make but allocates for len(src) entries itself.)
// mapsloop's maps.Collect rewrite of loops over iterators, which does drop
// the make and its hint, never meets makehint: iterator loops are not
// reported.
//
// The -layout flag selects the map implementation whose costs are
// quoted: swiss (Go 1.24 and later, the default) or classic (Go 1.23 and
// earlier).
//
// Example:
//
//	limits := make(map[string]int)
//	for name, limit := range defaults {
//		limits[name] = limit
//	}
//
// is reported with "limits is filled with len(defaults) entries without
// a size hint: use make(map[string]int, len(defaults)) to allocate its
// table once; without it, at 10,000 entries (a representative size), it
// grows 22 times while filling and allocates 2.0x the bytes (873.5 kB vs
// 436.9 kB hinted, swiss)", and the fix makes it
//
//	limits := make(map[string]int, len(defaults))
//
// byName[u.Name] = u over a slice of users is reported with "up to
// len(users) entries (keys may repeat)" and the same fix, while
// counts[u.Name]++ is not reported.
//
// Since: v0.1.0
package makehint
