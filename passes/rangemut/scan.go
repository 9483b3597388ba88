package rangemut

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/maplint/maplint/passes/internal/mapkeys"
	"github.com/maplint/maplint/passes/internal/typeparams"
)

// A site is one place where code may insert into a map or replace it.
type site struct {
	cur      inspector.Cursor // the assignment, increment or call
	ref      mapkeys.Path     // the map inserted into, or the value replaced
	key      ast.Expr         // the inserted key, when it is a single expression
	reassign bool             // ref's value is replaced rather than inserted into
	// replacesMap is set when the replaced value is itself a map.
	replacesMap bool
	viaCall     *callSite // set when the call's callee does the work
	viaLit      *inspector.Cursor
	// skipsNil is set for a key passed to a callee that inserts nothing
	// when it is nil.
	skipsNil bool
	// expands is set for a call passed the visited key whose callee
	// inserts other keys.
	expands bool
}

// scan reports the sites of body, and the calls to statically known
// functions (whose effects the caller translates). It does not look into
// go statements (a goroutine's inserts race, which is concwrite's
// business), nor into function literals that body does not call. Deferred
// calls count only when deferRuns (they run before body's function
// returns) or when they belong to a literal that body calls.
func (a *state) scan(body inspector.Cursor, deferRuns bool, visit func(site), onCall func(callSite)) {
	a.scanIn(body, deferRuns, nil, make(map[*ast.FuncLit]bool), visit, onCall)
}

func (a *state) scanIn(body inspector.Cursor, deferRuns bool, via *inspector.Cursor, seen map[*ast.FuncLit]bool, visit func(site), onCall func(callSite)) {
	emit := func(st site) {
		if via != nil {
			st.viaLit = via
		}
		visit(st)
	}
	body.Inspect(nil, func(c inspector.Cursor) bool {
		switch n := c.Node().(type) {
		case *ast.GoStmt:
			return false
		case *ast.DeferStmt:
			return deferRuns || a.inCalledLiteral(c, body)
		case *ast.FuncLit:
			return c.ParentEdgeKind() == edge.CallExpr_Fun
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				a.assignSites(c, n, lhs, emit)
			}
		case *ast.IncDecStmt:
			a.assignSites(c, nil, n.X, emit)
		case *ast.UnaryExpr:
			// &x lets anyone replace x: treat it as replaced.
			if n.Op == token.AND {
				if r, ok := a.facts.RefOf(n.X); ok {
					emit(site{cur: c, ref: r, reassign: true, replacesMap: a.isMap(n.X)})
				}
			}
		case *ast.CallExpr:
			a.callSitesOf(c, n, deferRuns, via, seen, emit, visit, onCall)
		}
		return true
	})
}

// inCalledLiteral reports whether the defer statement at c belongs to a
// function literal nested in body (which, being scanned, body calls).
func (a *state) inCalledLiteral(c, body inspector.Cursor) bool {
	for fn := range c.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		return body.Contains(fn) && fn != body
	}
	return false
}

// assignSites reports what assigning to lhs does: an insert when lhs is
// m[k] of a map, and in every case the replacement of lhs's old value.
func (a *state) assignSites(c inspector.Cursor, as *ast.AssignStmt, lhs ast.Expr, emit func(site)) {
	lhs = ast.Unparen(lhs)
	if as != nil && as.Tok == token.DEFINE {
		if id, ok := lhs.(*ast.Ident); ok && a.info.Defs[id] != nil {
			return // declares a new variable
		}
	}
	if ix, ok := lhs.(*ast.IndexExpr); ok {
		if _, isMap := typeparams.CoreType(a.info.TypeOf(ix.X)).(*types.Map); isMap {
			if r, ok := a.facts.RefOf(ix.X); ok {
				emit(site{cur: c, ref: r, key: ix.Index})
			}
		}
		if r, ok := a.facts.RefOf(ix.X); ok {
			elem := a.facts.IndexElem(ix.Index)
			if elem == "" {
				elem = "[*]"
			}
			emit(site{cur: c, ref: r.With(elem), reassign: true, replacesMap: a.isMap(lhs)})
		}
		return
	}
	if as != nil && a.facts.LazyInit(as) {
		return
	}
	if r, ok := a.facts.RefOf(lhs); ok {
		emit(site{cur: c, ref: r, reassign: true, replacesMap: a.isMap(lhs)})
	} else if id, ok := lhs.(*ast.Ident); ok {
		if v, ok := a.info.Uses[id].(*types.Var); ok {
			emit(site{cur: c, ref: mapkeys.VarPath(v), reassign: true, replacesMap: a.isMap(lhs)})
		}
	}
}

// callSitesOf handles one call: maps.Copy and maps.Insert insert into
// their first argument; a call of a local closure variable does what the
// closure's body does; other static calls are handed to onCall.
func (a *state) callSitesOf(c inspector.Cursor, call *ast.CallExpr, deferRuns bool, via *inspector.Cursor, seen map[*ast.FuncLit]bool, emit, visit func(site), onCall func(callSite)) {
	fn := typeutil.StaticCallee(a.info, call)
	if fn != nil && fn.Pkg() != nil && mapkeys.IsMapsPackage(fn.Pkg().Path()) && (fn.Name() == "Copy" || fn.Name() == "Insert") && len(call.Args) == 2 {
		if r, ok := a.facts.RefOf(call.Args[0]); ok {
			emit(site{cur: c, ref: r})
		}
		return
	}
	if fn != nil {
		onCall(callSite{cur: c, call: call, callee: fn.Origin(), via: via})
		return
	}
	// f() where f is a stable local variable holding a function literal.
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return
	}
	v, ok := a.info.Uses[id].(*types.Var)
	if !ok || !a.facts.Stable(v) {
		return
	}
	lit, ok := ast.Unparen(a.facts.Def(v)).(*ast.FuncLit)
	if !ok || seen[lit] {
		return
	}
	seen[lit] = true
	defer delete(seen, lit)
	litCur, ok := a.literalBody(c, lit)
	if !ok {
		return
	}
	anchor := c
	if via != nil {
		anchor = *via
	}
	a.scanIn(litCur, true, &anchor, seen, visit, onCall)
}

func (a *state) isMap(e ast.Expr) bool {
	_, ok := typeparams.CoreType(a.info.TypeOf(e)).(*types.Map)
	return ok
}

// literalBody returns the cursor of lit's body, found once per literal
// (a closure called in many loops of a large function is searched once).
func (a *state) literalBody(call inspector.Cursor, lit *ast.FuncLit) (inspector.Cursor, bool) {
	if c, ok := a.literals[lit]; ok {
		return c, c.Valid()
	}
	var body inspector.Cursor
	if decl, ok := enclosingDecl(call); ok {
		body, _ = decl.FindNode(lit.Body)
	}
	if a.literals == nil {
		a.literals = make(map[*ast.FuncLit]inspector.Cursor)
	}
	a.literals[lit] = body
	return body, body.Valid()
}

func enclosingDecl(c inspector.Cursor) (inspector.Cursor, bool) {
	for d := range c.Enclosing((*ast.FuncDecl)(nil), (*ast.GenDecl)(nil)) {
		return d, true
	}
	return inspector.Cursor{}, false
}
