package bigvalue

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"math"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

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
}

// minSaving is the share of live bytes that an alternative layout must
// save before an inline value of 65 to 128 bytes is worth a report:
// below it, an allocation per entry is too high a price.
const minSaving = 0.30

// inlineFloor is the largest key or value never reported: at 64 bytes
// or less an entry is at most a cache line and no alternative pays for
// its allocation.
const inlineFloor = 64

type checker struct {
	pass   *analysis.Pass
	layout sizer.Layout
	qual   types.Qualifier
	used   map[types.Object]bool // built on first need
}

func run(pass *analysis.Pass) (any, error) {
	c := &checker{
		pass:   pass,
		layout: layout.Layout,
		qual:   types.RelativeTo(pass.Pkg),
	}
	root := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root()
	for cur := range root.Preorder((*ast.MapType)(nil), (*ast.RangeStmt)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.MapType:
			if size, ok := declarationSite(pass.TypesInfo, cur); ok {
				c.checkMapType(n, size)
			}
		case *ast.RangeStmt:
			c.checkRange(n)
		}
	}
	return nil, nil
}

// declarationSite reports whether the map type at cur is spelled where
// the map's representation is decided, the one place an engineer would
// change it: a type or variable declaration, a struct field, or a make
// call or composite literal whose result is not stored into a variable
// or field declared with its own (already reported) type. Parameters,
// results, conversions, assertions and type arguments only use a map
// type decided elsewhere. It also returns the size at which to cost the
// map: make's constant hint when the map type is make's own argument.
func declarationSite(info *types.Info, cur inspector.Cursor) (mapcost.Size, bool) {
	size := mapcost.SizeOf(info, nil)
	for n := cur; ; n = n.Parent() {
		switch kind, index := n.ParentEdge(); kind {
		case edge.ParenExpr_X, edge.StarExpr_X, edge.ArrayType_Elt, edge.ChanType_Value,
			edge.MapType_Key, edge.MapType_Value,
			edge.Field_Type, edge.StructType_Fields:
			// Part of a larger type: keep looking for what spells it.
		case edge.FieldList_List:
			if n.Parent().ParentEdgeKind() != edge.StructType_Fields {
				return size, false // parameters, results, methods
			}
		case edge.TypeSpec_Type, edge.ValueSpec_Type:
			return size, true
		case edge.CallExpr_Args:
			call := n.Parent().Node().(*ast.CallExpr)
			if index != 0 || !mapcost.IsBuiltin(info, call.Fun, "make") {
				return size, false
			}
			if n.Node() == ast.Node(cur.Node()) || isParenOf(n.Node(), cur.Node()) {
				size = mapcost.SizeOf(info, call)
			}
			return size, !storedInDeclared(n.Parent())
		case edge.CompositeLit_Type:
			return size, !storedInDeclared(n.Parent())
		default:
			return size, false
		}
	}
}

func isParenOf(outer, inner ast.Node) bool {
	e, ok := outer.(ast.Expr)
	return ok && ast.Unparen(e) == inner
}

// storedInDeclared reports whether the value of the make call or
// composite literal at cur is stored into a place whose declaration
// spells the type itself, and is reported there: assigned to an existing
// variable, field or element, given to a field or element of a composite
// literal, or initializing a variable declared with its type.
func storedInDeclared(cur inspector.Cursor) bool {
	for {
		switch cur.ParentEdgeKind() {
		case edge.ParenExpr_X, edge.UnaryExpr_X:
			cur = cur.Parent()
			continue
		case edge.AssignStmt_Rhs:
			return cur.Parent().Node().(*ast.AssignStmt).Tok == token.ASSIGN
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

// checkMapType reports the map type spelled by expr when its key or
// value is stored out of line, or when its inline value wastes enough
// memory that the sizer shows a layout saving at least minSaving.
func (c *checker) checkMapType(expr *ast.MapType, size mapcost.Size) {
	mt, ok := types.Unalias(c.pass.TypesInfo.TypeOf(expr)).(*types.Map)
	if !ok || !mapcost.Sized(mt.Key(), c.pass.TypesSizes) || !mapcost.Sized(mt.Elem(), c.pass.TypesSizes) {
		return // invalid, or generic: no fixed size to speak of
	}
	m := sizer.Of(mt.Key(), mt.Elem(), c.pass.TypesSizes)
	indirectKey, indirectElem := m.IndirectKey(), m.IndirectElem()
	inlineElem := !indirectElem && m.Elem.Size > inlineFloor
	if !indirectKey && !indirectElem && !inlineElem {
		return
	}
	alts := m.Alternatives(c.layout, size.Entries)
	now := alts.Hinted.LiveBytesPerEntry()

	var cheaper []string // alternatives for an inline value that pass the bar
	if inlineElem {
		ptr := types.NewMap(mt.Key(), types.NewPointer(mt.Elem()))
		if saves(alts.PointerElem, alts.Hinted) {
			cheaper = append(cheaper, fmt.Sprintf("%s about %s%s, at one allocation per entry",
				c.typeString(ptr), perEntry(alts.PointerElem), less(alts.PointerElem, alts.Hinted)))
		}
		if saves(alts.IndexIntoSlice, alts.Hinted) {
			index := types.NewMap(mt.Key(), types.Typ[types.Int32])
			cheaper = append(cheaper, fmt.Sprintf("a %s index into a []%s about %s%s, without per-entry allocations but with deletes to manage",
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
	obj := c.pass.TypesInfo.Defs[v]
	if obj == nil || !c.isUsed(obj) {
		return
	}
	c.pass.Report(analysis.Diagnostic{
		Pos: v.Pos(),
		End: v.End(),
		Message: fmt.Sprintf("each iteration copies a %s %s into %s: store *%s in the map, or range over the keys and read fields in place (one lookup each)",
			mapcost.Bytes(float64(elem.Size)), c.typeString(mt.Elem()), v.Name, c.typeString(mt.Elem())),
	})
}

// isUsed reports whether obj, a local variable, is referred to anywhere.
func (c *checker) isUsed(obj types.Object) bool {
	if c.used == nil {
		c.used = make(map[types.Object]bool)
		for _, o := range c.pass.TypesInfo.Uses {
			if v, ok := o.(*types.Var); ok && !v.IsField() {
				c.used[v] = true
			}
		}
	}
	return c.used[obj]
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
