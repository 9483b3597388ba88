package concwrite

import (
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/maplint/maplint/passes/internal/analysisdoc"
	"github.com/maplint/maplint/passes/internal/generated"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:      "concwrite",
	Doc:       analysisdoc.MustExtract(doc, "concwrite"),
	URL:       "https://github.com/maplint/maplint/tree/main/passes/concwrite",
	Requires:  []*analysis.Analyzer{inspect.Analyzer, ctrlflow.Analyzer},
	FactTypes: []analysis.Fact{new(Summaries)},
	Run:       generated.Unreported(run),
}

// A Summary is what a function does to maps its callers can see: the
// maps reached from its receiver, parameters or package-level variables
// that it (or what it calls) reads and writes, and under which of the
// mutexes reached the same way. Callers translate it to their arguments;
// it crosses packages as a fact.
type Summary struct {
	Accesses []SummaryAccess
	Acquires lockset // mutexes held when it returns (a lock() wrapper)
	Releases []ref   // mutexes it unlocks without locking them
	Sends    []ref   // channels it sends on or closes
	Dones    []ref   // WaitGroups it calls Done on
	Returns  *ReturnedMap
	Waits    bool  // it waits for goroutines: a join for its caller
	GoParams []int // the function-valued parameters it runs as goroutines
	// CallsParams are the function-valued parameters it calls in its own
	// goroutine (retry(3, fn), until(fn, …)): what they do, it does.
	CallsParams []int
	// JoinsGoParams is set when it waits for those goroutines before it
	// returns (a parallel-for helper): they run within the call.
	JoinsGoParams bool
	// GoParamsRepeat is set when it may start them more than once (in a
	// loop), so that the copies run concurrently with each other.
	GoParamsRepeat bool
}

// A SummaryAccess is one access of a Summary.
type SummaryAccess struct {
	Root, Path string
	Write      bool
	Installed  bool   // the function has just stored the map in that field (see markInstalled)
	Where      string // "cache.go:41"
	Held       lockset
	origin     token.Pos // the access itself, within its own package's pass only
	originName string    // the map as named at origin
	foreign    bool      // a field of another package's type (within the package's pass only)
}

// A ReturnedMap records that a method returns one of its receiver's maps
// while holding Held.
type ReturnedMap struct {
	Path string
	Held lockset
}

// Summaries is the package fact that carries the summaries of a
// package's functions to the packages that import it, keyed by funcKey.
// One fact per package keeps the cost of facts to one decode per import.
type Summaries struct {
	Funcs []FuncSummary // sorted by Key, so that the encoding is deterministic
	index map[string]*Summary
}

// A FuncSummary is the summary of the function named Key (see funcKey).
type FuncSummary struct {
	Key     string
	Summary *Summary
}

func (s *Summaries) lookup(key string) *Summary {
	if s.index == nil {
		s.index = make(map[string]*Summary, len(s.Funcs))
		for _, f := range s.Funcs {
			s.index[f.Key] = f.Summary
		}
	}
	return s.index[key]
}

func (*Summaries) AFact() {}

func (*Summaries) String() string { return "concwrite summaries" }

// funcKey names a function within its package: "F", or "T.M" for a method.
func funcKey(fn *types.Func) string {
	if recv := fn.Signature().Recv(); recv != nil {
		if n, ok := types.Unalias(deref(recv.Type())).(*types.Named); ok {
			return n.Obj().Name() + "." + fn.Name()
		}
		return ""
	}
	return fn.Name()
}

// maxSummary bounds a summary, so that the cost of applying one stays
// constant however deep the calls it summarises.
const maxSummary = 64

type analyzer struct {
	pass      *analysis.Pass
	info      *types.Info
	cfgs      *ctrlflow.CFGs
	decls     map[*types.Func]*ast.FuncDecl
	state     map[*types.Func]*declResult // nil while being analyzed
	rangeOf   map[ast.Expr]*ast.RangeStmt
	loops     []ast.Node // for and range statements, in source order
	goMethods map[*types.Func][]token.Pos
	// outliving holds the methods started as goroutines (go x.m()) that
	// may still run when the function that started them returns.
	outliving map[*types.Func]bool
	handlers  []*handlerGroup
	reported  map[token.Pos]bool // report positions and access origins already reported
	imported  map[*types.Package]*Summaries
	litDepth  int // nesting of lock-helper literals being followed
	// fieldFuncs resolves func-typed fields set to one method of their
	// own value (s.run = s.loop).
	fieldFuncs fieldFuncs
	// callbacks are the methods handed to other packages that run them
	// on goroutines of their own (expvar.Func(c.total)).
	callbacks map[*types.Func]callback
	// jobQueues are the channels that feed worker pools.
	jobQueues jobQueues
	// impls holds, per interface of the package, its one implementation
	// in the package (nil when it has none or several).
	impls map[*types.TypeName]types.Type
	// readLocked holds the writes made under a read lock, judged once
	// every function is analyzed.
	readLocked []readLockedWrite
	// sequential holds the types documented as not for concurrent use.
	sequential map[*types.TypeName]bool
	// bodies are the bodies whose goroutines and writes are checked
	// once every function is analyzed, in the order they were analyzed.
	bodies []analyzedBody
}

