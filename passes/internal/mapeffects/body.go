package mapeffects

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/types/typeutil"
)

// An access is one read or write of a map, as seen from the function
// being analyzed: directly, or through a callee's summary.
type Access struct {
	Ref  Ref
	expr ast.Expr // the map as written at the access, or nil
	Text string   // the map as named through a call, when expr is nil,
	// followed by "." and textPath when that is set
	textPath string
	Write    bool
	Pos      token.Pos // where a report about it goes in this package
	// Origin is the access itself when it is in this package (for an
	// access through a call, in the callee), so that one access reached
	// through several calls is reported once.
	Origin token.Pos
	// OriginName is the map as the code at origin names it ("c.items"
	// inside the callee, where the caller says "s.cache.items").
	OriginName string
	Where      string // where the access itself is, e.g. "cache.go:41"
	Via        string // the call it is reached through, e.g. "s.add", or ""
	Held       Lockset
	Loc        cfgLoc // the node of the analyzed function that performs it
	// Foreign is set when the map is a field of another package's type:
	// what guards it is that package's business.
	Foreign bool
	// Installed is set when the function making it has just stored the
	// map in the field it reaches it through (see markInstalled).
	Installed bool
	// Getter is set when the map was obtained from a method that returns
	// a guarded map field: m := c.Items().
	Getter *alias
	// Released holds, for an access by a goroutine, the signals (wg.Done,
	// sends) its goroutine may have sent before it: joins waiting for
	// those do not cover it.
	Released []Signal
	// Insert is set for a write that may add keys to the map: m[k] = v,
	// m[k]++, maps.Copy into it, or such a write of a callee. Keys are
	// the keys it adds, as expressions of the function being analyzed;
	// OtherKeys is set when it may add keys that are none of them.
	Insert    bool
	Keys      []InsertedKey
	OtherKeys bool
}

// An InsertedKey is a key an insert adds: the expression that computes
// it, and whether the insert is skipped when that key is nil (a callee
// that returns first when its key parameter is nil).
type InsertedKey struct {
	Expr     ast.Expr
	SkipsNil bool
}

// A cfgLoc is a node of a function's control-flow graph.
// name returns the map as the code names it, e.g. "s.items".
func (acc *Access) Name() string {
	switch {
	case acc.expr != nil:
		return types.ExprString(acc.expr)
	case acc.textPath != "":
		return acc.Text + "." + acc.textPath
	}
	return acc.Text
}

// ReportPos is where a report about acc goes: the access itself when it
// is in this package (inside the callee, for an access through a call,
// which is the line the race detector names), else the call leading to it.
func (acc *Access) ReportPos() token.Pos {
	if acc.Origin.IsValid() {
		return acc.Origin
	}
	return acc.Pos
}

// ReportedName is the map as the code at ReportPos names it.
func (acc *Access) ReportedName() string {
	if acc.Origin.IsValid() && acc.OriginName != "" {
		return acc.OriginName
	}
	return acc.Name()
}

type cfgLoc struct{ block, node int32 }

// A goSite is a statement or call that starts code running in another
// goroutine: a go statement, wg.Go, errgroup's Go, time.AfterFunc.
type GoSite struct {
	Pos   token.Pos
	Loc   cfgLoc
	What  string          // "goroutine", "time.AfterFunc callback", …
	Body  []Access        // its accesses, in the starter's terms
	sends map[string]bool // keys of channels it sends on or closes
	Lit   *ast.FuncLit    // its body, when it is a literal
	// waited is set when a WaitGroup or errgroup Wait ends it (not for
	// timer callbacks).
	waited bool
	// doneOn holds the WaitGroups (and errgroups) whose Wait ends it,
	// when they are known: those it calls Done on, or whose Go started it.
	doneOn map[string]bool
	// Outlives is set when it may still run when its starter returns.
	Outlives bool
	// method is the method a `go x.m()` statement starts.
	method *types.Func
	// startsParams is set when it runs function values its starter was
	// passed (a goroutine-starting helper's go func() { ch <- f() }()).
	startsParams bool
	// JoinedByCall is set for a goroutine a helper starts from a function
	// argument and joins before it returns: it runs within the call.
	JoinedByCall bool
	// Repeats is set when it may be started again before it is joined:
	// its copies then run concurrently with each other.
	Repeats bool
	// Callee names the function whose call started it, for the
	// goroutines a callee starts and leaves running when it returns (see
	// Summary.Started): which channel or WaitGroup ends them is not known
	// here, so any join does.
	Callee string
}

