package a

import (
	"maps"
	"os"
	"slices"
	"sort"
	"strings"
)

// ---- Positives ----

func newKey(m map[int]bool) {
	for k := range m {
		m[k+1] = true // want `^m\[k\+1\] = \.\.\. inserts into m while ranging over it: new entries may or may not be visited, so the loop's result varies between runs; range over a snapshot \(maps.Clone\(m\)\) — about 30 B per entry on Go 1.24\+$`
	}
}

func opAssign(m map[string]int, other string) {
	for k, v := range m {
		_ = k
		m[other] += v // want `m\[other\] \+= \.\.\. inserts into m`
	}
}

func incDec(m map[string]int) {
	for k := range m {
		m[k+"!"]++ // want `m\[k\+"!"\]\+\+ inserts into m`
	}
}

func reassignedKey(m map[string]int) {
	for k, v := range m {
		k = k + "x"
		m[k] = v // want `inserts into m`
	}
}

func copyInto(m, src map[string]int) {
	for range m {
		maps.Copy(m, src) // want `maps.Copy\(m, src\) inserts into m`
	}
}

func insertInto(m, src map[string]int) {
	for k := range m {
		_ = k
		maps.Insert(m, maps.All(src)) // want `inserts into m`
	}
}

type set struct{ items map[string]bool }

func (s *set) add(k string) { s.items[k] = true }

func (s *set) addLocked(k string) { s.add(k) }

func (s *set) expand() {
	for k := range s.items {
		s.add(k + "/child") // want `s.add\(k \+ "/child"\) may insert into s.items \(add adds keys to it\) while ranging over it`
	}
}

func (s *set) expandTransitive() {
	for k := range s.items {
		s.addLocked(k + "/child") // want `may insert into s.items \(addLocked adds keys to it\)`
	}
}

func put(m map[string]bool, k string) { m[k] = true }

func viaHelper(m map[string]bool) {
	for k := range m {
		put(m, k+"x") // want `put\(m, k\+"x"\) may insert into m`
	}
}

// Worklist that adds to the map it iterates.
func closure(reach map[string]bool, edges map[string][]string) {
	for n := range reach {
		for _, m := range edges[n] {
			if !reach[m] {
				reach[m] = true // want `reach\[m\] = \.\.\. inserts into reach`
			}
		}
	}
}

// Transitive closure over a graph of sets.
func graphClosure(adj map[string]map[string]bool) {
	for u := range adj {
		for v := range adj[u] {
			for w := range adj[v] {
				adj[u][w] = true // want `adj\[u\]\[w\] = \.\.\. inserts into adj\[u\]`
			}
		}
	}
}

// An alias of the map is the same map.
func alias(m map[int]int) {
	same := m
	for k := range m {
		same[k*2] = 1 // want `same\[k\*2\] = \.\.\. inserts into m`
	}
}

// Ranging over the live keys iterator is ranging over the map.
func keysIter(m map[int]int) {
	for k := range maps.Keys(m) {
		m[k+1] = 0 // want `inserts into m`
	}
}

// Insert not followed by an exit on every path: continue goes on.
func conditionalBreak(m map[int]int, stop bool) {
	for k := range m {
		m[k+1] = 1 // want `inserts into m`
		if stop {
			break
		}
	}
}

func continueAfter(m map[int]int) {
	for k := range m {
		if k > 3 {
			m[k+1] = 1 // want `inserts into m`
			continue
		}
	}
}

// A break inside an inner switch leaves only the switch.
func breakSwitch(m map[int]int) {
	for k := range m {
		switch k {
		case 1:
			m[k+1] = 1 // want `inserts into m`
			break
		}
	}
}

// Closure called in the loop.
func calledClosure(m map[int]int) {
	for k := range m {
		func() {
			m[k+1] = 1 // want `inserts into m`
		}()
	}
}

func closureVar(m map[int]int) {
	add := func(k int) { m[k] = 1 }
	for k := range m {
		add(k + 1) // want `add\(k \+ 1\), which runs m\[k\] = \.\.\., inserts into m`
	}
}

// Lookup guard with the wrong polarity: inserts exactly the missing keys.
func insertIfMissing(m map[string]int, alias map[string]string) {
	for k, v := range m {
		canon := alias[k]
		if _, ok := m[canon]; !ok {
			m[canon] = v // want `inserts into m`
		}
	}
}

