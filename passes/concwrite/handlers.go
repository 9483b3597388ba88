package concwrite

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// A handlerGroup is the handlers one function registers with a server:
// the server runs each of them once per request, in a goroutine of its
// own, so each races with itself and with the others.
type handlerGroup struct {
	sc      *scope
	threads []*handlerThread
}

type handlerThread struct {
	desc string
	self string // how it races with itself
	from start  // where it is registered
	body []access
	lit  *ast.FuncLit // the handler's body, when it is a literal
}

func (a *analyzer) group(sc *scope) *handlerGroup {
	for _, g := range a.handlers {
		if g.sc == sc {
			return g
		}
	}
	g := &handlerGroup{sc: sc}
	a.handlers = append(a.handlers, g)
	return g
}

// registerHandler records the handler h of http.Handle or HandleFunc: a
// literal, a function, a method value, or a value with a ServeHTTP method.
func (a *analyzer) registerHandler(w *walker, call *ast.CallExpr, h ast.Expr) {
	h = ast.Unparen(h)
	if conv, ok := h.(*ast.CallExpr); ok && len(conv.Args) == 1 {
		if tv, ok := a.info.Types[conv.Fun]; ok && tv.IsType() {
			h = ast.Unparen(conv.Args[0]) // http.HandlerFunc(f)
		}
	}
	th := &handlerThread{
		desc: "in the HTTP handler registered at " + a.short(call.Pos()),
		self: "by concurrent requests to the HTTP handler registered at " + a.short(call.Pos()),
		from: start{call.Pos(), "the HTTP handler is registered here"},
	}
	switch {
	case isLit(h):
		lit := h.(*ast.FuncLit)
		sub := a.analyzeBody(w.sc, a.cfgs.FuncLit(lit), nil)
		a.noteBody(w.sc, sub, nil, true, true)
		th.lit = lit
		th.body = sub.accesses
		for _, gs := range sub.goSites {
			th.body = append(th.body, gs.body...)
		}
	default:
		fn, recv := a.funcValue(h)
		if fn == nil {
			t := a.typeOf(h)
			if t == nil || types.IsInterface(t) {
				return
			}
			obj, _, _ := types.LookupFieldOrMethod(t, true, a.pass.Pkg, "ServeHTTP")
			fn, _ = obj.(*types.Func)
			recv = h
			if fn == nil {
				return
			}
		}
		th.body, _ = w.translate(fn, nil, recv, true)
	}
	g := a.group(w.sc)
	g.threads = append(g.threads, th)
}

func isLit(e ast.Expr) bool {
	_, ok := e.(*ast.FuncLit)
	return ok
}

// registerService records the methods of a server registered with
// net/rpc (rpc.Register, rpc.RegisterName) or with a gRPC service's
// generated RegisterXServer: each call runs in a goroutine of its own.
func (a *analyzer) registerService(w *walker, call *ast.CallExpr, fn *types.Func) bool {
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
		g.threads = append(g.threads, &handlerThread{
			desc: "in the RPC method " + methodName(m) + " registered at " + a.short(call.Pos()),
			self: "by concurrent calls of the RPC method " + methodName(m) + " registered at " + a.short(call.Pos()),
			from: start{call.Pos(), "the RPC service is registered here"},
			body: body,
		})
	}
	return true
}

// checkHandlers reports handlers racing with themselves or with the
// other handlers of their server.
func (a *analyzer) checkHandlers() {
	for _, g := range a.handlers {
		perRequest := func(th *handlerThread, r ref) bool {
			if !r.isLocal() {
				return false
			}
			if th.lit == nil {
				return false // a local of the registering function: the registered value
			}
			v := g.sc.localVar(r.Root)
			return v == nil || (th.lit.Pos() <= v.Pos() && v.Pos() < th.lit.End())
		}
		shared := func(th *handlerThread, ls lockset) lockset {
			var out lockset
			for _, h := range ls {
				if !perRequest(th, h.Lock) {
					out = append(out, h)
				}
			}
			return out
		}
		for _, x := range g.threads {
			done := make(map[string]bool) // one report per map per handler
			for i := range x.body {
				acc := &x.body[i]
				if perRequest(x, acc.ref) || done[acc.ref.key()] {
					continue
				}
				ax := shared(x, acc.held)
				if acc.write && !excludes(ax, ax) {
					a.reportRace(acc, acc, x.self, nil, x.from)
					done[acc.ref.key()] = true
					continue
				}
			others:
				for _, y := range g.threads {
					for j := range y.body {
						o := &y.body[j]
						if o.ref.key() != acc.ref.key() || !(acc.write || o.write) || excludes(ax, shared(y, o.held)) {
							continue
						}
						switch {
						case o == acc:
							a.reportRace(acc, o, y.self, nil, y.from)
						case x == y && !acc.write:
							continue // the write is reported
						case len(acc.held.must()) > 0 && len(o.held) == 0:
							continue // the other access, which holds no lock, is the one reported
						default:
							a.reportRace(acc, o, y.desc, nil, y.from)
						}
						done[acc.ref.key()] = true
						break others
					}
				}
			}
		}
	}
}

// A callback is a method of the package handed, as a method value, to
// another package's API that runs it on goroutines of its own whenever
// it is asked: expvar.Func(c.total), prometheus.NewGaugeFunc(opts,
// c.size). Like a handler, it runs concurrently with itself and with
// the methods callers call.
type callback struct {
	pos token.Pos
	why string
}

// noteCallback records f as a callback when it is a method value of a
// method of this package.
func (a *analyzer) noteCallback(f ast.Expr, pos token.Pos, why string) {
	fn, recv := a.funcValue(f)
	if fn == nil || recv == nil || fn.Pkg() != a.pass.Pkg {
		return
	}
	if a.callbacks == nil {
		a.callbacks = make(map[*types.Func]callback)
	}
	if _, seen := a.callbacks[fn.Origin()]; !seen {
		a.callbacks[fn.Origin()] = callback{pos, why}
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
