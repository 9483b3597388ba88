package a

import (
	"maps"
	"strings"

	"b"
)

type User struct {
	ID   int
	Name string
}

// ---- reported ----

func bySliceIndex(xs []string) map[int]string {
	m := make(map[int]string) // want `^m is filled with len\(xs\) entries without a size hint: use make\(map\[int\]string, len\(xs\)\) to allocate its table once; without it, at 10,000 entries \(a representative size\), it grows \d+ times while filling and allocates \d\.\dx the bytes \(.* vs .* hinted, swiss\)$`
	for i, x := range xs {
		m[i] = x
	}
	return m
}

func straightLineBody(users []User) map[int]string {
	names := make(map[int]string) // want `names is filled with len\(users\) entries`
	for i, u := range users {
		name := strings.ToUpper(u.Name)
		var suffix string
		names[i] = name + suffix
	}
	return names
}

func copyLoop(src map[string]int) map[string]int {
	dst := make(map[string]int) // want `dst is filled with len\(src\) entries`
	for k, v := range src {
		dst[k] = v
	}
	return dst
}

func keySet(src map[string]User) map[string]struct{} {
	set := map[string]struct{}{} // want `set is filled with len\(src\) entries`
	for k := range src {
		set[k] = struct{}{}
	}
	return set
}

func overArray(arr [100]User) map[int]User {
	m := make(map[int]User) // want `m is filled with len\(arr\) = 100 entries without a size hint: use make\(map\[int\]User, len\(arr\)\) to allocate its table once; without it, at its 100 entries, it grows \d+ times`
	for i := range arr {
		m[i] = arr[i]
	}
	return m
}

func overArrayPointer(p *[64]int) map[int]bool {
	m := make(map[int]bool) // want `m is filled with len\(p\) = 64 entries`
	for i := range p {
		m[i] = true
	}
	return m
}

func overString(s string) map[int]rune {
	m := make(map[int]rune) // want `m is filled with up to len\(s\) entries \(one per rune\)`
	for i, r := range s {
		m[i] = r
	}
	return m
}

func rangeInt(n int) map[int]int {
	m := make(map[int]int) // want `m is filled with n entries without a size hint: use make\(map\[int\]int, n\) to allocate its table once; without it, at 10,000 entries \(a representative size\),`
	for i := range n {
		m[i] = i * i
	}
	return m
}

func rangeConst() map[int]int {
	m := make(map[int]int) // want `m is filled with 1,000 entries without a size hint: use make\(map\[int\]int, 1000\) to allocate its table once; without it, at its 1,000 entries,`
	for i := range 1000 {
		m[i] = i * i
	}
	return m
}

const width = 500

func rangeNamedConst() map[int]int {
	m := make(map[int]int) // want `m is filled with width = 500 entries`
	for i := range width {
		m[i] = i
	}
	return m
}

func counted(n int) map[int]int {
	m := make(map[int]int) // want `m is filled with n entries`
	for i := 0; i < n; i++ {
		m[i] = 2 * i
	}
	return m
}

func countedLen(xs []float64) map[int]float64 {
	m := make(map[int]float64) // want `m is filled with len\(xs\) entries`
	for i := 0; i < len(xs); i++ {
		m[i] = xs[i]
	}
	return m
}

func varDecl(xs []string) map[int]string {
	var m = make(map[int]string) // want `m is filled with len\(xs\) entries`
	for i := range xs {
		m[i] = xs[i]
	}
	return m
}

func namedResult(xs []string) (m map[int]string, err error) {
	m = make(map[int]string) // want `m is filled with len\(xs\) entries`
	for i := range xs {
		m[i] = xs[i]
	}
	return m, nil
}

func mapsCopy(src map[string]int) map[string]int {
	dst := make(map[string]int) // want `dst is filled with len\(src\) entries`
	maps.Copy(dst, src)
	return dst
}

func widenedKey(xs []string) map[int64]string {
	m := make(map[int64]string) // want `m is filled with len\(xs\) entries`
	for i, x := range xs {
		m[int64(i)] = x
	}
	return m
}

func labeled(xs []string) map[int]string {
	m := make(map[int]string) // want `m is filled with len\(xs\) entries`
outer:
	for i := range xs {
		m[i] = xs[i]
	}
	_ = 0
	goto outer
}

type registry struct {
	items map[string]User
}

