package user

import "helper"

func putDerived(m map[string]int) {
	for k, v := range m {
		helper.Put(m, k+"/v2", v) // want `helper.Put\(m, k\+"/v2", v\) may insert into m \(Put adds keys to it\)`
	}
}

func putAll(m, src map[string]int) {
	for range m {
		helper.PutAll(m, src) // want `may insert into m \(PutAll adds keys to it\)`
	}
}

func putCurrent(m map[string]int) {
	for k, v := range m {
		helper.Put(m, k, v+1)
		helper.Update(m, k+"x", v)
	}
}

func putOther(m, out map[string]int) {
	for k, v := range m {
		helper.Put(out, k+"x", v)
	}
}

func addAliases(ix *helper.Index) {
	for name := range ix.Names {
		ix.Add(name + "-alias") // want `ix.Add\(name \+ "-alias"\) may insert into ix.Names \(Add adds keys to it\)`
	}
}

func addOtherField(ix *helper.Index) {
	for name := range ix.Names {
		ix.AddOther(name + "-alias")
	}
}

func fill(ix *helper.Index) {
	for name := range ix.Names {
		helper.Fill(ix, name+"2") // want `may insert into ix.Names \(Fill adds keys to it\)`
	}
}

func resetThenAdd(ix *helper.Index) {
	for name := range ix.Names {
		ix.Reset()
		ix.Add(name + "2")
	}
}

// Embedded: the method is promoted through the catalog's Index.
type catalog struct {
	helper.Index
}

func (c *catalog) expand() {
	for name := range c.Names {
		c.Add(name + "/x") // want `c.Add\(name \+ "/x"\) may insert into c.Names`
	}
}

// What a helper of another package inserts reaches this one as a fact.
func useAll(g *helper.Graph) {
	for n := range g.Nodes {
		g.Use(n, nil)
	}
	for n := range g.Nodes {
		g.Expand(n) // want `g.Expand\(n\) may insert into g.Nodes \(Expand adds keys to it other than the visited key it is passed\)`
	}
}