// An analyzedBody is a body to check on its own: a function
// declaration's (for its writes), or a literal's (for the goroutines it
// starts and, for a handler, its writes).
type analyzedBody struct {
	sc   *scope
	res  *bodyResult
	decl *declResult // the declaration, for checkBody
	// regions is set to compare the goroutines it starts with its code
	// (checkRegions); writes, to check its writes (checkBody).
	regions, writes bool
}

// noteBody records res for checking once the package is analyzed. The
// code that analyzes the body goes on to move its goroutines' locations
// (merge) and mark them joined (joinedWithin), so a literal's goroutine
// sites are recorded as they are now.
func (a *analyzer) noteBody(sc *scope, res *bodyResult, decl *declResult, regions, writes bool) {
	if decl == nil {
		frozen := *res
		frozen.goSites = make([]*goSite, len(res.goSites))
		for i, gs := range res.goSites {
			copied := *gs
			frozen.goSites[i] = &copied
		}
		res = &frozen
	}
	a.bodies = append(a.bodies, analyzedBody{sc: sc, res: res, decl: decl, regions: regions, writes: writes})
}

type declResult struct {
	fn      *types.Func
	decl    *ast.FuncDecl
	sc      *scope
	res     *bodyResult
	summary *Summary
}

func run(pass *analysis.Pass) (any, error) {
	a := &analyzer{
		pass:      pass,
		info:      pass.TypesInfo,
		cfgs:      pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs),
		decls:     make(map[*types.Func]*ast.FuncDecl),
		state:     make(map[*types.Func]*declResult),
		rangeOf:   make(map[ast.Expr]*ast.RangeStmt),
		goMethods: make(map[*types.Func][]token.Pos),
		outliving: make(map[*types.Func]bool),
		reported:  make(map[token.Pos]bool),
		imported:  make(map[*types.Package]*Summaries),
	}
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	a.fieldFuncs = findFieldFuncs(pass.TypesInfo, ins)
	var order []*types.Func
	for cur := range ins.Root().Preorder((*ast.FuncDecl)(nil), (*ast.RangeStmt)(nil), (*ast.ForStmt)(nil), (*ast.GenDecl)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.GenDecl:
			a.noteTypeDocs(n)
		case *ast.FuncDecl:
			if fn, ok := a.info.Defs[n.Name].(*types.Func); ok && n.Body != nil {
				a.decls[fn] = n
				order = append(order, fn)
			}
		case *ast.RangeStmt:
			a.rangeOf[n.X] = n
			a.loops = append(a.loops, n)
		case *ast.ForStmt:
			a.loops = append(a.loops, n)
		}
	}
	a.jobQueues = a.findJobQueues(ins)
	for _, fn := range order {
		a.analyzeDecl(fn)
	}
	exported := new(Summaries)
	for _, fn := range order {
		// Other packages can call only exported names.
		if st := a.state[fn]; st != nil && fn.Exported() && !st.summary.empty() {
			if k := funcKey(fn); k != "" {
				exported.Funcs = append(exported.Funcs, FuncSummary{k, st.summary})
			}
		}
	}
	slices.SortFunc(exported.Funcs, func(x, y FuncSummary) int { return strings.Compare(x.Key, y.Key) })
	if len(exported.Funcs) > 0 {
		pass.ExportPackageFact(exported)
	}
	for _, b := range a.bodies {
		if b.regions {
			a.checkRegions(b.sc, b.res)
		}
		if b.writes {
			a.checkBody(b.decl, b.res)
		}
	}
	callers := a.methodCallers()
	a.checkDeclRegions(order, callers)
	a.reportReadLocked()
	a.checkTypes(order, callers)
	a.checkGlobals(order)
	a.checkHandlers()
	return nil, nil
}

func (s *Summary) empty() bool {
	return s == nil || (len(s.Accesses) == 0 && len(s.Acquires) == 0 && len(s.Releases) == 0 && len(s.Sends) == 0 && len(s.Dones) == 0 && s.Returns == nil && !s.Waits && len(s.GoParams) == 0 && len(s.CallsParams) == 0)
}

