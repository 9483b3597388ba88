package bigvalue

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"iter"
	"math"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/maplint/maplint/passes/internal/analysisdoc"
	"github.com/maplint/maplint/passes/internal/generated"
	"github.com/maplint/maplint/passes/internal/mapcost"
	"github.com/maplint/maplint/sizer"
)

//go:embed doc.go
var doc string

// Analyzer reports map types whose keys or values are large enough that
// storing them by value costs an allocation per entry or wastes memory.
var Analyzer = &analysis.Analyzer{
	Name:     "bigvalue",
	Doc:      analysisdoc.MustExtract(doc, "bigvalue"),
	URL:      "https://github.com/maplint/maplint/tree/main/passes/bigvalue",
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	// Only map types that type-checked are costed; the rest are skipped,
	// so a package with errors elsewhere is still worth analyzing.
	RunDespiteErrors: true,
	Run:              generated.Unreported(run),
}

var layout = mapcost.LayoutFlag{Layout: sizer.Swiss}

func init() {
	Analyzer.Flags.Var(&layout, "layout", mapcost.LayoutFlagUsage)
	Analyzer.Flags.Int64Var(&inlineFloor, "inline-floor", inlineFloor, "the largest key or value, in bytes, never reported")
	Analyzer.Flags.Float64Var(&minSaving, "min-saving", minSaving, "the share of live bytes (0 to 1) another layout must save before a value stored inline is reported")
}

// minSaving is the share of live bytes that an alternative layout must
// save before an inline value of 65 to 128 bytes is worth a report:
// below it, an allocation per entry is too high a price.
var minSaving = 0.30 // the -min-saving flag

// inlineFloor is the largest key or value never reported: at 64 bytes
// or less an entry is at most a cache line and no alternative pays for
// its allocation.
var inlineFloor int64 = 64 // the -inline-floor flag

type checker struct {
	pass    *analysis.Pass
	root    inspector.Cursor
	layout  sizer.Layout
	qual    types.Qualifier
	uses    map[*types.Var][]inspector.Cursor // built on first need
	inits   map[*types.Var]ast.Expr           // built on first need
	deleted *typeutil.Map                     // map types deleted from; built on first need
}

func run(pass *analysis.Pass) (any, error) {
	c := &checker{
		pass:   pass,
		root:   pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root(),
		layout: layout.Layout,
		// Types of other packages by package name, as the code spells
		// them: lib.Big, not example.com/vendorlib/lib.Big.
		qual: func(p *types.Package) string {
			if p == pass.Pkg {
				return ""
			}
			return p.Name()
		},
	}
	for file := range c.root.Preorder((*ast.File)(nil)) {
		if strings.HasSuffix(pass.Fset.File(file.Node().Pos()).Name(), "_test.go") {
			continue // memory advice is not worth acting on in tests
		}
		for cur := range file.Preorder((*ast.MapType)(nil), (*ast.RangeStmt)(nil)) {
			switch n := cur.Node().(type) {
			case *ast.MapType:
				c.checkMapType(cur)
			case *ast.RangeStmt:
				c.checkRange(n)
			}
		}
	}
	return nil, nil
}

// A site is where a map type is spelled and its representation decided.
type site struct {
	size  mapcost.Size
	local bool // inside a function: the map lives no longer than a call, unless stored
	api   bool // an exported declaration of an importable package: changing it breaks users
	// resultOf names the exported function whose result the map is, when
	// that is what makes it API.
	resultOf string
}

