package mapeffects

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/types/typeutil"
)

func (w *walker) call(call *ast.CallExpr) {
	info := w.a.Info
	if op, mu, path := LockCall(info, call); op != NoLockOp {
		w.expr(mu)
		if r, ok := w.sc.RefOf(mu); ok {
			w.lockOp(op, r.Child(path))
		}
		return
	}
	if tv, ok := info.Types[call.Fun]; ok && tv.IsType() && len(call.Args) == 1 && isNamed(tv.Type, "expvar", "Func") {
		// expvar.Func(c.total): expvar runs it on every scrape.
		w.a.noteCallback(call.Args[0], call.Pos(), "expvar runs it on every read of /debug/vars")
	}
	if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
		// func(){…}(): runs here.
		for _, arg := range call.Args {
			w.expr(arg)
		}
		if w.res != nil {
			w.bindLitParams(lit, call.Args)
		}
		w.expr(lit)
		return
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		switch obj := info.Uses[id].(type) {
		case *types.Builtin:
			w.builtin(obj.Name(), call)
			return
		case *types.Var:
			if lit := w.sc.litVars[obj]; lit != nil {
				for _, arg := range call.Args {
					w.expr(arg)
				}
				if w.a.litDepth < 4 {
					w.a.litDepth++
					w.held = w.a.litExit(w.sc, lit, w.held)
					w.a.litDepth--
				}
				return
			}
		}
	}

	fn := w.a.StaticCallee(call)
	if fn == nil && w.res != nil {
		if i, ok := w.paramIndex(call.Fun); ok {
			w.res.calledParams = append(w.res.calledParams, i)
		}
	}
	viaInterface := false
	if fn == nil {
		fn = w.a.interfaceImpl(call)
		viaInterface = fn != nil
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if _, isPkg := info.Uses[identOf(sel.X)].(*types.PkgName); !isPkg {
			w.expr(sel.X)
		}
	} else if _, ok := ast.Unparen(call.Fun).(*ast.Ident); !ok {
		w.expr(call.Fun)
	}
	if fn != nil && !viaInterface && w.knownCall(fn, call) {
		return
	}
	if fn != nil && isMetricFuncConstructor(fn) && len(call.Args) > 0 {
		// prometheus.NewGaugeFunc(opts, c.size): run on every scrape.
		w.a.noteCallback(call.Args[len(call.Args)-1], call.Pos(), "the metrics registry runs it on every scrape")
	}
	var sum *Summary
	if fn != nil {
		sum = w.a.SummaryOf(fn)
	}
	for i, arg := range call.Args {
		if _, isLit := ast.Unparen(arg).(*ast.FuncLit); isLit && sum != nil && slices.Contains(sum.GoParams, i) {
			continue // started as a goroutine below, not run here
		}
		w.expr(arg)
	}
	if fn == nil {
		return
	}
	if w.res != nil && fn.Signature().Recv() != nil {
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			if r, ok := w.sc.RefOf(sel.X); ok && fn.Pkg() == w.a.Pass.Pkg {
				w.res.Calls = append(w.res.Calls, callSite{Callee: fn.Origin(), Recv: r, Held: w.held})
			}
		}
	}
	if sum == nil {
		return
	}
	if sum.Waits {
		w.sent = nil
	}
	if w.res != nil && sum.Waits {
		w.addJoin(join{wait: true}) // a helper that waits for the workers
	}
	if len(sum.Receives) > 0 {
		w.sent = nil
	}
	if w.res != nil {
		// Stop() { close(s.quit); <-s.done }: the caller waits there
		// for the goroutines that close s.done.
		for _, r := range sum.Receives {
			if t, ok := w.formal(r, call, fn, nil); ok {
				w.addJoin(join{recv: t.Key()})
			} else {
				w.addJoin(join{})
			}
		}
	}
	if w.res != nil {
		for _, i := range sum.GoParams {
			if i >= len(call.Args) {
				continue
			}
			gs := w.startFunc(call.Pos(), "goroutine of "+types.ExprString(call.Fun), call.Args[i], true)
			if gs != nil && (sum.Waits || sum.JoinsGoParams) {
				// The helper joins it before returning.
				w.res.Accesses = append(w.res.Accesses, joinedWithin(gs, sum.GoParamsRepeat, w.held, w.loc)...)
			}
		}
	}
	if w.res != nil {
		for _, d := range sum.Dones {
			if r, ok := w.formal(d, call, fn, nil); ok {
				w.noteDone(r)
			}
		}
		accs, sends := w.translate(fn, call, nil, false)
		w.res.Accesses = append(w.res.Accesses, accs...)
		w.replacedAt(sum, call, fn)
		w.calleeGoroutines(sum, call, fn)
		w.res.Accesses = append(w.res.Accesses, w.calledArgs(sum, call, false)...)
		for k, r := range sends {
			if w.res.sends == nil {
				w.res.sends = make(map[string]Ref)
			}
			w.res.sends[k] = r
		}
	}
	// Lock wrappers: func (s *S) lock() { s.mu.Lock() }.
	for _, h := range sum.Acquires {
		if r, ok := w.formal(h.Lock, call, fn, nil); ok {
			op := opLock
			if h.Read {
				op = OpRLock
			}
			w.lockOp(op, r)
		}
	}
	for _, l := range sum.Releases {
		if r, ok := w.formal(l, call, fn, nil); ok {
			w.lockOp(opUnlock, r)
		}
	}
}