// A join is a point where the starter waits for goroutines it started:
// a WaitGroup or errgroup Wait, or a receive from a channel (recv is its
// ref's key).
type join struct {
	wait  bool
	group string // the WaitGroup or errgroup waited on, when known
	recv  string
}

// A callSite records a static call to a method of the package, with the
// locks held around it, so that methods only ever called with their
// receiver's mutex held are known to run under it.
type callSite struct {
	Callee *types.Func
	Recv   Ref
	Held   Lockset
}

// A bodyResult is what analysing one function body finds.
type BodyResult struct {
	Accesses []Access
	GoSites  []*GoSite
	joins    map[cfgLoc][]join
	sends    map[string]Ref
	dones    map[string]Ref // WaitGroups it calls Done on
	// receives are the channels it receives from: a join for its caller
	// too, for the goroutines that send on or close them.
	receives map[string]Ref
	Calls    []callSite
	exit     Lockset // held at every return (acquired by the body)
	released []Ref   // unlocked without being locked first
	// deferredUnlocks are unlocked by deferred calls, when the body
	// returns; deferredLocks locked again.
	deferredUnlocks []Ref
	deferredLocks   []HeldLock
	returns         *returned
	// replaces are the maps it replaces (s.items = make(…)) in a field or
	// a package variable that its callers can see.
	replaces []Ref
	// goParams are the parameters (function values) the body starts as
	// goroutines; calledParams those it calls.
	goParams, calledParams []int
	waits                  bool // it waits for goroutines (wg.Wait, an errgroup's Wait)
	g                      *cfg.CFG
}

// returned records that a function returns one of its receiver's maps.
type returned struct {
	ref  Ref
	held Lockset
}

// analyzeBody runs the lockset data flow over a body's CFG, then walks
// it once more to record accesses under the converged locksets.
func (a *Analysis) analyzeBody(sc *Scope, g *cfg.CFG, entry Lockset) *BodyResult {
	res := &BodyResult{g: g}
	if g == nil || len(g.Blocks) == 0 {
		return res
	}
	states, seen := a.flow(sc, g, entry)
	exitSeen := false
	for _, b := range g.Blocks {
		if !seen[b.Index] || a.deadBranch(b) {
			continue
		}
		w := &walker{a: a, sc: sc, held: states[b.Index], res: res}
		for i, node := range b.Nodes {
			w.loc = cfgLoc{b.Index, int32(i)}
			w.node(node)
		}
		if b.Return() != nil {
			if exitSeen {
				res.exit = Meet(res.exit, w.held)
			} else {
				res.exit, exitSeen = w.held, true
			}
		}
	}
	for _, r := range res.deferredUnlocks {
		res.exit = res.exit.without(r)
	}
	for _, h := range res.deferredLocks {
		res.exit = res.exit.With(h)
	}
	return res
}

// flow computes the locks held on entry to each block of g.
func (a *Analysis) flow(sc *Scope, g *cfg.CFG, entry Lockset) ([]Lockset, []bool) {
	n := len(g.Blocks)
	states := make([]Lockset, n)
	seen := make([]bool, n)
	seen[0] = true
	states[0] = entry
	work := []int32{0}
	queued := make([]bool, n)
	queued[0] = true
	for steps := 0; len(work) > 0 && steps < 50*n; steps++ {
		b := g.Blocks[work[len(work)-1]]
		work = work[:len(work)-1]
		queued[b.Index] = false
		if a.deadBranch(b) {
			continue
		}
		w := &walker{a: a, sc: sc, held: states[b.Index]}
		for _, node := range b.Nodes {
			w.node(node)
		}
		for _, s := range b.Succs {
			next := w.held
			if seen[s.Index] {
				next = Meet(states[s.Index], w.held)
				if next.equal(states[s.Index]) {
					continue
				}
			}
			seen[s.Index] = true
			states[s.Index] = next
			if !queued[s.Index] {
				queued[s.Index] = true
				work = append(work, s.Index)
			}
		}
	}
	return states, seen
}

// deadBranch reports whether b is the branch of an if statement that a
// constant condition rules out: if debugGetPut { … } with a false
// constant guards code that never runs.
func (a *Analysis) deadBranch(b *cfg.Block) bool {
	ifs, ok := b.Stmt.(*ast.IfStmt)
	if !ok || (b.Kind != cfg.KindIfThen && b.Kind != cfg.KindIfElse) {
		return false
	}
	tv, ok := a.Info.Types[ifs.Cond]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.Bool {
		return false
	}
	return constant.BoolVal(tv.Value) == (b.Kind == cfg.KindIfElse)
}

