package maporder

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// maxDepth bounds how many ranges over slices built in map order are
// followed (for k := range m { a = append(a, k) }; for _, x := range a { ... }).
const maxDepth = 2

// enclosingFunc returns the body of the innermost function holding cur.
func enclosingFunc(cur inspector.Cursor) (inspector.Cursor, bool) {
	for fc := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch fn := fc.Node().(type) {
		case *ast.FuncDecl:
			if fn.Body == nil {
				return inspector.Cursor{}, false
			}
			return fc.ChildAt(edge.FuncDecl_Body, -1), true
		case *ast.FuncLit:
			return fc.ChildAt(edge.FuncLit_Body, -1), true
		}
	}
	return inspector.Cursor{}, false
}

// orderedUse returns the first use after the loop at rc of the slice an
// append sink builds that depends on its order, and whether there is one
// and no sort. A local slice's later uses are followed (through copies
// and ranges over it); a field, package-level variable or pointer target
// outlives the function and counts as stored unless it is sorted.
func (c *checker) orderedUse(s sink, rc inspector.Cursor, depth int) (*orderedUse, bool) {
	rng := rc.Node().(*ast.RangeStmt)
	fnBody, ok := enclosingFunc(rc)
	if !ok {
		return nil, false
	}
	target := ast.Unparen(s.target)
	id, isIdent := target.(*ast.Ident)
	local, _ := c.info.Uses[id].(*types.Var)
	if !isIdent || local == nil || isPackageLevel(local) {
		// s.names = append(s.names, k), *out = append(*out, k), names = ... (package level).
		if c.sortedAfter(fnBody, rng.End(), func(e ast.Expr) bool { return c.mentionsPath(e, target) }) {
			return nil, false
		}
		if v := c.lastVar(target); v != nil && c.sortedVars[v] {
			return nil, false
		}
		return &orderedUse{node: s.cur.Node(), what: "stored in " + shorten(target, 40)}, true
	}
	tracked := map[types.Object]bool{local: true}
	var first *orderedUse
	sorted := false
	// Follow copies: each round may add variables (t := s, t = append(t, s...)).
	for changed := true; changed && !sorted; {
		changed = false
		for cur := range fnBody.Preorder((*ast.Ident)(nil)) {
			id := cur.Node().(*ast.Ident)
			if id.Pos() < rng.End() || !tracked[c.info.Uses[id]] {
				continue
			}
			u := c.classify(cur, tracked, depth)
			switch {
			case u.sorted:
				sorted = true
			case u.alias != nil && !tracked[u.alias]:
				tracked[u.alias] = true
				changed = true
			case u.ordered != nil && (first == nil || u.ordered.node.Pos() < first.node.Pos()):
				first = u.ordered
			}
		}
	}
	if sorted || first == nil {
		return nil, false
	}
	return first, true
}

// lastVar returns the variable a path such as s.names or names ends in.
func (c *checker) lastVar(e ast.Expr) *types.Var {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, _ := c.info.Uses[e].(*types.Var)
		return v
	case *ast.SelectorExpr:
		v, _ := c.info.Uses[e.Sel].(*types.Var)
		return v
	case *ast.StarExpr:
		return c.lastVar(e.X)
	}
	return nil
}

// mentionsPath reports whether e contains path (s.names in sort.Strings(s.names)).
func (c *checker) mentionsPath(e ast.Expr, path ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if x, ok := n.(ast.Expr); ok && !found && sameExpr(x, path) {
			found = true
		}
		return !found
	})
	return found
}

// sortedAfter reports whether fnBody, after pos, sorts something matching.
func (c *checker) sortedAfter(fnBody inspector.Cursor, pos token.Pos, matches func(ast.Expr) bool) bool {
	for cur := range fnBody.Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if call.Pos() < pos || !c.isSortCall(call) {
			continue
		}
		for _, arg := range call.Args {
			if matches(arg) {
				return true
			}
		}
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && matches(sel.X) {
			return true // names.Sort()
		}
	}
	return false
}

// useKind is what one use of a tracked slice does with it.
type useKind struct {
	sorted  bool
	alias   types.Object // the use copies the slice into this local variable
	ordered *orderedUse
}

