package maporder

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/maplint/maplint/passes/internal/analysisdoc"
	"github.com/maplint/maplint/passes/internal/generated"
	"github.com/maplint/maplint/passes/internal/typeparams"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:      "maporder",
	Doc:       analysisdoc.MustExtract(doc, "maporder"),
	URL:       "https://github.com/maplint/maplint/tree/main/passes/maporder",
	Requires:  []*analysis.Analyzer{inspect.Analyzer},
	Run:       generated.Unreported(run),
	FactTypes: []analysis.Fact{new(writesFact)},
}

// checker is one run of the analyzer over one package.
type checker struct {
	pass    *analysis.Pass
	info    *types.Info
	inspect *inspector.Inspector
	decls   map[*types.Func]inspector.Cursor // this package's function declarations
	// writes and sorts summarise this package's functions: the
	// parameters (receiver -1) a function writes bytes to, or sorts.
	writes map[*types.Func]paramSet
	sorts  map[*types.Func]paramSet
	// sortedVars are the fields and package-level variables that some
	// function of the package sorts: a slice built into one of them in
	// map order is put in order before anyone reads it.
	sortedVars map[*types.Var]bool

	owners     map[*types.Var]*types.TypeName // struct fields' named types
	refIndex   map[types.Object][]inspector.Cursor
	varMemo    map[*types.Var]*orderedUse
	resultMemo map[resultKey]*orderedUse
	paramMemo  map[resultKey]*orderedUse

	inTest bool // the range being checked is in a _test.go file

	reported map[token.Pos]bool // sinks already reported (for an outer range)

	// Indexes of the package, built once so that each range costs what
	// it touches rather than its function's size.
	sorting   []*ast.CallExpr
	lenCmps   []lenComparison
	orderFree map[*ast.FuncDecl]bool
	sources   map[*token.File][]byte // file contents, for fixes' indentation
	owned     map[*types.Var]bool
	// localIndex maps a function body to the uses of its local variables.
	localIndex map[ast.Node]map[types.Object][]inspector.Cursor
}

func run(pass *analysis.Pass) (any, error) {
	c := &checker{
		pass:       pass,
		info:       pass.TypesInfo,
		inspect:    pass.ResultOf[inspect.Analyzer].(*inspector.Inspector),
		decls:      make(map[*types.Func]inspector.Cursor),
		writes:     make(map[*types.Func]paramSet),
		sorts:      make(map[*types.Func]paramSet),
		sortedVars: make(map[*types.Var]bool),
		varMemo:    make(map[*types.Var]*orderedUse),
		resultMemo: make(map[resultKey]*orderedUse),
		paramMemo:  make(map[resultKey]*orderedUse),
		reported:   make(map[token.Pos]bool),
		orderFree:  make(map[*ast.FuncDecl]bool),
		sources:    make(map[*token.File][]byte),
		owned:      make(map[*types.Var]bool),
		localIndex: make(map[ast.Node]map[types.Object][]inspector.Cursor),
	}
	for fc := range c.inspect.Root().Preorder((*ast.FuncDecl)(nil)) {
		if fn, ok := c.info.Defs[fc.Node().(*ast.FuncDecl).Name].(*types.Func); ok {
			c.decls[fn] = fc
		}
	}
	c.summarize()
	for rc := range c.inspect.Root().Preorder((*ast.RangeStmt)(nil)) {
		c.checkRange(rc)
	}
	return nil, nil
}

// rangedMap returns the map a range statement iterates over: the ranged
// expression itself, or m in maps.Keys(m), maps.Values(m) and
// maps.All(m), whose order is the map's.
func (c *checker) rangedMap(x ast.Expr) ast.Expr {
	x = ast.Unparen(x)
	if call, ok := x.(*ast.CallExpr); ok {
		if fn := typeutil.StaticCallee(c.info, call); fn != nil && fn.Pkg() != nil && isMapsPkg(fn.Pkg().Path()) && len(call.Args) == 1 {
			switch fn.Name() {
			case "Keys", "Values", "All":
				if _, isMap := typeparams.CoreType(c.info.TypeOf(call.Args[0])).(*types.Map); !isMap {
					return nil
				}
				if _, isSeq := typeparams.CoreType(c.info.TypeOf(call)).(*types.Signature); !isSeq {
					return nil // golang.org/x/exp/maps.Keys returns a slice
				}
				return call.Args[0]
			}
		}
	}
	if _, isMap := typeparams.CoreType(c.info.TypeOf(x)).(*types.Map); isMap {
		return x
	}
	return nil
}