func fieldTarget(r *registry, src map[string]User) {
	r.items = make(map[string]User) // want `r.items is filled with len\(src\) entries`
	for k, v := range src {
		r.items[k] = v
	}
}

func nestedFieldTarget(w *wrapper, src map[string]User) *wrapper {
	w.reg.items = map[string]User{} // want `w.reg.items is filled with len\(src\) entries`
	for k, v := range src {
		w.reg.items[k] = User{ID: v.ID, Name: strings.TrimSpace(v.Name)}
	}
	return w
}

func fieldRange(r *registry) map[string]User {
	m := make(map[string]User) // want `m is filled with len\(r.items\) entries`
	for k, v := range r.items {
		m[k] = v
	}
	return m
}

func perIteration(groups [][]string) []map[int]string {
	var out []map[int]string
	for _, g := range groups {
		m := make(map[int]string) // want `m is filled with len\(g\) entries`
		for i, s := range g {
			m[i] = s
		}
		out = append(out, m)
	}
	return out
}

func inSwitch(kind int, xs []string) map[int]string {
	switch kind {
	case 1:
		m := make(map[int]string) // want `m is filled with len\(xs\) entries`
		for i := range xs {
			m[i] = xs[i]
		}
		return m
	}
	return nil
}

func closureBody(xs []string) func() map[int]string {
	return func() map[int]string {
		m := make(map[int]string) // want `m is filled with len\(xs\) entries`
		for i := range xs {
			m[i] = xs[i]
		}
		return m
	}
}

// The body may compute the value with conditions and loops of its own,
// as long as nothing ends the iteration before the insert.
func deepClone(src map[string][]*User) map[string][]*User {
	m := make(map[string][]*User) // want `m is filled with len\(src\) entries`
	for k, v := range src {
		users := make([]*User, 0, len(v))
		for _, u := range v {
			if u == nil {
				continue
			}
			c := *u
			users = append(users, &c)
		}
		m[k] = users
	}
	return m
}

func switchInBody(xs []int) map[int]string {
	m := make(map[int]string) // want `m is filled with len\(xs\) entries`
	for i := range xs {
		s := "zero"
		switch {
		case xs[i] > 0:
			s = "positive"
			break
		case xs[i] < 0:
			s = "negative"
		}
		m[i] = s
	}
	return m
}

// Every branch inserts once: a nil check in a clone, not a filter.
func ifElseBothInsert(src map[string]*User) map[string]*User {
	m := make(map[string]*User) // want `m is filled with len\(src\) entries`
	for k, v := range src {
		if v != nil {
			c := *v
			m[k] = &c
		} else if k == "" {
			m[k] = &User{}
		} else {
			m[k] = nil
		}
	}
	return m
}

// Statements between the make and the loop that call nothing and leave
// xs alone: the hint is valid at the make.
func betweenSimple(xs []string) map[int]string {
	m := make(map[int]string) // want `m is filled with len\(xs\) entries without a size hint: .*swiss\)$`
	total := 0
	total += len(xs)
	for i := range xs {
		m[i] = xs[i]
	}
	_ = total
	return m
}

// A call between the make and the loop might change r.items: reported,
// without a fix, advising to make the map just before the loop.
func betweenCall(r *registry, log func(string)) map[string]User {
	m := make(map[string]User) // want `m is filled with len\(r.items\) entries without a size hint: make it just before the fill, where len\(r.items\) is known, with make\(map\[string\]User, len\(r.items\)\), to allocate its table once; without it, at 10,000`
	log("copying")
	for k, v := range r.items {
		m[k] = v
	}
	return m
}

// The ranged slice is declared after the make.
func declaredAfter(load func() []string) map[int]string {
	m := make(map[int]string) // want `: make it just before the fill, where len\(xs\) is known, with make\(map\[int\]string, len\(xs\)\),`
	xs := load()
	for i := range xs {
		m[i] = xs[i]
	}
	return m
}

// A guard between the make and the loop: len(p.items) at the make would
// dereference a nil p.
func guardBetween(p *registry) map[string]User {
	m := make(map[string]User) // want `: make it just before the fill, where len\(p.items\) is known`
	if p == nil {
		return nil
	}
	for k, v := range p.items {
		m[k] = v
	}
	return m
}