// declarationSite reports whether the map type at cur is spelled where
// the map's representation is decided, the one place an engineer would
// change it: a type or variable declaration, a struct field, or a make
// call or composite literal whose result is not stored into a variable
// or field declared with its own (already reported) type. Parameters,
// results, conversions, assertions and type arguments only use a map
// type decided elsewhere.
func (c *checker) declarationSite(cur inspector.Cursor) (site, bool) {
	info := c.pass.TypesInfo
	s := site{size: mapcost.SizeOf(info, nil)}
	var fields []*ast.Field // struct fields between the map type and its declaration
	for n := cur; ; n = n.Parent() {
		switch kind, index := n.ParentEdge(); kind {
		case edge.ParenExpr_X, edge.StarExpr_X, edge.ArrayType_Elt, edge.ChanType_Value,
			edge.MapType_Key, edge.MapType_Value, edge.StructType_Fields:
			// Part of a larger type: keep looking for what spells it.
		case edge.Field_Type:
			fields = append(fields, n.Parent().Node().(*ast.Field))
		case edge.FieldList_List:
			if n.Parent().ParentEdgeKind() != edge.StructType_Fields {
				return s, false // parameters, results, methods
			}
		case edge.TypeSpec_Type:
			spec := n.Parent().Node().(*ast.TypeSpec)
			s.local = inFunction(n)
			s.api = !s.local && c.importable() && spec.Name.IsExported() && allExported(fields)
			return s, true
		case edge.ValueSpec_Type:
			spec := n.Parent().Node().(*ast.ValueSpec)
			s.local = inFunction(n)
			s.api = !s.local && c.importable() && anyExported(spec.Names) && allExported(fields)
			return s, true
		case edge.CallExpr_Args:
			call := n.Parent().Node().(*ast.CallExpr)
			if index != 0 || !mapcost.IsBuiltin(info, call.Fun, "make") {
				return s, false
			}
			if ast.Unparen(call.Args[0]) == cur.Node() {
				s.size = mapcost.SizeOf(info, call)
			}
			return c.valueSite(n.Parent(), s)
		case edge.CompositeLit_Type:
			return c.valueSite(n.Parent(), s)
		default:
			return s, false
		}
	}
}

// valueSite completes s for the make call or composite literal at cur.
// It is no site when the map is stored into a place declared with its
// own map type, and reported there: assigned to an existing variable,
// field or element, given to a field or element of a composite literal,
// or initializing a variable declared with its type; directly, or through
// the new variable it initializes. Nor is it one when the map is passed
// to a function of another module, whose parameter type decides the
// map's: the user cannot change it. It is part of the API when it is
// returned by an exported function, whose result type would change too.
func (c *checker) valueSite(cur inspector.Cursor, s site) (site, bool) {
	s.local = inFunction(cur)
	flows := []inspector.Cursor{cur} // where the map goes
	if v := c.initializedVar(cur); v != nil {
		if !s.local {
			s.api = c.importable() && v.Exported()
		}
		flows = append(flows, c.usesOf(v)...)
	}
	for _, f := range flows {
		if storedInDeclared(f) || c.passedToOtherModule(f) {
			return s, false
		}
		if name, ok := c.returnedByExported(f); ok {
			s.api, s.resultOf = true, name
		}
	}
	return s, true
}

// passedToOtherModule reports whether the expression at cur is an
// argument of a call of a function or method declared in another module.
func (c *checker) passedToOtherModule(cur inspector.Cursor) bool {
	for cur.ParentEdgeKind() == edge.ParenExpr_X {
		cur = cur.Parent()
	}
	if cur.ParentEdgeKind() != edge.CallExpr_Args {
		return false
	}
	fn, ok := typeutil.Callee(c.pass.TypesInfo, cur.Parent().Node().(*ast.CallExpr)).(*types.Func)
	return ok && fn.Pkg() != nil && !c.sameModule(fn.Pkg())
}

// sameModule reports whether pkg belongs to the module being analyzed,
// whose code the user can change. Drivers that give no module (GOPATH
// mode) are answered from the import paths: the same first element, or
// for a path that starts with a domain, the same first three.
func (c *checker) sameModule(pkg *types.Package) bool {
	path := pkg.Path()
	if m := c.pass.Module; m != nil && m.Path != "" {
		return path == m.Path || strings.HasPrefix(path, m.Path+"/")
	}
	return moduleRoot(path) == moduleRoot(c.pass.Pkg.Path())
}

func moduleRoot(path string) string {
	elems := strings.Split(path, "/")
	n := 1
	if strings.Contains(elems[0], ".") {
		n = 3
	}
	return strings.Join(elems[:min(n, len(elems))], "/")
}

