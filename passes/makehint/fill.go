package makehint

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"unicode/utf8"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/maplint/maplint/passes/internal/mapcost"
	"github.com/maplint/maplint/sizer"
)

// fill is a statement that inserts into a map nothing else has seen yet
// once per iteration, a number of times known before it runs.
type fill struct {
	stmt      ast.Stmt // the loop, or the maps.Copy call
	counted   ast.Expr // the ranged value, or n of a counted loop
	wrapLen   bool     // the count is len(counted)
	atMost    bool     // ranging a string: one entry per rune, len counts bytes
	mayRepeat bool     // the keys may repeat: the count is an upper bound
	constant  bool     // the count is a constant
	entries   int64    // the constant count, when constant
}

// hint is the size hint as it is written in make.
func (f *fill) hint(src func(ast.Expr) string) string {
	if f.wrapLen {
		return "len(" + src(f.counted) + ")"
	}
	return src(f.counted)
}

// exact reports whether the fill inserts exactly its count of entries.
func (f *fill) exact() bool { return !f.atMost && !f.mayRepeat }

// describe says how many entries the fill inserts: "len(xs) entries",
// "len(arr) = 16 entries", "100 entries", "up to len(xs) entries (keys
// may repeat)".
func (f *fill) describe(hint string) string {
	count := hint + " = " + sizer.FormatCount(f.entries)
	switch {
	case !f.constant:
		count = hint
	case hint == sizer.FormatCount(f.entries) || hint == constant.MakeInt64(f.entries).String():
		count = sizer.FormatCount(f.entries)
	}
	switch {
	case f.mayRepeat:
		return "up to " + count + " entries (keys may repeat)"
	case f.atMost:
		return "up to " + count + " entries (one per rune)"
	}
	return count + " entries"
}

// fillOf returns the fill of made that stmt is, if it is one: a loop of
// one of the shapes below whose body inserts exactly one entry per
// iteration under a key distinct by construction, or maps.Copy(m, src).
func fillOf(info *types.Info, made *madeMap, stmt ast.Stmt) (*fill, bool) {
	loop := stmt
	if l, ok := stmt.(*ast.LabeledStmt); ok {
		loop = l.Stmt
	}
	var f *fill
	switch loop := loop.(type) {
	case *ast.RangeStmt:
		f = rangeFill(info, made, loop)
	case *ast.ForStmt:
		f = countedFill(info, made, loop)
	case *ast.ExprStmt:
		f = copyFill(info, made, loop)
	}
	if f == nil {
		return nil, false
	}
	f.stmt = stmt
	return f, true
}

// rangeFill recognizes for k, v := range x { ...; m[key] = v; ... } over
// a slice, array, pointer to array, string, map or integer.
func rangeFill(info *types.Info, made *madeMap, loop *ast.RangeStmt) *fill {
	if !pure(info, loop.X) || made.usedBy(info, loop.X) {
		return nil
	}
	tv, ok := info.Types[loop.X]
	if !ok || tv.Type == nil {
		return nil
	}
	f := &fill{counted: loop.X, wrapLen: true}
	switch t := types.Unalias(tv.Type).Underlying().(type) {
	case *types.Slice, *types.Map:
	case *types.Array:
		f.constant, f.entries = true, t.Len()
	case *types.Pointer:
		arr, ok := t.Elem().Underlying().(*types.Array)
		if !ok {
			return nil
		}
		f.constant, f.entries = true, arr.Len()
	case *types.Basic:
		switch {
		case t.Info()&types.IsString != 0:
			f.atMost = true
			if tv.Value != nil {
				f.constant, f.entries = true, int64(utf8.RuneCountInString(constant.StringVal(tv.Value)))
			}
		case t.Info()&types.IsInteger != 0:
			f.wrapLen = false
			if tv.Value != nil {
				n, exact := constant.Int64Val(constant.ToInt(tv.Value))
				if !exact {
					return nil
				}
				f.constant, f.entries = true, n
			}
		default:
			return nil
		}
	default:
		return nil // a channel, an iterator function, a type parameter
	}
	keys, ok := insertsOnce(info, loop.Body.List, made)
	if !ok || !allVary(info, keys, loop, loop.Body) {
		return nil
	}
	// The range evaluates a slice, array, string or integer once, before
	// the loop: what the body does to it does not change the count. A
	// map's count changes with what the body deletes from it or adds.
	if _, isMap := types.Unalias(tv.Type).Underlying().(*types.Map); isMap && modifiesPath(info, loop.Body, loop.X) {
		return nil
	}
	key := rangeKey(info, loop)
	f.mayRepeat = key == nil || !allDistinct(info, keys, key) || modifies(info, loop.Body, key)
	return f
}

