package rangemut

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/maplint/maplint/passes/internal/mapeffects"
	"github.com/maplint/maplint/passes/internal/mapkeys"
)

// A callSite is a static call in a loop body, whose callee's effects
// mapeffects summarised.
type callSite struct {
	cur    inspector.Cursor
	call   *ast.CallExpr
	callee *types.Func
	via    *inspector.Cursor // the call of the closure the call is in, if any
}

// callSites translates what a call's callee does to maps, as mapeffects
// summarised it, into sites of the caller: the maps, named in the
// caller's terms, that the call may insert into or replace.
//
// What it inserts is told apart because a call passed the key a loop is
// visiting means two different things: a helper that inserts its key
// parameter (g.node(k)) writes the key being visited, which the map
// holds; a helper that inserts other keys (the roles a role includes,
// the dependencies of a node) adds entries the loop may or may not visit.
func (a *state) callSites(c callSite) []site {
	sum := a.effects.SummaryOf(c.callee)
	if sum == nil {
		return nil
	}
	argOf := func(i int) ast.Expr { return mapeffects.ArgumentOf(c.call, c.callee.Signature(), i) }
	var sites []site
	for _, sa := range sum.Accesses {
		if !sa.Insert {
			continue
		}
		r, ok := a.callerPath(c, sa.Root, sa.Path, argOf)
		if !ok {
			continue
		}
		st := site{cur: c.cur, ref: r, viaCall: &c, viaLit: c.via}
		// One site per key the callee inserts: each argument passed as a
		// key is judged as a key written in place, and keys that are no
		// parameter as unknown keys.
		otherKeys := sa.OtherKeys
		for _, k := range sa.Keys {
			arg := argOf(k.Param)
			switch {
			case arg == nil:
				otherKeys = true // a variadic parameter: its elements
			case k.SkipsNil && a.facts.IsNil(arg):
				// The callee returns before inserting nil.
			default:
				keyed := st
				keyed.key, keyed.skipsNil = arg, k.SkipsNil
				sites = append(sites, keyed)
			}
		}
		if otherKeys {
			sites = append(sites, st)
		}
	}
	for _, rep := range sum.Replaces {
		if r, ok := a.callerPath(c, rep.Root, rep.Path, argOf); ok {
			sites = append(sites, site{cur: c.cur, ref: r, reassign: true, replacesMap: true, viaCall: &c, viaLit: c.via})
		}
	}
	return sites
}

// callerPath names, in the caller's terms, the map a callee reaches from
// root (mapeffects' "recv", "p0"… or "g:PKG.NAME") through the fields of
// path.
func (a *state) callerPath(c callSite, root, path string, argOf func(int) ast.Expr) (mapkeys.Path, bool) {
	var base mapkeys.Path
	switch {
	case root == "recv":
		sel, ok := ast.Unparen(c.call.Fun).(*ast.SelectorExpr)
		if !ok {
			return base, false
		}
		selection := a.info.Selections[sel]
		if selection == nil || selection.Kind() != types.MethodVal {
			return base, false
		}
		recv, ok := a.facts.RefOf(sel.X)
		if !ok {
			return base, false
		}
		index := selection.Index()
		embedded := mapkeys.SelectedFields(selection.Recv(), index[:len(index)-1])
		if embedded == nil && len(index) > 1 {
			return base, false
		}
		base = recv.With(embedded...)
	case strings.HasPrefix(root, "g:"):
		v := a.global(c.callee, root[len("g:"):])
		if v == nil {
			return base, false
		}
		base = mapkeys.VarPath(v)
	default:
		i, ok := mapeffects.ParamIndex(root)
		if !ok {
			return base, false
		}
		arg := argOf(i)
		if arg == nil {
			return base, false
		}
		if base, ok = a.facts.RefOf(arg); !ok {
			return base, false
		}
	}
	if path == "" {
		return base, true
	}
	fields := strings.Split(path, ".")
	if len(fields) > maxFields {
		return base, false
	}
	for _, f := range fields {
		if !token.IsIdentifier(f) {
			return base, false
		}
		base = base.With("." + f)
	}
	return base, true
}

// maxFields bounds the fields of a path a callee's effect is followed
// through, as rangemut's paths do not grow without end either.
const maxFields = 4

// global returns the package-level variable "PKG.NAME" of the callee's
// package or of this one.
func (a *state) global(callee *types.Func, qualified string) *types.Var {
	dot := strings.LastIndexByte(qualified, '.')
	if dot < 0 {
		return nil
	}
	path, name := qualified[:dot], qualified[dot+1:]
	for _, pkg := range []*types.Package{callee.Pkg(), a.pass.Pkg} {
		if pkg != nil && pkg.Path() == path {
			v, _ := pkg.Scope().Lookup(name).(*types.Var)
			return v
		}
	}
	return nil
}
