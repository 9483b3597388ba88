package concwrite

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/maplint/maplint/passes/internal/mapeffects"
)

// fieldWriters counts, per field of a type's receiver (by name), the
// methods that assign it directly (c.f = …).
func (a *checker) fieldWriters(methods []*mapeffects.DeclResult) map[string]int {
	out := make(map[string]int)
	for _, st := range methods {
		for f := range a.recvStores(st.Decl, nil) {
			out[f]++
		}
	}
	return out
}

// recvStores returns the fields of its receiver a method assigns
// directly (c.f = …); with params set, only those assigned one of the
// method's parameters (c.f = p).
func (a *checker) recvStores(decl *ast.FuncDecl, params map[*types.Var]bool) map[string]bool {
	recv := mapeffects.RecvVar(a.Info, decl)
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
			if id, ok := ast.Unparen(sel.X).(*ast.Ident); !ok || a.Info.Uses[id] != recv {
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
				if v, ok := a.Info.Uses[id].(*types.Var); !ok || !params[v] {
					continue
				}
			}
			out[sel.Sel.Name] = true
		}
		return true
	})
	return out
}

// configures reports whether a method is a setter that configures its
// value before the value is shared: it stores one of its parameters in a
// field of its receiver that no other method of the type assigns and that
// the struct declares above its mutex, outside what the mutex guards
// (SetID(id) { c.localID = id; … }), and takes no lock. In a type whose
// code locks its maps, that unlocked store would itself race with every
// read of the field if callers could call the method while the value is
// in concurrent use; the field is configuration, set once, before (etcd's
// RaftCluster.SetID, called at bootstrap on a cluster nobody else has
// yet). Locks of other values (a metrics registry's) do not count.
// writers counts the methods that assign each field.
func (a *checker) configures(st *mapeffects.DeclResult, writers map[string]int) bool {
	if st.Decl.Body == nil || st.Fn.Signature().Params().Len() == 0 {
		return false
	}
	for _, acc := range st.Res.Accesses {
		for _, h := range acc.Held {
			if h.Lock.Root == "recv" {
				return false // its callees lock the value
			}
		}
	}
	locks := false
	ast.Inspect(st.Decl.Body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if op, _, _ := mapeffects.LockCall(a.Info, call); op != mapeffects.NoLockOp {
				locks = true
			}
		}
		return !locks
	})
	if locks {
		return false
	}
	params := make(map[*types.Var]bool)
	for p := range st.Fn.Signature().Params().Variables() {
		params[p] = true
	}
	recvType := st.Fn.Signature().Recv().Type()
	for f := range a.recvStores(st.Decl, params) {
		if writers[f] == 1 && declaredAboveMutex(recvType, f) {
			return true
		}
	}
	return false
}

// declaredAboveMutex reports whether the struct t (or *t) declares the
// field named f before a mutex field: by the convention that a mutex
// guards the fields after it ("sync.Mutex // guards the fields below"),
// f is not guarded, but set up before the value is in use.
func declaredAboveMutex(t types.Type, f string) bool {
	st, ok := mapeffects.Deref(t).Underlying().(*types.Struct)
	if !ok {
		return false
	}
	seen := false
	for field := range st.Fields() {
		switch {
		case field.Name() == f:
			seen = true
		case seen && (mapeffects.IsMutexType(field.Type()) || mapeffects.IsMutexType(mapeffects.Deref(field.Type()))):
			return true
		}
	}
	return false
}