// Keys taken from the elements may repeat: len(xs) is an upper bound,
// which is what a hint is for (the Go standard library writes it so).
func keyFromValue(xs []string) map[string]bool {
	m := make(map[string]bool) // want `m is filled with up to len\(xs\) entries \(keys may repeat\) without a size hint: use make\(map\[string\]bool, len\(xs\)\)`
	for _, x := range xs {
		m[x] = true
	}
	return m
}

func keyFromField(users []User) map[int]User {
	m := make(map[int]User) // want `m is filled with up to len\(users\) entries \(keys may repeat\)`
	for _, u := range users {
		m[u.ID] = u
	}
	return m
}

func invert(src map[string]int) map[int]string {
	m := make(map[int]string) // want `m is filled with up to len\(src\) entries \(keys may repeat\)`
	for k, v := range src {
		m[v] = k
	}
	return m
}

func blankKey(xs []string) map[string]bool {
	m := make(map[string]bool) // want `m is filled with up to len\(xs\) entries \(keys may repeat\)`
	for _, x := range xs {
		m[x] = true
	}
	return m
}

func noKey(xs []string) map[int]string {
	m := make(map[int]string) // want `m is filled with up to len\(xs\) entries \(keys may repeat\)`
	n := 0
	for range xs {
		m[n] = "x"
		n++
	}
	return m
}

func narrowedKey(xs []string) map[int8]string {
	m := make(map[int8]string) // want `m is filled with up to len\(xs\) entries \(keys may repeat\)`
	for i, x := range xs {
		m[int8(i)] = x
	}
	return m
}

func keyComputed(xs []string) map[int]string {
	m := make(map[int]string) // want `m is filled with up to len\(xs\) entries \(keys may repeat\)`
	for i, x := range xs {
		m[i/2] = x
	}
	return m
}

// Any key the loop changes from one iteration to the next is a fill, up
// to the count.
func keyReassigned(xs []string) map[int]string {
	m := make(map[int]string) // want `m is filled with up to len\(xs\) entries \(keys may repeat\)`
	for i, x := range xs {
		i = 0
		m[i] = x
	}
	return m
}

// The range evaluates xs once, before the loop: appending to it in the
// body does not change the count.
func rangeModified(xs []string) map[int]string {
	m := make(map[int]string) // want `m is filled with len\(xs\) entries without a size hint`
	for i := range xs {
		m[i] = xs[i]
		xs = append(xs, "more")
	}
	return m
}

// ---- the everyday fills: keys from the elements ----

type Product struct {
	SKU   string
	Price int
}

func bySKU(products []Product) map[string]Product {
	bySKU := make(map[string]Product) // want `^bySKU is filled with up to len\(products\) entries \(keys may repeat\) without a size hint: use make\(map\[string\]Product, len\(products\)\) to allocate its table once; without it, at 10,000 entries \(a representative size\), it grows \d+ times while filling and allocates \d\.\dx the bytes \(.* hinted, swiss\)$`
	for _, p := range products {
		bySKU[p.SKU] = p
	}
	return bySKU
}

func lowerSet(names []string) map[string]struct{} {
	seen := map[string]struct{}{} // want `seen is filled with up to len\(names\) entries \(keys may repeat\)`
	for _, n := range names {
		seen[strings.ToLower(n)] = struct{}{}
	}
	return seen
}

type Column struct{ Name string }

type table struct {
	cols   []Column
	byName map[string]*Column
}

// The field is filled from another field of the same struct: c.cols is
// not the map.
func (c *table) index() {
	c.byName = make(map[string]*Column) // want `c.byName is filled with up to len\(c.cols\) entries \(keys may repeat\)`
	for i := range c.cols {
		c.byName[c.cols[i].Name] = &c.cols[i]
	}
}

func computedSlots(n, first, step int) map[int]string {
	slots := map[int]string{} // want `slots is filled with up to n entries \(keys may repeat\)`
	for i := 0; i < n; i++ {
		slots[first+i*step] = ""
	}
	return slots
}

func keyFromCall(ids []int, name func(int) string) map[string]int {
	m := make(map[string]int) // want `m is filled with up to len\(ids\) entries \(keys may repeat\)`
	for _, id := range ids {
		m[name(id)] = id
	}
	return m
}

