package concwrite

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
)

// dropRefilled removes from a function's accesses those of a map field
// it has itself just replaced with a fresh one: `w.State = make(…)` as a
// statement of the body's own list (so that it runs before everything
// after it), the only assignment to that field in the function, and then
// accesses of w.State. They touch a map nobody else has yet: another
// goroutine could reach it only by loading the field while it is being
// stored, a race on the field itself that the fill does not add to. This
// is how decoders and converters fill a value (go-ethereum's
// Witness.FromExtWitness, called by DecodeRLP), whatever they are named.
//
// A function that starts goroutines keeps them: its fresh map may be
// handed to one of them before it is filled.
func (a *analyzer) dropRefilled(sc *scope, body *ast.BlockStmt, res *bodyResult) {
	if body == nil || len(res.goSites) > 0 || len(res.accesses) == 0 {
		return
	}
	assigned := make(map[string]int) // ref key -> assignments to it
	ast.Inspect(body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok {
			return true
		}
		for _, lhs := range as.Lhs {
			if _, isSel := ast.Unparen(lhs).(*ast.SelectorExpr); !isSel {
				continue
			}
			if r, ok := sc.refOf(lhs); ok {
				assigned[r.key()]++
			}
		}
		return true
	})
	fresh := make(map[string]token.Pos) // ref key -> end of its fresh store
	for _, stmt := range body.List {
		as, ok := stmt.(*ast.AssignStmt)
		if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
			continue
		}
		if _, isSel := ast.Unparen(as.Lhs[0]).(*ast.SelectorExpr); !isSel || !isMap(a.typeOf(as.Lhs[0])) || !freshMap(a.info, as.Rhs[0]) {
			continue
		}
		if r, ok := sc.refOf(as.Lhs[0]); ok && !r.isLocal() && assigned[r.key()] == 1 {
			fresh[r.key()] = as.End()
		}
	}
	if len(fresh) == 0 {
		return
	}
	res.accesses = slices.DeleteFunc(res.accesses, func(acc access) bool {
		end, ok := fresh[acc.ref.key()]
		return ok && acc.pos > end
	})
}

// fieldWriters counts, per field of a type's receiver (by name), the
// methods that assign it directly (c.f = …).
func (a *analyzer) fieldWriters(methods []*declResult) map[string]int {
	out := make(map[string]int)
	for _, st := range methods {
		for f := range a.recvStores(st.decl, nil) {
			out[f]++
		}
	}
	return out
}

// recvStores returns the fields of its receiver a method assigns
// directly (c.f = …); with params set, only those assigned one of the
// method's parameters (c.f = p).
func (a *analyzer) recvStores(decl *ast.FuncDecl, params map[*types.Var]bool) map[string]bool {
	recv := recvVar(a.info, decl)
	if recv == nil {
		return nil
	}
	out := make(map[string]bool)
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || as.Tok != token.ASSIGN {
			return true
		}
		for i, lhs := range as.Lhs {
			sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr)
			if !ok {
				continue
			}
			if id, ok := ast.Unparen(sel.X).(*ast.Ident); !ok || a.info.Uses[id] != recv {
				continue
			}
			if params != nil {
				if len(as.Rhs) != len(as.Lhs) {
					continue
				}
				id, ok := ast.Unparen(as.Rhs[i]).(*ast.Ident)
				if !ok {
					continue
				}
				if v, ok := a.info.Uses[id].(*types.Var); !ok || !params[v] {
					continue
				}
			}
			out[sel.Sel.Name] = true
		}
		return true
	})
	return out
}

func recvVar(info *types.Info, decl *ast.FuncDecl) types.Object {
	if decl.Recv == nil || len(decl.Recv.List) != 1 || len(decl.Recv.List[0].Names) != 1 {
		return nil
	}
	return info.Defs[decl.Recv.List[0].Names[0]]
}

// configures reports whether a method is a setter that configures its
// value before the value is shared: it stores one of its parameters in a
// field of its receiver that no other method of the type assigns
// (SetID(id) { c.localID = id; … }), and takes no lock. In a type whose
// code locks its maps, that unlocked store would itself race with every
// read of the field if callers could call the method while the value is
// in concurrent use; the field is configuration, set once, before (etcd's
// RaftCluster.SetID, called at bootstrap on a cluster nobody else has
// yet). Locks of other values (a metrics registry's) do not count.
// writers counts the methods that assign each field.
func (a *analyzer) configures(st *declResult, writers map[string]int) bool {
	if st.decl.Body == nil || st.fn.Signature().Params().Len() == 0 {
		return false
	}
	for _, acc := range st.res.accesses {
		for _, h := range acc.held {
			if h.Lock.Root == "recv" {
				return false // its callees lock the value
			}
		}
	}
	locks := false
	ast.Inspect(st.decl.Body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if op, _, _ := lockCall(a.info, call); op != noLockOp {
				locks = true
			}
		}
		return !locks
	})
	if locks {
		return false
	}
	params := make(map[*types.Var]bool)
	for p := range st.fn.Signature().Params().Variables() {
		params[p] = true
	}
	for f := range a.recvStores(st.decl, params) {
		if writers[f] == 1 {
			return true
		}
	}
	return false
}