func rangeKey(info *types.Info, loop *ast.RangeStmt) *types.Var {
	id, ok := loop.Key.(*ast.Ident)
	if !ok || id.Name == "_" {
		return nil
	}
	var obj types.Object
	if loop.Tok == token.DEFINE {
		obj = info.Defs[id]
	} else {
		obj = info.Uses[id]
	}
	v, _ := obj.(*types.Var)
	return v
}

// countedFill recognizes for i := 0; i < n; i++ { ...; m[i] = v; ... }.
func countedFill(info *types.Info, made *madeMap, loop *ast.ForStmt) *fill {
	init, ok := loop.Init.(*ast.AssignStmt)
	if !ok || init.Tok != token.DEFINE || len(init.Lhs) != 1 || len(init.Rhs) != 1 {
		return nil
	}
	id, ok := init.Lhs[0].(*ast.Ident)
	if !ok {
		return nil
	}
	i, ok := info.Defs[id].(*types.Var)
	if !ok || !isInteger(i.Type()) {
		return nil
	}
	if zero := info.Types[init.Rhs[0]].Value; zero == nil || zero.Kind() != constant.Int || constant.Sign(zero) != 0 {
		return nil
	}
	cond, ok := ast.Unparen(loop.Cond).(*ast.BinaryExpr)
	if !ok || cond.Op != token.LSS || !isVar(info, cond.X, i) {
		return nil
	}
	post, ok := loop.Post.(*ast.IncDecStmt)
	if !ok || post.Tok != token.INC || !isVar(info, post.X, i) {
		return nil
	}
	n := cond.Y
	if !pure(info, n) || mentions(info, n, i) || made.usedBy(info, n) {
		return nil
	}
	// The condition is evaluated before every iteration: the body must
	// leave both the counter and the bound alone.
	if modifies(info, loop.Body, i) || modifies(info, loop.Body, rootVar(info, n)) {
		return nil
	}
	keys, ok := insertsOnce(info, loop.Body.List, made)
	if !ok || !allVary(info, keys, loop, loop.Body) {
		return nil
	}
	f := &fill{counted: n, mayRepeat: !allDistinct(info, keys, i)}
	if tv := info.Types[n]; tv.Value != nil {
		entries, exact := constant.Int64Val(constant.ToInt(tv.Value))
		if !exact {
			return nil
		}
		f.constant, f.entries = true, entries
	}
	return f
}

// copyFill recognizes maps.Copy(m, src), into which gopls' mapsloop
// modernizer turns the loop for k, v := range src { m[k] = v }.
func copyFill(info *types.Info, made *madeMap, stmt *ast.ExprStmt) *fill {
	call, ok := ast.Unparen(stmt.X).(*ast.CallExpr)
	if !ok || len(call.Args) != 2 {
		return nil
	}
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "maps" || fn.Name() != "Copy" {
		return nil
	}
	src := call.Args[1]
	if !made.isTarget(info, call.Args[0]) || !pure(info, src) || made.usedBy(info, src) {
		return nil
	}
	if _, ok := types.Unalias(info.TypeOf(src)).Underlying().(*types.Map); !ok {
		return nil
	}
	return &fill{counted: src, wrapLen: true}
}