// litExit returns the locks held after calling the literal lit with
// entry held: how `lock := func() { if need { mu.Lock() } }` and its
// calls lock() change what is held.
func (a *Analysis) litExit(sc *Scope, lit *ast.FuncLit, entry Lockset) Lockset {
	g := a.CFGs.FuncLit(lit)
	if g == nil || len(g.Blocks) == 0 {
		return entry
	}
	states, seen := a.flow(sc, g, entry)
	var exit Lockset
	exitSeen := false
	for _, b := range g.Blocks {
		if !seen[b.Index] || b.Return() == nil {
			continue
		}
		w := &walker{a: a, sc: sc, held: states[b.Index]}
		for _, node := range b.Nodes {
			w.node(node)
		}
		if exitSeen {
			exit = Meet(exit, w.held)
		} else {
			exit, exitSeen = w.held, true
		}
	}
	if !exitSeen {
		return entry
	}
	return exit
}

// A walker follows the evaluation of one CFG node, updating the held
// locks; when res is set it also records what it finds there.
type walker struct {
	a    *Analysis
	sc   *Scope
	held Lockset
	res  *BodyResult
	loc  cfgLoc
	// sent holds the maps this block has sent on a channel, by their
	// ref's key, with the ref of the channel's maps (see noteSentMap).
	sent map[string]Ref
	// own holds the maps this block has just replaced with fresh ones in
	// a value of its own (c.Tags = maps.Clone(c.Tags) in a value
	// receiver): accesses of them after that touch nobody else's map.
	own map[string]bool
}

func (w *walker) node(n ast.Node) {
	switch n := n.(type) {
	case *ast.AssignStmt:
		for _, e := range n.Rhs {
			w.expr(e)
		}
		for _, e := range n.Lhs {
			w.noteReplace(n, e)
			w.lhs(e)
			if len(w.sent) > 0 {
				if r, ok := w.sc.RefOf(e); ok {
					delete(w.sent, r.Key()) // b.cur = make(…): another map
				}
			}
		}
		if w.res != nil && len(n.Lhs) == 1 && len(n.Rhs) == 1 {
			w.noteGetterResult(n.Lhs[0], n.Rhs[0])
			w.noteFreshMap(n.Lhs[0], n.Rhs[0])
		}
	case *ast.IncDecStmt:
		w.lhs(n.X)
	case *ast.ExprStmt:
		w.expr(n.X)
	case *ast.SendStmt:
		w.expr(n.Chan)
		switch _, isLit := ast.Unparen(n.Value).(*ast.FuncLit); {
		case w.a.jobQueue(n.Chan) != nil:
			w.sendJob(n)
		case isLit:
			// A literal sent to another goroutine runs there, not
			// here: on an actor's loop (the only code touching what it
			// owns), when nothing says that several workers run them.
		default:
			w.expr(n.Value)
		}
		w.noteSend(n.Chan)
		w.noteSentMap(n.Chan, n.Value)
	case *ast.GoStmt:
		w.goStmt(n)
	case *ast.DeferStmt:
		w.deferStmt(n)
	case *ast.ReturnStmt:
		for _, e := range n.Results {
			w.expr(e)
		}
		if w.res != nil && len(n.Results) == 1 {
			w.noteReturn(n.Results[0])
		}
	case *ast.ValueSpec:
		for _, e := range n.Values {
			w.expr(e)
		}
	case ast.Expr:
		if rs, ok := w.a.RangeOf[n]; ok {
			w.rangeOver(rs)
			return
		}
		w.expr(n)
	}
}

// lhs handles the target of an assignment or ++/--.
func (w *walker) lhs(e ast.Expr) {
	if ix, ok := ast.Unparen(e).(*ast.IndexExpr); ok && isMap(w.a.typeOf(ix.X)) {
		w.mapInsert(ix.X, ix.Pos(), []InsertedKey{{Expr: ix.Index}}, false)
		w.expr(ix.X)
		w.expr(ix.Index)
		return
	}
	w.expr(e)
}

func (w *walker) rangeOver(rs *ast.RangeStmt) {
	w.expr(rs.X)
	switch t := w.a.typeOf(rs.X); {
	case isMap(t):
		w.mapAccess(rs.X, false, rs.X.Pos())
	case isChan(t):
		w.noteRecv(rs.X)
		w.bindReceived(rs)
	}
}

