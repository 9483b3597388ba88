package mapkeys

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/maplint/maplint/passes/internal/typeparams"
)

// A Path names a map by the way the code reaches it: a variable followed
// by field selections and stable indexes, as in m, s.items or g.adj[u].
// Two expressions with equal refs denote the same map as long as nothing
// on the way is reassigned in between; checkRange makes sure of that for
// the loop it examines. Expressions without a ref (calls, indexes by an
// expression that may change) are never taken to be the same map as
// anything: rangemut stays silent when it cannot tell.
type Path struct {
	root  *types.Var
	elems []string // ".field", "[#obj]" (stable variable), "[=const]", or "[*]" (any index, only in reassignments)
}

func (r Path) Equal(o Path) bool {
	return r.root == o.root && r.root != nil && strings.Join(r.elems, "") == strings.Join(o.elems, "")
}

func (r Path) With(elems ...string) Path {
	return Path{root: r.root, elems: append(r.elems[:len(r.elems):len(r.elems)], elems...)}
}

// CoveredBy reports whether replacing the value at p replaces the map r,
// i.e. p is r or a prefix of it; "[*]" in p matches any index.
func (r Path) CoveredBy(p Path) bool {
	if r.root != p.root || r.root == nil || len(p.elems) > len(r.elems) {
		return false
	}
	for i, e := range p.elems {
		if e == r.elems[i] {
			continue
		}
		if e == "[*]" && strings.HasPrefix(r.elems[i], "[") {
			continue
		}
		return false
	}
	return true
}

// FieldsOnly reports whether every element of r is a field selection.
func (r Path) FieldsOnly() bool {
	for _, e := range r.elems {
		if !strings.HasPrefix(e, ".") {
			return false
		}
	}
	return true
}

// Facts is what one linear pre-pass over the package learns about its
// variables: which are assigned after their declaration, and which local
// variables are plain aliases (v := expr, never reassigned).
type Facts struct {
	pass *analysis.Pass
	info *types.Info

	// assigned holds variables written after their declaration, or whose
	// address is taken, anywhere in the package. A range statement's own
	// "for k = range" assignments do not count.
	assigned map[*types.Var]bool
	// defs holds the initializer of each local variable declared with a
	// single value (v := e, var v = e).
	defs map[*types.Var]ast.Expr
	// defFunc is the function declaring each variable in defs.
	defFunc map[*types.Var]ast.Node
	// fieldsAssigned holds, per function, the names of fields assigned in it.
	fieldsAssigned map[ast.Node]map[string]bool
	// fieldsAssignedAnywhere holds the names of fields assigned in any
	// function of the package.
	fieldsAssignedAnywhere map[string]bool
	// commaOK holds the index expression m[k] of each "v, ok := m[k]".
	commaOK map[*types.Var]*ast.IndexExpr
	// lazyInit holds the assignments X = ... inside "if X == nil { ... }":
	// they give a nil map its first value and cannot replace a map that a
	// loop is ranging over (ranging over nil runs no iteration).
	lazyInit map[*ast.AssignStmt]bool
	// normalized holds the parameters whose only writes are normalisations
	// in place at the top of their function, p = f(p); otherWrites, those
	// written in any other way.
	normalized, otherWrites map[*types.Var]bool

	// earlyExits caches, per statement list, its "if cond { ...; return }"
	// statements, the only earlier siblings that can prove a key present
	// (see earlyExitsOf). Facts is shared by the passes that Require the
	// analyzer computing it, hence the lock.
	earlyExitsMu sync.Mutex
	earlyExits   map[ast.Node][]*ast.IfStmt
}

func Scan(pass *analysis.Pass) *Facts {
	p := &Facts{
		pass:                   pass,
		info:                   pass.TypesInfo,
		assigned:               make(map[*types.Var]bool),
		defs:                   make(map[*types.Var]ast.Expr),
		defFunc:                make(map[*types.Var]ast.Node),
		fieldsAssigned:         make(map[ast.Node]map[string]bool),
		fieldsAssignedAnywhere: make(map[string]bool),
		commaOK:                make(map[*types.Var]*ast.IndexExpr),
		lazyInit:               make(map[*ast.AssignStmt]bool),
		normalized:             make(map[*types.Var]bool),
		otherWrites:            make(map[*types.Var]bool),
		earlyExits:             make(map[ast.Node][]*ast.IfStmt),
	}
	for _, f := range pass.Files {
		for _, decl := range f.Decls {
			p.scanDecl(decl)
		}
	}
	return p
}

