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
//   - a slice the loop appends to (s = append(s, k)) that is then returned
//     from an exported function, stored in an exported field or variable,
//     joined or formatted (strings.Join, fmt.Sprint, path.Join), encoded
//     (json.Marshal), compared in order (reflect.DeepEqual, slices.Equal,
//     testify's Equal, cmp.Diff), indexed at a fixed position (s[0],
//     s[len(s)-1]), or ranged over to do one of these things. Copies are
//     followed, and so is the package's own code: the callers of an
//     unexported function that returns the slice, the reads of an
//     unexported field or variable it is stored in, and the functions of
//     the package it is passed to.
//
//   - bytes the loop writes: Write, WriteString, WriteByte and WriteRune on
//     an io.Writer (strings.Builder, bytes.Buffer, hash.Hash, bufio.Writer,
//     files), fmt.Fprint*, io.WriteString, binary.Write, an encoder's
//     Encode, a csv.Writer, string concatenation (s += k), and fmt.Print*
//     in a command (package main) or an Example function. Functions that
//     write what they are given to a writer parameter or to their receiver
//     are followed, across packages through facts (the standard library's
//     only as listed here: its other writers are logs and test output). A
//     buffer, hash or string the function creates itself counts only when
//     it is read after the loop.
//
//   - the entry visited last, as a particular entry (a heuristic): a local
//     variable set from the key or value by a statement of the loop body
//     that runs on every iteration of a loop that never leaves early, not
//     computed from its own value (as max or a sum is), and after the loop
//     returned, formatted or written (other uses, such as calling its
//     methods, take it for "any entry"), in a function that does not look
//     at the map's length (a map
//     known to hold one entry has one last entry). Picking the first entry
//     ("for k := range m { x = k; break }") and conditional choices are an
//     explicit choice of any entry, or a search, and are not reported:
//     telling them from bugs needs intent.
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
//     follows the append or write;
//   - JSON encoding of the map itself (encoding/json sorts map keys);
//   - diagnostics: slices and strings that only reach a log (log, slog,
//     t.Log, t.Error), an error (fmt.Errorf, errors.New) or a substring
//     test, and writes to os.Stderr;
//   - slices passed to functions of other packages not listed above (what
//     they do with the order is unknown), slices sent on channels or
//     stored in maps, repeated fields of protocol buffers (generated .pb.go
//     types, which protobuf treats as unordered: its own map fields
//     serialize at random), and, in tests, what a test passes to the code
//     under test; reads by tests of what non-test code built;
//   - functions whose comments say the order does not matter ("in no
//     particular order", "any order", "unordered"), and Keys and Values
//     methods, which promise what maps.Keys does;
//   - appends and writes in goroutines, deferred calls and function
//     literals (whose results go who knows where).
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