func isMapsPkg(path string) bool {
	return path == "maps" || path == "golang.org/x/exp/maps"
}

// checkRange reports a range over a map whose order reaches an
// order-sensitive result.
func (c *checker) checkRange(rc inspector.Cursor) {
	rng := rc.Node().(*ast.RangeStmt)
	mapExpr := c.rangedMap(rng.X)
	if mapExpr == nil {
		return
	}
	if c.saysOrderIsFree(rc) || c.atMostOneEntry(rc, mapExpr) {
		return
	}
	c.inTest = strings.HasSuffix(c.pass.Fset.File(rng.Pos()).Name(), "_test.go")
	var found []sink
	for _, s := range c.orderedSinks(rc, 0) {
		// A sink in nested ranges over maps is reported once, for the
		// outer range: sorting that one is the first step.
		if !c.reported[s.cur.Node().Pos()] {
			c.reported[s.cur.Node().Pos()] = true
			found = append(found, s)
		}
	}
	if len(found) == 0 {
		return
	}
	c.report(rc, mapExpr, found)
}

// atMostOneEntry reports whether the function holding the loop at rc
// compares len(m) with 1 or 2 (len(m) > 1, len(m) != 1, len(m) == 1,
// len(m) < 2, ...): the author knows the map's size, and typically
// handles more than one entry apart, so the loop sees at most one.
func (c *checker) atMostOneEntry(rc inspector.Cursor, mapExpr ast.Expr) bool {
	fnBody, ok := enclosingFunc(rc)
	if !ok {
		return false
	}
	for _, cmp := range c.lenComparisons() {
		if cmp.pos >= fnBody.Node().Pos() && cmp.pos < fnBody.Node().End() && sameExpr(cmp.x, mapExpr) && (cmp.n == 1 || cmp.n == 2) {
			return true
		}
	}
	return false
}

// mentionsLen reports whether fnBody compares len(mapExpr) with anything.
func (c *checker) mentionsLen(fnBody inspector.Cursor, mapExpr ast.Expr) bool {
	for _, cmp := range c.lenComparisons() {
		if cmp.pos >= fnBody.Node().Pos() && cmp.pos < fnBody.Node().End() && sameExpr(cmp.x, mapExpr) {
			return true
		}
	}
	return false
}

// A lenComparison is len(x) compared with a constant n (n = -1 when the
// other side is not a small constant).
type lenComparison struct {
	pos token.Pos
	x   ast.Expr
	n   int64
}

// lenComparisons returns the package's comparisons of len(x), found once.
func (c *checker) lenComparisons() []lenComparison {
	if c.lenCmps != nil {
		return c.lenCmps
	}
	c.lenCmps = []lenComparison{}
	for cur := range c.inspect.Root().Preorder((*ast.BinaryExpr)(nil)) {
		bin := cur.Node().(*ast.BinaryExpr)
		switch bin.Op {
		case token.EQL, token.NEQ, token.GTR, token.LSS, token.GEQ, token.LEQ:
		default:
			continue
		}
		for _, pair := range [][2]ast.Expr{{bin.X, bin.Y}, {bin.Y, bin.X}} {
			call, ok := ast.Unparen(pair[0]).(*ast.CallExpr)
			if !ok || !c.isBuiltin(call.Fun, "len") || len(call.Args) != 1 {
				continue
			}
			n := int64(-1)
			if tv, ok := c.info.Types[pair[1]]; ok && tv.Value != nil {
				if v, exact := constant.Int64Val(constant.ToInt(tv.Value)); exact {
					n = v
				}
			}
			c.lenCmps = append(c.lenCmps, lenComparison{pos: bin.Pos(), x: call.Args[0], n: n})
		}
	}
	return c.lenCmps
}

// anyOrder are phrases by which a comment says that the order of a
// result does not matter.
var anyOrder = []string{
	"any order", "no particular order", "unordered", "arbitrary order", "random order",
	"order is not guaranteed", "order isn't guaranteed", "order does not matter",
	"order doesn't matter", "order is irrelevant", "nondeterministic order", "order is unspecified",
	"unspecified order", "not sorted", "unsorted", "order is undefined", "undefined order",
}

