// Package helper inserts into maps it is handed; package user ranges
// over maps and calls it, and learns what it does only through facts.
package helper

// Put inserts k into m.
func Put(m map[string]int, k string, v int) {
	m[k] = v
}

// PutAll inserts every key of src into m, through Put.
func PutAll(m, src map[string]int) {
	for k, v := range src {
		Put(m, k, v)
	}
}

// Update changes the value of a key m already holds.
func Update(m map[string]int, k string, v int) {
	if _, ok := m[k]; ok {
		m[k] = v
	}
}

// Index is a set of names.
type Index struct {
	Names map[string]bool
	other map[string]bool
}

// Add inserts name into the index.
func (ix *Index) Add(name string) {
	if ix.Names == nil {
		ix.Names = make(map[string]bool)
	}
	ix.Names[name] = true
}

// AddOther inserts into another field.
func (ix *Index) AddOther(name string) {
	ix.other[name] = true
}

// Reset replaces the index's map.
func (ix *Index) Reset() {
	ix.Names = map[string]bool{}
}

// Fill inserts into the index it is passed.
func Fill(ix *Index, names ...string) {
	for _, n := range names {
		ix.Add(n)
	}
}

// Graph is a set of nodes.
type Graph struct{ Nodes map[*Node]bool }

// Node is a node with dependencies.
type Node struct{ Deps []*Node }

// Use marks used, and by unless it is nil.
func (g *Graph) Use(used, by *Node) {
	g.mark(used)
	g.mark(by)
}

func (g *Graph) mark(n *Node) {
	if n == nil {
		return
	}
	g.Nodes[n] = true
}

// Expand marks the dependencies of n.
func (g *Graph) Expand(n *Node) {
	for _, d := range n.Deps {
		g.Nodes[d] = true
	}
}