// chanElem is the ref that stands for the maps a channel carries: its
// receivers and the senders that keep writing a map they sent touch one
// map through it.
func chanElem(ch Ref) Ref { return ch.Child("<-") }

// bindReceived makes the variable of `for batch := range b.out`, over a
// channel of maps reached from the receiver, parameters or globals,
// stand for the maps sent on it.
func (w *walker) bindReceived(rs *ast.RangeStmt) {
	id, ok := rs.Key.(*ast.Ident)
	if !ok || rs.Tok != token.DEFINE {
		return
	}
	ch, ok := w.a.typeOf(rs.X).Underlying().(*types.Chan)
	if !ok || !isMap(ch.Elem()) {
		return
	}
	r, ok := w.sc.RefOf(rs.X)
	if !ok || r.IsLocal() {
		return
	}
	if v, ok := w.a.Info.Defs[id].(*types.Var); ok {
		w.sc.bind(v, &alias{ref: chanElem(r), Name: id.Name})
	}
}

// noteSentMap remembers, for the rest of the block, that the map m was
// sent on ch: until the sender waits for something (a receive, a lock)
// or names another map with the same variable, what it does to m it
// does to the map its receiver now holds.
func (w *walker) noteSentMap(ch, m ast.Expr) {
	if w.res == nil || !isMap(w.a.typeOf(m)) {
		return
	}
	cr, ok := w.sc.RefOf(ch)
	if !ok || cr.IsLocal() {
		return
	}
	mr, ok := w.sc.RefOf(m)
	if !ok {
		return
	}
	if w.sent == nil {
		w.sent = make(map[string]Ref)
	}
	w.sent[mr.Key()] = chanElem(cr)
}

func (w *walker) expr(e ast.Expr) {
	switch e := e.(type) {
	case nil:
	case *ast.FuncLit:
		w.inlineLit(e)
	case *ast.IndexExpr:
		if isMap(w.a.typeOf(e.X)) {
			w.mapAccess(e.X, false, e.Pos())
		}
		w.expr(e.X)
		w.expr(e.Index)
	case *ast.CallExpr:
		w.call(e)
	case *ast.UnaryExpr:
		w.expr(e.X)
		if e.Op == token.ARROW {
			w.noteRecv(e.X)
		}
	case *ast.ParenExpr:
		w.expr(e.X)
	case *ast.SelectorExpr:
		w.expr(e.X)
	case *ast.StarExpr:
		w.expr(e.X)
	case *ast.BinaryExpr:
		w.expr(e.X)
		w.expr(e.Y)
	case *ast.KeyValueExpr:
		w.expr(e.Key)
		w.expr(e.Value)
	case *ast.CompositeLit:
		for _, elt := range e.Elts {
			w.expr(elt)
		}
	case *ast.SliceExpr:
		w.expr(e.X)
		w.expr(e.Low)
		w.expr(e.High)
		w.expr(e.Max)
	case *ast.TypeAssertExpr:
		w.expr(e.X)
	case *ast.IndexListExpr:
		w.expr(e.X)
	}
}

// noteReplace records the assignment of a map to lhs, when lhs is a
// field or a package variable that callers can see. Giving a nil map its
// first value (if s.m == nil { s.m = … }) replaces nothing a caller could
// be iterating over, and is not recorded.
func (w *walker) noteReplace(as *ast.AssignStmt, lhs ast.Expr) {
	if w.res == nil || as.Tok == token.DEFINE || !isMap(w.a.typeOf(lhs)) || w.a.Keys.LazyInit(as) {
		return
	}
	if _, isIndex := ast.Unparen(lhs).(*ast.IndexExpr); isIndex {
		return
	}
	if r, ok := w.sc.RefOf(lhs); ok && !r.IsLocal() && (r.Path != "" || !r.isFormal()) {
		w.res.replaces = append(w.res.replaces, r)
	}
}

// mapInsert records a write of the map m that may add the keys given, or
// others when otherKeys is set.
func (w *walker) mapInsert(m ast.Expr, pos token.Pos, keys []InsertedKey, otherKeys bool) {
	if w.res == nil {
		return
	}
	from := len(w.res.Accesses)
	w.mapAccess(m, true, pos)
	for i := from; i < len(w.res.Accesses); i++ {
		acc := &w.res.Accesses[i]
		acc.Insert, acc.Keys, acc.OtherKeys = true, keys, otherKeys
	}
}