func (p *Facts) scanDecl(decl ast.Decl) {
	fields := make(map[string]bool)
	p.fieldsAssigned[decl] = fields
	normalizing := p.topNormalizations(decl)
	ast.Inspect(decl, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IfStmt:
			p.markLazyInit(n)
		case *ast.AssignStmt:
			if v := normalizing[n]; v != nil {
				p.assigned[v], p.normalized[v] = true, true
				return true
			}
			lazy := p.lazyInit[n]
			for i, lhs := range n.Lhs {
				if id, ok := ast.Unparen(lhs).(*ast.Ident); ok {
					if v, ok := p.info.Defs[id].(*types.Var); ok {
						switch {
						case len(n.Lhs) == len(n.Rhs):
							p.defs[v], p.defFunc[v] = n.Rhs[i], decl
						case len(n.Lhs) == 2 && len(n.Rhs) == 1 && i == 1:
							if ix, ok := ast.Unparen(n.Rhs[0]).(*ast.IndexExpr); ok {
								if _, isMap := typeparams.CoreType(p.info.TypeOf(ix.X)).(*types.Map); isMap {
									p.commaOK[v] = ix
								}
							}
						}
						continue
					}
				}
				if !lazy {
					p.markAssigned(lhs, fields)
				}
			}
		case *ast.ValueSpec:
			if len(n.Names) == len(n.Values) {
				for i, id := range n.Names {
					if v, ok := p.info.Defs[id].(*types.Var); ok && !IsPackageLevel(v) {
						p.defs[v], p.defFunc[v] = n.Values[i], decl
					}
				}
			}
		case *ast.IncDecStmt:
			p.markAssigned(n.X, fields)
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				p.markAssigned(n.X, fields)
			}
		}
		return true
	})
}

func (p *Facts) markAssigned(lhs ast.Expr, fields map[string]bool) {
	switch lhs := ast.Unparen(lhs).(type) {
	case *ast.Ident:
		if v, ok := p.info.Uses[lhs].(*types.Var); ok {
			p.assigned[v], p.otherWrites[v] = true, true
		}
	case *ast.SelectorExpr:
		if sel := p.info.Selections[lhs]; sel != nil && sel.Kind() == types.FieldVal {
			fields[lhs.Sel.Name] = true
			p.fieldsAssignedAnywhere[lhs.Sel.Name] = true
		} else if v, ok := p.info.Uses[lhs.Sel].(*types.Var); ok {
			p.assigned[v] = true // pkg.Var = ...
		}
	case *ast.StarExpr:
		p.markAssigned(lhs.X, fields)
	}
}

// markLazyInit records the assignments of "if X == nil { X = ... }".
func (p *Facts) markLazyInit(s *ast.IfStmt) {
	cond, ok := ast.Unparen(s.Cond).(*ast.BinaryExpr)
	if !ok || cond.Op != token.EQL {
		return
	}
	x := cond.X
	if p.IsNil(x) {
		x = cond.Y
	} else if !p.IsNil(cond.Y) {
		return
	}
	want := types.ExprString(ast.Unparen(x))
	for _, st := range s.Body.List {
		if as, ok := st.(*ast.AssignStmt); ok && as.Tok == token.ASSIGN && len(as.Lhs) == 1 &&
			types.ExprString(ast.Unparen(as.Lhs[0])) == want {
			p.lazyInit[as] = true
		}
	}
}

func (p *Facts) IsNil(e ast.Expr) bool {
	tv, ok := p.info.Types[e]
	return ok && tv.IsNil()
}

func IsPackageLevel(v *types.Var) bool {
	return v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
}