// Same field of the same receiver, reached through a local alias.
func (s *set) aliasField() {
	items := s.items
	for k := range s.items {
		items[k+"x"] = true // want `inserts into s.items`
	}
}

// Package variable and a function inserting into it.
var registry = map[string]int{}

func register(name string) { registry[name] = len(registry) }

func registerAliases() {
	for name := range registry {
		register(name + "_alias") // want `may insert into registry \(register adds keys to it\)`
	}
}

// A generic map.
func generic[M ~map[K]V, K comparable, V any](m M, k2 K, v V) {
	for range m {
		m[k2] = v // want `m\[k2\] = \.\.\. inserts into m while ranging over it: new entries may or may not be visited, so the loop's result varies between runs; range over a snapshot \(maps.Clone\(m\)\)$`
	}
}

// Two inserts: one report, at the first.
func twoInserts(m map[int]int) {
	for k := range m {
		m[k+1] = 1 // want `inserts into m .*\(and 1 more insert in this loop\)`
		m[k+2] = 2
	}
}

// ---- Negatives ----

func deleteDuringRange(m map[int]int) {
	for k := range m {
		if k%2 == 0 {
			delete(m, k)
		}
		delete(m, k+1)
	}
}

func clearDuringRange(m map[int]int) {
	for k := range m {
		if k > 10 {
			clear(m)
		}
	}
}

func currentKey(m map[string]int) {
	for k, v := range m {
		m[k] = v * 2
		m[k] += 1
		m[k]++
	}
}

func currentKeyAlias(m map[string]int) {
	for k := range m {
		key := k
		m[key] = 0
		again := key
		m[again]--
	}
}

func nestedSameMap(m map[string]int) {
	for a := range m {
		for b := range m {
			m[b] = m[a]
		}
	}
}

func otherMap(m, out map[string]int) {
	for k, v := range m {
		out[k+"x"] = v
	}
}

func insertThenBreak(m map[int]int) {
	for k := range m {
		if k > 5 {
			m[k+1] = 1
			break
		}
	}
}

func insertThenReturn(m map[int]int) int {
	for k := range m {
		if k > 5 {
			m[k+1] = 1
			return k
		}
	}
	return 0
}

func insertThenPanic(m map[int]int) {
	for k := range m {
		m[k+1] = 1
		panic("unreachable")
	}
}

func insertThenExit(m map[int]int) {
	for k := range m {
		m[k+1] = 1
		os.Exit(1)
	}
}

func insertThenIfElseReturn(m map[int]int, c bool) int {
	for k := range m {
		m[k+1] = 1
		if c {
			return 1
		} else {
			return 2
		}
	}
	return 0
}

func labeledBreak(m map[int]int, xs []int) {
outer:
	for k := range m {
		for _, x := range xs {
			if x == k {
				m[k+x] = 1
				break outer
			}
		}
	}
}

func gotoOut(m map[int]int) {
	for k := range m {
		m[k+1] = 1
		goto done
	}
done:
}

// Insert in an inner loop, then an unconditional break of the range.
func innerLoopThenBreak(m map[int]int, xs []int) {
	for range m {
		for _, x := range xs {
			m[x] = 1
		}
		break
	}
}

func snapshotClone(m map[int]int) {
	for k := range maps.Clone(m) {
		m[k+1] = 1
	}
}

func snapshotKeys(m map[int]int) {
	for _, k := range slices.Collect(maps.Keys(m)) {
		m[k+1] = 1
	}
}

func snapshotSlice(m map[int]int) {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	for _, k := range keys {
		m[k+1] = 1
	}
}

func reassignedMap(m map[int]int) {
	for k := range m {
		m = make(map[int]int)
		m[k+1] = 1
	}
}

func rebuild(s *set) {
	old := s.items
	s.items = make(map[string]bool)
	for k := range old {
		s.items[k+"x"] = true
	}
}

func (s *set) reassignedField() {
	for k := range s.items {
		s.items = map[string]bool{}
		s.items[k+"x"] = true
	}
}

func otherReceiver(a, b *set) {
	for k := range a.items {
		b.items[k+"x"] = true
		b.add(k + "y")
	}
}

type pair struct {
	left, right map[string]int
}

func otherField(p *pair) {
	for k, v := range p.left {
		p.right[k+"x"] = v
	}
}

