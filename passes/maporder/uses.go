package maporder

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"
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

// orderedUse returns the use after the loop at rc, of the slice an
// append sink builds, that depends on its order; ok is false when there is
// none or the slice is sorted first. A local slice's later uses are
// followed through copies, ranges over it, the callers of an unexported
// function that returns it and the functions of the package it is passed
// to; a field or package-level variable is followed to its uses in the
// package, unless it is exported (then anyone may read it in order).
func (c *checker) orderedUse(s sink, rc inspector.Cursor, depth int) (*orderedUse, bool) {
	rng := rc.Node().(*ast.RangeStmt)
	fnBody, ok := enclosingFunc(rc)
	if !ok {
		return nil, false
	}
	target := ast.Unparen(s.target)
	if c.sortedAfter(fnBody, rng.End(), func(e ast.Expr) bool { return c.mentionsPath(e, target) }) {
		return nil, false
	}
	if id, isIdent := target.(*ast.Ident); isIdent {
		if v, _ := c.info.Uses[id].(*types.Var); v != nil && !isPackageLevel(v) {
			u := c.usesInOrder(fnBody, rc, rng.End(), v, depth)
			return u, u != nil
		}
	}
	v := c.lastVar(target)
	if v == nil || (!v.IsField() && !isPackageLevel(v)) {
		return nil, false // *out = append(*out, k): whose slice is it?
	}
	u := c.varInOrder(v, depth)
	return u, u != nil
}

// usesInOrder returns the first use, after pos in body, of the slice in
// v (or a copy of it) that depends on its order, or nil when there is
// none or the slice is sorted.
//
// from is the code after which the uses count (the loop, the call), for
// telling apart uses on other branches; pos is its end.
func (c *checker) usesInOrder(body, from inspector.Cursor, pos token.Pos, v types.Object, depth int) *orderedUse {
	tracked := map[types.Object]bool{v: true}
	work := []types.Object{v}
	var first *orderedUse
	// Follow copies (t := s, t = append(t, s...)) as they are found.
	for len(work) > 0 {
		obj := work[0]
		work = work[1:]
		for _, cur := range c.usesAfter(body, pos, obj) {
			if exclusive(body, from, cur.Node().Pos()) {
				continue
			}
			u := c.classify(cur, tracked, depth)
			switch {
			case u.sorted:
				return nil
			case u.alias != nil && !tracked[u.alias]:
				tracked[u.alias] = true
				work = append(work, u.alias)
			case u.ordered != nil && (first == nil || u.ordered.node.Pos() < first.node.Pos()):
				first = u.ordered
			}
		}
	}
	return first
}

// internal reports whether only this package can refer to obj, so that
// its uses are all in view: it is unexported, a field of an unexported
// type, in package main or in a test file.
func (c *checker) internal(obj types.Object) bool {
	if fn, ok := obj.(*types.Func); ok && fn.Type().(*types.Signature).Recv() != nil {
		// A method of an unexported type is called by this package only,
		// except through interfaces: those of the standard library that
		// turn a value into output (fmt.Stringer, json.Marshaler) reach
		// it unseen, even in package main.
		if !fn.Exported() {
			return true
		}
		if outputMethods[fn.Name()] {
			return false
		}
		n := namedOf(fn.Type().(*types.Signature).Recv().Type())
		return n != nil && !n.Obj().Exported() || c.pass.Pkg.Name() == "main"
	}
	if !obj.Exported() || c.pass.Pkg.Name() == "main" {
		return true
	}
	if f := c.pass.Fset.File(obj.Pos()); f != nil && strings.HasSuffix(f.Name(), "_test.go") {
		return true
	}
	if v, ok := obj.(*types.Var); ok && v.IsField() {
		return c.fieldOwnerUnexported(v)
	}
	return false
}

// outputMethods are the methods by which standard interfaces turn a
// value into output.
var outputMethods = map[string]bool{
	"String": true, "GoString": true, "Error": true, "Format": true,
	"MarshalJSON": true, "MarshalText": true, "MarshalBinary": true, "MarshalXML": true,
	"AppendText": true, "AppendBinary": true, "WriteTo": true,
}

// fieldOwnerUnexported reports whether field belongs to an unexported
// named struct type of this package.
func (c *checker) fieldOwnerUnexported(field *types.Var) bool {
	owner, ok := c.fieldOwners()[field]
	return ok && !owner.Exported()
}