// mapAccess records an access of the map m, if m is one the analysis
// can name.
func (w *walker) mapAccess(m ast.Expr, write bool, pos token.Pos) {
	if w.res == nil {
		return
	}
	r, ok := w.sc.RefOf(m)
	foreign := ok && w.a.foreignField(m)
	if !ok {
		// for k := range c.Peers(): a getter that returns its receiver's
		// map hands out the map itself.
		r, foreign, ok = w.getterMap(m)
	}
	if !ok || w.own[r.Key()] {
		return
	}
	acc := Access{
		Ref:        r,
		expr:       m,
		Write:      write,
		Pos:        pos,
		Origin:     pos,
		Where:      w.a.Short(pos),
		OriginName: types.ExprString(m),
		Held:       w.held,
		Loc:        w.loc,
		Foreign:    foreign,
	}
	if al := w.sc.aliasOf(m); al != nil {
		if al.Getter != "" {
			acc.Getter = al
		}
	}
	w.res.Accesses = append(w.res.Accesses, acc)
	if elem, ok := w.sent[r.Key()]; ok {
		acc.Ref = elem // the receiver's map too
		w.res.Accesses = append(w.res.Accesses, acc)
	}
}

// getterMap resolves a call of a method that returns one of its
// receiver's map fields (func (c *Cluster) Peers() map[K]V { return
// c.peers }) to that field of the receiver it is called on. foreign is set
// when the method is another package's.
func (w *walker) getterMap(e ast.Expr) (r Ref, foreign, ok bool) {
	call, isCall := ast.Unparen(e).(*ast.CallExpr)
	if !isCall || len(call.Args) > 0 {
		return Ref{}, false, false
	}
	fn := w.a.StaticCallee(call)
	if fn == nil || fn.Signature().Recv() == nil {
		return Ref{}, false, false
	}
	sum := w.a.SummaryOf(fn)
	if sum == nil || sum.Returns == nil {
		return Ref{}, false, false
	}
	sel, isSel := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !isSel {
		return Ref{}, false, false
	}
	base, ok := w.sc.RefOf(sel.X)
	if !ok {
		return Ref{}, false, false
	}
	return base.Child(sum.Returns.Path), fn.Pkg() != w.a.Pass.Pkg, true
}

func (w *walker) noteSend(ch ast.Expr) {
	if w.res == nil {
		return
	}
	if r, ok := w.sc.RefOf(ch); ok {
		if w.res.sends == nil {
			w.res.sends = make(map[string]Ref)
		}
		w.res.sends[r.Key()] = r
	}
}

func (w *walker) noteRecv(ch ast.Expr) {
	w.sent = nil // the sender waits: what follows may be ordered after the receiver
	if w.res == nil {
		return
	}
	if r, ok := w.sc.RefOf(ch); ok {
		w.addJoin(join{recv: r.Key()})
		if w.res.receives == nil {
			w.res.receives = make(map[string]Ref)
		}
		w.res.receives[r.Key()] = r
	} else {
		w.addJoin(join{}) // a receive from a channel nobody can name: see joinsAt
	}
}

func (w *walker) addJoin(j join) {
	if j.wait {
		w.res.waits = true
	}
	if w.res.joins == nil {
		w.res.joins = make(map[cfgLoc][]join)
	}
	w.res.joins[w.loc] = append(w.res.joins[w.loc], j)
}

func (w *walker) noteReturn(e ast.Expr) {
	if !isMap(w.a.typeOf(e)) {
		return
	}
	if r, ok := w.sc.RefOf(e); ok && r.Root == "recv" && r.Path != "" {
		w.res.returns = &returned{ref: r, held: w.held}
	}
}

// inlineLit treats a function literal that is neither started as a
// goroutine nor run once as code that runs where it is written, under
// the locks held there: the common cases are immediate calls, sort and
// iteration callbacks, and helpers called a few lines later.
func (w *walker) inlineLit(lit *ast.FuncLit) {
	if w.res == nil {
		return
	}
	sub := w.a.analyzeBody(w.sc, w.a.CFGs.FuncLit(lit), w.held)
	// Goroutines the literal starts and joins before it returns (a
	// subtest body, func() { …; wg.Wait() }()) are compared with its
	// code here, where its joins are; to the code around the literal
	// they run within it.
	markOutliving(sub)
	w.a.noteBody(w.sc, sub, nil, true, false)
	for _, gs := range sub.GoSites {
		if !gs.Outlives && !gs.JoinedByCall {
			sub.Accesses = append(sub.Accesses, joinedWithin(gs, false, w.held, w.loc)...)
		}
	}
	w.merge(sub)
}