// saysOrderIsFree reports whether a comment of the function holding the
// loop at rc (its doc comment, or one inside it) says the order of what
// it produces does not matter ("in no particular order"): the author
// chose, and a report would be noise.
func (c *checker) saysOrderIsFree(rc inspector.Cursor) bool {
	var decl *ast.FuncDecl
	for fc := range rc.Enclosing((*ast.FuncDecl)(nil)) {
		decl = fc.Node().(*ast.FuncDecl)
	}
	file := c.fileOf(rc)
	if decl == nil || file == nil {
		return false
	}
	if free, done := c.orderFree[decl]; done {
		return free
	}
	free := c.commentSaysOrderIsFree(decl, file)
	c.orderFree[decl] = free
	return free
}

func (c *checker) commentSaysOrderIsFree(decl *ast.FuncDecl, file *ast.File) bool {
	// Keys and Values of a map-like type promise what maps.Keys does.
	switch decl.Name.Name {
	case "Keys", "Values", "keys", "values":
		return true
	}
	start := decl.Pos()
	if decl.Doc != nil {
		start = decl.Doc.Pos()
	}
	// file.Comments is in source order: start at the first one that ends
	// at or after start.
	first := sort.Search(len(file.Comments), func(i int) bool { return file.Comments[i].End() >= start })
	for _, cg := range file.Comments[first:] {
		if cg.Pos() > decl.End() {
			break
		}
		text := strings.ToLower(cg.Text())
		for _, phrase := range anyOrder {
			if strings.Contains(text, phrase) {
				return true
			}
		}
	}
	return false
}

// orderedSinks returns the places where the iteration order of the range
// statement at rc reaches a result: appends whose slice is then used in
// order, and writes. depth counts the ranges over slices built in map
// order that led here (their order is the map's).
func (c *checker) orderedSinks(rc inspector.Cursor, depth int) []sink {
	rng := rc.Node().(*ast.RangeStmt)
	tainted := c.iterationVars(rng)
	if len(tainted) == 0 {
		return nil // for range m { ... }: every iteration is the same
	}
	body := rc.ChildAt(edge.RangeStmt_Body, -1)
	c.propagate(body, rng, tainted)
	var found []sink
	all := c.sinks(body, rng, tainted)
	for _, s := range all {
		if c.leavesAfter(s.cur, rc) || c.oneKeyOnly(s, all, rc) {
			continue // one element at most: break or return follows, or one key gets here
		}
		switch s.kind {
		case appendSink:
			use, ok := c.orderedUse(s, rc, depth)
			if !ok {
				continue
			}
			s.use = use
		case lastSink:
			use, ok := c.lastUse(s, rc)
			if !ok {
				continue
			}
			s.use = use
		case writeSink, concatSink:
			if use, owned := c.ownedWriterUse(s, rc); owned {
				if use == nil {
					continue
				}
				s.use = use
			}
		}
		found = append(found, s)
	}
	return found
}

// iterationVars returns the variables the range statement sets from the
// iteration: its key and value.
func (c *checker) iterationVars(rng *ast.RangeStmt) map[types.Object]bool {
	vars := make(map[types.Object]bool)
	for _, e := range []ast.Expr{rng.Key, rng.Value} {
		id, ok := e.(*ast.Ident)
		if !ok || id.Name == "_" {
			continue
		}
		if obj := c.info.ObjectOf(id); obj != nil {
			vars[obj] = true
		}
	}
	return vars
}