func (c *checker) fieldOwners() map[*types.Var]*types.TypeName {
	if c.owners != nil {
		return c.owners
	}
	c.owners = make(map[*types.Var]*types.TypeName)
	scope := c.pass.Pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok {
			continue
		}
		if st, ok := tn.Type().Underlying().(*types.Struct); ok {
			for i := range st.NumFields() {
				c.owners[st.Field(i)] = tn
			}
		}
	}
	return c.owners
}

// refs returns the cursors of the identifiers that refer to obj, a
// function, field or package-level variable, in the package, in source
// order (computed once for every such object).
func (c *checker) refs(obj types.Object) []inspector.Cursor {
	if c.refIndex == nil {
		c.refIndex = make(map[types.Object][]inspector.Cursor)
		for cur := range c.inspect.Root().Preorder((*ast.Ident)(nil)) {
			switch obj := c.info.Uses[cur.Node().(*ast.Ident)].(type) {
			case *types.Func:
				c.refIndex[obj.Origin()] = append(c.refIndex[obj.Origin()], cur)
			case *types.Var:
				if obj.IsField() || isPackageLevel(obj) {
					c.refIndex[obj.Origin()] = append(c.refIndex[obj.Origin()], cur)
				}
			}
		}
	}
	return c.refIndex[obj]
}

// localRefs returns the uses of the local variable v in body, the body of
// the function declaring it, in source order: the function's identifiers
// are indexed once, on first need, so that following a variable costs
// its uses, not its function's size, and functions without a report pay
// nothing.
func (c *checker) localRefs(body inspector.Cursor, v types.Object) []inspector.Cursor {
	index, ok := c.localIndex[body.Node()]
	if !ok {
		index = make(map[types.Object][]inspector.Cursor)
		for cur := range body.Preorder((*ast.Ident)(nil)) {
			if obj, ok := c.info.Uses[cur.Node().(*ast.Ident)].(*types.Var); ok && !obj.IsField() && !isPackageLevel(obj) {
				index[obj] = append(index[obj], cur)
			}
		}
		c.localIndex[body.Node()] = index
	}
	return index[v]
}

// outermostBody returns the body of the function declaring the local v:
// body, or the body of a function enclosing it when v is captured.
func (c *checker) outermostBody(body inspector.Cursor, v *types.Var) inspector.Cursor {
	for cur := body; cur.Valid(); cur = cur.Parent() {
		if b, ok := cur.Node().(*ast.BlockStmt); ok && b.Pos() <= v.Pos() && v.Pos() < b.End() {
			if _, isFunc := cur.Parent().Node().(*ast.FuncDecl); isFunc {
				return cur
			}
			if _, isLit := cur.Parent().Node().(*ast.FuncLit); isLit {
				return cur
			}
		}
		switch n := cur.Node().(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			// Parameters: declared in the signature, used in the body.
			if n.Pos() <= v.Pos() && v.Pos() < n.End() {
				for child := range cur.Children() {
					if _, ok := child.Node().(*ast.BlockStmt); ok {
						return child
					}
				}
			}
		}
	}
	return body
}

// usesAfter returns the uses of v in body after pos.
func (c *checker) usesAfter(body inspector.Cursor, pos token.Pos, v types.Object) []inspector.Cursor {
	if tv, ok := v.(*types.Var); ok {
		v = tv.Origin()
	}
	var refs []inspector.Cursor // in source order
	if lv, ok := v.(*types.Var); ok && !lv.IsField() && !isPackageLevel(lv) {
		refs = c.localRefs(c.outermostBody(body, lv), v)
	} else {
		refs = c.refs(v)
	}
	end := body.Node().End()
	from := sort.Search(len(refs), func(i int) bool { return refs[i].Node().Pos() >= pos })
	to := sort.Search(len(refs), func(i int) bool { return refs[i].Node().Pos() >= end })
	if to < from {
		return nil
	}
	return refs[from:to]
}