// joinedWithin marks gs as a goroutine joined before the code that starts
// it goes on (repeats: started more than once before the join), and
// returns its accesses as that code's own at loc, under the locks held
// there: to everything but its own copies it runs within that code.
func joinedWithin(gs *GoSite, repeats bool, held Lockset, loc cfgLoc) []Access {
	gs.JoinedByCall, gs.Repeats = true, repeats
	out := make([]Access, len(gs.Body))
	for i, acc := range gs.Body {
		acc.Held = Union(acc.Held, held)
		acc.Loc = loc
		out[i] = acc
	}
	return out
}

// merge folds what a nested body found into the current node.
func (w *walker) merge(sub *BodyResult) {
	for _, acc := range sub.Accesses {
		acc.Loc = w.loc
		w.res.Accesses = append(w.res.Accesses, acc)
	}
	for _, gs := range sub.GoSites {
		gs.Loc = w.loc
		w.res.GoSites = append(w.res.GoSites, gs)
	}
	for k, r := range sub.sends {
		if w.res.sends == nil {
			w.res.sends = make(map[string]Ref)
		}
		w.res.sends[k] = r
	}
	for _, r := range sub.dones {
		w.noteDone(r)
	}
	for k, r := range sub.receives {
		if w.res.receives == nil {
			w.res.receives = make(map[string]Ref)
		}
		w.res.receives[k] = r
	}
	w.res.Calls = append(w.res.Calls, sub.Calls...)
}

func (w *walker) deferStmt(d *ast.DeferStmt) {
	// A deferred Unlock keeps the mutex held to the end of the function,
	// which is what the lockset already says; other deferred calls are
	// taken to run under the locks held where they are deferred (defers
	// run last-in first-out, so before an Unlock deferred earlier).
	if op, mu, path := LockCall(w.a.Info, d.Call); op != NoLockOp {
		if r, ok := w.sc.RefOf(mu); ok && w.res != nil {
			switch op {
			case opUnlock, OpRUnlock:
				w.res.deferredUnlocks = append(w.res.deferredUnlocks, r.Child(path))
			case opLock, OpRLock:
				// mu.Unlock(); defer mu.Lock(): a callee that drops its
				// caller's lock for a while gives it back on return.
				w.res.deferredLocks = append(w.res.deferredLocks, HeldLock{Lock: r.Child(path), Read: op == OpRLock})
			}
		}
		return
	}
	if fn := w.a.StaticCallee(d.Call); fn != nil && w.res != nil {
		if sum := w.a.SummaryOf(fn); sum != nil {
			for _, l := range sum.Releases {
				if r, ok := w.formal(l, d.Call, fn, nil); ok {
					w.res.deferredUnlocks = append(w.res.deferredUnlocks, r)
				}
			}
		}
	}
	saved := w.held
	w.call(d.Call)
	w.held = saved
}

func (w *walker) goStmt(g *ast.GoStmt) {
	// The arguments are evaluated by the starter, before the goroutine
	// exists.
	call := g.Call
	if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
		for _, arg := range call.Args {
			w.expr(arg)
		}
		if w.res == nil {
			return
		}
		w.bindLitParams(lit, call.Args)
		w.startLit(g.Pos(), "goroutine", lit, true)
		return
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		w.expr(sel.X)
	}
	for _, arg := range call.Args {
		w.expr(arg)
	}
	if w.res == nil {
		return
	}
	fn := w.a.StaticCallee(call)
	if fn == nil {
		if i, ok := w.paramIndex(call.Fun); ok {
			w.res.goParams = append(w.res.goParams, i) // go f()
			return
		}
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && len(call.Args) == 0 {
			if m := w.a.FieldFuncs.method(w.a.Info, sel); m != nil {
				// go s.run(), where s.run = s.loop is the field's one
				// value: s.loop runs on its own goroutine.
				w.res.GoSites = append(w.res.GoSites, w.goFunc(g, m, nil, sel.X))
			}
		}
		return
	}
	gs := w.goFunc(g, fn, call, nil)
	if sum := w.a.SummaryOf(fn); sum != nil {
		// go until(s.sync, …): the goroutine runs s.sync.
		gs.Body = append(gs.Body, w.calledArgs(sum, call, true)...)
	}
	if sum := w.a.SummaryOf(fn); sum != nil && fn.Pkg() == w.a.Pass.Pkg {
		// The WaitGroups it calls Done on are known: a Wait on another
		// does not wait for it (go s.reportStart() beside the workers).
		gs.doneOn = make(map[string]bool)
		for _, d := range sum.Dones {
			if r, ok := w.formal(d, call, fn, nil); ok {
				gs.doneOn[r.Key()] = true
			} else {
				gs.doneOn = nil // Done on a WaitGroup we cannot name
				break
			}
		}
	}
	w.res.GoSites = append(w.res.GoSites, gs)
}