// calledArgs returns the accesses of the function values a call passes
// to a callee that calls them (retry(3, s.refresh)): the callee's own
// code makes them, at the argument, in the caller's terms; started is set
// when the callee runs as a goroutine. A parameter passed on makes the
// caller such a function too. Literals are not handled here: the walk
// of the arguments follows them in place.
func (w *walker) calledArgs(sum *Summary, call *ast.CallExpr, started bool) []Access {
	var out []Access
	for _, i := range sum.CallsParams {
		if i >= len(call.Args) {
			continue
		}
		arg := ast.Unparen(call.Args[i])
		if _, isLit := arg.(*ast.FuncLit); isLit {
			continue
		}
		if j, ok := w.paramIndex(arg); ok {
			if !started {
				w.res.calledParams = append(w.res.calledParams, j)
			}
			continue
		}
		fn, recv := w.a.funcValue(arg)
		if fn == nil {
			continue
		}
		accs, _ := w.translate(fn, nil, recv, started)
		for _, acc := range accs {
			if !started || !acc.Pos.IsValid() {
				acc.Pos = arg.Pos()
			}
			out = append(out, acc)
		}
	}
	return out
}

func (w *walker) lockOp(op lockOp, r Ref) {
	w.sent = nil // the sender waits: what follows may be ordered after the receiver
	switch op {
	case opLock:
		w.held = w.held.With(HeldLock{Lock: r})
	case OpRLock:
		if h, ok := w.held.Find(r); ok && !h.Read && !h.Maybe && h.assumed == assumedNever {
			return // already held for writing
		}
		w.held = w.held.With(HeldLock{Lock: r, Read: true})
	case opUnlock, OpRUnlock:
		if _, ok := w.held.Find(r); !ok {
			if w.res != nil {
				w.res.released = append(w.res.released, r)
			}
			return
		}
		w.held = w.held.without(r)
	}
}

func (w *walker) builtin(name string, call *ast.CallExpr) {
	for _, arg := range call.Args {
		w.expr(arg)
	}
	if len(call.Args) == 0 {
		return
	}
	arg := call.Args[0]
	switch name {
	case "delete", "clear":
		if isMap(w.a.typeOf(arg)) {
			w.mapAccess(arg, true, call.Pos())
		}
	case "len":
		if isMap(w.a.typeOf(arg)) {
			w.mapAccess(arg, false, call.Pos())
		}
	case "close":
		w.noteSend(arg)
	}
}

