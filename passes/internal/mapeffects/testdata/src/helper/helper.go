// Package helper inserts into maps it is handed, in the shapes rangemut // want package:"summaries of Fill, Graph.Expand, Graph.Use, Index.Add, Index.AddOther, Index.Reset, Put, PutAll, PutTrimmed, Update"
// asks about: which map, and which keys.
package helper

import "strings"

// Put inserts k into m.
func Put(m map[string]int, k string, v int) { // summary: ^inserts into p0\[p1\]$
	m[k] = v
}

// PutAll inserts every key of src into m, through Put: keys that are
// none of its parameters.
func PutAll(m, src map[string]int) { // summary: ^reads p1; inserts into p0$
	for k, v := range src {
		Put(m, k, v)
	}
}

// PutTrimmed inserts its key normalised in place: still its caller's
// argument, in a canonical spelling.
func PutTrimmed(m map[string]int, k string) { // summary: ^inserts into p0\[p1\]$
	k = strings.TrimSpace(k)
	m[k]++
}

// Update changes the value of a key m already holds: no insert.
func Update(m map[string]int, k string, v int) { // summary: ^reads p0; writes p0$
	if _, ok := m[k]; ok {
		m[k] = v
	}
}

// Index is a set of names.
type Index struct {
	Names map[string]bool
	other map[string]bool
}

// Add inserts name into the index; giving the nil map its first value
// replaces nothing a caller could be ranging over.
func (ix *Index) Add(name string) { // summary: ^inserts into recv.Names\[p0\]$
	if ix.Names == nil {
		ix.Names = make(map[string]bool)
	}
	ix.Names[name] = true
}

// AddOther inserts into another field.
func (ix *Index) AddOther(name string) { // summary: ^inserts into recv.other\[p0\]$
	ix.other[name] = true
}

// Reset replaces the index's map.
func (ix *Index) Reset() { // summary: ^replaces recv.Names$
	ix.Names = map[string]bool{}
}

// Fill inserts into the index it is passed, through Add, the elements
// of a variadic parameter: keys nobody names.
func Fill(ix *Index, names ...string) { // summary: ^inserts into p0.Names$
	for _, n := range names {
		ix.Add(n)
	}
}

// Graph is a set of nodes.
type Graph struct{ Nodes map[*Node]bool }

// Node is a node with dependencies.
type Node struct{ Deps []*Node }

// Use marks used, and by unless it is nil.
func (g *Graph) Use(used, by *Node) { // summary: ^inserts into recv.Nodes\[p0 unless nil, p1 unless nil\]$
	g.mark(used)
	g.mark(by)
}

func (g *Graph) mark(n *Node) { // summary: ^inserts into recv.Nodes\[p0 unless nil\]$
	if n == nil {
		return
	}
	g.Nodes[n] = true
}

// Expand marks the dependencies of n: keys that are no parameter.
func (g *Graph) Expand(n *Node) { // summary: ^inserts into recv.Nodes$
	for _, d := range n.Deps {
		g.Nodes[d] = true
	}
}