// propagate adds to tainted the variables declared in the loop body that
// are computed from tainted ones (name := k + "/", for _, x := range v).
// Two passes catch values carried around the loop.
func (c *checker) propagate(body inspector.Cursor, rng *ast.RangeStmt, tainted map[types.Object]bool) {
	inside := func(id *ast.Ident) (types.Object, bool) {
		if id.Name == "_" {
			return nil, false
		}
		obj := c.info.ObjectOf(id)
		if obj == nil || obj.Pos() < rng.Body.Pos() || obj.Pos() >= rng.Body.End() {
			return nil, false
		}
		return obj, true
	}
	taint := func(lhs ast.Expr) {
		if id, ok := ast.Unparen(lhs).(*ast.Ident); ok {
			if obj, ok := inside(id); ok {
				tainted[obj] = true
			}
		}
	}
	for range 2 {
		for n := range body.Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.RangeStmt)(nil), (*ast.TypeSwitchStmt)(nil)) {
			switch n := n.Node().(type) {
			case *ast.AssignStmt:
				if len(n.Lhs) == len(n.Rhs) {
					for i, rhs := range n.Rhs {
						if c.mentions(rhs, tainted) {
							taint(n.Lhs[i])
						}
					}
				} else if len(n.Rhs) == 1 && c.mentions(n.Rhs[0], tainted) {
					for _, lhs := range n.Lhs {
						taint(lhs)
					}
				}
			case *ast.ValueSpec:
				for i, v := range n.Values {
					if !c.mentions(v, tainted) {
						continue
					}
					if len(n.Values) == len(n.Names) {
						taint(n.Names[i])
					} else {
						for _, name := range n.Names {
							taint(name)
						}
					}
				}
			case *ast.RangeStmt:
				if c.mentions(n.X, tainted) {
					for _, e := range []ast.Expr{n.Key, n.Value} {
						if e != nil {
							taint(e)
						}
					}
				}
			case *ast.TypeSwitchStmt:
				assign, ok := n.Assign.(*ast.AssignStmt)
				if !ok || len(assign.Rhs) != 1 || !c.mentions(assign.Rhs[0], tainted) {
					continue
				}
				for _, clause := range n.Body.List {
					if obj := c.info.Implicits[clause]; obj != nil {
						tainted[obj] = true
					}
				}
			}
		}
	}
}

// mentions reports whether n refers to any of vars.
func (c *checker) mentions(n ast.Node, vars map[types.Object]bool) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if found {
			return false
		}
		if id, ok := n.(*ast.Ident); ok && vars[c.info.Uses[id]] {
			found = true
		}
		return !found
	})
	return found
}

// outer reports whether every variable e refers to was declared outside
// the loop: a slice or writer of the loop's, shared by its iterations,
// rather than one per key (files[k].Write, var b bytes.Buffer in the body).
func (c *checker) outer(e ast.Expr, rng *ast.RangeStmt) bool {
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		id, isIdent := n.(*ast.Ident)
		if !isIdent || !ok {
			return ok
		}
		if v, isVar := c.info.Uses[id].(*types.Var); isVar && !v.IsField() && v.Pos() >= rng.Pos() && v.Pos() < rng.End() {
			ok = false
		}
		return ok
	})
	return ok
}

// leavesAfter reports whether the loop at rc is left right after the
// statement holding cur: a return, a break out of the loop, a goto or a
// panic follows it in its block or in an enclosing block of the loop
// body. The loop then yields a single element, at most.
func (c *checker) leavesAfter(cur, rc inspector.Cursor) bool {
	rng := rc.Node().(*ast.RangeStmt)
	breakLeaves := true // an unlabeled break here leaves rng
	for ; cur.Valid() && cur != rc; cur = cur.Parent() {
		var list []ast.Stmt
		switch p := cur.Parent().Node().(type) {
		case *ast.BlockStmt:
			list = p.List
		case *ast.CaseClause:
			list = p.Body
		case *ast.CommClause:
			list = p.Body
		}
		idx := -1
		for i, s := range list {
			if s == cur.Node() {
				idx = i
			}
		}
		if idx >= 0 {
			for _, s := range list[idx+1:] {
				if c.leaves(s, rng, breakLeaves) {
					return true
				}
			}
		}
		switch cur.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			breakLeaves = false
		}
	}
	return false
}

