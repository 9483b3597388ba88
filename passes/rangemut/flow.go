package rangemut

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/maplint/maplint/passes/internal/mapkeys"
)

// This file answers the control-flow questions that decide whether an
// insert can affect the rest of a range loop: is the key one the map
// already holds, and does the loop end right after the insert.

// flowCtx is where a statement list lies relative to the range loop.
type flowCtx struct {
	rng        *ast.RangeStmt
	label      *types.Label // the range loop's label, if any
	innerBreak bool         // an unlabeled break in the list leaves something nested in the loop
	innerLoop  bool         // an unlabeled continue in the list continues a nested loop
}

type verdict int

const (
	proceeds  verdict = iota // control may run off the end of the list
	leaves                   // every path leaves the range loop
	continues                // some path goes on to the loop's next iteration
)

// leavesAfter reports whether every path from anchor, a node in rc's
// body, leaves the range loop before its next iteration: the insert at
// anchor is then invisible to the loop.
func (a *state) leavesAfter(anchor, rc inspector.Cursor) bool {
	rng := rc.Node().(*ast.RangeStmt)
	var label *types.Label
	if ls, ok := rc.Parent().Node().(*ast.LabeledStmt); ok {
		label, _ = a.info.Defs[ls.Label].(*types.Label)
	}
	// Ancestors from anchor up to (not including) rc.
	var path []inspector.Cursor
	for c := anchor; c != rc; c = c.Parent() {
		if !c.Valid() || c.Node() == nil {
			return false
		}
		path = append(path, c)
	}
	// innerBreak[i] (innerLoop[i]) is set when path[i:] holds a loop or
	// switch (a loop), so that unlabeled breaks (continues) in a list
	// owned by path[i-1] do not concern the range loop.
	innerBreak := make([]bool, len(path)+1)
	innerLoop := make([]bool, len(path)+1)
	for i := len(path) - 1; i >= 0; i-- {
		innerBreak[i], innerLoop[i] = innerBreak[i+1], innerLoop[i+1]
		switch path[i].Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			innerBreak[i], innerLoop[i] = true, true
		case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			innerBreak[i] = true
		}
	}
	for i := 0; i+1 < len(path); i++ {
		c := path[i]
		switch path[i+1].Node().(type) {
		case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
			switch c.Node().(type) {
			case *ast.CaseClause, *ast.CommClause:
				continue // clauses of a switch or select are not run in sequence
			case ast.Stmt:
			default:
				continue
			}
			ctx := flowCtx{rng: rng, label: label, innerBreak: innerBreak[i+2], innerLoop: innerLoop[i+2]}
			switch a.scanRest(c, ctx) {
			case leaves:
				return true
			case continues:
				return false
			}
		}
	}
	return false // ran off the end of the body: the next iteration sees the insert
}

// scanRest decides what happens after statement c in its list.
func (a *state) scanRest(c inspector.Cursor, ctx flowCtx) verdict {
	for next, ok := c.NextSibling(); ok; next, ok = next.NextSibling() {
		s, isStmt := next.Node().(ast.Stmt)
		if !isStmt {
			break
		}
		if a.mustLeave(s, ctx) {
			return leaves
		}
		if a.mayContinue(s, ctx) {
			return continues
		}
	}
	return proceeds
}

func (a *state) listVerdict(list []ast.Stmt, ctx flowCtx) verdict {
	for _, s := range list {
		if a.mustLeave(s, ctx) {
			return leaves
		}
		if a.mayContinue(s, ctx) {
			return continues
		}
	}
	return proceeds
}

// labelOutside reports whether the label used by a branch statement is the
// range loop's own or lies outside the loop's body.
func (a *state) labelOutside(id *ast.Ident, ctx flowCtx) bool {
	l, ok := a.info.Uses[id].(*types.Label)
	if !ok {
		return false
	}
	return l == ctx.label || l.Pos() < ctx.rng.Body.Pos() || l.Pos() >= ctx.rng.Body.End()
}

// mustLeave reports whether every path through s leaves the range loop.
func (a *state) mustLeave(s ast.Stmt, ctx flowCtx) bool {
	switch s := s.(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		switch s.Tok {
		case token.BREAK:
			if s.Label == nil {
				return !ctx.innerBreak
			}
			return a.labelOutside(s.Label, ctx)
		case token.CONTINUE:
			if s.Label == nil {
				return false
			}
			l, _ := a.info.Uses[s.Label].(*types.Label)
			return l != ctx.label && a.labelOutside(s.Label, ctx)
		case token.GOTO:
			return a.labelOutside(s.Label, ctx)
		}
	case *ast.ExprStmt:
		return mapkeys.NeverReturns(a.info, s)
	case *ast.BlockStmt:
		return a.listVerdict(s.List, ctx) == leaves
	case *ast.LabeledStmt:
		return a.mustLeave(s.Stmt, ctx)
	case *ast.IfStmt:
		return s.Else != nil && a.mustLeave(s.Body, ctx) && a.mustLeave(s.Else, ctx)
	case *ast.SwitchStmt:
		return a.clausesLeave(s.Body, ctx, true)
	case *ast.TypeSwitchStmt:
		return a.clausesLeave(s.Body, ctx, true)
	case *ast.SelectStmt:
		return a.clausesLeave(s.Body, ctx, false)
	}
	return false
}