// knownCall handles the standard library's map functions and its ways of
// running code concurrently; it reports false for any other call.
func (w *walker) knownCall(fn *types.Func, call *ast.CallExpr) bool {
	pkg := ""
	if fn.Pkg() != nil {
		pkg = fn.Pkg().Path()
	}
	name := fn.Name()
	recv := ""
	if r := fn.Signature().Recv(); r != nil {
		if n, ok := Deref(r.Type()).(*types.Named); ok {
			recv = n.Obj().Name()
		}
	}
	arg := func(i int) ast.Expr {
		if i < len(call.Args) {
			return call.Args[i]
		}
		return nil
	}
	walkArgs := func() {
		for _, a := range call.Args {
			w.expr(a)
		}
	}
	switch {
	case pkg == "maps":
		walkArgs()
		switch name {
		case "Copy":
			w.mapInsertArg(arg(0), call)
			w.mapArg(arg(1), false, call)
		case "Insert":
			w.mapInsertArg(arg(0), call)
		case "DeleteFunc":
			w.mapArg(arg(0), true, call)
		case "Clone", "Keys", "Values", "All", "Equal", "EqualFunc":
			w.mapArg(arg(0), false, call)
			w.mapArg(arg(1), false, call)
		}
		return true
	case pkg == "sync" && recv == "WaitGroup" && name == "Wait",
		isErrgroup(pkg) && recv == "Group" && name == "Wait":
		if w.res != nil {
			group, _ := w.a.syncCallRecv(w.sc, call, recv, name)
			w.addJoin(join{wait: true, group: group.Key()})
		}
		return true
	case pkg == "sync" && recv == "WaitGroup" && name == "Done":
		if r, ok := w.a.syncCallRecv(w.sc, call, recv, name); ok {
			w.noteDone(r)
		}
		return true
	case pkg == "sync" && recv == "WaitGroup" && name == "Go",
		isErrgroup(pkg) && recv == "Group" && (name == "Go" || name == "TryGo"):
		if f := arg(0); f != nil {
			if w.res != nil {
				what := "goroutine of " + types.ExprString(call.Fun)
				if gs := w.startFunc(call.Pos(), what, f, true); gs != nil {
					if group, ok := w.a.syncCallRecv(w.sc, call, recv, name); ok && gs.doneOn != nil {
						gs.doneOn[group.Key()] = true
					}
				}
			} else if _, ok := ast.Unparen(f).(*ast.FuncLit); !ok {
				w.expr(f)
			}
		}
		return true
	case pkg == "time" && name == "AfterFunc" && recv == "",
		pkg == "context" && name == "AfterFunc" && recv == "":
		if f := arg(1); f != nil {
			w.expr(arg(0))
			if w.res != nil {
				w.startFunc(call.Pos(), pkg+".AfterFunc callback", f, false)
			}
		}
		return true
	case pkg == "sync" && recv == "Once" && name == "Do",
		pkg == "sync" && recv == "" && strings.HasPrefix(name, "Once"):
		// sync.Once initialisation happens before every Do returns:
		// its writes race with nothing that runs after a Do.
		for _, a := range call.Args {
			if _, ok := ast.Unparen(a).(*ast.FuncLit); !ok {
				w.expr(a)
			}
		}
		return true
	case len(call.Args) > 0 && registersHandler(pkg, name) && w.a.isHTTPHandler(call.Args[len(call.Args)-1]):
		// http.HandleFunc, ServeMux.Handle, and routers' r.Get("/", h),
		// r.HandleFunc(…), httptest.NewServer(h).
		walkArgs()
		if w.res != nil {
			w.a.registerHandler(w, call, call.Args[len(call.Args)-1])
		}
		return true
	case strings.HasPrefix(name, "Register") && len(call.Args) > 0 && w.res != nil:
		if !w.a.registerService(w, call, fn) {
			return false
		}
		walkArgs()
		return true
	}
	return false
}

// registersHandler recognises the names of functions and methods that
// register an HTTP handler with a server, whose last argument is the
// handler: net/http's and routers' Handle and HandleFunc, chi-style
// per-method routes, and httptest servers.
func registersHandler(pkg, name string) bool {
	switch name {
	case "Handle", "HandleFunc", "Get", "Post", "Put", "Patch", "Delete", "Head", "Options",
		"Method", "MethodFunc", "NotFound", "MethodNotAllowed":
		return pkg != "net/http" || name == "Handle" || name == "HandleFunc"
	case "NewServer", "NewTLSServer", "NewUnstartedServer":
		return pkg == "net/http/httptest"
	}
	return false
}

// isHTTPHandler reports whether e is an HTTP handler: a function with
// http.HandlerFunc's signature, or a value with a ServeHTTP method.
func (a *Analysis) isHTTPHandler(e ast.Expr) bool {
	t := a.typeOf(e)
	if t == nil {
		return false
	}
	if sig, ok := t.Underlying().(*types.Signature); ok {
		return sig.Params().Len() == 2 && sig.Results().Len() == 0 &&
			isNamed(sig.Params().At(0).Type(), "net/http", "ResponseWriter") &&
			isNamed(sig.Params().At(1).Type(), "net/http", "Request")
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, "ServeHTTP")
	fn, ok := obj.(*types.Func)
	return ok && fn.Signature().Params().Len() == 2 && isNamed(fn.Signature().Params().At(0).Type(), "net/http", "ResponseWriter")
}