// oneKeyOnly reports whether the sink runs for one key of the map at
// most: inside "case "warning":" of a switch on the range key (or on
// strings.ToLower(k)), or "if k == name": a dispatch on known keys, whose
// order is then moot; and no other sink of the loop feeds the same slice
// or writer.
func (c *checker) oneKeyOnly(s sink, sinks []sink, rc inspector.Cursor) bool {
	for _, other := range sinks {
		if other.cur != s.cur && other.target != nil && s.target != nil && sameExpr(other.target, s.target) {
			return false // two keys reach the same slice or writer
		}
	}
	cur := s.cur
	rng := rc.Node().(*ast.RangeStmt)
	keyID, ok := rng.Key.(*ast.Ident)
	if !ok || keyID.Name == "_" {
		return false
	}
	key := c.info.ObjectOf(keyID)
	isConst := func(e ast.Expr) bool {
		tv, ok := c.info.Types[e]
		return ok && tv.Value != nil
	}
	// The key, or a function of it alone: strings.ToLower(k).
	var isKey func(e ast.Expr) bool
	isKey = func(e ast.Expr) bool {
		switch e := ast.Unparen(e).(type) {
		case *ast.Ident:
			if c.info.Uses[e] == key {
				return true
			}
			// name, ok := k.(string); name := strings.ToLower(k)
			v, ok := c.info.Uses[e].(*types.Var)
			if !ok || v == key || v.Pos() < rng.Body.Pos() || v.Pos() >= rng.Body.End() {
				return false
			}
			def, ok := c.inspect.Root().FindByPos(v.Pos(), v.Pos()+token.Pos(len(v.Name())))
			if !ok {
				return false
			}
			a, ok := def.Parent().Node().(*ast.AssignStmt)
			return ok && a.Tok == token.DEFINE && len(a.Rhs) == 1 && def.ParentEdgeKind() == edge.AssignStmt_Lhs &&
				def.ParentEdgeIndex() == 0 && isKey(a.Rhs[0])
		case *ast.TypeAssertExpr:
			return isKey(e.X)
		case *ast.CallExpr:
			keyed := false
			for _, arg := range e.Args {
				switch {
				case isKey(arg):
					keyed = true
				case !isConst(arg):
					return false
				}
			}
			return keyed
		}
		return false
	}
	for ; cur.Valid() && cur != rc; cur = cur.Parent() {
		switch n := cur.Parent().Node().(type) {
		case *ast.CaseClause:
			if len(n.List) == 0 || cur.ParentEdgeKind() != edge.CaseClause_Body {
				continue
			}
			sw, ok := cur.Parent().Parent().Parent().Node().(*ast.SwitchStmt)
			if !ok || sw.Tag == nil || !isKey(sw.Tag) {
				continue
			}
			// Several values in one case are taken for spellings of one
			// setting ("rtt", "rtts"): a dispatch, not a grouping.
			constant := true
			for _, v := range n.List {
				constant = constant && isConst(v)
			}
			if constant {
				return true
			}
		case *ast.IfStmt:
			if cur.ParentEdgeKind() != edge.IfStmt_Body {
				continue
			}
			if bin, ok := ast.Unparen(n.Cond).(*ast.BinaryExpr); ok && bin.Op == token.EQL &&
				(isKey(bin.X) && isConst(bin.Y) || isKey(bin.Y) && isConst(bin.X)) {
				return true
			}
		}
	}
	return false
}

func (c *checker) leaves(s ast.Stmt, rng *ast.RangeStmt, breakLeaves bool) bool {
	switch s := s.(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		switch s.Tok {
		case token.GOTO:
			return true
		case token.BREAK:
			if s.Label == nil {
				return breakLeaves
			}
			// A labelled break leaves rng unless it names a loop inside it.
			obj := c.info.Uses[s.Label]
			return obj == nil || obj.Pos() < rng.Pos() || obj.Pos() >= rng.End()
		}
	case *ast.ExprStmt:
		if call, ok := s.X.(*ast.CallExpr); ok {
			if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
				if b, ok := c.info.Uses[id].(*types.Builtin); ok && b.Name() == "panic" {
					return true
				}
			}
		}
	}
	return false
}

// shorten renders e, or an ellipsis form when it is longer than max.
func shorten(e ast.Expr, max int) string {
	s := types.ExprString(e)
	if len(s) <= max {
		return s
	}
	if call, ok := e.(*ast.CallExpr); ok {
		return types.ExprString(call.Fun) + "(...)"
	}
	return s[:max-3] + "..."
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// line returns "line N" for pos, or "file:N" when it is in another file
// than rel.
func (c *checker) line(pos, rel token.Pos) string {
	p, r := c.pass.Fset.Position(pos), c.pass.Fset.Position(rel)
	if p.Filename == r.Filename {
		return fmt.Sprintf("line %d", p.Line)
	}
	return fmt.Sprintf("%s:%d", p.Filename[strings.LastIndex(p.Filename, "/")+1:], p.Line)
}
