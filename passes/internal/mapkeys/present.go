package mapkeys

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/maplint/maplint/passes/internal/typeparams"
)

// KeyPresent reports whether key is provably already in the map ref when
// the site at cur runs: it is the key of a range over ref enclosing cur
// (up to rc, or to the function when rc is the zero Cursor), or cur is
// guarded by a comma-ok lookup of the same key in ref.
func (f *Facts) KeyPresent(cur inspector.Cursor, ref Path, key ast.Expr, rc inspector.Cursor) bool {
	kv := f.KeyVar(key)
	for c := cur; ; {
		p := c.Parent()
		switch n := p.Node().(type) {
		case nil, *ast.FuncDecl:
			return false
		case *ast.RangeStmt:
			if kv != nil && c.ParentEdgeKind() == edge.RangeStmt_Body && f.IsRangeKey(n, kv) {
				if mapExpr, _ := f.RangedMap(n.X); mapExpr != nil {
					if r, ok := f.RefOf(mapExpr); ok && r.Equal(ref) {
						return true
					}
				}
			}
		case *ast.IfStmt:
			switch c.ParentEdgeKind() {
			case edge.IfStmt_Body:
				if f.guards(n.Cond, ref, key, true) {
					return true
				}
			case edge.IfStmt_Else:
				if f.guards(n.Cond, ref, key, false) {
					return true
				}
			}
		case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
			// An earlier "if !ok { return }" in the same list.
			for _, s := range f.earlyExitsOf(p) {
				if s.Pos() >= c.Node().Pos() {
					break
				}
				if f.guards(s.Cond, ref, key, false) {
					return true
				}
			}
		}
		if rc.Valid() && p == rc {
			return false
		}
		c = p
	}
}

// earlyExitsOf returns the statements "if cond { ...; return }" (no else,
// never running off the end) of the statement list list, in order. They
// are collected once per list: scanning all earlier siblings for every
// insert would cost time quadratic in the length of the list.
func (f *Facts) earlyExitsOf(list inspector.Cursor) []*ast.IfStmt {
	f.earlyExitsMu.Lock()
	defer f.earlyExitsMu.Unlock()
	if ifs, ok := f.earlyExits[list.Node()]; ok {
		return ifs
	}
	var ifs []*ast.IfStmt
	for c := range list.Children() {
		if s, ok := c.Node().(*ast.IfStmt); ok && s.Else == nil && EndsAbruptly(f.info, s.Body.List) {
			ifs = append(ifs, s)
		}
	}
	f.earlyExits[list.Node()] = ifs
	return ifs
}

// IsRangeKey reports whether v is the key variable of rng, and is never
// assigned, so that it holds the key being visited.
func (f *Facts) IsRangeKey(rng *ast.RangeStmt, v *types.Var) bool {
	id, ok := rng.Key.(*ast.Ident)
	if !ok || f.info.ObjectOf(id) != v || f.assigned[v] {
		return false
	}
	_, keyed := f.RangedMap(rng.X)
	return keyed
}

// guards reports whether cond being true (or false, when !whenTrue)
// proves that key is in ref: cond is ok, ok && ..., !ok or !ok || ...,
// where "_, ok := ref[key]" declared ok.
func (f *Facts) guards(cond ast.Expr, ref Path, key ast.Expr, whenTrue bool) bool {
	cond = ast.Unparen(cond)
	if b, ok := cond.(*ast.BinaryExpr); ok {
		if whenTrue && b.Op == token.LAND || !whenTrue && b.Op == token.LOR {
			return f.guards(b.X, ref, key, whenTrue) || f.guards(b.Y, ref, key, whenTrue)
		}
		return false
	}
	if !whenTrue {
		u, ok := cond.(*ast.UnaryExpr)
		if !ok || u.Op != token.NOT {
			return false
		}
		cond = ast.Unparen(u.X)
	}
	id, ok := cond.(*ast.Ident)
	if !ok {
		return false
	}
	okVar, _ := f.info.Uses[id].(*types.Var)
	lookup := f.commaOK[okVar]
	if lookup == nil || !f.Stable(okVar) {
		return false
	}
	r, ok := f.RefOf(lookup.X)
	return ok && r.Equal(ref) && f.SameKey(lookup.Index, key)
}

// EndsAbruptly reports whether control never runs off the end of list:
// it ends in return, break, continue, goto or a call that never returns.
func EndsAbruptly(info *types.Info, list []ast.Stmt) bool {
	if len(list) == 0 {
		return false
	}
	switch s := list[len(list)-1].(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		return s.Tok != token.FALLTHROUGH
	case *ast.ExprStmt:
		return NeverReturns(info, s)
	case *ast.BlockStmt:
		return EndsAbruptly(info, s.List)
	}
	return false
}

