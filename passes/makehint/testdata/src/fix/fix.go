package fix

import "maps"

type Set map[string]struct{}

type User struct {
	ID   int
	Name string
}

func bySliceIndex(users []User) map[int]User {
	m := make(map[int]User) // want `m is filled with len\(users\) entries`
	for i, u := range users {
		m[i] = u
	}
	return m
}

func literal(src map[string]int) map[string]int {
	dst := map[string]int{} // want `dst is filled with len\(src\) entries`
	for k, v := range src {
		dst[k] = v
	}
	return dst
}

func namedLiteral(src map[string]User) Set {
	s := Set{} // want `s is filled with len\(src\) entries`
	for name := range src {
		s[name] = struct{}{}
	}
	return s
}

func trailingComma(xs []string) map[int]string {
	m := make( // want `m is filled with len\(xs\) entries`
		map[int]string,
	)
	for i := range xs {
		m[i] = xs[i]
	}
	return m
}

func parenthesized(xs []string) map[int]string {
	var m = (make(map[int]string)) // want `m is filled with len\(xs\) entries`
	for i := range xs {
		m[i] = xs[i]
	}
	return m
}

func assigned(n int) (m map[int]bool) {
	m = make(map[int]bool) // want `m is filled with n entries`
	for i := 0; i < n; i++ {
		m[i] = i%2 == 0
	}
	return m
}

func counter(n uint16) map[uint16]int {
	m := make(map[uint16]int) // want `m is filled with n entries`
	for i := range n {
		m[i] = int(i)
	}
	return m
}

func constant() map[int]int {
	const size = 4096
	m := make(map[int]int) // want `m is filled with size = 4,096 entries`
	for i := 0; i < size; i++ {
		m[i] = i
	}
	return m
}

func viaCopy(src map[string]int) map[string]int {
	dst := make(map[string]int) // want `dst is filled with len\(src\) entries`
	maps.Copy(dst, src)
	return dst
}

func between(xs []string) map[int]string {
	m := make(map[int]string) // want `m is filled with len\(xs\) entries`
	count := len(xs)
	count++
	for i := range xs {
		m[i] = xs[i]
	}
	_ = count
	return m
}

func fieldOfPointer(s *struct{ items []User }) map[int]User {
	m := make(map[int]User) // want `m is filled with len\(s.items\) entries`
	for i, u := range s.items {
		m[i] = u
	}
	return m
}

// No fix: a call between the make and the loop.
func noFix(xs []string, f func()) map[int]string {
	m := make(map[int]string) // want `make it just before the fill`
	f()
	for i := range xs {
		m[i] = xs[i]
	}
	return m
}

// No fix: len is shadowed where the map is made.
func shadowedLen(xs []string) map[int]string {
	len := 3
	_ = len
	m := make(map[int]string) // want `make it just before the fill`
	for i := range xs {
		m[i] = xs[i]
	}
	return m
}

type Perms struct {
	Allowed map[string]struct{}
}

func (p *Perms) clone() *Perms {
	c := &Perms{}
	if p.Allowed != nil {
		c.Allowed = make(map[string]struct{}) // want `c.Allowed is filled with len\(p.Allowed\) entries`
		for k, v := range p.Allowed {
			c.Allowed[k] = v
		}
	}
	return c
}

type Product struct {
	SKU   string
	Price int
}

func bySKU(products []Product) map[string]Product {
	bySKU := make(map[string]Product) // want `bySKU is filled with up to len\(products\) entries \(keys may repeat\)`
	for _, p := range products {
		bySKU[p.SKU] = p
	}
	return bySKU
}

func lowerSet(names []string) map[string]struct{} {
	seen := map[string]struct{}{} // want `seen is filled with up to len\(names\) entries`
	for _, n := range names {
		seen[lower(n)] = struct{}{}
	}
	return seen
}

func lower(s string) string { return s }

type Column struct{ Name string }

type table struct {
	cols   []Column
	byName map[string]*Column
}

func (c *table) index() {
	c.byName = make(map[string]*Column) // want `c.byName is filled with up to len\(c.cols\) entries`
	for i := range c.cols {
		c.byName[c.cols[i].Name] = &c.cols[i]
	}
}

func computedSlots(n, first, step int) map[int]string {
	slots := map[int]string{} // want `slots is filled with up to n entries`
	for i := 0; i < n; i++ {
		slots[first+i*step] = ""
	}
	return slots
}

// No fix: the elements are loaded between the make and the loop.
func loadedBetween(load func() []Product) map[string]Product {
	m := make(map[string]Product) // want `make it just before the fill, where len\(products\) is known`
	products := load()
	for _, p := range products {
		m[p.SKU] = p
	}
	return m
}