// returnedByExported reports whether the expression at cur is a result
// of a return statement of an exported function or method of an
// importable package, and names it (Build, Stats.Fresh).
func (c *checker) returnedByExported(cur inspector.Cursor) (string, bool) {
	for cur.ParentEdgeKind() == edge.ParenExpr_X {
		cur = cur.Parent()
	}
	if cur.ParentEdgeKind() != edge.ReturnStmt_Results || !c.importable() {
		return "", false
	}
	fn, ok := first(cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)))
	if !ok {
		return "", false
	}
	decl, ok := fn.Node().(*ast.FuncDecl)
	if !ok || !decl.Name.IsExported() {
		return "", false // a function literal, or unexported
	}
	if decl.Recv == nil || len(decl.Recv.List) == 0 {
		return decl.Name.Name, true
	}
	recv := decl.Recv.List[0].Type
	for {
		switch r := recv.(type) {
		case *ast.StarExpr:
			recv = r.X
		case *ast.ParenExpr:
			recv = r.X
		case *ast.IndexExpr:
			recv = r.X
		case *ast.IndexListExpr:
			recv = r.X
		case *ast.Ident:
			return r.Name + "." + decl.Name.Name, r.IsExported()
		default:
			return "", false
		}
	}
}

func first(seq iter.Seq[inspector.Cursor]) (inspector.Cursor, bool) {
	for c := range seq {
		return c, true
	}
	return inspector.Cursor{}, false
}

// storedInDeclared reports whether the value of the expression at cur is
// stored into a place whose declaration spells its type.
func storedInDeclared(cur inspector.Cursor) bool {
	for {
		switch cur.ParentEdgeKind() {
		case edge.ParenExpr_X, edge.UnaryExpr_X:
			cur = cur.Parent()
			continue
		case edge.AssignStmt_Rhs:
			assign := cur.Parent().Node().(*ast.AssignStmt)
			if assign.Tok != token.ASSIGN || len(assign.Lhs) != len(assign.Rhs) {
				return false
			}
			return !isBlank(assign.Lhs[cur.ParentEdgeIndex()])
		case edge.KeyValueExpr_Value:
			return cur.Parent().ParentEdgeKind() == edge.CompositeLit_Elts
		case edge.CompositeLit_Elts:
			return true
		case edge.ValueSpec_Values:
			return cur.Parent().Node().(*ast.ValueSpec).Type != nil
		}
		return false
	}
}

// initializedVar returns the variable that the make call or composite
// literal at cur initializes, in `v := make(...)` or `var v = make(...)`.
func (c *checker) initializedVar(cur inspector.Cursor) *types.Var {
	for cur.ParentEdgeKind() == edge.ParenExpr_X {
		cur = cur.Parent()
	}
	var lhs []ast.Expr
	kind, index := cur.ParentEdge()
	switch kind {
	case edge.AssignStmt_Rhs:
		assign := cur.Parent().Node().(*ast.AssignStmt)
		if assign.Tok != token.DEFINE || len(assign.Lhs) != len(assign.Rhs) {
			return nil
		}
		lhs = assign.Lhs
	case edge.ValueSpec_Values:
		spec := cur.Parent().Node().(*ast.ValueSpec)
		if len(spec.Names) != len(spec.Values) {
			return nil
		}
		for _, name := range spec.Names {
			lhs = append(lhs, name)
		}
	default:
		return nil
	}
	id, ok := lhs[index].(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := c.pass.TypesInfo.Defs[id].(*types.Var)
	return v
}

// importable reports whether other packages may import this one, so that
// its exported declarations are an API that a type change would break.
func (c *checker) importable() bool {
	path := c.pass.Pkg.Path()
	return c.pass.Pkg.Name() != "main" &&
		!strings.HasPrefix(path, "internal/") && !strings.Contains(path, "/internal/") && !strings.HasSuffix(path, "/internal")
}

func isBlank(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && id.Name == "_"
}

func inFunction(cur inspector.Cursor) bool {
	_, ok := first(cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)))
	return ok
}