func isErrgroup(pkg string) bool {
	return pkg == "golang.org/x/sync/errgroup" || strings.HasSuffix(pkg, "/errgroup")
}

func (w *walker) mapArg(e ast.Expr, write bool, call *ast.CallExpr) {
	if e != nil && isMap(w.a.typeOf(e)) {
		w.mapAccess(e, write, call.Pos())
	}
}

// mapInsertArg records the insert of keys nobody names into the map
// argument e (maps.Copy(dst, src)).
func (w *walker) mapInsertArg(e ast.Expr, call *ast.CallExpr) {
	if e != nil && isMap(w.a.typeOf(e)) {
		w.mapInsert(e, call.Pos(), nil, true)
	}
}

// formal translates a ref in a callee's terms (its receiver, parameters
// or a global) to the caller's terms at call, or, for a function value
// (call == nil), with recv as the receiver.
func (w *walker) formal(r Ref, call *ast.CallExpr, fn *types.Func, recv ast.Expr) (Ref, bool) {
	if !r.isFormal() {
		return r, !r.IsLocal()
	}
	base, _, ok := w.actual(r, call, fn, recv)
	if !ok {
		return Ref{}, false
	}
	return w.sc.canon(base.Child(r.Path)), true
}

// actual returns the caller's ref and text for the receiver or parameter
// a formal root stands for.
func (w *walker) actual(r Ref, call *ast.CallExpr, fn *types.Func, recv ast.Expr) (Ref, string, bool) {
	base, text, _, ok := w.actualExpr(r, call, fn, recv)
	return base, text, ok
}

// actualExpr is actual, also returning the caller's expression.
func (w *walker) actualExpr(r Ref, call *ast.CallExpr, fn *types.Func, recv ast.Expr) (Ref, string, ast.Expr, bool) {
	var e ast.Expr
	embedded := ""
	i := r.formalIndex()
	if i < 0 {
		if call != nil {
			sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
			if !ok {
				return Ref{}, "", nil, false
			}
			selection, ok := w.a.Info.Selections[sel]
			if !ok || selection.Kind() != types.MethodVal {
				return Ref{}, "", nil, false
			}
			e = sel.X
			index := selection.Index()
			embedded = fieldPath(selection.Recv(), index[:len(index)-1])
		} else {
			e = recv
		}
	} else {
		if e = ArgumentOf(call, fn.Signature(), i); e == nil {
			return Ref{}, "", nil, false
		}
	}
	if e == nil {
		return Ref{}, "", nil, false
	}
	base, ok := w.sc.RefOf(e)
	if !ok {
		return Ref{}, "", nil, false
	}
	text := types.ExprString(e)
	if embedded != "" {
		text += "." + embedded
	}
	return base.Child(embedded), text, e, true
}

// translate applies a callee's summary at a call (or, with call nil, to
// a function value with receiver recv): its accesses and the channels it
// sends on, in the caller's terms, under the caller's locks. When started
// is set the callee runs in a goroutine of its own: it holds none of the
// caller's locks, and (for a callee of this package) its accesses keep
// their own positions, where a report about them belongs.
func (w *walker) translate(fn *types.Func, call *ast.CallExpr, recv ast.Expr, started bool) ([]Access, map[string]Ref) {
	return w.translateList(fn, call, recv, started, nil)
}

