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
// The runtime-comparison test (sizer_runtime_test.go) builds real maps for a
// grid of key/element types and entry counts on the toolchain of the module
// and on go1.23.12 and compares runtime.MemStats with the sizer.
//
// Swiss tables: byte- and object-exact for fills made with a capacity hint,
// and for fills without one up to the first table split (n <= 896). Past a
// split, which tables split depends on the hash seed; the sizer takes the
// expected number of splits (a binomial tail per directory level), which is
// exact whenever the outcome is all but certain, as it is for most n.
//
// Classic buckets: exact for the deterministic structure (hmap, the bucket
// arrays with their preallocated overflow buckets, mapextra, out-of-line keys
// and elements). Extra overflow buckets depend on the hash seed and are left
// out, so a classic estimate is a best case: measured maps with inline keys
// and elements allocate up to about 20% more bytes (see the test for the
// spread). Old buckets still being evacuated after the last growth are
// counted as live for the expected evacuation pace (ln 2 of the old bucket
// count in inserts).
package sizer