func uncalledClosure(m map[int]int) []func() {
	var fs []func()
	for k := range m {
		fs = append(fs, func() { m[k+1] = 1 })
	}
	return fs
}

func goroutine(m map[int]int, done chan bool) {
	for k := range m {
		go func() {
			m[k+1] = 1
			done <- true
		}()
	}
}

func deferred(m map[int]int) {
	for k := range m {
		defer func() { m[k+1] = 1 }()
	}
}

func presentGuard(m map[string]int, alias map[string]string) {
	for k, v := range m {
		canon := alias[k]
		if _, ok := m[canon]; ok {
			m[canon] += v
		}
		if old, ok := m[canon]; ok && old > 0 {
			m[canon] = old + v
		}
	}
}

func presentGuardContinue(m map[string]int, alias map[string]string) {
	for k, v := range m {
		canon := alias[k]
		_, ok := m[canon]
		if !ok {
			continue
		}
		m[canon] += v
	}
}

func currentKeyCall(s *set) {
	for k := range s.items {
		s.add(k)
	}
}

// Fixed point: the outer loop repeats until a pass inserts nothing.
func fixpoint(reach map[string]bool, edges map[string][]string) {
	for changed := true; changed; {
		changed = false
		for n := range reach {
			for _, m := range edges[n] {
				if !reach[m] {
					reach[m] = true
					changed = true
				}
			}
		}
	}
}

func fixpointLen(reach map[string]bool, edges map[string][]string) {
	for {
		before := len(reach)
		for n := range reach {
			for _, m := range edges[n] {
				reach[m] = true
			}
		}
		if len(reach) == before {
			break
		}
	}
}

// Lazy initialisation in a method does not make it replace the map.
type lazy struct{ m map[string]int }

func (l *lazy) set(k string, v int) {
	if l.m == nil {
		l.m = make(map[string]int)
	}
	l.m[k] = v
}

func (l *lazy) touchAll() {
	for k, v := range l.m {
		l.set(k, v+1)
	}
}

func (l *lazy) renameAll() {
	for k, v := range l.m {
		l.set(k+"2", v) // want `l.set\(k\+"2", v\) may insert into l.m \(set adds keys to it\)`
	}
}

// A method that resets the field: the loop then inserts into a new map.
func (l *lazy) reset() { l.m = map[string]int{} }

func (l *lazy) resetAndRefill() {
	for k := range l.m {
		l.reset()
		l.set(k+"2", 1)
	}
}

// The map reached through a call result cannot be tracked: silent.
func (s *set) get() map[string]bool { return s.items }

func viaCallResult(s *set) {
	for k := range s.get() {
		s.get()[k+"x"] = true
	}
}

// Address taken: anything may replace the map.
func addressTaken(m map[int]int, f func(*map[int]int)) {
	for k := range m {
		f(&m)
		m[k+1] = 1
	}
}

// Renaming keys in place with an idempotent normaliser: a visited new
// entry maps to itself.
func normalize(m map[string]struct{}) {
	for k := range m {
		upper := strings.ToUpper(k)
		if upper != k {
			delete(m, k)
			m[upper] = struct{}{}
		}
	}
	for k, v := range m {
		delete(m, k)
		m[strings.TrimSpace(k)] = v
	}
}

// A normaliser that is not idempotent chases its own inserts.
func prefixAll(m map[string]int) {
	for k, v := range m {
		delete(m, k)
		m["x/"+k] = v // want `inserts into m`
	}
}

// A map type whose methods insert into the receiver itself.
type stringSet map[string]struct{}

func (s stringSet) Add(k string) { s[k] = struct{}{} }

func (s stringSet) withPlurals() {
	for k := range s {
		s.Add(k + "s") // want `s.Add\(k \+ "s"\) may insert into s \(Add adds keys to it\)`
	}
}

func (s stringSet) copyTo(other stringSet) {
	for k := range s {
		other.Add(k + "s")
		s.Add(k)
	}
}

// A generic helper.
func setKey[K comparable, V any](m map[K]V, k K, v V) { m[k] = v }

func genericHelper(m map[int]string) {
	for k, v := range m {
		setKey(m, k, v+"!")
		setKey(m, -k, v) // want `setKey\(m, -k, v\) may insert into m \(setKey adds keys to it\)`
	}
}

// A callee whose inserted key we cannot name, passed the visited key:
// it most likely inserts that key, which the map holds.
type graph struct{ nodes map[string]int }