// translateList is translate, for the accesses list of the callee's
// summary instead of its Accesses when list is not nil.
func (w *walker) translateList(fn *types.Func, call *ast.CallExpr, recv ast.Expr, started bool, list []SummaryAccess) ([]Access, map[string]Ref) {
	sum := w.a.SummaryOf(fn)
	if sum == nil {
		return nil, nil
	}
	var out []Access
	via := fn.Name()
	switch {
	case call != nil:
		via = types.ExprString(call.Fun)
	case recv != nil:
		via = types.ExprString(recv) + "." + fn.Name()
	}
	var held Lockset
	if !started {
		held = w.held
	}
	heldCache := make(map[*HeldLock]Lockset)
	// The caller's side of each receiver or parameter, resolved once.
	type actualArg struct {
		base        Ref
		text        string
		expr        ast.Expr
		ok, foreign bool
	}
	actuals := make(map[int]actualArg)
	samePkg := fn.Pkg() == w.a.Pass.Pkg
	add := func(r Ref, write bool, name string, pos, origin token.Pos, originName, where, via string, calleeHeld Lockset, calleeForeign, installed bool, ins insertion) {
		// The map belongs to another package's type when the callee
		// reaches it through fields of its own (in another package), or
		// when the caller passes such a field.
		foreign := r.Path != "" && (!samePkg || calleeForeign)
		if !samePkg {
			// The access is in another package's files: a report about
			// it belongs at the call here. (Drivers that keep facts in
			// memory would otherwise hand us its position.)
			origin, originName = token.NoPos, ""
		}
		namePath := ""
		if r.isFormal() {
			i := r.formalIndex()
			act, ok := actuals[i]
			if !ok {
				act.base, act.text, act.expr, act.ok = w.actualExpr(r, call, fn, recv)
				if act.ok {
					act.foreign = w.a.foreignField(act.expr)
				}
				actuals[i] = act
			}
			if !act.ok {
				return
			}
			if r.Path == "" {
				foreign = act.foreign
			}
			if name == "" {
				name, namePath = act.text, r.Path
			}
			r = w.sc.canon(act.base.Child(r.Path))
		} else if r.IsLocal() {
			return
		} else if name == "" {
			name = w.a.GlobalName(r)
		}
		h := held
		if len(calleeHeld) > 0 {
			// Accesses of one callee mostly share a few locksets:
			// translate each once per call.
			k := &calleeHeld[0] // summaries share identical locksets
			if t, ok := heldCache[k]; ok {
				h = t
			} else {
				for _, l := range calleeHeld {
					if t, ok := w.formal(l.Lock, call, fn, recv); ok {
						h = h.withWeaker(HeldLock{Lock: t, Read: l.Read, Maybe: l.Maybe})
					}
				}
				heldCache[k] = h
			}
		}
		out = append(out, Access{Ref: r, Text: name, textPath: namePath, Write: write, Pos: pos, Origin: origin, OriginName: originName, Where: where, Via: via, Held: h, Loc: w.loc, Foreign: foreign, Installed: installed,
			Insert: ins.insert, Keys: ins.keys, OtherKeys: ins.otherKeys})
	}
	if list != nil {
		at := recvPos(call, recv)
		for _, sa := range list {
			add(Ref{sa.Root, sa.Path}, sa.Write, "", at, sa.origin, sa.originName, sa.Where, via, sa.Held, sa.foreign, false, insertion{})
		}
	} else if st := w.a.State[fn.Origin()]; started && st != nil {
		for _, acc := range st.Res.Accesses {
			// The keys are the callee's expressions: in a goroutine
			// they are nobody's business but concwrite's, which
			// ignores them.
			add(acc.Ref, acc.Write, acc.Name(), acc.Pos, acc.Origin, acc.OriginName, acc.Where, acc.Via, acc.Held, acc.Foreign, acc.Installed, insertion{insert: acc.Insert, otherKeys: acc.Insert})
		}
	} else {
		at := recvPos(call, recv)
		for _, sa := range sum.Accesses {
			add(Ref{sa.Root, sa.Path}, sa.Write, "", at, sa.origin, sa.originName, sa.Where, via, sa.Held, sa.foreign, sa.Installed, w.insertedAt(sa, call, fn))
		}
	}
	var sends map[string]Ref
	for _, s := range sum.Sends {
		if t, ok := w.formal(s, call, fn, recv); ok {
			if sends == nil {
				sends = make(map[string]Ref)
			}
			sends[t.Key()] = t
		}
	}
	return out, sends
}

// An insertion is what an access through a call inserts.
type insertion struct {
	insert    bool
	keys      []InsertedKey
	otherKeys bool
}