func overArrayByValue(arr [100]Product) map[string]int {
	m := make(map[string]int) // want `m is filled with up to len\(arr\) = 100 entries \(keys may repeat\) without a size hint: use make\(map\[string\]int, len\(arr\)\) to allocate its table once; without it, at 100 entries, it grows`
	for _, p := range arr {
		m[p.SKU] = p.Price
	}
	return m
}

// A counter the body advances once per iteration is a key like any other.
func counterKey(xs []string, next func() int) map[int]string {
	m := make(map[int]string) // want `m is filled with up to len\(xs\) entries`
	for _, x := range xs {
		m[next()] = x
	}
	return m
}

// ---- not reported: repetition is the point ----

func sumByKey(items []Product) map[string]int {
	m := make(map[string]int)
	for _, p := range items {
		m[p.SKU] += p.Price
	}
	return m
}

func groupBySKU(items []Product) map[string][]Product {
	m := make(map[string][]Product)
	for _, p := range items {
		m[p.SKU] = append(m[p.SKU], p)
	}
	return m
}

func dedupFirst(items []Product) map[string]Product {
	m := make(map[string]Product)
	for _, p := range items {
		if _, ok := m[p.SKU]; !ok {
			m[p.SKU] = p
		}
	}
	return m
}

func dedupBool(names []string) map[string]bool {
	seen := make(map[string]bool)
	for _, n := range names {
		if !seen[n] {
			seen[n] = true
		}
	}
	return seen
}

func rejectDuplicates(items []Product) (map[string]Product, bool) {
	m := make(map[string]Product)
	for _, p := range items {
		if _, dup := m[p.SKU]; dup {
			return nil, false
		}
		m[p.SKU] = p
	}
	return m, true
}

func conditionalByField(items []Product) map[string]Product {
	m := make(map[string]Product)
	for _, p := range items {
		if p.Price > 0 {
			m[p.SKU] = p
		}
	}
	return m
}

func innerLoopByField(groups [][]Product) map[string]Product {
	m := make(map[string]Product)
	for _, g := range groups {
		for _, p := range g {
			m[p.SKU] = p
		}
	}
	return m
}

type scanner interface {
	Scan() bool
	Text() string
}

func overScanner(sc scanner) map[string]bool {
	m := make(map[string]bool)
	for sc.Scan() {
		m[sc.Text()] = true
	}
	return m
}

func overChannelByField(ch chan Product) map[string]Product {
	m := make(map[string]Product)
	for p := range ch {
		m[p.SKU] = p
	}
	return m
}

// The same key every iteration: the map ends with one entry.
func constantKey(xs []string) map[string]string {
	m := make(map[string]string)
	for _, x := range xs {
		m["last"] = x
	}
	return m
}

func invariantKey(xs []string, name string) map[string]string {
	m := make(map[string]string)
	for _, x := range xs {
		m[name] = x
	}
	return m
}

// Ranging over a map the body deletes from changes the count.
func fieldRangeDeletes(c *table, src map[string]*Column) {
	c.byName = make(map[string]*Column)
	for k, v := range src {
		c.byName[k] = v
		delete(src, k)
	}
}

// The body passes the struct whole: whatever it calls may see the map.
func (c *table) indexAndLog(log func(*table)) {
	c.byName = make(map[string]*Column)
	for i := range c.cols {
		c.byName[c.cols[i].Name] = &c.cols[i]
		log(c)
	}
}

// ---- not reported ----

func counting(words []string) map[string]int {
	m := make(map[string]int)
	for _, w := range words {
		m[w]++
	}
	return m
}

func countingByIndex(xs []string) map[int]int {
	m := make(map[int]int)
	for i := range xs {
		m[i]++
	}
	return m
}

func grouping(src map[string][]int) map[string][]int {
	m := make(map[string][]int)
	for k, v := range src {
		m[k] = append(m[k], v...)
	}
	return m
}

func usesMapInValue(xs []string) map[int]int {
	m := make(map[int]int)
	for i := range xs {
		m[i] = len(m)
	}
	return m
}

func conditional(xs []string) map[int]string {
	m := make(map[int]string)
	for i, x := range xs {
		if x != "" {
			m[i] = x
		}
	}
	return m
}

func continueBefore(xs []string) map[int]string {
	m := make(map[int]string)
	for i, x := range xs {
		if x == "" {
			continue
		}
		m[i] = x
	}
	return m
}

func breakBefore(xs []string) map[int]string {
	m := make(map[int]string)
	for i, x := range xs {
		if x == "" {
			break
		}
		m[i] = x
	}
	return m
}