// orderInsensitive names functions that compare or consume a slice as a
// multiset: test helpers (testify, gomega, is) and membership tests.
var orderInsensitive = map[string]bool{
	"ElementsMatch": true, "ElementsMatchf": true, "ConsistOf": true, "ContainElements": true,
	"ContainElement": true, "Subset": true, "Subsetf": true, "NotSubset": true, "SameElements": true,
	"UnorderedEqual": true, "EqualUnordered": true, "Contains": true, "ContainsFunc": true,
}

// classify says what the use of a tracked slice at cur does.
func (c *checker) classify(cur inspector.Cursor, tracked map[types.Object]bool, depth int) useKind {
	e := cur
	// Look through parentheses, conversions (byName(s)) and slicing s[:]
	// that keeps every element.
	for {
		p := e.Parent()
		switch pn := p.Node().(type) {
		case *ast.ParenExpr:
			e = p
			continue
		case *ast.CallExpr:
			if e.ParentEdgeKind() == edge.CallExpr_Args && len(pn.Args) == 1 {
				if tv, ok := c.info.Types[pn.Fun]; ok && tv.IsType() {
					e = p
					continue
				}
			}
		}
		break
	}
	p := e.Parent()
	switch pn := p.Node().(type) {
	case *ast.CallExpr:
		if e.ParentEdgeKind() == edge.CallExpr_Fun {
			return useKind{}
		}
		return c.classifyArg(p, pn, e, tracked)
	case *ast.SelectorExpr:
		// A method of a named slice type: names.Sort(), names.String().
		if call, ok := p.Parent().Node().(*ast.CallExpr); ok && p.ParentEdgeKind() == edge.CallExpr_Fun {
			if c.isSortCall(call) {
				return useKind{sorted: true}
			}
			if fn, ok := typeutil.Callee(c.info, call).(*types.Func); ok && isLenLike(fn.Name()) {
				return useKind{}
			}
			return useKind{ordered: &orderedUse{node: call, what: "used by " + shorten(call, 40)}}
		}
	case *ast.ReturnStmt:
		return useKind{ordered: &orderedUse{node: pn, what: "returned"}}
	case *ast.RangeStmt:
		if e.ParentEdgeKind() != edge.RangeStmt_X {
			return useKind{}
		}
		if depth >= maxDepth {
			return useKind{}
		}
		if sinks := c.orderedSinks(p, depth+1); len(sinks) > 0 {
			return useKind{ordered: &orderedUse{node: pn.X, what: "ranged over in order, which " + c.sinkVerb(sinks[0])}}
		}
		return useKind{}
	case *ast.IndexExpr:
		if e.ParentEdgeKind() != edge.IndexExpr_X || c.indexesOwnRange(pn, tracked) {
			return useKind{}
		}
		if isLHS(p) {
			return useKind{}
		}
		return useKind{ordered: &orderedUse{node: pn, what: "indexed (" + shorten(pn, 30) + ")"}}
	case *ast.SliceExpr:
		if e.ParentEdgeKind() == edge.SliceExpr_X {
			return useKind{ordered: &orderedUse{node: pn, what: "sliced (" + shorten(pn, 30) + ")"}}
		}
	case *ast.AssignStmt:
		if e.ParentEdgeKind() != edge.AssignStmt_Rhs {
			return useKind{}
		}
		idx := e.ParentEdgeIndex()
		if len(pn.Lhs) != len(pn.Rhs) {
			return useKind{}
		}
		return c.assignedTo(pn, pn.Lhs[idx])
	case *ast.ValueSpec:
		if e.ParentEdgeKind() == edge.ValueSpec_Values && len(pn.Names) == len(pn.Values) {
			if obj := c.info.Defs[pn.Names[e.ParentEdgeIndex()]]; obj != nil {
				return useKind{alias: obj}
			}
		}
	case *ast.CompositeLit, *ast.KeyValueExpr:
		return useKind{ordered: &orderedUse{node: p.Node(), what: "stored in a composite literal"}}
	case *ast.SendStmt:
		if e.ParentEdgeKind() == edge.SendStmt_Value {
			return useKind{ordered: &orderedUse{node: pn, what: "sent on a channel"}}
		}
	}
	return useKind{}
}