// topNormalizations returns the statements p = f(p) standing directly in
// the body of the function decl, for a parameter p and a call f with p
// as its only argument (name = strings.TrimSpace(name), obj =
// origin(obj)): the parameter keeps denoting the caller's argument, in a
// canonical spelling. Inside a loop the same statement walks from the
// argument to other values (p = path.Dir(p)), so only the top level counts.
func (p *Facts) topNormalizations(decl ast.Decl) map[*ast.AssignStmt]*types.Var {
	fd, ok := decl.(*ast.FuncDecl)
	if !ok || fd.Body == nil {
		return nil
	}
	params := make(map[*types.Var]bool)
	for _, field := range fd.Type.Params.List {
		for _, name := range field.Names {
			if v, ok := p.info.Defs[name].(*types.Var); ok {
				params[v] = true
			}
		}
	}
	var found map[*ast.AssignStmt]*types.Var
	for _, stmt := range fd.Body.List {
		as, ok := stmt.(*ast.AssignStmt)
		if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
			continue
		}
		lhs, ok := ast.Unparen(as.Lhs[0]).(*ast.Ident)
		if !ok {
			continue
		}
		v, ok := p.info.Uses[lhs].(*types.Var)
		call, isCall := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
		if !ok || !params[v] || !isCall || len(call.Args) != 1 {
			continue
		}
		if arg, ok := ast.Unparen(call.Args[0]).(*ast.Ident); ok && p.info.Uses[arg] == v {
			if found == nil {
				found = make(map[*ast.AssignStmt]*types.Var)
			}
			found[as] = v
		}
	}
	return found
}

// HoldsArgument reports whether the parameter v holds, wherever it is
// read, the argument its caller passed: it is never written, or written
// only by normalisations in place at the top of its function.
func (p *Facts) HoldsArgument(v *types.Var) bool {
	return p.Stable(v) || p.normalized[v] && !p.otherWrites[v] && !IsPackageLevel(v)
}

// Stable reports whether v keeps the value it was declared with.
func (p *Facts) Stable(v *types.Var) bool {
	return !p.assigned[v] && !IsPackageLevel(v)
}

// RefOf returns the ref of the map (or of any value) that e denotes,
// looking through stable aliases.
func (p *Facts) RefOf(e ast.Expr) (Path, bool) { return p.refDepth(e, 0) }

const maxAliasDepth = 8

func (p *Facts) refDepth(e ast.Expr, depth int) (Path, bool) {
	if depth > maxAliasDepth {
		return Path{}, false
	}
	switch e := e.(type) {
	case *ast.ParenExpr:
		return p.refDepth(e.X, depth)
	case *ast.StarExpr:
		return p.refDepth(e.X, depth)
	case *ast.Ident:
		v, ok := p.info.ObjectOf(e).(*types.Var)
		if !ok || v.IsField() {
			return Path{}, false
		}
		if r, ok := p.aliasOf(v, depth); ok {
			return r, true
		}
		return Path{root: v}, true
	case *ast.SelectorExpr:
		sel := p.info.Selections[e]
		if sel == nil {
			if v, ok := p.info.Uses[e.Sel].(*types.Var); ok {
				return Path{root: v}, true // qualified package variable
			}
			return Path{}, false
		}
		if sel.Kind() != types.FieldVal {
			return Path{}, false
		}
		base, ok := p.refDepth(e.X, depth+1)
		if !ok {
			return Path{}, false
		}
		names := fieldPath(sel)
		if names == nil {
			return Path{}, false
		}
		return base.With(names...), true
	case *ast.IndexExpr:
		switch typeparams.CoreType(p.info.TypeOf(e.X)).(type) {
		case *types.Map, *types.Slice, *types.Array, *types.Pointer:
		default:
			return Path{}, false
		}
		idx := p.IndexElem(e.Index)
		if idx == "" {
			return Path{}, false
		}
		base, ok := p.refDepth(e.X, depth+1)
		if !ok {
			return Path{}, false
		}
		return base.With(idx), true
	}
	return Path{}, false
}

// aliasOf resolves a stable local variable declared as v := x, where x
// has a ref and nothing in the declaring function reassigns any field
// on x's path (old := s.items; s.items = ... makes old another map).
func (p *Facts) aliasOf(v *types.Var, depth int) (Path, bool) {
	init, ok := p.defs[v]
	if !ok || !p.Stable(v) {
		return Path{}, false
	}
	r, ok := p.refDepth(init, depth+1)
	if !ok || (!p.Stable(r.root) && !IsPackageLevel(r.root)) || IsPackageLevel(r.root) && p.assigned[r.root] {
		return Path{}, false
	}
	fields := p.fieldsAssigned[p.defFunc[v]]
	for _, e := range r.elems {
		if strings.HasPrefix(e, ".") && fields[e[1:]] {
			return Path{}, false
		}
	}
	return r, true
}