// varInOrder returns the first use in order of a slice stored in a field
// or package-level variable: anywhere, for exported ones; else the first
// of the package's reads that uses it in order.
func (c *checker) varInOrder(v *types.Var, depth int) *orderedUse {
	v = v.Origin()
	if c.sortedVars[v] {
		return nil
	}
	if !c.internal(v) {
		if c.inTest || isProtoField(c.pass.Fset, v) {
			// A test's input to the code under test; a protocol buffer's
			// repeated field, which protobuf treats as unordered when
			// it comes from a map (its own map fields serialize in
			// random order).
			return nil
		}
		return &orderedUse{node: c.declIdent(v), what: "stored in exported " + v.Name()}
	}
	if u, done := c.varMemo[v]; done {
		return u
	}
	c.varMemo[v] = nil // recursion: the store itself
	var first *orderedUse
	for _, cur := range c.refs(v) {
		if c.testOnly(cur) {
			continue
		}
		// The selector s.f (or the identifier f of a package-level variable).
		if _, ok := cur.Parent().Node().(*ast.SelectorExpr); ok && cur.ParentEdgeKind() == edge.SelectorExpr_Sel {
			cur = cur.Parent()
		}
		if isLHS(cur) {
			continue
		}
		u := c.classify(cur, nil, depth+1)
		if u.alias != nil {
			if body, ok := enclosingFunc(cur); ok {
				if ou := c.usesInOrder(body, cur, cur.Node().End(), u.alias, depth+1); ou != nil {
					u.ordered = ou
				}
			}
		}
		if u.ordered != nil && (first == nil || u.ordered.node.Pos() < first.node.Pos()) {
			first = u.ordered
		}
	}
	c.varMemo[v] = first
	return first
}

// testOnly reports whether cur is in a test file while the range being
// checked is not: a test reads what the code built from the test's own
// data, often a single entry, so its use of the order shows nothing.
func (c *checker) testOnly(cur inspector.Cursor) bool {
	return !c.inTest && strings.HasSuffix(c.pass.Fset.File(cur.Node().Pos()).Name(), "_test.go")
}

// declIdent returns a node at obj's declaration, for the related position.
func (c *checker) declIdent(obj types.Object) ast.Node {
	if cur, ok := c.inspect.Root().FindByPos(obj.Pos(), obj.Pos()+token.Pos(len(obj.Name()))); ok {
		return cur.Node()
	}
	return &ast.Ident{NamePos: obj.Pos(), Name: obj.Name()}
}

// returnedInOrder returns the first use in order of result i of fn, a
// function of this package: anywhere when fn is exported; else the first
// caller that uses it in order (or takes fn as a value).
func (c *checker) returnedInOrder(fn *types.Func, i int, depth int) *orderedUse {
	fn = fn.Origin()
	if !c.internal(fn) {
		return &orderedUse{node: c.declIdent(fn), what: "returned by exported " + fn.Name()}
	}
	if depth >= maxDepth {
		return nil
	}
	key := resultKey{fn, i}
	if u, done := c.resultMemo[key]; done {
		return u
	}
	c.resultMemo[key] = nil
	var first *orderedUse
	for _, cur := range c.refs(fn) {
		if c.testOnly(cur) {
			continue
		}
		call := cur
		if _, ok := call.Parent().Node().(*ast.SelectorExpr); ok && call.ParentEdgeKind() == edge.SelectorExpr_Sel {
			call = call.Parent()
		}
		if _, ok := call.Parent().Node().(*ast.IndexExpr); ok && call.ParentEdgeKind() == edge.IndexExpr_X {
			call = call.Parent() // f[T](...)
		}
		if call.ParentEdgeKind() != edge.CallExpr_Fun {
			first = &orderedUse{node: cur.Node(), what: "returned by " + fn.Name() + ", which is used as a value"}
			break
		}
		call = call.Parent()
		u := c.classifyResult(call, i, depth+1)
		if u.alias != nil {
			if body, ok := enclosingFunc(call); ok {
				u.ordered = c.usesInOrder(body, call, call.Node().End(), u.alias, depth+1)
			}
		}
		if u.ordered != nil && (first == nil || u.ordered.node.Pos() < first.node.Pos()) {
			first = u.ordered
		}
	}
	c.resultMemo[key] = first
	return first
}

type resultKey struct {
	fn *types.Func
	i  int
}

