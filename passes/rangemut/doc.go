// Package rangemut defines an Analyzer that reports range loops over a map
// that insert new keys into that same map.
//
// # Analyzer rangemut
//
// rangemut: report inserts into a map while ranging over it
//
// The Go spec says of range over a map: "If a map entry is created during
// iteration, that entry may be produced during the iteration or may be
// skipped. The choice may vary for each entry created and from one
// iteration to the next." A loop that inserts new keys into the map it
// ranges over therefore computes something different from run to run,
// and a loop that derives new keys from the ones it visits (k+1, a
// neighbour in a graph, a normalised spelling) may chase its own inserts.
//
// Inside "for k, v := range m" (or range over maps.Keys(m), maps.Values(m),
// maps.All(m)), rangemut reports:
//
//   - m[x] = v, m[x] op= v and m[x]++ where x is not provably the key being
//     visited (k, or a plain copy of it such as key := k);
//   - maps.Copy(m, src) and maps.Insert(m, seq);
//   - calls of functions and methods that may insert into m: one passed m
//     (or a struct holding it) as an argument, or a method of the receiver
//     whose field is being ranged over (for k := range s.items { s.add(...) }).
//     What each function may insert into is summarised by mapeffects (the
//     engine concwrite shares), and reaches importing packages as its
//     fact, together with what it inserts: its
//     key parameter itself (also when normalised in place first, as in
//     name = strings.TrimSpace(name) at the top of the function), or other
//     keys. A call is judged by the arguments it passes as keys, like an
//     insert written in place: g.node(k) with the visited key k is silent,
//     while a call that inserts other keys is reported even when it is
//     passed the visited key (an expansion: the roles a role includes, the
//     dependencies a node adds), since the loop may or may not visit them.
//
// "The same map" means the same variable, or the same field path from the
// same variable (s.items and s.items); when rangemut cannot tell that two
// expressions denote one map it says nothing. It does not report:
//
//   - delete (of any key) and clear, which the spec defines during range;
//   - assignments to the key being visited, or to a key proved present by
//     "if _, ok := m[x]; ok" (or "if !ok { continue }") before the insert;
//   - renames in place by an idempotent normaliser of the visited key
//     (delete(m, k); m[strings.ToUpper(k)] = v): a visited new entry maps
//     to itself;
//   - calls passed nil for a key parameter the callee inserts only when it
//     is not nil (if obj == nil { return } first): staticcheck's
//     g.use(obj, nil) inserts the visited obj, and nothing for nil;
//   - inserts into other maps, including the same field of another variable;
//   - inserts after which every path leaves the loop (break, return, goto
//     out of it, panic), as in "m[x] = v; break";
//   - loops that replace the map (m = make(...), s.items = ...) in their body;
//   - inserts in goroutines, deferred calls and closures the loop does not call;
//   - range over a snapshot: maps.Clone(m), slices.Collect(maps.Keys(m)), a
//     key slice built before the loop;
//   - range loops re-run by an enclosing loop until nothing changes (the
//     enclosing loop's condition, or an "if ... { break }" in its body, reads
//     a flag or count the range body sets, or len(m)): fixed-point
//     computations reach the same result whichever inserts a pass visits.
//
// The suggested fix ranges over a snapshot, maps.Clone(m), importing
// "maps" when needed; the message gives what the snapshot costs per entry
// (for a map of 10,000 entries), from maplint's model of the runtime's map
// layout. The -layout flag selects that layout: swiss (Go 1.24 and later,
// the default) or classic (Go 1.23 and earlier).
//
// Before:
//
//	for name, deps := range graph {
//		for _, d := range deps {
//			graph[d+"/test"] = nil // may or may not be visited
//		}
//	}
//
// After:
//
//	for name, deps := range maps.Clone(graph) {
//		for _, d := range deps {
//			graph[d+"/test"] = nil
//		}
//	}
//
// Since: v0.1.0
package rangemut