func (g *graph) node(name string) int {
	name = strings.TrimSpace(name)
	if n, ok := g.nodes[name]; ok {
		return n
	}
	g.nodes[name] = len(g.nodes)
	return g.nodes[name]
}

func (g *graph) touchAll() {
	for name := range g.nodes {
		g.node(name)
	}
	for name := range g.nodes {
		g.node(name + ".test") // want `g.node\(name \+ ".test"\) may insert into g.nodes`
	}
}

// Expansions: a helper passed the visited key that inserts other keys,
// the roles a role includes.
type roles struct {
	grants   map[string][]string
	includes map[string][]string
}

func (r *roles) expand(role string) {
	for _, inc := range r.includes[role] {
		r.grants[inc] = append(r.grants[inc], r.grants[role]...)
	}
}

func (r *roles) expandAll() {
	for role := range r.grants {
		r.expand(role) // want `r.expand\(role\) may insert into r.grants \(expand adds keys to it other than the visited key it is passed\)`
	}
}

// The dependencies of a node add nodes.
type depGraph struct {
	nodes map[string][]string
}

func (g *depGraph) addDeps(name string) {
	for _, d := range g.nodes[name] {
		if _, ok := g.nodes[d]; !ok {
			g.nodes[d] = nil
		}
	}
}

func (g *depGraph) closeOver() {
	for name := range g.nodes {
		g.addDeps(name) // want `g.addDeps\(name\) may insert into g.nodes \(addDeps adds keys to it other than`
	}
}

// A helper that walks from its argument to other keys in a loop.
func (g *depGraph) addParents(name string) {
	for name != "" {
		name = parent(name)
		g.nodes[name] = nil
	}
}

func parent(name string) string { return strings.TrimSuffix(name, "/x") }

func (g *depGraph) withParents() {
	for name := range g.nodes {
		g.addParents(name) // want `g.addParents\(name\) may insert into g.nodes`
	}
}

// A helper that inserts its key parameter, normalised in place first:
// passed the visited key, it writes that key.
func (g *depGraph) touch(name string) {
	name = strings.TrimSpace(name)
	g.nodes[name] = append(g.nodes[name], "touched")
}

func (g *depGraph) touchAll() {
	for name := range g.nodes {
		g.touch(name)
	}
}

// staticcheck's unused: for obj := range g.objects { g.use(obj, nil) }.
// use inserts both its arguments through node, which returns first for
// nil and normalises obj in place: the visited obj is written, and
// nothing for nil.
type object interface{ Origin() object }

type objGraph struct{ objects map[object]int }

func origin(obj object) object { return obj.Origin() }

func (g *objGraph) newNode(obj object) int {
	id := len(g.objects)
	g.objects[obj] = id
	return id
}

func (g *objGraph) node(obj object) int {
	if obj == nil {
		return 0
	}
	obj = origin(obj)
	if n, ok := g.objects[obj]; ok {
		return n
	}
	return g.newNode(obj)
}

func (g *objGraph) use(used, by object) {
	g.node(used)
	g.node(by)
}

func (g *objGraph) useAll(root object) {
	for obj := range g.objects {
		g.use(obj, nil)
	}
	for obj := range g.objects {
		g.use(obj, root) // want `g.use\(obj, root\) may insert into g.objects \(use adds keys to it\)`
	}
}

// Without the nil check, node(nil) inserts the key nil.
type looseGraph struct{ objects map[object]int }

func (g *looseGraph) node(obj object) {
	if _, ok := g.objects[obj]; !ok {
		g.objects[obj] = len(g.objects)
	}
}

func (g *looseGraph) use(used, by object) {
	g.node(used)
	g.node(by)
}

func (g *looseGraph) useAll() {
	for obj := range g.objects {
		g.use(obj, nil) // want `g.use\(obj, nil\) may insert into g.objects`
	}
}

// A helper that inserts its key parameter and another key: the other key
// is new.
func (g *depGraph) addWithParent(name string) {
	g.nodes[name] = nil
	g.nodes[parent(name)] = nil
}

func (g *depGraph) withParent() {
	for name := range g.nodes {
		g.addWithParent(name) // want `g.addWithParent\(name\) may insert into g.nodes \(addWithParent adds keys to it other than the visited key it is passed\)`
	}
}