// analyzeDecl analyzes a function declared in this package, once.
func (a *analyzer) analyzeDecl(fn *types.Func) *declResult {
	if st, ok := a.state[fn]; ok {
		return st // nil for a recursive call: its summary is not known yet
	}
	decl := a.decls[fn]
	a.state[fn] = nil
	sig := fn.Signature()
	sc := newScope(a.info, sig.Recv(), sig)
	sc.litVars = litVars(a.info, decl.Body)
	var entry lockset
	if sig.Recv() != nil && heldOnEntry(decl) {
		for _, p := range mutexFields(sig.Recv().Type()) {
			entry = append(entry, heldLock{Lock: ref{"recv", p}, assumed: assumedAll})
		}
	}
	res := a.analyzeBody(sc, a.cfgs.FuncDecl(decl), entry)
	for _, h := range entry {
		res.exit = res.exit.without(h.Lock) // held on entry, not acquired
	}
	a.markInstalled(sc, decl.Body, res)
	markOutliving(res)
	for _, gs := range res.goSites {
		if gs.outlives && gs.method != nil {
			a.outliving[gs.method] = true
		}
		if gs.startsParams {
			_, gs.repeats = a.region(res, gs, nil)
		}
	}
	st := &declResult{fn: fn, decl: decl, sc: sc, res: res, summary: summarize(res)}
	a.state[fn] = st
	// Its goroutines are compared with its own code once every caller is
	// known (see checkDeclRegions).
	a.noteBody(sc, res, st, false, true)
	return st
}

// checkDeclRegions compares the goroutines each function starts with the
// function's own code. A method whose callers in the package all hold
// some of its receiver's locks runs under them (the starter still holds
// its caller's lock after a go statement); the goroutine holds none.
func (a *analyzer) checkDeclRegions(order []*types.Func, callers map[*types.Func]*lockset) {
	for _, fn := range order {
		st := a.state[fn]
		if st == nil || len(st.res.goSites) == 0 {
			continue
		}
		if ls, ok := callers[fn]; ok && len(*ls) > 0 && !fn.Exported() {
			for i := range st.res.accesses {
				acc := &st.res.accesses[i]
				acc.held = union(acc.held, *ls)
			}
		}
		a.checkRegions(st.sc, st.res)
	}
}

// litVars finds the locals of a body defined once as a function literal
// and never assigned again.
func litVars(info *types.Info, body *ast.BlockStmt) map[*types.Var]*ast.FuncLit {
	var out map[*types.Var]*ast.FuncLit
	assigned := make(map[*types.Var]int)
	ast.Inspect(body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok {
			return true
		}
		for i, lhs := range as.Lhs {
			id, ok := lhs.(*ast.Ident)
			if !ok {
				continue
			}
			v, _ := info.ObjectOf(id).(*types.Var)
			if v == nil {
				continue
			}
			assigned[v]++
			if as.Tok == token.DEFINE && len(as.Rhs) == len(as.Lhs) {
				if lit, ok := as.Rhs[i].(*ast.FuncLit); ok {
					if out == nil {
						out = make(map[*types.Var]*ast.FuncLit)
					}
					out[v] = lit
				}
			}
		}
		return true
	})
	for v := range out {
		if assigned[v] != 1 {
			delete(out, v)
		}
	}
	return out
}

// noteTypeDocs remembers the types whose doc comment rules out concurrent
// use ("not safe for concurrent use").
func (a *analyzer) noteTypeDocs(d *ast.GenDecl) {
	for _, spec := range d.Specs {
		ts, ok := spec.(*ast.TypeSpec)
		if !ok {
			continue
		}
		doc := ts.Doc
		if doc == nil && len(d.Specs) == 1 {
			doc = d.Doc
		}
		if doc == nil || !notConcurrent.MatchString(doc.Text()) {
			continue
		}
		if tn, ok := a.info.Defs[ts.Name].(*types.TypeName); ok {
			if a.sequential == nil {
				a.sequential = make(map[*types.TypeName]bool)
			}
			a.sequential[tn] = true
		}
	}
}

// summaryOf returns the summary of a function of this package (analyzing
// it first) or the fact another package exported for it.
func (a *analyzer) summaryOf(fn *types.Func) *Summary {
	fn = fn.Origin()
	if fn.Pkg() == a.pass.Pkg {
		if _, ok := a.decls[fn]; !ok {
			return nil
		}
		if st := a.analyzeDecl(fn); st != nil {
			return st.summary
		}
		return nil
	}
	if fn.Pkg() == nil {
		return nil
	}
	sums, ok := a.imported[fn.Pkg()]
	if !ok {
		sums = new(Summaries)
		if !a.pass.ImportPackageFact(fn.Pkg(), sums) {
			sums = nil
		}
		a.imported[fn.Pkg()] = sums
	}
	if sums == nil {
		return nil
	}
	return sums.lookup(funcKey(fn))
}