// insertsOnce reports whether running stmts to their end inserts into
// the map exactly once, and returns the key expressions of the inserts
// (one per branch): one statement is the insert, or an if/else whose
// every branch inserts once; the others do not use the map and cannot
// leave the iteration early (return, goto, a labeled branch, or a break
// or continue of the fill loop), so that no filter or early exit skips
// the insert. Statements that do not use the map may hold conditions and
// inner loops of their own.
func insertsOnce(info *types.Info, stmts []ast.Stmt, made *madeMap) ([]ast.Expr, bool) {
	var keys []ast.Expr
	inserts := 0
	for _, stmt := range stmts {
		if !made.usedBy(info, stmt) {
			if leavesIteration(stmt) {
				return nil, false
			}
			continue
		}
		switch stmt := stmt.(type) {
		case *ast.AssignStmt:
			key, ok := insertKey(info, stmt, made)
			if !ok {
				return nil, false
			}
			keys = append(keys, key)
		case *ast.IfStmt:
			if stmt.Else == nil || made.usedBy(info, stmt.Init) || made.usedBy(info, stmt.Cond) {
				return nil, false
			}
			then, ok := insertsOnce(info, stmt.Body.List, made)
			if !ok {
				return nil, false
			}
			els, ok := insertsOnce(info, branch(stmt.Else), made)
			if !ok {
				return nil, false
			}
			keys = append(append(keys, then...), els...)
		case *ast.BlockStmt:
			block, ok := insertsOnce(info, stmt.List, made)
			if !ok {
				return nil, false
			}
			keys = append(keys, block...)
		default:
			return nil, false
		}
		inserts++
	}
	return keys, inserts == 1
}

// branch returns the statements of an else branch.
func branch(els ast.Stmt) []ast.Stmt {
	if block, ok := els.(*ast.BlockStmt); ok {
		return block.List
	}
	return []ast.Stmt{els}
}

// leavesIteration reports whether stmt, inside a loop body, may end the
// iteration early: a return, a goto, a labeled break or continue (which
// may name the loop), or a break or continue not inside a loop (or, for
// break, a switch or select) of its own. Function literals are skipped:
// their returns are their own.
func leavesIteration(stmt ast.Stmt) bool {
	found := false
	var visit func(n ast.Node, breakOK, continueOK bool)
	visit = func(n ast.Node, breakOK, continueOK bool) {
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt:
				found = true
			case *ast.BranchStmt:
				switch {
				case n.Tok == token.FALLTHROUGH:
				case n.Label != nil || n.Tok == token.GOTO,
					n.Tok == token.BREAK && !breakOK,
					n.Tok == token.CONTINUE && !continueOK:
					found = true
				}
			case *ast.ForStmt:
				visit(n.Body, true, true)
				return false
			case *ast.RangeStmt:
				visit(n.Body, true, true)
				return false
			case *ast.SwitchStmt:
				visit(n.Body, true, continueOK)
				return false
			case *ast.TypeSwitchStmt:
				visit(n.Body, true, continueOK)
				return false
			case *ast.SelectStmt:
				visit(n.Body, true, continueOK)
				return false
			}
			return !found
		})
	}
	visit(stmt, false, false)
	return found
}

// insertKey returns k when stmt is the plain insert m[k] = v (or
// x.f[k] = v) and neither k nor v uses the map: read-modify-write of a
// key (m[k] += v, m[k] = append(m[k], v)) is how repeated keys are
// accumulated, not a fill.
func insertKey(info *types.Info, stmt *ast.AssignStmt, made *madeMap) (ast.Expr, bool) {
	if stmt.Tok != token.ASSIGN || len(stmt.Lhs) != 1 || len(stmt.Rhs) != 1 {
		return nil, false
	}
	index, ok := ast.Unparen(stmt.Lhs[0]).(*ast.IndexExpr)
	if !ok || !made.isTarget(info, index.X) || made.usedBy(info, stmt.Rhs[0]) || made.usedBy(info, index.Index) {
		return nil, false
	}
	return index.Index, true
}

