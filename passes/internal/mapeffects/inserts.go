package mapeffects

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ast/inspector"
)

// maxKeys bounds the key parameters a summary lists per map; beyond it
// the keys are taken to be keys nobody names.
const maxKeys = 8

// keysOf expresses the keys that acc, an insert made by the function
// being summarised (sig), adds in terms of the function's parameters: a
// key that is a parameter holding its caller's argument (or that
// argument normalised in place, name = strings.TrimSpace(name)) is a
// KeyParam, skipping nil when the insert runs only for a non-nil key;
// any other key makes otherKeys. A key the map provably holds already
// (the insert is guarded by a comma-ok lookup of it) adds nothing.
// insert is false when nothing the caller can name is inserted: no key
// is left, or the parameter the map is reached from is reassigned.
func (a *Analysis) keysOf(sc *Scope, sig *types.Signature, nodes *nodeIndex, acc *Access) (keys []KeyParam, otherKeys, insert bool) {
	if v := formalVar(sc, sig, acc.Ref); v != nil && a.Keys.Assigned(v) {
		return nil, false, false // the parameter no longer names the caller's map
	}
	otherKeys = acc.OtherKeys
	var cur inspector.Cursor
	for _, k := range acc.Keys {
		if !cur.Valid() {
			var ok bool
			if cur, ok = nodes.at(acc.Pos); !ok {
				return nil, true, true
			}
		}
		if acc.expr != nil {
			if m, ok := a.Keys.RefOf(acc.expr); ok && a.Keys.KeyPresent(cur, m, k.Expr, inspector.Cursor{}) {
				continue // updates a key the map holds
			}
		}
		v := a.Keys.KeyVar(k.Expr)
		i, isParam := sc.params[v]
		if v == nil || !isParam || !a.Keys.HoldsArgument(v) {
			otherKeys = true
			continue
		}
		keys = append(keys, KeyParam{Param: i, SkipsNil: k.SkipsNil || a.Keys.NilReturnsBefore(cur, v)})
	}
	return keys, otherKeys, otherKeys || len(keys) > 0
}

// formalVar returns the receiver or parameter variable a formal ref is
// rooted at, or nil.
func formalVar(sc *Scope, sig *types.Signature, r Ref) *types.Var {
	switch {
	case !r.isFormal():
		return nil
	case r.Root == "recv":
		return sc.recv
	}
	if i := r.formalIndex(); i < sig.Params().Len() {
		return sig.Params().At(i)
	}
	return nil
}

// addKeys merges an insert's keys into sa. Keys only grow, SkipsNil only
// turns false and OtherKeys only turns true.
func (sa *SummaryAccess) addKeys(keys []KeyParam, otherKeys bool) {
	sa.Insert = true
	sa.OtherKeys = sa.OtherKeys || otherKeys
	for _, k := range keys {
		i := slices.IndexFunc(sa.Keys, func(x KeyParam) bool { return x.Param == k.Param })
		switch {
		case i >= 0:
			sa.Keys[i].SkipsNil = sa.Keys[i].SkipsNil && k.SkipsNil
		case len(sa.Keys) >= maxKeys:
			sa.OtherKeys = true
		default:
			sa.Keys = append(sa.Keys, k)
		}
	}
}

// A nodeIndex finds the node of a function declaration where an access
// is made: the index expression of an insert written in place, or the
// call of a callee that inserts. It is built once per declaration, on
// its first use: looking each access up from the root would cost time
// quadratic in the length of a long function.
type nodeIndex struct {
	decl  inspector.Cursor
	nodes map[token.Pos]inspector.Cursor
}

func (ix *nodeIndex) at(pos token.Pos) (inspector.Cursor, bool) {
	if ix.nodes == nil {
		ix.nodes = make(map[token.Pos]inspector.Cursor)
		for cur := range ix.decl.Preorder((*ast.IndexExpr)(nil), (*ast.CallExpr)(nil)) {
			if _, seen := ix.nodes[cur.Node().Pos()]; !seen {
				ix.nodes[cur.Node().Pos()] = cur
			}
		}
	}
	cur, ok := ix.nodes[pos]
	return cur, ok
}
