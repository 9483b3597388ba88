package maporder

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/maplint/maplint/passes/internal/typeparams"
)

type sinkKind int

const (
	appendSink sinkKind = iota // s = append(s, k)
	writeSink                  // w.Write(k), fmt.Fprint(w, k), enc.Encode(v), a helper writing to w
	concatSink                 // s += k
	lastSink                   // x = k on every iteration: the last entry visited wins
)

// A sink is a place in a loop body where the iteration order becomes
// part of a result.
type sink struct {
	kind   sinkKind
	cur    inspector.Cursor // the assignment or call
	target ast.Expr         // the slice, writer or string; nil for standard output
	helper *types.Func      // for a write through a called function
	use    *orderedUse      // the use after the loop that makes the order matter
}

// An orderedUse is where a slice built in map order is used in that order.
type orderedUse struct {
	node ast.Node
	what string // "returned", "stored in s.names", "passed to strings.Join"
}

// sinks returns the appends, writes and concatenations in body that carry
// tainted values into a slice, writer or string declared outside the loop.
// It does not look into function literals (called later or elsewhere, if
// at all), goroutines or deferred calls.
func (c *checker) sinks(body inspector.Cursor, rng *ast.RangeStmt, tainted map[types.Object]bool) []sink {
	var found []sink
	body.Inspect(nil, func(cur inspector.Cursor) bool {
		switch n := cur.Node().(type) {
		case *ast.FuncLit, *ast.GoStmt, *ast.DeferStmt:
			return false
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				if !c.outer(lhs, rng) || isBlank(lhs) {
					continue
				}
				switch {
				case n.Tok == token.ADD_ASSIGN && len(n.Rhs) == 1 && isString(c.info.TypeOf(lhs)) && c.mentions(n.Rhs[0], tainted):
					found = append(found, sink{kind: concatSink, cur: cur, target: lhs})
				case n.Tok == token.ASSIGN && len(n.Lhs) == len(n.Rhs):
					rhs := n.Rhs[i]
					if c.isAppendTo(rhs, lhs) && c.mentions(rhs, tainted) {
						found = append(found, sink{kind: appendSink, cur: cur, target: lhs})
					} else if isString(c.info.TypeOf(lhs)) && c.isConcatOf(rhs, lhs) && c.mentions(rhs, tainted) {
						found = append(found, sink{kind: concatSink, cur: cur, target: lhs})
					}
				}
			}
		case *ast.CallExpr:
			w, helper, ok := c.writeCall(n)
			if !ok || (w != nil && (!c.outer(w, rng) || c.isStderr(w))) {
				return true
			}
			if helper != nil && c.inTest {
				return true // a test feeding the code under test (sendAck(conn, id))
			}
			if c.writesTainted(n, w, tainted) {
				found = append(found, sink{kind: writeSink, cur: cur, target: w, helper: helper})
			}
		}
		return true
	})
	return append(found, c.lastSinks(body, rng, tainted)...)
}

// lastSinks returns the statements "x = k" of the loop body that run on
// every iteration of a loop that runs to the end, so that x keeps the
// value from the entry visited last: a particular entry chosen by the
// order. Silent when unsure: x must be a local variable not computed from
// its own value (max, sums), and the function must not look at the map's
// length (len(m) == 1 makes the choice unique).
func (c *checker) lastSinks(body inspector.Cursor, rng *ast.RangeStmt, tainted map[types.Object]bool) []sink {
	// Tests pick "the" entry of maps they know hold one (a server's one
	// leaf connection): not a result anyone ships.
	if c.inTest || c.exits(rng.Body) {
		return nil
	}
	var found []sink
	for i, stmt := range rng.Body.List {
		a, ok := stmt.(*ast.AssignStmt)
		if !ok || a.Tok != token.ASSIGN || len(a.Lhs) != 1 || len(a.Rhs) != 1 {
			continue
		}
		id, ok := ast.Unparen(a.Lhs[0]).(*ast.Ident)
		if !ok {
			continue
		}
		v, ok := c.info.Uses[id].(*types.Var)
		if !ok || isPackageLevel(v) || !c.outer(id, rng) || !c.mentions(a.Rhs[0], tainted) ||
			c.mentions(a.Rhs[0], map[types.Object]bool{v: true}) {
			continue
		}
		found = append(found, sink{kind: lastSink, cur: body.ChildAt(edge.BlockStmt_List, i), target: id})
	}
	return found
}