func returnBefore(xs []string) (map[int]string, bool) {
	m := make(map[int]string)
	for i, x := range xs {
		if x == "" {
			return nil, false
		}
		m[i] = x
	}
	return m, true
}

func gotoBefore(xs []string) map[int]string {
	m := make(map[int]string)
	for i, x := range xs {
		if x == "" {
			goto done
		}
		m[i] = x
	}
done:
	return m
}

func twoInserts(xs []string) map[int]string {
	m := make(map[int]string)
	for i, x := range xs {
		m[i] = x
		m[-i-1] = x
	}
	return m
}

func overChannel(ch chan int) map[int]bool {
	m := make(map[int]bool)
	for v := range ch {
		m[v] = true
	}
	return m
}

func overIterator(seq func(func(int, string) bool)) map[int]string {
	m := make(map[int]string)
	for k, v := range seq {
		m[k] = v
	}
	return m
}

func overSeq(s string) map[int]string {
	m := make(map[int]string)
	for i, f := range strings.Fields(s) {
		m[i] = f
	}
	return m
}

func nestedInsert(rows [][]string) map[int]string {
	m := make(map[int]string)
	for i, row := range rows {
		for _, cell := range row {
			m[i] = cell
		}
	}
	return m
}

func nestedLoopOutside(rows [][]string) map[int]string {
	m := make(map[int]string)
	for _, row := range rows {
		for i := range row {
			m[i] = row[i]
		}
	}
	return m
}

func readBefore(xs []string) map[int]string {
	m := make(map[int]string)
	_ = len(m)
	for i := range xs {
		m[i] = xs[i]
	}
	return m
}

var sink map[int]string

func escapesBefore(xs []string) map[int]string {
	m := make(map[int]string)
	sink = m
	for i := range xs {
		m[i] = xs[i]
	}
	return m
}

func passedBefore(xs []string, use func(map[int]string)) map[int]string {
	m := make(map[int]string)
	use(m)
	for i := range xs {
		m[i] = xs[i]
	}
	return m
}

func alreadyHinted(xs []string) map[int]string {
	m := make(map[int]string, len(xs))
	for i := range xs {
		m[i] = xs[i]
	}
	return m
}

func literalWithEntries(xs []string) map[int]string {
	m := map[int]string{-1: "none"}
	for i := range xs {
		m[i] = xs[i]
	}
	return m
}

func deletesFromSource(src map[string]int) map[string]int {
	m := make(map[string]int)
	for k, v := range src {
		m[k] = v
		delete(src, k)
	}
	return m
}

func countedFromOne(n int) map[int]int {
	m := make(map[int]int)
	for i := 1; i < n; i++ {
		m[i] = i
	}
	return m
}

func countedLessEqual(n int) map[int]int {
	m := make(map[int]int)
	for i := 0; i <= n; i++ {
		m[i] = i
	}
	return m
}

func countedStride(n int) map[int]int {
	m := make(map[int]int)
	for i := 0; i < n; i += 2 {
		m[i] = i
	}
	return m
}

func countedBoundChanges(n int) map[int]int {
	m := make(map[int]int)
	for i := 0; i < n; i++ {
		m[i] = i
		n--
	}
	return m
}

func counterChanges(n int) map[int]int {
	m := make(map[int]int)
	for i := 0; i < n; i++ {
		m[i] = i
		i++
	}
	return m
}

func countedCall(items func() int) map[int]int {
	m := make(map[int]int)
	for i := 0; i < items(); i++ {
		m[i] = i
	}
	return m
}

func tooSmallToMatter() map[int]string {
	m := make(map[int]string)
	for i := range 8 {
		m[i] = "x"
	}
	return m
}

func smallArray(arr [4]string) map[int]string {
	m := make(map[int]string)
	for i := range arr {
		m[i] = arr[i]
	}
	return m
}

var global map[int]string

func packageLevel(xs []string) {
	global = make(map[int]string)
	for i := range xs {
		global[i] = xs[i]
	}
}

func (r *registry) touch() {}

type wrapper struct{ reg registry }

var globalRegistry registry

func fieldRangeSameVar(r *registry) {
	r.items = make(map[string]User)
	for k, v := range r.items { // ranges the new, empty map
		r.items[k] = v
	}
}

