// Package mapeffects defines an Analyzer that computes, once per
// package, what each function does to the maps its callers can see: the
// maps reached from its receiver, parameters and package-level variables
// (named by a Ref: "recv.items", "p0", "g:example.com/pkg.cache") that it
// reads, writes, inserts into (with the keys it adds, as parameters) or
// replaces; the mutexes held at each access and when it returns; the
// channels it sends on and the WaitGroups it calls Done on; the
// goroutines it starts, and whether it joins them; the function values
// it calls or starts. Calls are followed through the callees' summaries,
// which cross packages as one Summaries fact per package.
//
// It is the engine of maplint's map analyzers, in the manner of
// ctrlflow: concwrite compares the goroutines and the lock discipline it
// finds; rangemut asks which maps a call inserts into, and by which keys.
// One place to extend when the analysis of aliasing improves, and one
// walk of every function instead of one per analyzer.
//
// The analysis works on syntax, types and ctrlflow's control-flow graphs:
// a lockset data flow over each body's graph gives the locks held at
// each node; function literals are analyzed where they run (in place,
// or as a goroutine's body); what cannot be named precisely (an index
// by an expression, a call result other than a getter's) is not
// tracked, as its analyzers report only what they can show.
package mapeffects