// exits reports whether body may leave the loop early or skip to the
// next iteration: return, break, goto, continue or panic outside nested
// function literals (a labelled continue too).
func (c *checker) exits(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			found = true
		case *ast.BranchStmt:
			if n.Tok != token.FALLTHROUGH {
				found = true
			}
		case *ast.CallExpr:
			if c.isBuiltin(n.Fun, "panic") {
				found = true
			}
		}
		return !found
	})
	return found
}

// writesTainted reports whether the call's data (its arguments other
// than the writer, or for a method on a writer, its arguments) mention tainted
// variables.
func (c *checker) writesTainted(call *ast.CallExpr, w ast.Expr, tainted map[types.Object]bool) bool {
	for _, arg := range call.Args {
		if arg != w && c.mentions(arg, tainted) {
			return true
		}
	}
	return false
}

func isBlank(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "_"
}

func isString(t types.Type) bool {
	b, ok := typeparams.CoreType(t).(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// isAppendTo reports whether e is append(lhs, ...) with at least one
// element appended.
func (c *checker) isAppendTo(e ast.Expr, lhs ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) < 2 || !c.isBuiltin(call.Fun, "append") {
		return false
	}
	return sameExpr(call.Args[0], lhs)
}

// isConcatOf reports whether e is lhs + ... (or ... + lhs).
func (c *checker) isConcatOf(e ast.Expr, lhs ast.Expr) bool {
	bin, ok := ast.Unparen(e).(*ast.BinaryExpr)
	if !ok || bin.Op != token.ADD {
		return false
	}
	return sameExpr(bin.X, lhs) || sameExpr(bin.Y, lhs) || c.isConcatOf(bin.X, lhs)
}

func (c *checker) isBuiltin(fun ast.Expr, name string) bool {
	id, ok := ast.Unparen(fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := c.info.Uses[id].(*types.Builtin)
	return ok && b.Name() == name
}

// sameExpr reports whether a and b are the same variable or field path
// (both free of calls, so that they denote one location).
func sameExpr(a, b ast.Expr) bool {
	a, b = ast.Unparen(a), ast.Unparen(b)
	switch a := a.(type) {
	case *ast.Ident:
		b, ok := b.(*ast.Ident)
		return ok && a.Name == b.Name
	case *ast.SelectorExpr:
		b, ok := b.(*ast.SelectorExpr)
		return ok && a.Sel.Name == b.Sel.Name && sameExpr(a.X, b.X)
	case *ast.StarExpr:
		b, ok := b.(*ast.StarExpr)
		return ok && sameExpr(a.X, b.X)
	case *ast.IndexExpr:
		b, ok := b.(*ast.IndexExpr)
		return ok && sameExpr(a.X, b.X) && sameExpr(a.Index, b.Index)
	case *ast.BasicLit:
		b, ok := b.(*ast.BasicLit)
		return ok && a.Value == b.Value
	}
	return false
}

var ioWriter = types.NewInterfaceType([]*types.Func{
	types.NewFunc(token.NoPos, nil, "Write", types.NewSignatureType(nil, nil, nil,
		types.NewTuple(types.NewParam(token.NoPos, nil, "p", types.NewSlice(types.Typ[types.Byte]))),
		types.NewTuple(types.NewParam(token.NoPos, nil, "n", types.Typ[types.Int]), types.NewParam(token.NoPos, nil, "err", types.Universe.Lookup("error").Type())),
		false)),
}, nil).Complete()

// isWriter reports whether t or *t is an io.Writer.
func isWriter(t types.Type) bool {
	if t == nil {
		return false
	}
	return types.Implements(t, ioWriter) || types.Implements(types.NewPointer(t), ioWriter)
}

// writeCall reports whether call writes bytes: to the writer it returns,
// or to standard output when that is nil. helper is the called function
// when it is one of ours, summarised as writing to that argument.
func (c *checker) writeCall(call *ast.CallExpr) (writer ast.Expr, helper *types.Func, ok bool) {
	fn, _ := typeutil.Callee(c.info, call).(*types.Func)
	if fn == nil {
		return nil, nil, false
	}
	sig, _ := fn.Type().(*types.Signature)
	if sig == nil {
		return nil, nil, false
	}
	if fn.Pkg() != nil && sig.Recv() == nil {
		switch fn.Pkg().Path() + "." + fn.Name() {
		case "fmt.Fprint", "fmt.Fprintf", "fmt.Fprintln", "io.WriteString", "encoding/binary.Write":
			if len(call.Args) > 0 {
				return call.Args[0], nil, true
			}
			return nil, nil, false
		case "fmt.Print", "fmt.Printf", "fmt.Println":
			// Standard output is a program's result in a command or an
			// example; elsewhere printing is logging.
			if c.pass.Pkg.Name() == "main" || c.inExample(call) {
				return nil, nil, true
			}
			return nil, nil, false
		}
	}
	if sig.Recv() != nil {
		sel, isSel := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !isSel {
			return nil, nil, false
		}
		recvType := c.info.TypeOf(sel.X)
		switch fn.Name() {
		case "Write", "WriteString", "WriteByte", "WriteRune":
			if isWriter(recvType) || isCSVWriter(recvType) {
				return sel.X, nil, true
			}
		case "WriteAll":
			if isCSVWriter(recvType) {
				return sel.X, nil, true
			}
		case "Encode", "EncodeElement":
			if named := namedOf(recvType); named != nil && strings.HasSuffix(named.Obj().Name(), "Encoder") {
				return sel.X, nil, true
			}
		}
	}
	if params := c.writesTo(fn); len(params) > 0 {
		for _, i := range params {
			if w := argAt(call, sig, i); w != nil {
				return w, fn, true
			}
		}
	}
	return nil, nil, false
}

// argAt returns the expression call passes as parameter i (the receiver
// for -1), or nil.
func argAt(call *ast.CallExpr, sig *types.Signature, i int) ast.Expr {
	if i < 0 {
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && sig.Recv() != nil {
			return sel.X
		}
		return nil
	}
	if i < len(call.Args) && !(sig.Variadic() && i >= sig.Params().Len()-1) {
		return call.Args[i]
	}
	return nil
}

func namedOf(t types.Type) *types.Named {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, _ := types.Unalias(t).(*types.Named)
	return n
}

func isCSVWriter(t types.Type) bool {
	n := namedOf(t)
	return n != nil && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "encoding/csv" && n.Obj().Name() == "Writer"
}

// inExample reports whether call is in an Example function, whose
// printed output its test compares.
func (c *checker) inExample(call *ast.CallExpr) bool {
	for _, f := range c.pass.Files {
		if f.FileStart <= call.Pos() && call.Pos() < f.FileEnd {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Pos() <= call.Pos() && call.Pos() < fd.End() {
					return strings.HasPrefix(fd.Name.Name, "Example")
				}
			}
		}
	}
	return false
}

// isStderr reports whether w is os.Stderr, where programs write
// diagnostics rather than results.
func (c *checker) isStderr(w ast.Expr) bool {
	sel, ok := ast.Unparen(w).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	v, ok := c.info.Uses[sel.Sel].(*types.Var)
	return ok && v.Pkg() != nil && v.Pkg().Path() == "os" && v.Name() == "Stderr"
}