// clausesLeave reports whether every clause of a switch or select leaves
// the range loop; a switch must also have a default clause.
func (a *state) clausesLeave(body *ast.BlockStmt, ctx flowCtx, needDefault bool) bool {
	inner := ctx
	inner.innerBreak = true
	hasDefault := false
	for _, cl := range body.List {
		var list []ast.Stmt
		switch cl := cl.(type) {
		case *ast.CaseClause:
			list, hasDefault = cl.Body, hasDefault || cl.List == nil
		case *ast.CommClause:
			list = cl.Body
		}
		if a.listVerdict(list, inner) != leaves {
			return false
		}
	}
	return hasDefault || !needDefault
}

// mayContinue reports whether some path through n starts the range loop's
// next iteration (or jumps somewhere inside it, which we cannot follow).
func (a *state) mayContinue(n ast.Node, ctx flowCtx) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ForStmt:
			inner := ctx
			inner.innerLoop = true
			found = a.mayContinue(n.Body, inner)
			return false
		case *ast.RangeStmt:
			inner := ctx
			inner.innerLoop = true
			found = a.mayContinue(n.Body, inner)
			return false
		case *ast.BranchStmt:
			switch n.Tok {
			case token.CONTINUE:
				if n.Label == nil {
					found = !ctx.innerLoop
				} else {
					l, _ := a.info.Uses[n.Label].(*types.Label)
					found = l == ctx.label
				}
			case token.GOTO:
				found = !a.labelOutside(n.Label, ctx)
			}
		}
		return true
	})
	return found
}

// inFixpointLoop reports whether the range loop is re-run by an enclosing
// loop until it stops changing anything: the enclosing loop's condition,
// or an "if ... { break }" directly in its body, reads a bool or number
// that the range body assigns, or len of the map. Such loops (transitive
// closures, worklists run to completion) reach the same result whichever
// new entries each pass happens to visit.
func (a *state) inFixpointLoop(rc inspector.Cursor, ref mapkeys.Path) bool {
	rng := rc.Node().(*ast.RangeStmt)
	changed := make(map[*types.Var]bool)
	ast.Inspect(rng.Body, func(n ast.Node) bool {
		var lhs []ast.Expr
		switch n := n.(type) {
		case *ast.AssignStmt:
			lhs = n.Lhs
		case *ast.IncDecStmt:
			lhs = []ast.Expr{n.X}
		}
		for _, e := range lhs {
			id, ok := ast.Unparen(e).(*ast.Ident)
			if !ok {
				continue
			}
			v, ok := a.info.Uses[id].(*types.Var)
			if !ok || v.Pos() >= rng.Pos() && v.Pos() < rng.End() {
				continue
			}
			if b, ok := v.Type().Underlying().(*types.Basic); ok && b.Info()&(types.IsBoolean|types.IsNumeric) != 0 {
				changed[v] = true
			}
		}
		return true
	})
	mentions := func(e ast.Node) bool {
		found := false
		ast.Inspect(e, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.Ident:
				if v, ok := a.info.Uses[n].(*types.Var); ok && changed[v] {
					found = true
				}
			case *ast.CallExpr:
				if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok && len(n.Args) == 1 {
					if b, ok := a.info.Uses[id].(*types.Builtin); ok && b.Name() == "len" {
						if r, ok := a.facts.RefOf(n.Args[0]); ok && r.Equal(ref) {
							found = true
						}
					}
				}
			}
			return !found
		})
		return found
	}
	for enc := range rc.Parent().Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		var cond ast.Expr
		var body *ast.BlockStmt
		switch n := enc.Node().(type) {
		case *ast.ForStmt:
			cond, body = n.Cond, n.Body
		case *ast.RangeStmt:
			body = n.Body
		default:
			return false
		}
		if cond != nil && mentions(cond) {
			return true
		}
		for _, s := range body.List {
			if s, ok := s.(*ast.IfStmt); ok && mapkeys.EndsAbruptly(a.info, s.Body.List) && mentions(s.Cond) {
				return true
			}
		}
	}
	return false
}
