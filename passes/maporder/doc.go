// Package maporder defines an Analyzer that reports output that depends
// on the iteration order of a map.
//
// # Analyzer maporder
//
// maporder: report map iteration order that reaches a result
//
// Go randomizes the order in which range visits a map's entries, on
// purpose and differently on every run. Code that lets that order reach
// its output produces flaky tests, golden files and API responses whose
// order changes between calls, and hashes, cache keys and signatures that
// differ for equal inputs. maporder reports a range over a map (or over
// maps.Keys, maps.Values or maps.All of it) only where its order reaches
// such a result, without a sort in between:
//
//   - a slice the loop appends to (s = append(s, k)) that is then returned,
//     stored in a field or package-level variable, passed to a function,
//     sent on a channel, indexed, sliced, or ranged over to do one of these
//     things. A slice of the function's own is followed through copies.
//   - bytes the loop writes: Write, WriteString, WriteByte and WriteRune on
//     an io.Writer (strings.Builder, bytes.Buffer, hash.Hash, bufio.Writer,
//     files), fmt.Fprint*, fmt.Print*, io.WriteString, binary.Write, an
//     encoder's Encode, a csv.Writer, and string concatenation (s += k).
//     Functions that write what they are given to a writer parameter or to
//     their receiver are followed, across packages through facts. A buffer,
//     hash or string the function creates itself counts only when it is
//     read after the loop.
//
// Only what the iteration contributes counts: the appended or written
// value must come from the loop's key or value, and the slice or writer
// must be shared by the iterations (declared outside the loop: not
// files[k], not a buffer made in the body).
//
// maporder stays silent on what cannot depend on the order:
//
//   - sums, counts, minimum and maximum, building another map or set,
//     delete, sending each entry on a channel;
//   - slices sorted after the loop: sort.Strings, sort.Slice, sort.Sort
//     (also through a conversion, sort.Sort(byName(s))), slices.Sort,
//     slices.SortFunc, a method or function whose name says it sorts, or a
//     function of the package that sorts its parameter; a field or
//     package-level variable that some function of the package sorts;
//   - slices only measured (len, cap), checked for membership
//     (slices.Contains) or compared as multisets (testify's ElementsMatch
//     and Subset, gomega's ConsistOf, cmpopts.SortSlices);
//   - loops that yield one element at most: a return, break or panic
//     follows the append or write. Picking the first entry found
//     ("for k := range m { return k }") is an explicit choice of any entry
//     and is not reported: telling it from a bug needs intent;
//   - JSON encoding of the map itself (encoding/json sorts map keys);
//   - appends and writes in goroutines and in function literals the loop
//     does not call.
//
// When the key type is ordered (cmp.Ordered) and the map is a variable or
// field path, the suggested fix ranges over the sorted keys and indexes
// the map for the value, importing "maps" and "slices" as needed; it needs
// Go 1.23 (the file's language version) and a body that deletes nothing.
// Otherwise, when the loop only appends one ordered element at a time to
// a slice that is empty before it, the fix sorts that slice right after
// the loop: slices.Sort from Go 1.21, sort.Strings, sort.Ints or
// sort.Float64s before. Otherwise there is no fix.
//
// Before:
//
//	func Names(users map[string]User) []string {
//		var names []string
//		for name := range users {
//			names = append(names, name) // order varies from run to run
//		}
//		return names
//	}
//
// After:
//
//	func Names(users map[string]User) []string {
//		var names []string
//		for _, name := range slices.Sorted(maps.Keys(users)) {
//			names = append(names, name)
//		}
//		return names
//	}
//
// Since: v0.2.0
package maporder