// classifyArg classifies a tracked slice passed as an argument.
func (c *checker) classifyArg(p inspector.Cursor, call *ast.CallExpr, arg inspector.Cursor, tracked map[types.Object]bool) useKind {
	if c.isSortCall(call) {
		return useKind{sorted: true}
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := c.info.Uses[id].(*types.Builtin); ok {
			switch b.Name() {
			case "append":
				// t = append(t, s...) copies s into t; s = append(s, x) extends s.
				if a, ok := p.Parent().Node().(*ast.AssignStmt); ok && p.ParentEdgeKind() == edge.AssignStmt_Rhs && len(a.Lhs) == len(a.Rhs) {
					return c.assignedTo(a, a.Lhs[p.ParentEdgeIndex()])
				}
				if v, ok := p.Parent().Node().(*ast.ValueSpec); ok && len(v.Names) == len(v.Values) {
					return useKind{alias: c.info.Defs[v.Names[p.ParentEdgeIndex()]]}
				}
				return c.classifyExpr(p, tracked)
			case "copy":
				return useKind{ordered: &orderedUse{node: call, what: "copied"}}
			}
			return useKind{} // len, cap, clear, ...
		}
	}
	fn, _ := typeutil.Callee(c.info, call).(*types.Func)
	if fn != nil {
		if orderInsensitive[fn.Name()] || isLenLike(fn.Name()) {
			return useKind{}
		}
	}
	for _, a := range call.Args {
		if inner, ok := ast.Unparen(a).(*ast.CallExpr); ok {
			if f, ok := typeutil.Callee(c.info, inner).(*types.Func); ok && f.Name() == "SortSlices" {
				return useKind{} // cmp.Diff(want, got, cmpopts.SortSlices(...))
			}
		}
	}
	name := "a function value"
	if fn != nil {
		name = fn.Name()
		if fn.Pkg() != nil && fn.Type().(*types.Signature).Recv() == nil {
			name = fn.Pkg().Name() + "." + name
		}
	}
	return useKind{ordered: &orderedUse{node: call, what: "passed to " + name}}
}

// classifyExpr classifies an expression computed from a tracked slice
// (append(s, x) used in place) by its own context.
func (c *checker) classifyExpr(cur inspector.Cursor, tracked map[types.Object]bool) useKind {
	switch p := cur.Parent().Node().(type) {
	case *ast.ReturnStmt:
		return useKind{ordered: &orderedUse{node: p, what: "returned"}}
	case *ast.CallExpr:
		if cur.ParentEdgeKind() == edge.CallExpr_Args {
			return c.classifyArg(cur.Parent(), p, cur, tracked)
		}
	}
	return useKind{}
}

// assignedTo classifies assigning a tracked slice to lhs: a copy into a
// local variable, or a store into something that outlives the function.
func (c *checker) assignedTo(a *ast.AssignStmt, lhs ast.Expr) useKind {
	if isBlank(lhs) {
		return useKind{}
	}
	if id, ok := ast.Unparen(lhs).(*ast.Ident); ok {
		if v, ok := c.info.ObjectOf(id).(*types.Var); ok && !isPackageLevel(v) {
			return useKind{alias: v}
		}
	}
	if v := c.lastVar(lhs); v != nil && c.sortedVars[v] {
		return useKind{sorted: true}
	}
	return useKind{ordered: &orderedUse{node: a, what: "stored in " + shorten(lhs, 40)}}
}

// indexesOwnRange reports whether ix is s[i] inside "for i := range s"
// over a tracked s: the element of the range, which that range's own
// check covers.
func (c *checker) indexesOwnRange(ix *ast.IndexExpr, tracked map[types.Object]bool) bool {
	id, ok := ast.Unparen(ix.Index).(*ast.Ident)
	if !ok {
		return false
	}
	obj := c.info.Uses[id]
	if obj == nil {
		return false
	}
	cur, ok := c.inspect.Root().FindByPos(obj.Pos(), obj.Pos()+token.Pos(len(obj.Name())))
	if !ok || cur.ParentEdgeKind() != edge.RangeStmt_Key {
		return false
	}
	x, ok := ast.Unparen(cur.Parent().Node().(*ast.RangeStmt).X).(*ast.Ident)
	return ok && tracked[c.info.Uses[x]]
}