func allExported(fields []*ast.Field) bool {
	for _, f := range fields {
		if !anyExported(f.Names) {
			return false
		}
	}
	return true
}

func anyExported(names []*ast.Ident) bool {
	for _, name := range names {
		if name.IsExported() {
			return true
		}
	}
	return false
}

// checkMapType reports the map type spelled at cur when its key or value
// is stored out of line, or when its inline value wastes enough memory
// that the sizer shows a layout saving at least minSaving, provided cur
// is where the map's representation is decided.
func (c *checker) checkMapType(cur inspector.Cursor) {
	expr := cur.Node().(*ast.MapType)
	mt, ok := types.Unalias(c.pass.TypesInfo.TypeOf(expr)).(*types.Map)
	if !ok || !mapcost.Sized(mt.Key(), c.pass.TypesSizes) || !mapcost.Sized(mt.Elem(), c.pass.TypesSizes) {
		return // invalid, or generic: no fixed size to speak of
	}
	m := sizer.Of(mt.Key(), mt.Elem(), c.pass.TypesSizes)
	indirectKey, indirectElem := m.IndirectKey(), m.IndirectElem()
	if !indirectKey && !indirectElem && m.Elem.Size <= inlineFloor {
		return // the common case, decided before looking for the site
	}
	s, ok := c.declarationSite(cur)
	if !ok {
		return
	}
	// An API's map type is reported only for a key stored out of line,
	// and only where the map is made and returned: the cost is paid by
	// every caller, and a key over 128 bytes has no cheap remedy that
	// callers could apply themselves. Declared types, variables and fields
	// of an API stay silent.
	if s.api && (s.resultOf == "" || !indirectKey) {
		return
	}
	// The trade for an inline value, an allocation per entry for memory,
	// pays only in a map that outlives the function making it.
	inlineElem := !indirectElem && m.Elem.Size > inlineFloor && !s.local && !s.api
	if !indirectKey && !indirectElem && !inlineElem {
		return
	}
	size := s.size
	alts := m.Alternatives(c.layout, size.Entries)
	now := alts.Hinted.LiveBytesPerEntry()

	var cheaper []string // alternatives for an inline value that pass the bar
	if inlineElem {
		ptr := types.NewMap(mt.Key(), types.NewPointer(mt.Elem()))
		if saves(alts.PointerElem, alts.Hinted) {
			cheaper = append(cheaper, fmt.Sprintf("%s about %s%s, at one allocation per entry",
				c.typeString(ptr), perEntry(alts.PointerElem), less(alts.PointerElem, alts.Hinted)))
		}
		// An index into a slice cannot give slots back: only a map that
		// is never deleted from can become one.
		if saves(alts.IndexIntoSlice, alts.Hinted) && !c.deletedFrom(mt) {
			index := types.NewMap(mt.Key(), types.Typ[types.Int32])
			cheaper = append(cheaper, fmt.Sprintf("a %s index into a []%s about %s%s, without per-entry allocations, as nothing deletes from it",
				c.typeString(index), c.typeString(mt.Elem()), perEntry(alts.IndexIntoSlice), less(alts.IndexIntoSlice, alts.Hinted)))
		}
		if len(cheaper) == 0 && !indirectKey {
			return
		}
	}

	var what []string
	if indirectKey {
		what = append(what, fmt.Sprintf("the key %s is %s, stored out of line: one allocation per entry, and every lookup hashes and compares all of it",
			c.typeString(mt.Key()), mapcost.Bytes(float64(m.Key.Size))))
	}
	switch {
	case indirectElem:
		what = append(what, fmt.Sprintf("%s is %s, stored out of line: one allocation per entry, and every read, range and update copies all of it",
			c.valueName(mt.Elem()), mapcost.Bytes(float64(m.Elem.Size))))
	case len(cheaper) > 0:
		what = append(what, fmt.Sprintf("%s is %s stored inline, so empty slots cost as much as full ones",
			c.valueName(mt.Elem()), mapcost.Bytes(float64(m.Elem.Size))))
	}

	var advice []string
	switch {
	case indirectElem:
		ptr := types.NewMap(mt.Key(), types.NewPointer(mt.Elem()))
		advice = append(advice, fmt.Sprintf("%s costs about %s per entry with the same allocations, and reads, ranges and updates then copy a pointer",
			c.typeString(ptr), perEntry(alts.PointerElem)))
	case len(cheaper) > 0:
		advice = append(advice, cheaper...)
	}
	if indirectKey {
		advice = append(advice, "key the map by something smaller that identifies the entry, such as an ID")
	}
	if s.api {
		advice = append(advice, fmt.Sprintf("the type is part of the API, as the result of %s: changing it breaks its callers", s.resultOf))
	}

	c.pass.Report(analysis.Diagnostic{
		Pos: expr.Pos(),
		End: expr.End(),
		Message: fmt.Sprintf("%s: %s; about %s per entry live at %s (%s); %s",
			c.typeString(mt), strings.Join(what, "; "), mapcost.Bytes(now), size, c.layout, strings.Join(advice, "; ")),
	})
}

