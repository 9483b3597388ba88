package mapeffects

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// A HandlerGroup is the handlers one function registers with a server:
// the server runs each of them once per request, in a goroutine of its
// own, so each races with itself and with the others.
type HandlerGroup struct {
	Scope   *Scope
	Threads []*HandlerThread
}

// A HandlerThread is one handler of a group: what it accesses, in the
// registering function's terms, and where it is registered.
type HandlerThread struct {
	Desc string
	Self string // how it races with itself
	From Start  // where it is registered
	Body []Access
	Lit  *ast.FuncLit // the handler's body, when it is a literal
}

func (a *Analysis) group(sc *Scope) *HandlerGroup {
	if a.quiet {
		return &HandlerGroup{Scope: sc} // completeCycle records nothing
	}
	for _, g := range a.Handlers {
		if g.Scope == sc {
			return g
		}
	}
	g := &HandlerGroup{Scope: sc}
	a.Handlers = append(a.Handlers, g)
	return g
}

// registerHandler records the handler h of http.Handle or HandleFunc: a
// literal, a function, a method value, or a value with a ServeHTTP method.
func (a *Analysis) registerHandler(w *walker, call *ast.CallExpr, h ast.Expr) {
	h = ast.Unparen(h)
	if conv, ok := h.(*ast.CallExpr); ok && len(conv.Args) == 1 {
		if tv, ok := a.Info.Types[conv.Fun]; ok && tv.IsType() {
			h = ast.Unparen(conv.Args[0]) // http.HandlerFunc(f)
		}
	}
	th := &HandlerThread{
		Desc: "in the HTTP handler registered at " + a.Short(call.Pos()),
		Self: "by concurrent requests to the HTTP handler registered at " + a.Short(call.Pos()),
		From: Start{call.Pos(), "the HTTP handler is registered here"},
	}
	switch {
	case isLit(h):
		lit := h.(*ast.FuncLit)
		sub := a.analyzeBody(w.sc, a.CFGs.FuncLit(lit), nil)
		a.noteBody(w.sc, sub, nil, true, true)
		th.Lit = lit
		th.Body = sub.Accesses
		for _, gs := range sub.GoSites {
			th.Body = append(th.Body, gs.Body...)
		}
	default:
		fn, recv := a.funcValue(h)
		if fn == nil {
			t := a.typeOf(h)
			if t == nil || types.IsInterface(t) {
				return
			}
			obj, _, _ := types.LookupFieldOrMethod(t, true, a.Pass.Pkg, "ServeHTTP")
			fn, _ = obj.(*types.Func)
			recv = h
			if fn == nil {
				return
			}
		}
		th.Body, _ = w.translate(fn, nil, recv, true)
	}
	g := a.group(w.sc)
	g.Threads = append(g.Threads, th)
}

func isLit(e ast.Expr) bool {
	_, ok := e.(*ast.FuncLit)
	return ok
}

// registerService records the methods of a server registered with
// net/rpc (rpc.Register, rpc.RegisterName) or with a gRPC service's
// generated RegisterXServer: each call runs in a goroutine of its own.
func (a *Analysis) registerService(w *walker, call *ast.CallExpr, fn *types.Func) bool {
	pkg := fn.Pkg().Path()
	var rcvr ast.Expr
	var iface *types.Interface
	switch {
	case pkg == "net/rpc" && (fn.Name() == "Register" || fn.Name() == "RegisterName"):
		rcvr = call.Args[len(call.Args)-1]
	case strings.HasPrefix(fn.Name(), "Register") && strings.HasSuffix(fn.Name(), "Server") &&
		fn.Signature().Params().Len() == 2 && len(call.Args) == 2:
		it, ok := fn.Signature().Params().At(1).Type().Underlying().(*types.Interface)
		if !ok || it.NumMethods() == 0 {
			return false
		}
		rcvr, iface = call.Args[1], it
	default:
		return false
	}
	t := a.typeOf(rcvr)
	if t == nil || types.IsInterface(t) {
		return false
	}
	ms := types.NewMethodSet(t)
	var methods []*types.Func
	for sel := range ms.Methods() {
		m := sel.Obj().(*types.Func)
		switch {
		case iface != nil:
			if obj, _, _ := types.LookupFieldOrMethod(iface, false, m.Pkg(), m.Name()); obj == nil {
				continue
			}
		case !m.Exported() || m.Signature().Params().Len() != 2 || m.Signature().Results().Len() != 1:
			continue
		}
		methods = append(methods, m)
	}
	if len(methods) == 0 {
		return false
	}
	g := a.group(w.sc)
	for _, m := range methods {
		body, _ := w.translate(m, nil, rcvr, true)
		if len(body) == 0 {
			continue
		}
		g.Threads = append(g.Threads, &HandlerThread{
			Desc: "in the RPC method " + MethodName(m) + " registered at " + a.Short(call.Pos()),
			Self: "by concurrent calls of the RPC method " + MethodName(m) + " registered at " + a.Short(call.Pos()),
			From: Start{call.Pos(), "the RPC service is registered here"},
			Body: body,
		})
	}
	return true
}

// A Callback is a method of the package handed, as a method value, to
// another package's API that runs it on goroutines of its own whenever
// it is asked: expvar.Func(c.total), prometheus.NewGaugeFunc(opts,
// c.size). Like a handler, it runs concurrently with itself and with
// the methods callers call.
type Callback struct {
	Pos token.Pos
	Why string
}

// noteCallback records f as a callback when it is a method value of a
// method of this package.
func (a *Analysis) noteCallback(f ast.Expr, pos token.Pos, why string) {
	if a.quiet {
		return
	}
	fn, recv := a.funcValue(f)
	if fn == nil || recv == nil || fn.Pkg() != a.Pass.Pkg {
		return
	}
	if a.Callbacks == nil {
		a.Callbacks = make(map[*types.Func]Callback)
	}
	if _, seen := a.Callbacks[fn.Origin()]; !seen {
		a.Callbacks[fn.Origin()] = Callback{pos, why}
	}
}

// isMetricFuncConstructor recognises Prometheus's constructors of metrics
// whose value a function computes at scrape time (NewGaugeFunc,
// NewCounterFunc, NewUntypedFunc, and promauto's).
func isMetricFuncConstructor(fn *types.Func) bool {
	if fn.Pkg() == nil || fn.Signature().Recv() != nil {
		return false
	}
	switch fn.Pkg().Path() {
	case "github.com/prometheus/client_golang/prometheus", "github.com/prometheus/client_golang/prometheus/promauto":
	default:
		return false
	}
	switch fn.Name() {
	case "NewGaugeFunc", "NewCounterFunc", "NewUntypedFunc":
		return true
	}
	return false
}