// allDistinct reports whether every key takes a different value for
// every value of the loop variable key.
func allDistinct(info *types.Info, keys []ast.Expr, key *types.Var) bool {
	if key == nil {
		return false
	}
	for _, k := range keys {
		if !distinctKey(info, k, key) {
			return false
		}
	}
	return true
}

// allVary reports whether every key may change from one iteration of
// loop to the next: it reads a variable the loop declares or assigns, or
// calls a function. A key that cannot change (m[0] = v, m[name] = v for
// a name the loop leaves alone) is written over and over: the map ends
// with one entry, not one per iteration.
func allVary(info *types.Info, keys []ast.Expr, loop ast.Node, body *ast.BlockStmt) bool {
	for _, k := range keys {
		if !varies(info, k, loop, body) {
			return false
		}
	}
	return true
}

func varies(info *types.Info, key ast.Expr, loop ast.Node, body *ast.BlockStmt) bool {
	if tv := info.Types[key]; tv.Value != nil {
		return false
	}
	found := false
	ast.Inspect(key, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if !info.Types[n.Fun].IsType() && !mapcost.IsBuiltin(info, n.Fun, "len") && !mapcost.IsBuiltin(info, n.Fun, "cap") {
				found = true // a call may return a new key each time
			}
		case *ast.Ident:
			v, ok := info.Uses[n].(*types.Var)
			if ok && (v.Pos() >= loop.Pos() && v.Pos() < loop.End() || assignedBy(info, loop, v) || modifies(info, body, v)) {
				found = true
			}
		}
		return !found
	})
	return found
}

// assignedBy reports whether v is an iteration variable of a range loop
// that assigns rather than declares them (for k = range xs).
func assignedBy(info *types.Info, loop ast.Node, v *types.Var) bool {
	rng, ok := loop.(*ast.RangeStmt)
	if !ok || rng.Tok != token.ASSIGN {
		return false
	}
	return isVar(info, rng.Key, v) || isVar(info, rng.Value, v)
}

// distinctKey reports whether e takes a different value for every value
// of key: key itself, or a conversion that loses nothing (to a wider or
// same-size integer type, or between string types).
func distinctKey(info *types.Info, e ast.Expr, key *types.Var) bool {
	e = ast.Unparen(e)
	if isVar(info, e, key) {
		return true
	}
	conv, ok := e.(*ast.CallExpr)
	if !ok || len(conv.Args) != 1 || !info.Types[conv.Fun].IsType() || !isVar(info, conv.Args[0], key) {
		return false
	}
	from, to := basic(key.Type()), basic(info.TypeOf(conv))
	if from == nil || to == nil {
		return false
	}
	switch {
	case from.Info()&types.IsString != 0:
		return to.Info()&types.IsString != 0
	case from.Info()&types.IsInteger != 0 && to.Info()&types.IsInteger != 0:
		return intBits(from) <= intBits(to)
	}
	return false
}

func basic(t types.Type) *types.Basic {
	if t == nil {
		return nil
	}
	b, _ := t.Underlying().(*types.Basic)
	return b
}

func isInteger(t types.Type) bool {
	b := basic(t)
	return b != nil && b.Info()&types.IsInteger != 0
}

// intBits is the width of an integer kind; int, uint and uintptr count
// as 64 bits, the widest they may be.
func intBits(b *types.Basic) int {
	switch b.Kind() {
	case types.Int8, types.Uint8:
		return 8
	case types.Int16, types.Uint16:
		return 16
	case types.Int32, types.Uint32:
		return 32
	}
	return 64
}