// checkRange reports `for _, v := range m` over a map whose values are
// stored out of line when v is used: each iteration copies the whole
// value into v.
func (c *checker) checkRange(rs *ast.RangeStmt) {
	if rs.Tok != token.DEFINE || rs.Value == nil {
		return
	}
	v, ok := rs.Value.(*ast.Ident)
	if !ok || v.Name == "_" {
		return
	}
	t := c.pass.TypesInfo.TypeOf(rs.X)
	if t == nil {
		return
	}
	mt, ok := t.Underlying().(*types.Map)
	if !ok || !mapcost.Sized(mt.Elem(), c.pass.TypesSizes) {
		return // not a map, or generic
	}
	elem := sizer.TypeOf(mt.Elem(), c.pass.TypesSizes)
	if elem.Size <= sizer.MapMaxElemBytes {
		return
	}
	if obj, ok := c.pass.TypesInfo.Defs[v].(*types.Var); !ok || len(c.usesOf(obj)) == 0 {
		return
	}
	advice := fmt.Sprintf("store *%s in the map, or range over the keys and read fields in place (one lookup each)", c.typeString(mt.Elem()))
	if !c.ownMapType(rs.X, t) {
		// The map's type is decided in another module: only the loop is
		// the user's to change.
		advice = "range over the keys and read fields in place (one lookup each); the map's type is decided in another module"
	}
	c.pass.Report(analysis.Diagnostic{
		Pos: v.Pos(),
		End: v.End(),
		Message: fmt.Sprintf("each iteration copies a %s %s into %s: %s",
			mapcost.Bytes(float64(elem.Size)), c.typeString(mt.Elem()), v.Name, advice),
	})
}

// ownMapType reports whether the type of the map x, of type t, is decided
// in the module being analyzed, so that the user can change it: a
// variable or field declared there, of a type literal or a type named
// there. A map reached through another module's field, named type, or
// function result (directly or through a variable it initializes) is
// not.
func (c *checker) ownMapType(x ast.Expr, t types.Type) bool {
	info := c.pass.TypesInfo
	if named, ok := types.Unalias(t).(*types.Named); ok {
		if pkg := named.Obj().Pkg(); pkg != nil && !c.sameModule(pkg) {
			return false
		}
	}
	switch x := ast.Unparen(x).(type) {
	case *ast.Ident:
		v, ok := info.Uses[x].(*types.Var)
		if !ok || v.Pkg() == nil || !c.sameModule(v.Pkg()) {
			return false
		}
		if init := c.initializer(v); init != nil {
			if call, ok := ast.Unparen(init).(*ast.CallExpr); ok {
				if fn, ok := typeutil.Callee(info, call).(*types.Func); ok && fn.Pkg() != nil && !c.sameModule(fn.Pkg()) {
					return false // m := othermod.Load(): its result type decides
				}
			}
		}
		return true
	case *ast.SelectorExpr:
		obj, ok := info.Uses[x.Sel].(*types.Var)
		return ok && obj.Pkg() != nil && c.sameModule(obj.Pkg())
	case *ast.CallExpr:
		fn, ok := typeutil.Callee(info, x).(*types.Func)
		return ok && fn.Pkg() != nil && c.sameModule(fn.Pkg())
	}
	return true
}