func fieldBodyUsesRoot(r *registry, src map[string]User) {
	r.items = make(map[string]User)
	for k, v := range src {
		r.items[k] = v
		r.touch()
	}
}

func fieldBetweenUsesRoot(r *registry, src map[string]User) {
	r.items = make(map[string]User)
	r.touch()
	for k, v := range src {
		r.items[k] = v
	}
}

func fieldOfPackageVar(src map[string]User) {
	globalRegistry.items = make(map[string]User)
	for k, v := range src {
		globalRegistry.items[k] = v
	}
}

func fieldOtherChain(w *wrapper, r *registry, src map[string]User) {
	w.reg.items = make(map[string]User)
	for k, v := range src {
		r.items[k] = v
	}
}

func capturedByClosure(xs []string) map[int]string {
	var m map[int]string
	peek := func() int { return len(m) }
	m = make(map[int]string)
	for i := range xs {
		m[i] = xs[i]
		_ = peek()
	}
	return m
}

func addressTaken(xs []string, fill func(*map[int]string)) map[int]string {
	var m map[int]string
	fill(&m)
	m = make(map[int]string)
	for i := range xs {
		m[i] = xs[i]
	}
	return m
}

func shadowedInBody(xs []string) map[int]string {
	m := make(map[int]string)
	for i := range xs {
		m := map[int]string{}
		m[i] = xs[i]
	}
	return m
}

func usedAfterOnly(xs []string) map[int]string {
	m := make(map[int]string)
	return m
}

func deferInsertLater(xs []string) map[int]string {
	m := make(map[int]string)
	for i := range xs {
		defer func() { m[i] = xs[i] }()
	}
	return m
}

func compoundAssign(xs []int) map[int]int {
	m := make(map[int]int)
	for i := range xs {
		m[i] += xs[i]
	}
	return m
}

func ifElseOnlyOneInserts(src map[string]*User) map[string]*User {
	m := make(map[string]*User)
	for k, v := range src {
		if v != nil {
			m[k] = v
		} else {
			v = &User{}
		}
	}
	return m
}

func ifElseInsertsTwice(src map[string]*User) map[string]*User {
	m := make(map[string]*User)
	for k, v := range src {
		if v != nil {
			m[k] = v
			m[k] = v
		} else {
			m[k] = nil
		}
	}
	return m
}

func ifElseConditionReadsMap(src map[string]*User) map[string]*User {
	m := make(map[string]*User)
	for k, v := range src {
		if len(m) > 0 {
			m[k] = v
		} else {
			m[k] = nil
		}
	}
	return m
}

func innerLoopReturns(src map[string][]int) map[string][]int {
	m := make(map[string][]int)
	for k, v := range src {
		for _, x := range v {
			if x < 0 {
				return nil
			}
		}
		m[k] = v
	}
	return m
}

func innerLoopContinuesOuter(src map[string][]int) map[string][]int {
	m := make(map[string][]int)
outer:
	for k, v := range src {
		for _, x := range v {
			if x < 0 {
				continue outer
			}
		}
		m[k] = v
	}
	return m
}

func switchBreaksLoop(src map[string]int) map[string]int {
	m := make(map[string]int)
	for k, v := range src {
		if v < 0 {
			break
		}
		m[k] = v
	}
	return m
}

func selectContinues(src map[string]int, done chan struct{}) map[string]int {
	m := make(map[string]int)
	for k, v := range src {
		select {
		case <-done:
			continue
		default:
		}
		m[k] = v
	}
	return m
}

func otherPackageVar(xs []string) {
	b.Names = make(map[int]string)
	for i := range xs {
		b.Names[i] = xs[i]
	}
}

func otherPackageField(xs []string) {
	b.Default.Items = make(map[int]string)
	for i := range xs {
		b.Default.Items[i] = xs[i]
	}
}

func overRunes(s string) map[int]rune {
	m := make(map[int]rune)
	for i, r := range []rune(s) {
		m[i] = r
	}
	return m
}

// Nine entries outgrow the first group: the smallest count reported.
func justLargeEnough() map[int]string {
	m := make(map[int]string) // want `m is filled with 9 entries without a size hint: use make\(map\[int\]string, 9\) to allocate its table once; without it, at its 9 entries, it grows once while filling`
	for i := range 9 {
		m[i] = "x"
	}
	return m
}
