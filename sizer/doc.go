// Package sizer predicts, in closed form, what the Go runtime allocates for a
// map: bytes allocated while filling it (including what growth throws away),
// bytes still live once it is filled, heap objects, and where the bytes go.
//
// It models both map implementations the Go runtime has shipped:
//
//   - Swiss: Swiss tables, Go 1.24 and later (internal/runtime/maps).
//   - Classic: hash buckets, Go 1.23 and earlier, and Go 1.24/1.25 built
//     with GOEXPERIMENT=noswissmap (runtime/map.go of those releases).
//
// Every step mirrors a runtime function of the same name: the constants
// carry the runtime's names and each says which source file it comes from.
// An estimate costs O(log n) arithmetic, microseconds even for n = 1e9.
//
// # Accuracy
//
// TestRuntimeSwiss and TestRuntimeClassic (sizer_runtime_test.go) build real
// maps for a grid of key and element types (struct{}, int8, int64, string,
// [16]byte, padded structs, 128- and 136-byte arrays, pointers) and entry
// counts (0 to 1e6), with and without a hint and through maps.Clone, using
// the program in testdata/measure, and compare runtime.MemStats with the
// sizer: on the module's toolchain for amd64 and 386 (Swiss tables), and on
// go1.23.12 (classic buckets).
//
// Swiss tables: byte- and object-exact for every hinted fill, and for
// unhinted fills and their clones up to the first table split (n <= 896);
// 896 of 896 such cases on amd64. Past a split, which tables split depends
// on the hash seed; the sizer takes the expected number of splits per
// directory level (a binomial tail), which is exact whenever the outcome is
// all but certain: in a typical run 160 of the other 164 cases, the rest
// within 0.2%.
//
// Classic buckets: exact for the deterministic structure (hmap, bucket
// arrays with their preallocated overflow buckets, mapextra, out-of-line
// keys and elements): every hinted map into which no overflow bucket was
// chained matched to the byte (about 260 per run). Further overflow buckets
// depend on the hash seed and are left out, so a classic estimate is a
// best case: at n >= 1000, measured maps allocated up to 17% more than it
// (median 3%) and kept up to 12% more live; in small maps one overflow
// bucket can add 40-50%. Old buckets still being evacuated after the last
// growth count as live at the expected evacuation pace (the sweep is done
// after ln 2 of the old bucket count in inserts).
package sizer