// classifyResult classifies result i of the call at cur.
func (c *checker) classifyResult(cur inspector.Cursor, i int, depth int) useKind {
	switch p := cur.Parent().Node().(type) {
	case *ast.AssignStmt:
		if len(p.Rhs) == 1 && len(p.Lhs) > 1 && i < len(p.Lhs) {
			return c.assignedTo(p, p.Lhs[i], depth)
		}
	case *ast.ValueSpec:
		if len(p.Values) == 1 && len(p.Names) > 1 && i < len(p.Names) {
			if obj := c.info.Defs[p.Names[i]]; obj != nil {
				return useKind{alias: obj}
			}
			return useKind{}
		}
	}
	return c.classify(cur, nil, depth)
}

// paramInOrder returns the first use in order of parameter i (-1: the
// receiver) inside fn, a function declared in this package.
func (c *checker) paramInOrder(fn *types.Func, i int, depth int) *orderedUse {
	fn = fn.Origin()
	fc, ok := c.decls[fn]
	if !ok || depth >= maxDepth {
		return nil
	}
	key := resultKey{fn, i}
	if u, done := c.paramMemo[key]; done {
		return u
	}
	c.paramMemo[key] = nil
	var param *types.Var
	for v, j := range c.paramIndex(fc) {
		if j == i {
			param = v
		}
	}
	var u *orderedUse
	if param != nil {
		body := fc.ChildAt(edge.FuncDecl_Body, -1)
		u = c.usesInOrder(body, body, body.Node().Pos(), param, depth+1)
	}
	c.paramMemo[key] = u
	return u
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
	end := fnBody.Node().End()
	for _, call := range c.sortCalls() {
		if call.Pos() < pos || call.Pos() >= end {
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

// sortCalls returns the package's calls that sort, found once.
func (c *checker) sortCalls() []*ast.CallExpr {
	if c.sorting == nil {
		c.sorting = []*ast.CallExpr{}
		for cur := range c.inspect.Root().Preorder((*ast.CallExpr)(nil)) {
			if call := cur.Node().(*ast.CallExpr); c.isSortCall(call) {
				c.sorting = append(c.sorting, call)
			}
		}
	}
	return c.sorting
}

// useKind is what one use of a tracked slice does with it.
type useKind struct {
	sorted  bool
	alias   types.Object // the use copies the slice into this local variable
	ordered *orderedUse
}

// orderInsensitive names functions that compare or consume a slice as a
// multiset: test helpers (testify, gomega) and membership tests.
var orderInsensitive = map[string]bool{
	"ElementsMatch": true, "ElementsMatchf": true, "ConsistOf": true, "ContainElements": true,
	"ContainElement": true, "Subset": true, "Subsetf": true, "NotSubset": true, "SameElements": true,
	"UnorderedEqual": true, "EqualUnordered": true, "Contains": true, "ContainsFunc": true,
}

// orderedConsumers are functions of other packages whose result or
// effect depends on the order of a slice passed to them.
var orderedConsumers = map[string]bool{
	"strings.Join": true, "bytes.Join": true, "path.Join": true, "path/filepath.Join": true,
	"fmt.Sprint": true, "fmt.Sprintf": true, "fmt.Sprintln": true,
	"fmt.Fprint": true, "fmt.Fprintf": true, "fmt.Fprintln": true,
	"fmt.Print": true, "fmt.Printf": true, "fmt.Println": true,
	"fmt.Append": true, "fmt.Appendf": true, "fmt.Appendln": true,
	"os/exec.Command": true, "os/exec.CommandContext": true,
	"encoding/json.Marshal": true, "encoding/json.MarshalIndent": true, "encoding/xml.Marshal": true,
	"reflect.DeepEqual": true, "slices.Equal": true,
	"github.com/google/go-cmp/cmp.Diff": true, "github.com/google/go-cmp/cmp.Equal": true,
	"github.com/stretchr/testify/assert.Equal": true, "github.com/stretchr/testify/require.Equal": true,
	"github.com/stretchr/testify/assert.EqualValues": true, "github.com/stretchr/testify/require.EqualValues": true,
}

// classify says what the use of a tracked slice at cur does.
func (c *checker) classify(cur inspector.Cursor, tracked map[types.Object]bool, depth int) useKind {
	e := cur
	// Look through parentheses, conversions (byName(s)) and slicing
	// (s[:n] keeps the order).
	for {
		p := e.Parent()
		switch pn := p.Node().(type) {
		case *ast.ParenExpr:
			e = p
			continue
		case *ast.SliceExpr:
			if e.ParentEdgeKind() == edge.SliceExpr_X {
				e = p
				continue
			}
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
		return c.classifyArg(p, pn, e, depth)
	case *ast.SelectorExpr:
		// A method of a named slice type: names.Sort(), names.String().
		if call, ok := p.Parent().Node().(*ast.CallExpr); ok && p.ParentEdgeKind() == edge.CallExpr_Fun {
			if c.isSortCall(call) {
				return useKind{sorted: true}
			}
			if fn, ok := typeutil.Callee(c.info, call).(*types.Func); ok && fn.Pkg() == c.pass.Pkg {
				if u := c.paramInOrder(fn, -1, depth); u != nil {
					return useKind{ordered: &orderedUse{node: call, what: "used by " + fn.Name() + " (" + u.what + ")"}}
				}
			}
		}
	case *ast.ReturnStmt:
		return c.returned(p, pn, e, depth)
	case *ast.RangeStmt:
		if e.ParentEdgeKind() != edge.RangeStmt_X || depth >= maxDepth {
			return useKind{}
		}
		if sinks := c.orderedSinks(p, depth+1); len(sinks) > 0 {
			return useKind{ordered: &orderedUse{node: pn.X, what: "ranged over in order, which " + c.sinkVerb(sinks[0])}}
		}
	case *ast.IndexExpr:
		if e.ParentEdgeKind() != edge.IndexExpr_X || isLHS(p) {
			return useKind{}
		}
		// s[0], s[len(s)-1]: an element chosen by its position, in the
		// function that built s (elsewhere a fixed index may well read a
		// prefix the loop did not build: cmd.args[1]).
		if tv, ok := c.info.Types[pn.Index]; depth == 0 && tracked != nil && ((ok && tv.Value != nil) || isLenMinusOne(pn.Index)) {
			return useKind{ordered: &orderedUse{node: pn, what: "indexed (" + shorten(pn, 30) + ")"}}
		}
	case *ast.AssignStmt:
		if e.ParentEdgeKind() == edge.AssignStmt_Rhs && len(pn.Lhs) == len(pn.Rhs) {
			return c.assignedTo(pn, pn.Lhs[e.ParentEdgeIndex()], depth)
		}
	case *ast.ValueSpec:
		if e.ParentEdgeKind() == edge.ValueSpec_Values && len(pn.Names) == len(pn.Values) {
			if obj := c.info.Defs[pn.Names[e.ParentEdgeIndex()]]; obj != nil {
				return useKind{alias: obj}
			}
		}
	case *ast.KeyValueExpr:
		// T{Names: s}: stored in that field.
		if e.ParentEdgeKind() == edge.KeyValueExpr_Value {
			if key, ok := pn.Key.(*ast.Ident); ok {
				if field, ok := c.info.Uses[key].(*types.Var); ok && field.IsField() {
					if u := c.varInOrder(field, depth); u != nil {
						return useKind{ordered: &orderedUse{node: pn, what: "stored in " + field.Name() + ", " + u.what}}
					}
				}
			}
		}
	}
	return useKind{}
}

func isLenMinusOne(e ast.Expr) bool {
	bin, ok := ast.Unparen(e).(*ast.BinaryExpr)
	if !ok || bin.Op != token.SUB {
		return false
	}
	call, ok := ast.Unparen(bin.X).(*ast.CallExpr)
	if !ok {
		return false
	}
	id, ok := call.Fun.(*ast.Ident)
	return ok && id.Name == "len"
}

// returned classifies returning a tracked slice: a function literal's
// result goes we cannot tell where; a function's goes to its callers.
func (c *checker) returned(p inspector.Cursor, ret *ast.ReturnStmt, e inspector.Cursor, depth int) useKind {
	for fc := range p.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		decl, ok := fc.Node().(*ast.FuncDecl)
		if !ok {
			return useKind{}
		}
		fn, ok := c.info.Defs[decl.Name].(*types.Func)
		if !ok || e.ParentEdgeKind() != edge.ReturnStmt_Results {
			return useKind{}
		}
		if u := c.returnedInOrder(fn, e.ParentEdgeIndex(), depth); u != nil {
			if strings.HasPrefix(u.what, "returned by exported") {
				return useKind{ordered: &orderedUse{node: ret, what: "returned by " + fn.Name()}}
			}
			return useKind{ordered: &orderedUse{node: ret, what: "returned by " + fn.Name() + ", then " + u.what}}
		}
		return useKind{}
	}
	return useKind{}
}

// isLogging reports whether fn reports to a log or a test's output,
// where the order of a list is no result anyone acts on.
func isLogging(fn *types.Func) bool {
	if fn.Pkg() == nil {
		return false
	}
	switch fn.Pkg().Path() {
	case "log", "log/slog", "testing", "errors":
		return true
	}
	if fn.Pkg().Path() == "fmt" && fn.Name() == "Errorf" {
		return true
	}
	// Logging libraries: logger.Errorf (grpclog), log.Info (logrus),
	// (*zap.Logger).Warn.
	if logMethods[strings.TrimSuffix(strings.TrimSuffix(fn.Name(), "f"), "ln")] {
		if strings.Contains(fn.Pkg().Path(), "log") {
			return true
		}
		if recv := fn.Type().(*types.Signature).Recv(); recv != nil {
			if n := namedOf(recv.Type()); n != nil && strings.Contains(n.Obj().Name(), "Log") {
				return true
			}
		}
	}
	return false
}

// logMethods are the names (without a trailing f or ln) by which logging
// libraries log.
var logMethods = map[string]bool{
	"Error": true, "Info": true, "Warning": true, "Warn": true, "Debug": true, "Trace": true,
	"Fatal": true, "Panic": true, "Print": true, "Log": true,
}

// classifyArg classifies a tracked slice passed as an argument.
func (c *checker) classifyArg(p inspector.Cursor, call *ast.CallExpr, arg inspector.Cursor, depth int) useKind {
	if c.isSortCall(call) {
		return useKind{sorted: true}
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := c.info.Uses[id].(*types.Builtin); ok {
			switch b.Name() {
			case "append":
				// t = append(t, s...) copies s into t; s = append(s, x) extends s.
				if a, ok := p.Parent().Node().(*ast.AssignStmt); ok && p.ParentEdgeKind() == edge.AssignStmt_Rhs && len(a.Lhs) == len(a.Rhs) {
					return c.assignedTo(a, a.Lhs[p.ParentEdgeIndex()], depth)
				}
				if v, ok := p.Parent().Node().(*ast.ValueSpec); ok && len(v.Names) == len(v.Values) {
					return useKind{alias: c.info.Defs[v.Names[p.ParentEdgeIndex()]]}
				}
				return c.classify(p, nil, depth)
			case "copy":
				// copy(dst, s): dst holds s's order.
				if arg.ParentEdgeIndex() == 1 && len(call.Args) == 2 {
					if id, ok := ast.Unparen(call.Args[0]).(*ast.Ident); ok {
						if v, ok := c.info.Uses[id].(*types.Var); ok && !isPackageLevel(v) {
							return useKind{alias: v}
						}
					}
				}
			}
			return useKind{} // len, cap, clear, ...
		}
	}
	fn, _ := typeutil.Callee(c.info, call).(*types.Func)
	if fn == nil {
		return useKind{}
	}
	if orderInsensitive[fn.Name()] || isLenLike(fn.Name()) || isLogging(fn) {
		return useKind{}
	}
	for _, a := range call.Args {
		if inner, ok := ast.Unparen(a).(*ast.CallExpr); ok {
			if f, ok := typeutil.Callee(c.info, inner).(*types.Func); ok && f.Name() == "SortSlices" {
				return useKind{} // cmp.Diff(want, got, cmpopts.SortSlices(...))
			}
		}
	}
	name := fn.Name()
	if fn.Pkg() != nil && fn.Type().(*types.Signature).Recv() == nil {
		name = fn.Pkg().Name() + "." + name
	}
	if fn.Pkg() != nil && orderedConsumers[fn.Pkg().Path()+"."+fn.Name()] {
		if c.feedsLogOnly(p) {
			return useKind{} // t.Logf("seen: %s", strings.Join(seen, " "))
		}
		return useKind{ordered: &orderedUse{node: call, what: "passed to " + name}}
	}
	if fn.Pkg() == c.pass.Pkg && !c.inTest {
		// (A test passes its data to the code under test, which is
		// checked on its own.)
		sig := fn.Type().(*types.Signature)
		i := arg.ParentEdgeIndex()
		if sig.Variadic() && i >= sig.Params().Len()-1 {
			if !call.Ellipsis.IsValid() {
				return useKind{} // one element of a variadic list
			}
			i = sig.Params().Len() - 1
		}
		if u := c.paramInOrder(fn, i, depth); u != nil {
			return useKind{ordered: &orderedUse{node: call, what: fmt.Sprintf("passed to %s, where it is %s", name, u.what)}}
		}
	}
	return useKind{}
}

// assignedTo classifies assigning a tracked slice to lhs: a copy into a
// local variable, or a store into a field or package-level variable.
func (c *checker) assignedTo(a *ast.AssignStmt, lhs ast.Expr, depth int) useKind {
	if isBlank(lhs) {
		return useKind{}
	}
	if id, ok := ast.Unparen(lhs).(*ast.Ident); ok {
		if v, ok := c.info.ObjectOf(id).(*types.Var); ok && !isPackageLevel(v) {
			return useKind{alias: v}
		}
	}
	v := c.lastVar(lhs)
	if v == nil || (!v.IsField() && !isPackageLevel(v)) {
		return useKind{} // m[k] = s, *p = s: whose is it?
	}
	if u := c.varInOrder(v, depth); u != nil {
		what := "stored in " + shorten(lhs, 40)
		if !strings.HasPrefix(u.what, "stored in exported") {
			what += ", then " + u.what
		}
		return useKind{ordered: &orderedUse{node: a, what: what}}
	}
	return useKind{}
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
	target := ast.Unparen(s.target)
	if u, ok := target.(*ast.UnaryExpr); ok && u.Op == token.AND {
		target = ast.Unparen(u.X) // fmt.Fprintf(&buf, ...)
	}
	id, ok := target.(*ast.Ident)
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
	for _, cur := range c.usesAfter(fnBody, rng.End(), v) {
		id := cur.Node().(*ast.Ident)
		if isLHS(cur) {
			continue
		}
		// The value read: buf.String(), h.Sum(nil), or s itself.
		val := cur
		if sel, ok := cur.Parent().Node().(*ast.SelectorExpr); ok && cur.ParentEdgeKind() == edge.SelectorExpr_X {
			if isLenLike(sel.Sel.Name) {
				continue
			}
			if cur.Parent().ParentEdgeKind() == edge.CallExpr_Fun {
				val = cur.Parent().Parent()
			}
		}
		if c.readForNothing(val) {
			continue
		}
		return &orderedUse{node: id, what: fmt.Sprintf("read (%s)", strings.TrimSpace(shortenNode(cur)))}, true
	}
	return nil, true
}

// readForNothing reports whether the bytes read at cur go nowhere that
// makes a result: into a log or an error, out of a function literal
// (where to is unknown), or out of an unexported function whose callers
// only log them.
func (c *checker) readForNothing(cur inspector.Cursor) bool {
	if cur.ParentEdgeKind() == edge.CallExpr_Args {
		if fn, ok := typeutil.Callee(c.info, cur.Parent().Node().(*ast.CallExpr)).(*types.Func); ok && isLogging(fn) {
			return true
		}
	}
	if _, ok := cur.Parent().Node().(*ast.ReturnStmt); !ok || cur.ParentEdgeKind() != edge.ReturnStmt_Results {
		return false
	}
	for fc := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		decl, ok := fc.Node().(*ast.FuncDecl)
		if !ok {
			return true
		}
		fn, ok := c.info.Defs[decl.Name].(*types.Func)
		return ok && c.internal(fn) && c.returnedInOrder(fn, cur.ParentEdgeIndex(), 0) == nil
	}
	return false
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
	if owned, done := c.owned[v]; done {
		return owned
	}
	owned := c.isOwnedUncached(v)
	c.owned[v] = owned
	return owned
}

func (c *checker) isOwnedUncached(v *types.Var) bool {
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
		if fn, ok := typeutil.Callee(c.info, x).(*types.Func); ok && fn.Pkg() != nil && fn.Pkg().Path() == "bytes" &&
			(fn.Name() == "NewBuffer" || fn.Name() == "NewBufferString") {
			return true // bytes.NewBuffer(nil)
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

// isProtoField reports whether field is declared in generated protocol
// buffer code (a .pb.go file).
func isProtoField(fset *token.FileSet, field *types.Var) bool {
	if !field.IsField() {
		return false
	}
	f := fset.File(field.Pos())
	return f != nil && strings.HasSuffix(f.Name(), ".pb.go")
}

// feedsLogOnly reports whether the value of the call at cur (a string
// made from the slice: strings.Join, fmt.Sprint) is passed straight to a
// logging function or an error, or searched with strings.Contains.
func (c *checker) feedsLogOnly(cur inspector.Cursor) bool {
	if cur.ParentEdgeKind() != edge.CallExpr_Args {
		return false
	}
	fn, ok := typeutil.Callee(c.info, cur.Parent().Node().(*ast.CallExpr)).(*types.Func)
	if !ok {
		return false
	}
	return isLogging(fn) || fn.FullName() == "strings.Contains"
}

// lastUse returns the first read after the loop of a variable a lastSink
// sets, unless the function looks at the ranged map's length (a map known
// to hold one entry has one last entry) or only logs the variable.
func (c *checker) lastUse(s sink, rc inspector.Cursor) (*orderedUse, bool) {
	rng := rc.Node().(*ast.RangeStmt)
	fnBody, ok := enclosingFunc(rc)
	if !ok {
		return nil, false
	}
	// (A function that looks at len(m) is skipped before: atMostOneEntry.)
	mapExpr := c.rangedMap(rng.X)
	if c.mentionsLen(fnBody, mapExpr) {
		return nil, false
	}
	v := c.info.Uses[s.target.(*ast.Ident)]
	for _, cur := range c.usesAfter(fnBody, rng.End(), v) {
		if isLHS(cur) {
			continue
		}
		if u := c.resultUse(cur); u != nil {
			return u, true
		}
	}
	return nil, false
}

// resultUse returns the use at cur of the entry kept from the last
// iteration when it makes a result: returned (also converted, as in
// []byte(s)), or formatted or written (fmt.Sprint, fmt.Fprint, Write). Any
// other use (calling its methods, comparing it with nil) is taken for
// "any entry will do".
func (c *checker) resultUse(cur inspector.Cursor) *orderedUse {
	e := cur
	for {
		switch p := e.Parent().Node().(type) {
		case *ast.ParenExpr:
			e = e.Parent()
			continue
		case *ast.CallExpr:
			if e.ParentEdgeKind() != edge.CallExpr_Args {
				return nil
			}
			if tv, ok := c.info.Types[p.Fun]; ok && tv.IsType() {
				e = e.Parent()
				continue
			}
			fn, ok := typeutil.Callee(c.info, p).(*types.Func)
			if !ok || isLogging(fn) {
				return nil
			}
			if fn.Pkg() != nil && orderedConsumers[fn.Pkg().Path()+"."+fn.Name()] {
				return &orderedUse{node: p, what: "passed to " + fn.Pkg().Name() + "." + fn.Name()}
			}
			if w, _, ok := c.writeCall(p); ok && (w == nil || w != cur.Node()) {
				return &orderedUse{node: p, what: "written"}
			}
			return nil
		case *ast.ReturnStmt:
			return &orderedUse{node: p, what: "returned"}
		}
		return nil
	}
}

// exclusive reports whether the code at use can never run after the code
// at from: from is in the then-branch of an if statement and use in its
// else-branch, or they are in different clauses of one switch or select.
func exclusive(body, from inspector.Cursor, use token.Pos) bool {
	fromPos := from.Node().Pos()
	for cur := from; cur.Valid() && cur != body; cur = cur.Parent() {
		switch n := cur.Node().(type) {
		case *ast.IfStmt:
			if n.Else != nil && n.Body.Pos() <= fromPos && fromPos < n.Body.End() && n.Else.Pos() <= use && use < n.Else.End() {
				return true
			}
		case *ast.CaseClause, *ast.CommClause:
			p := cur.Parent() // the switch's or select's body
			if (use < n.Pos() || use >= n.End()) && p.Node().Pos() <= use && use < p.Node().End() {
				return true
			}
		}
	}
	return false
}