// insertedAt translates the keys a callee's insert adds to the
// arguments of the call that pass them. An argument the callee skips
// when nil (SkipsNil) adds nothing when it is nil; keys passed to a
// variadic parameter, or through a function value (call == nil), are
// keys nobody names.
func (w *walker) insertedAt(sa SummaryAccess, call *ast.CallExpr, fn *types.Func) insertion {
	if !sa.Insert {
		return insertion{}
	}
	ins := insertion{otherKeys: sa.OtherKeys}
	for _, k := range sa.Keys {
		arg := ArgumentOf(call, fn.Signature(), k.Param)
		if arg == nil {
			ins.otherKeys = true
			continue
		}
		if k.SkipsNil && w.a.Keys.IsNil(arg) {
			continue
		}
		ins.keys = append(ins.keys, InsertedKey{Expr: arg, SkipsNil: k.SkipsNil})
	}
	ins.insert = ins.otherKeys || len(ins.keys) > 0
	return ins
}

// calleeGoroutines records, as a goroutine started at the call, the
// goroutines the callee leaves running (Summary.Started): they run
// concurrently with the caller's code after the call, up to its next
// join.
func (w *walker) calleeGoroutines(sum *Summary, call *ast.CallExpr, fn *types.Func) {
	if len(sum.Started) == 0 {
		return
	}
	body, _ := w.translateList(fn, call, nil, true, sum.Started)
	if len(body) == 0 {
		return
	}
	w.res.GoSites = append(w.res.GoSites, &GoSite{Pos: call.Pos(), Loc: w.loc, What: "goroutine", Body: body, Callee: fn.Name()})
}

// replacedAt translates the maps a callee replaces to the caller's terms.
func (w *walker) replacedAt(sum *Summary, call *ast.CallExpr, fn *types.Func) {
	for _, r := range sum.Replaces {
		if t, ok := w.formal(r, call, fn, nil); ok && !t.IsLocal() {
			w.res.replaces = append(w.res.replaces, t)
		}
	}
}

// ArgumentOf returns the argument call passes for the parameter i of a
// callee of signature sig, or nil when there is none to name: no call (a
// function value), no such parameter, or the variadic parameter, whose
// elements are many arguments or a slice.
func ArgumentOf(call *ast.CallExpr, sig *types.Signature, i int) ast.Expr {
	if call == nil || i < 0 || i >= len(call.Args) || sig.Variadic() && i >= sig.Params().Len()-1 {
		return nil
	}
	return call.Args[i]
}

func recvPos(call *ast.CallExpr, recv ast.Expr) token.Pos {
	if call != nil {
		return call.Pos()
	}
	if recv != nil {
		return recv.Pos()
	}
	return 0
}

// StaticCallee returns the function or concrete method a call invokes.
func (a *Analysis) StaticCallee(call *ast.CallExpr) *types.Func {
	return typeutil.StaticCallee(a.Info, call)
}

// funcValue resolves a function value passed to wg.Go, AfterFunc or a
// handler registration: a function name, or a method value s.run (whose
// receiver expression it also returns).
func (a *Analysis) funcValue(f ast.Expr) (*types.Func, ast.Expr) {
	switch f := ast.Unparen(f).(type) {
	case *ast.Ident:
		fn, _ := a.Info.Uses[f].(*types.Func)
		return fn, nil
	case *ast.SelectorExpr:
		if sel, ok := a.Info.Selections[f]; ok {
			if sel.Kind() == types.MethodVal {
				if fn, ok := sel.Obj().(*types.Func); ok {
					if _, isIface := sel.Recv().Underlying().(*types.Interface); !isIface {
						return fn, f.X
					}
				}
			}
			return nil, nil
		}
		fn, _ := a.Info.Uses[f.Sel].(*types.Func)
		return fn, nil
	}
	return nil, nil
}

// foreignField reports whether e selects a field of a struct type
// declared in another package.
func (a *Analysis) foreignField(e ast.Expr) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	field := selectedField(a.Info, sel)
	return field != nil && field.Pkg() != a.Pass.Pkg
}

func identOf(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}

// GlobalName is how a report names a package-level map.
func (a *Analysis) GlobalName(r Ref) string {
	rest := strings.TrimPrefix(r.Root, "g:")
	dot := strings.LastIndex(rest, ".")
	pkg, name := rest[:dot], rest[dot+1:]
	if pkg != a.Pass.Pkg.Path() {
		name = pkg[strings.LastIndex(pkg, "/")+1:] + "." + name
	}
	if r.Path != "" {
		name += "." + r.Path
	}
	return name
}