func isLHS(cur inspector.Cursor) bool {
	return cur.ParentEdgeKind() == edge.AssignStmt_Lhs
}

func isLenLike(name string) bool {
	switch name {
	case "Len", "Cap", "Reset", "Grow", "Size", "BlockSize":
		return true
	}
	return false
}

// ownedWriterUse handles writers the function makes itself (var b
// strings.Builder, h := sha256.New(), s := ""): it reports owned == true,
// and returns their first use after the loop other than Len, Reset and
// the like, or nil when the bytes are never read.
func (c *checker) ownedWriterUse(s sink, rc inspector.Cursor) (use *orderedUse, owned bool) {
	if s.target == nil {
		return nil, false
	}
	id, ok := ast.Unparen(s.target).(*ast.Ident)
	if !ok {
		return nil, false
	}
	v, ok := c.info.Uses[id].(*types.Var)
	if !ok || isPackageLevel(v) || !c.isOwned(v) {
		return nil, false
	}
	fnBody, ok := enclosingFunc(rc)
	if !ok {
		return nil, false
	}
	rng := rc.Node().(*ast.RangeStmt)
	for cur := range fnBody.Preorder((*ast.Ident)(nil)) {
		id := cur.Node().(*ast.Ident)
		if id.Pos() < rng.End() || c.info.Uses[id] != v {
			continue
		}
		if sel, ok := cur.Parent().Node().(*ast.SelectorExpr); ok {
			if isLenLike(sel.Sel.Name) {
				continue
			}
		}
		if isLHS(cur) {
			continue
		}
		return &orderedUse{node: id, what: fmt.Sprintf("read (%s)", strings.TrimSpace(shortenNode(cur)))}, true
	}
	return nil, true
}

func shortenNode(cur inspector.Cursor) string {
	n := cur.Node().(ast.Expr)
	if sel, ok := cur.Parent().Node().(*ast.SelectorExpr); ok {
		if call, ok := cur.Parent().Parent().Node().(*ast.CallExpr); ok && call.Fun == sel {
			return shorten(call, 30)
		}
		return shorten(sel, 30)
	}
	return shorten(n, 30)
}

// isOwned reports whether v is a local the function itself creates
// empty: var b T, b := T{}, &T{}, new(T), "", a constructor call with no
// arguments (sha256.New()).
func (c *checker) isOwned(v *types.Var) bool {
	path, ok := c.declOf(v)
	if !ok {
		return false
	}
	if path == nil {
		return true // var b T
	}
	switch x := ast.Unparen(path).(type) {
	case *ast.CompositeLit:
		return true
	case *ast.UnaryExpr:
		_, lit := x.X.(*ast.CompositeLit)
		return x.Op == token.AND && lit
	case *ast.BasicLit:
		return true
	case *ast.CallExpr:
		if c.isBuiltin(x.Fun, "new") {
			return true
		}
		return len(x.Args) == 0
	}
	return false
}

// declOf finds the initializer of local v: ok with nil for "var v T".
func (c *checker) declOf(v *types.Var) (ast.Expr, bool) {
	cur, ok := c.inspect.Root().FindByPos(v.Pos(), v.Pos()+token.Pos(len(v.Name())))
	if !ok {
		return nil, false
	}
	switch p := cur.Parent().Node().(type) {
	case *ast.ValueSpec:
		if len(p.Values) == 0 {
			return nil, true
		}
		if len(p.Values) == len(p.Names) {
			return p.Values[cur.ParentEdgeIndex()], true
		}
	case *ast.AssignStmt:
		if p.Tok == token.DEFINE && len(p.Lhs) == len(p.Rhs) && cur.ParentEdgeKind() == edge.AssignStmt_Lhs {
			return p.Rhs[cur.ParentEdgeIndex()], true
		}
	}
	return nil, false
}