// summarize keeps what a body does to maps its callers can name.
//
// The locks a "...Locked" or "lock must be held" function assumes on
// entry are not part of its summary: what its callers hold is what holds,
// so that a call from a path without the lock is seen as one (comments are
// evidence, not proof).
func summarize(res *bodyResult) *Summary {
	sum := new(Summary)
	seen := make(map[string]bool)
	interned := make(map[string]lockset) // identical locksets share one slice
	for _, acc := range res.accesses {
		if acc.ref.isLocal() || len(sum.Accesses) == maxSummary {
			continue
		}
		held := visible(acc.held)
		for _, h := range held {
			switch h.assumed {
			case assumedAll:
				held = held.without(h.Lock)
			case assumedSome:
				// Taken by the function on some paths (if shouldLock
				// { s.Lock() }), assumed on the others.
				held = held.with(heldLock{Lock: h.Lock, Read: h.Read, Maybe: true})
			}
		}
		hk := held.String()
		if h, ok := interned[hk]; ok {
			held = h
		} else {
			interned[hk] = held
		}
		k := acc.ref.key() + "|" + strconv.FormatBool(acc.write) + "|" + strconv.FormatBool(acc.installed) + "|" + hk
		if seen[k] {
			continue
		}
		seen[k] = true
		sum.Accesses = append(sum.Accesses, SummaryAccess{
			Root: acc.ref.Root, Path: acc.ref.Path, Write: acc.write, Installed: acc.installed, Where: acc.where, Held: held, origin: acc.origin, originName: acc.originName, foreign: acc.foreign,
		})
	}
	sum.Acquires = visible(res.exit).must()
	for _, r := range res.released {
		relocked := slices.ContainsFunc(res.deferredLocks, func(h heldLock) bool { return h.Lock == r })
		if !r.isLocal() && !relocked && !slices.Contains(sum.Releases, r) {
			sum.Releases = append(sum.Releases, r)
		}
	}
	for _, r := range res.sends {
		if !r.isLocal() {
			sum.Sends = append(sum.Sends, r)
		}
	}
	for _, r := range res.dones {
		if !r.isLocal() {
			sum.Dones = append(sum.Dones, r)
		}
	}
	slices.SortFunc(sum.Dones, func(x, y ref) int { return strings.Compare(x.key(), y.key()) })
	slices.SortFunc(sum.Sends, func(x, y ref) int {
		if x.key() < y.key() {
			return -1
		}
		return 1
	})
	sum.Waits = res.waits
	sum.JoinsGoParams = len(res.goParams) > 0
	for _, gs := range res.goSites {
		if gs.startsParams && gs.outlives {
			sum.JoinsGoParams = false
		}
		if gs.startsParams && gs.repeats {
			sum.GoParamsRepeat = true
		}
	}
	if len(res.goParams) > 0 && !slices.ContainsFunc(res.goSites, func(gs *goSite) bool { return gs.startsParams }) {
		sum.JoinsGoParams = false // go f() on the parameter itself: not followed
	}
	for _, i := range res.goParams {
		if !slices.Contains(sum.GoParams, i) {
			sum.GoParams = append(sum.GoParams, i)
		}
	}
	for _, i := range res.calledParams {
		if !slices.Contains(sum.GoParams, i) && !slices.Contains(sum.CallsParams, i) {
			sum.CallsParams = append(sum.CallsParams, i)
		}
	}
	if ret := res.returns; ret != nil {
		var held lockset
		for _, h := range ret.held.must() {
			if h.Lock.Root == "recv" {
				held = append(held, h)
			}
		}
		sum.Returns = &ReturnedMap{Path: ret.ref.Path, Held: held}
	}
	return sum
}

// visible drops the locks local to a function, which protect nothing
// its callers share.
func visible(ls lockset) lockset {
	var out lockset
	for _, h := range ls {
		if !h.Lock.isLocal() {
			out = append(out, h)
		}
	}
	return out
}

func (a *analyzer) typeOf(e ast.Expr) types.Type { return a.info.TypeOf(e) }

// short renders a position as "file.go:41".
func (a *analyzer) short(pos token.Pos) string {
	p := a.pass.Fset.Position(pos)
	return filepath.Base(p.Filename) + ":" + strconv.Itoa(p.Line)
}

func keys(m map[string]ref) map[string]bool {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]bool, len(m))
	for k := range m {
		out[k] = true
	}
	return out
}

// innermostLoop returns the innermost for or range statement around pos.
func (a *analyzer) innermostLoop(pos token.Pos) ast.Node {
	var best ast.Node
	for _, l := range a.loops {
		if l.Pos() <= pos && pos < l.End() {
			best = l // loops are in preorder: later ones are nested deeper
		}
	}
	return best
}
