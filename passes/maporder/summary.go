package maporder

import (
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// A paramSet lists parameter indices, -1 for the receiver.
type paramSet []int

// writesFact records, for a function of another package, the parameters
// it writes bytes to, so that for k := range m { writeEntry(w, k) }
// is followed into that package's helper.
type writesFact struct {
	Params []int
	Names  []string // for tests and debugging: the parameters' names
}

func (*writesFact) AFact()           {}
func (f *writesFact) String() string { return "writes " + strings.Join(f.Names, ", ") }

// summarize computes what each function of the package writes to and
// sorts, exports the writes as facts, and notes the fields and
// package-level variables that are sorted somewhere.
func (c *checker) summarize() {
	for fn := range c.decls {
		if ws := c.writesTo(fn); len(ws) > 0 {
			c.pass.ExportObjectFact(fn, &writesFact{Params: ws, Names: paramNames(fn, ws)})
		}
	}
	for _, call := range c.sortCalls() {
		for _, arg := range call.Args {
			ast.Inspect(arg, func(n ast.Node) bool {
				var id *ast.Ident
				switch n := n.(type) {
				case *ast.SelectorExpr:
					id = n.Sel
				case *ast.Ident:
					id = n
				default:
					return true
				}
				if v, ok := c.info.Uses[id].(*types.Var); ok && (v.IsField() || isPackageLevel(v)) {
					c.sortedVars[v] = true
				}
				return true
			})
		}
	}
}

func isPackageLevel(v *types.Var) bool {
	return v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
}

// writesTo returns the parameters fn writes bytes to: directly (Write,
// fmt.Fprintf, Encode) or through another function. Functions of other
// packages come from their facts.
func (c *checker) writesTo(fn *types.Func) paramSet {
	fn = fn.Origin()
	if ws, done := c.writes[fn]; done {
		return ws
	}
	fc, ok := c.decls[fn]
	if !ok {
		// The standard library's writers are those writeCall knows; its
		// other functions that write (testing.T.Run, log.Logger.Printf)
		// write logs and test output, not results.
		var fact writesFact
		if fn.Pkg() != nil && fn.Pkg() != c.pass.Pkg && !isStd(fn.Pkg().Path()) && c.pass.ImportObjectFact(fn, &fact) {
			c.writes[fn] = fact.Params
			return fact.Params
		}
		c.writes[fn] = nil
		return nil
	}
	c.writes[fn] = nil // recursion: assume nothing until known
	params := c.paramIndex(fc)
	var ws paramSet
	fc.Inspect(nil, func(cur inspector.Cursor) bool {
		switch n := cur.Node().(type) {
		case *ast.GoStmt, *ast.FuncLit:
			return false
		case *ast.CallExpr:
			w, _, ok := c.writeCall(n)
			if !ok || w == nil {
				return true
			}
			if i, isParam := params[c.rootVar(w)]; isParam && !slices.Contains(ws, i) {
				ws = append(ws, i)
			}
		}
		return true
	})
	slices.Sort(ws)
	c.writes[fn] = ws
	return ws
}

// paramIndex maps the receiver and parameters of a declared function to
// their indices (-1 for the receiver).
func (c *checker) paramIndex(fc inspector.Cursor) map[*types.Var]int {
	decl := fc.Node().(*ast.FuncDecl)
	index := make(map[*types.Var]int)
	if decl.Recv != nil {
		for _, f := range decl.Recv.List {
			for _, name := range f.Names {
				if v, ok := c.info.Defs[name].(*types.Var); ok {
					index[v] = -1
				}
			}
		}
	}
	i := 0
	for _, f := range decl.Type.Params.List {
		if len(f.Names) == 0 {
			i++
			continue
		}
		for _, name := range f.Names {
			if v, ok := c.info.Defs[name].(*types.Var); ok {
				index[v] = i
			}
			i++
		}
	}
	return index
}

// rootVar returns the variable an expression such as w, p.buf, *p,
// p.out.w or json.NewEncoder(w) writes through, or nil.
func (c *checker) rootVar(e ast.Expr) *types.Var {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			v, _ := c.info.Uses[x].(*types.Var)
			return v
		case *ast.SelectorExpr:
			if sel, ok := c.info.Selections[x]; ok && sel.Kind() == types.FieldVal {
				e = x.X
				continue
			}
			return nil
		case *ast.StarExpr:
			e = x.X
		case *ast.UnaryExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.CallExpr:
			// A wrapper made from the writer: json.NewEncoder(w), bufio.NewWriter(w).
			if len(x.Args) == 0 {
				return nil
			}
			e = x.Args[0]
		default:
			return nil
		}
	}
}

// isSortCall reports whether call sorts (one of) its arguments, or its
// receiver: the sort and slices packages' sorting functions, a function
// or method whose name says it sorts, and this package's functions that
// sort a parameter.
func (c *checker) isSortCall(call *ast.CallExpr) bool {
	fn, _ := typeutil.Callee(c.info, call).(*types.Func)
	if fn == nil {
		return false
	}
	if fn.Pkg() != nil {
		switch fn.Pkg().Path() {
		case "sort":
			switch fn.Name() {
			case "Sort", "Stable", "Slice", "SliceStable", "Strings", "Ints", "Float64s":
				return true
			}
			return false
		case "slices", "golang.org/x/exp/slices":
			return strings.HasPrefix(fn.Name(), "Sort")
		}
	}
	name := strings.ToLower(fn.Name())
	if strings.Contains(name, "sort") && !strings.HasPrefix(name, "issorted") {
		return true
	}
	return len(c.sortsParams(fn)) > 0
}

// sortsParams returns the parameters a function of this package passes
// to a sorting function.
func (c *checker) sortsParams(fn *types.Func) paramSet {
	fn = fn.Origin()
	if ps, done := c.sorts[fn]; done {
		return ps
	}
	c.sorts[fn] = nil
	fc, ok := c.decls[fn]
	if !ok {
		return nil
	}
	params := c.paramIndex(fc)
	var ps paramSet
	for cur := range fc.Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if !c.isSortCall(call) {
			continue
		}
		for _, arg := range call.Args {
			ast.Inspect(arg, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok {
					if v, ok := c.info.Uses[id].(*types.Var); ok {
						if i, isParam := params[v]; isParam && !slices.Contains(ps, i) {
							ps = append(ps, i)
						}
					}
				}
				return true
			})
		}
	}
	c.sorts[fn] = ps
	return ps
}

func paramNames(fn *types.Func, ps paramSet) []string {
	sig := fn.Type().(*types.Signature)
	var names []string
	for _, i := range ps {
		switch {
		case i < 0 && sig.Recv() != nil:
			names = append(names, sig.Recv().Name())
		case i >= 0 && i < sig.Params().Len():
			names = append(names, sig.Params().At(i).Name())
		}
	}
	return names
}

// isStd reports whether path is a standard-library package: no dot in
// its first element.
func isStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}