// IndexElem returns the ref element for indexing by e, or "" when e is
// not a constant or a stable variable.
func (p *Facts) IndexElem(e ast.Expr) string {
	if tv, ok := p.info.Types[e]; ok && tv.Value != nil {
		return "[=" + tv.Value.ExactString() + "]"
	}
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		if v, ok := p.info.ObjectOf(id).(*types.Var); ok && p.Stable(v) {
			return fmt.Sprintf("[#%p]", v)
		}
	}
	return ""
}

// fieldPath returns the names of the fields a field selection goes
// through, including the embedded fields it selects implicitly.
func fieldPath(sel *types.Selection) []string {
	return SelectedFields(sel.Recv(), sel.Index())
}

func SelectedFields(t types.Type, index []int) []string {
	var names []string
	for _, i := range index {
		if ptr, ok := typeparams.CoreType(t).(*types.Pointer); ok {
			t = ptr.Elem()
		}
		st, ok := typeparams.CoreType(t).(*types.Struct)
		if !ok || i >= st.NumFields() {
			return nil
		}
		f := st.Field(i)
		names = append(names, "."+f.Name())
		t = f.Type()
	}
	return names
}

// SameKey reports whether a and b are provably the same map key: the same
// Stable variable (through aliases), or equal constants.
func (p *Facts) SameKey(a, b ast.Expr) bool {
	ta, oka := p.info.Types[a]
	tb, okb := p.info.Types[b]
	if oka && okb && ta.Value != nil && tb.Value != nil {
		return ta.Value.ExactString() == tb.Value.ExactString()
	}
	ra, ok := p.RefOf(a)
	if !ok {
		return false
	}
	rb, ok := p.RefOf(b)
	if !ok || !ra.Equal(rb) {
		return false
	}
	// A variable read twice is the same value only if nothing wrote it.
	return p.Stable(ra.root)
}

// KeyVar resolves a key expression to the variable it reads, through
// Stable aliases (key := k).
func (p *Facts) KeyVar(e ast.Expr) *types.Var {
	for range maxAliasDepth {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return nil
		}
		v, ok := p.info.ObjectOf(id).(*types.Var)
		if !ok {
			return nil
		}
		init, ok := p.defs[v]
		if !ok || !p.Stable(v) {
			return v
		}
		if _, isIdent := ast.Unparen(init).(*ast.Ident); !isIdent {
			return v
		}
		e = init
	}
	return nil
}

// VarPath is the path of the variable v itself.
func VarPath(v *types.Var) Path { return Path{root: v} }

// Root is the variable a path starts from.
func (r Path) Root() *types.Var { return r.root }

// Fields returns the field names of a path made of field selections
// only (see FieldsOnly).
func (r Path) Fields() []string {
	out := make([]string, len(r.elems))
	for i, e := range r.elems {
		out[i] = e[1:]
	}
	return out
}

// Def returns the initializer of the local variable v, when it is
// declared with a single value.
func (p *Facts) Def(v *types.Var) ast.Expr { return p.defs[v] }

// Assigned reports whether v is written after its declaration, or has
// its address taken, anywhere in the package.
func (p *Facts) Assigned(v *types.Var) bool { return p.assigned[v] }

// LazyInit reports whether as is X = ... inside "if X == nil { ... }".
func (p *Facts) LazyInit(as *ast.AssignStmt) bool { return p.lazyInit[as] }

// FieldAssigned reports whether the function or declaration decl assigns
// a field named name (x.name = …, x.name++, &x.name), of any value.
func (p *Facts) FieldAssigned(decl ast.Decl, name string) bool { return p.fieldsAssigned[decl][name] }

// FieldAssignedInPackage reports whether any function of the package
// assigns a field named name.
func (p *Facts) FieldAssignedInPackage(name string) bool { return p.fieldsAssignedAnywhere[name] }