// noReturn lists the functions after whose call control never continues.
var noReturn = map[string]bool{
	"os.Exit":                   true,
	"runtime.Goexit":            true,
	"log.Fatal":                 true,
	"log.Fatalf":                true,
	"log.Fatalln":               true,
	"log.Panic":                 true,
	"log.Panicf":                true,
	"log.Panicln":               true,
	"(*log.Logger).Fatal":       true,
	"(*log.Logger).Fatalf":      true,
	"(*log.Logger).Fatalln":     true,
	"(*log.Logger).Panic":       true,
	"(*log.Logger).Panicf":      true,
	"(*log.Logger).Panicln":     true,
	"(*testing.common).FailNow": true,
	"(*testing.common).Fatal":   true,
	"(*testing.common).Fatalf":  true,
	"(*testing.common).SkipNow": true,
	"(*testing.common).Skip":    true,
	"(*testing.common).Skipf":   true,
	"(testing.TB).FailNow":      true,
	"(testing.TB).Fatal":        true,
	"(testing.TB).Fatalf":       true,
}

func NeverReturns(info *types.Info, s *ast.ExprStmt) bool {
	call, ok := ast.Unparen(s.X).(*ast.CallExpr)
	if !ok {
		return false
	}
	switch fn := typeutil.Callee(info, call).(type) {
	case *types.Builtin:
		return fn.Name() == "panic"
	case *types.Func:
		return noReturn[fn.FullName()]
	}
	return false
}

// RangedMap returns the map a range statement iterates over, and whether
// its first iteration variable is the map's key: the ranged expression
// itself, or m in maps.Keys(m), maps.Values(m) and maps.All(m), which
// iterate over the live map too.
func (f *Facts) RangedMap(x ast.Expr) (mapExpr ast.Expr, keyed bool) {
	x = ast.Unparen(x)
	if call, ok := x.(*ast.CallExpr); ok {
		fn := typeutil.StaticCallee(f.info, call)
		if fn == nil || fn.Pkg() == nil || !IsMapsPackage(fn.Pkg().Path()) || len(call.Args) != 1 {
			return nil, false
		}
		switch fn.Name() {
		case "Keys", "All":
			keyed = true
		case "Values":
		default:
			return nil, false
		}
		if _, isMap := typeparams.CoreType(f.info.TypeOf(call.Args[0])).(*types.Map); !isMap {
			return nil, false
		}
		if _, isSeq := typeparams.CoreType(f.info.TypeOf(call)).(*types.Signature); !isSeq {
			return nil, false // older x/exp/maps.Keys returns a slice: a snapshot
		}
		return call.Args[0], keyed
	}
	if _, isMap := typeparams.CoreType(f.info.TypeOf(x)).(*types.Map); isMap {
		return x, true
	}
	return nil, false
}

// NilReturnsBefore reports whether the site at cur runs only when the
// parameter v is not nil: an earlier "if v == nil { return }" in an
// enclosing statement list, or an enclosing "if v != nil { ... }".
func (f *Facts) NilReturnsBefore(cur inspector.Cursor, v *types.Var) bool {
	for c := cur; ; {
		p := c.Parent()
		switch n := p.Node().(type) {
		case nil, *ast.FuncDecl, *ast.FuncLit:
			return false
		case *ast.IfStmt:
			if c.ParentEdgeKind() == edge.IfStmt_Body && f.comparesNil(n.Cond, v, token.NEQ) ||
				c.ParentEdgeKind() == edge.IfStmt_Else && f.comparesNil(n.Cond, v, token.EQL) {
				return true
			}
		case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
			for _, s := range f.earlyExitsOf(p) {
				if s.Pos() >= c.Node().Pos() {
					break
				}
				if s.Init == nil && f.comparesNil(s.Cond, v, token.EQL) {
					return true
				}
			}
		}
		c = p
	}
}

// comparesNil reports whether cond is v op nil (or nil op v), or, for
// ==, a disjunction holding one: if v == nil || ... { return } returns
// whenever v is nil.
func (f *Facts) comparesNil(cond ast.Expr, v *types.Var, op token.Token) bool {
	b, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok {
		return false
	}
	if op == token.EQL && b.Op == token.LOR || op == token.NEQ && b.Op == token.LAND {
		return f.comparesNil(b.X, v, op) || f.comparesNil(b.Y, v, op)
	}
	if b.Op != op {
		return false
	}
	isV := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && f.info.Uses[id] == v
	}
	return isV(b.X) && f.IsNil(b.Y) || isV(b.Y) && f.IsNil(b.X)
}

// IsMapsPackage reports whether path is the standard maps package or its
// x/exp predecessor.
func IsMapsPackage(path string) bool {
	return path == "maps" || path == "golang.org/x/exp/maps"
}