// goFunc records the goroutine a go statement starts running fn: called
// as call, or as a method value with receiver recv.
func (w *walker) goFunc(g *ast.GoStmt, fn *types.Func, call *ast.CallExpr, recv ast.Expr) *GoSite {
	gs := &GoSite{Pos: g.Pos(), Loc: w.loc, What: "goroutine", waited: true}
	if fn.Signature().Recv() != nil {
		if !w.a.quiet {
			w.a.GoMethods[fn.Origin()] = append(w.a.GoMethods[fn.Origin()], g.Pos())
		}
		gs.method = fn.Origin()
	}
	var sends map[string]Ref
	gs.Body, sends = w.translate(fn, call, recv, true)
	gs.sends = keys(sends)
	return gs
}

// sendJob handles a function sent to a worker pool (see jobQueues): it
// runs on one of the workers, a goroutine to the sender. A parameter
// sent so (Submit(job func()) { p.jobs <- job }) makes the function a
// helper that starts its argument as a goroutine.
func (w *walker) sendJob(n *ast.SendStmt) {
	if w.res == nil {
		if _, isLit := ast.Unparen(n.Value).(*ast.FuncLit); !isLit {
			w.expr(n.Value)
		}
		return
	}
	if i, ok := w.paramIndex(n.Value); ok {
		w.res.goParams = append(w.res.goParams, i)
		return
	}
	if _, isLit := ast.Unparen(n.Value).(*ast.FuncLit); !isLit {
		w.expr(n.Value)
	}
	w.startFunc(n.Pos(), "job sent to the workers of "+types.ExprString(n.Chan), n.Value, true)
}

// noteDone records a wg.Done() on the WaitGroup r.
func (w *walker) noteDone(r Ref) {
	if w.res == nil {
		return
	}
	if w.res.dones == nil {
		w.res.dones = make(map[string]Ref)
	}
	w.res.dones[r.Key()] = r
}

// startLit records a goroutine whose body is lit.
func (w *walker) startLit(pos token.Pos, what string, lit *ast.FuncLit, waited bool) *GoSite {
	g := w.a.CFGs.FuncLit(lit)
	sub := w.a.analyzeBody(w.sc, g, nil)
	w.a.noteBody(w.sc, sub, nil, true, false)
	// A goroutine that calls a parameter of the function starts it: the
	// function is a goroutine-starting helper (s.startGoRoutine(f)).
	w.res.goParams = append(w.res.goParams, sub.calledParams...)
	sig := w.a.bodySignals(w.sc, lit, g)
	gs := &GoSite{Pos: pos, Loc: w.loc, What: what, Lit: lit, sends: keys(sub.sends), waited: waited, doneOn: sig.doneOn,
		startsParams: len(sub.calledParams) > 0}
	if len(sig.doneOn) > 0 {
		gs.waited = true // a timer callback that calls wg.Done
	}
	for _, acc := range sub.Accesses {
		acc.Released = sig.after(acc.Loc)
		gs.Body = append(gs.Body, acc)
	}
	for _, inner := range sub.GoSites {
		// A goroutine it starts runs concurrently with whatever runs
		// concurrently with it, and with the code after its starter's
		// joins.
		for _, acc := range inner.Body {
			acc.Released = addSignals(acc.Released, sig.after(inner.Loc))
			gs.Body = append(gs.Body, acc)
		}
	}
	w.res.GoSites = append(w.res.GoSites, gs)
	w.res.Calls = append(w.res.Calls, sub.Calls...)
	return gs
}

// paramIndex returns which parameter of the function being analyzed e
// names, if any.
func (w *walker) paramIndex(e ast.Expr) (int, bool) {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return 0, false
	}
	v, ok := w.a.Info.Uses[id].(*types.Var)
	if !ok {
		return 0, false
	}
	i, ok := w.sc.params[v]
	return i, ok
}