// initializer returns the expression a variable is declared with, in
// v := e, var v = e, or v, err := f() (the call), or nil. The index of
// initializers is built on first need, in one pass over the package.
func (c *checker) initializer(v *types.Var) ast.Expr {
	if c.inits == nil {
		c.inits = make(map[*types.Var]ast.Expr)
		record := func(names []*ast.Ident, values []ast.Expr) {
			for i, name := range names {
				w, ok := c.pass.TypesInfo.Defs[name].(*types.Var)
				switch {
				case !ok:
				case len(values) == len(names):
					c.inits[w] = values[i]
				case len(values) == 1:
					c.inits[w] = values[0] // v, err := f()
				}
			}
		}
		for cur := range c.root.Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)) {
			switch n := cur.Node().(type) {
			case *ast.AssignStmt:
				if n.Tok != token.DEFINE {
					continue
				}
				var names []*ast.Ident
				for _, lhs := range n.Lhs {
					id, _ := lhs.(*ast.Ident)
					if id == nil {
						id = ast.NewIdent("_")
					}
					names = append(names, id)
				}
				record(names, n.Rhs)
			case *ast.ValueSpec:
				record(n.Names, n.Values)
			}
		}
	}
	return c.inits[v]
}

// deletedFrom reports whether the package deletes entries from any map
// of type mt. The set of such types is built on first need, in one pass
// over the package.
func (c *checker) deletedFrom(mt *types.Map) bool {
	if c.deleted == nil {
		c.deleted = new(typeutil.Map)
		for cur := range c.root.Preorder((*ast.CallExpr)(nil)) {
			call := cur.Node().(*ast.CallExpr)
			if len(call.Args) == 2 && mapcost.IsBuiltin(c.pass.TypesInfo, call.Fun, "delete") {
				if t := c.pass.TypesInfo.TypeOf(call.Args[0]); t != nil {
					c.deleted.Set(t.Underlying(), true)
				}
			}
		}
	}
	return c.deleted.At(mt) != nil
}

// usesOf returns the identifiers that refer to v, a variable. The index
// of all uses is built on first need, in one pass over the package.
func (c *checker) usesOf(v *types.Var) []inspector.Cursor {
	if c.uses == nil {
		c.uses = make(map[*types.Var][]inspector.Cursor)
		for id := range c.root.Preorder((*ast.Ident)(nil)) {
			if u, ok := c.pass.TypesInfo.Uses[id.Node().(*ast.Ident)].(*types.Var); ok && !u.IsField() {
				c.uses[u] = append(c.uses[u], id)
			}
		}
	}
	return c.uses[v]
}

// saves reports whether alt keeps at least minSaving fewer live bytes
// than now.
func saves(alt, now sizer.Fill) bool {
	return now.LiveBytes > 0 && float64(alt.LiveBytes) <= (1-minSaving)*float64(now.LiveBytes)
}

func perEntry(f sizer.Fill) string {
	return mapcost.Bytes(f.LiveBytesPerEntry())
}

// less is the saving of alt over now, rounded down so that it never
// overstates: " (31% less)".
func less(alt, now sizer.Fill) string {
	return fmt.Sprintf(" (%d%% less)", int(math.Floor(100*(1-float64(alt.LiveBytes)/float64(now.LiveBytes)))))
}

func (c *checker) typeString(t types.Type) string {
	return types.TypeString(t, c.qual)
}

// valueName names a value type in a sentence: by its name when it has
// one or is short, as "the value" otherwise.
func (c *checker) valueName(t types.Type) string {
	s := c.typeString(t)
	if _, named := types.Unalias(t).(*types.Named); named || len(s) <= 24 {
		return s
	}
	return "the value"
}
