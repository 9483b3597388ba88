// Package mapkeys knows, within the syntax of one package, which map an
// expression denotes and which keys a map provably holds at a point of a
// function: a Path names a map by a variable and the fields and stable
// indexes that lead to it (s.items, g.adj[u]); Facts, computed by one
// linear pass over the package, tells which variables keep their value,
// which parameters still hold their caller's argument, and whether a key
// is already in a map where code inserts it (a range over the map, a
// comma-ok lookup guarding the insert).
//
// mapeffects uses it to tell what a function's inserts key the map by;
// rangemut, to tell whether an insert in a loop adds a key the loop may
// visit.
package mapkeys