// startFunc records code started in another goroutine from a function
// value: a func literal, a function, or a method value (s.run).
func (w *walker) startFunc(pos token.Pos, what string, f ast.Expr, waited bool) *GoSite {
	f = ast.Unparen(f)
	if lit, ok := f.(*ast.FuncLit); ok {
		return w.startLit(pos, what, lit, waited)
	}
	fn, recv := w.a.funcValue(f)
	if fn == nil {
		return nil
	}
	gs := &GoSite{Pos: pos, Loc: w.loc, What: what, waited: waited}
	var sends map[string]Ref
	gs.Body, sends = w.translate(fn, nil, recv, true)
	gs.sends = keys(sends)
	w.res.GoSites = append(w.res.GoSites, gs)
	return gs
}

// bindLitParams makes the parameters of `go func(m M) {…}(s.items)` stand
// for the arguments they are bound to.
func (w *walker) bindLitParams(lit *ast.FuncLit, args []ast.Expr) {
	params := lit.Type.Params
	if params == nil {
		return
	}
	i := 0
	for _, field := range params.List {
		for _, name := range field.Names {
			if i < len(args) {
				if v, ok := w.a.Info.Defs[name].(*types.Var); ok {
					if r, ok := w.sc.RefOf(stripAddr(args[i])); ok {
						w.sc.bind(v, &alias{ref: r, Name: types.ExprString(args[i])})
					}
				}
			}
			i++
		}
	}
}

// noteGetterResult remembers `m := s.Items()` when Items returns one of
// its receiver's guarded maps, so that writes through m are seen as
// writes of s.items.
func (w *walker) noteGetterResult(lhs, rhs ast.Expr) {
	id, ok := lhs.(*ast.Ident)
	if !ok {
		return
	}
	v, ok := w.a.Info.Defs[id].(*types.Var)
	if !ok {
		return
	}
	call, ok := ast.Unparen(rhs).(*ast.CallExpr)
	if !ok {
		return
	}
	fn := w.a.StaticCallee(call)
	if fn == nil || fn.Signature().Recv() == nil {
		return
	}
	sum := w.a.SummaryOf(fn)
	if sum == nil || sum.Returns == nil || len(sum.Returns.Held) == 0 {
		return
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	base, ok := w.sc.RefOf(sel.X)
	if !ok {
		return
	}
	var guard Lockset
	for _, h := range sum.Returns.Held {
		if h.Lock.Root == "recv" {
			guard = guard.With(HeldLock{Lock: base.Child(h.Lock.Path), Read: h.Read})
		}
	}
	if len(guard) == 0 {
		return
	}
	w.sc.bind(v, &alias{
		ref:    base.Child(sum.Returns.Path),
		Name:   types.ExprString(sel.X) + "." + sum.Returns.Path,
		Getter: types.ExprString(call.Fun),
		Guard:  guard,
	})
}

// noteFreshMap remembers `c.Tags = maps.Clone(c.Tags)` (or make, or a
// literal) when c is a struct value of this function's own (a value
// receiver or parameter, or a local, not reached through a pointer): the
// field then holds a map no other goroutine can reach.
func (w *walker) noteFreshMap(lhs, rhs ast.Expr) {
	sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr)
	if !ok || !isMap(w.a.typeOf(lhs)) || !freshMap(w.a.Info, rhs) {
		return
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return
	}
	v, ok := w.a.Info.Uses[id].(*types.Var)
	if !ok || v.IsField() || (v.Pkg() != nil && v.Parent() == v.Pkg().Scope()) {
		return
	}
	if _, isStruct := v.Type().Underlying().(*types.Struct); !isStruct {
		return // a pointer: the field is shared with whoever else holds it
	}
	if r, ok := w.sc.RefOf(lhs); ok {
		if w.own == nil {
			w.own = make(map[string]bool)
		}
		w.own[r.Key()] = true
	}
}

// freshMap reports whether e makes a new map: make, a composite literal,
// or maps.Clone.
func freshMap(info *types.Info, e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.CompositeLit:
		return true
	case *ast.CallExpr:
		if id, ok := ast.Unparen(e.Fun).(*ast.Ident); ok {
			b, ok := info.Uses[id].(*types.Builtin)
			return ok && b.Name() == "make"
		}
		if fn := typeutil.StaticCallee(info, e); fn != nil && fn.Pkg() != nil {
			return fn.Pkg().Path() == "maps" && fn.Name() == "Clone"
		}
	}
	return false
}
