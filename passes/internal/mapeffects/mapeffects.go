package mapeffects

import (
	"cmp"
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/maplint/maplint/passes/internal/mapkeys"
)

// A Summary is what a function does to maps its callers can see: the
// maps reached from its receiver, parameters or package-level variables
// that it (or what it calls) reads and writes, and under which of the
// mutexes reached the same way. Callers translate it to their arguments;
// it crosses packages as a fact.
type Summary struct {
	Accesses []SummaryAccess
	Acquires Lockset // mutexes held when it returns (a lock() wrapper)
	Releases []Ref   // mutexes it unlocks without locking them
	Sends    []Ref   // channels it sends on or closes
	Dones    []Ref   // WaitGroups it calls Done on
	// Receives are the channels it receives from (Stop closes quit and
	// waits on <-done): its callers wait there for the goroutines that
	// send on or close them.
	Receives []Ref
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
	// Replaces are the maps it replaces with others (s.items = make(…)):
	// a caller ranging over one goes on ranging over the old map.
	Replaces []Ref
	// Started are the accesses of maps reached from its parameters that
	// goroutines it starts make and may still be making when it returns
	// (Launch(labels) storing labels in the job its goroutine runs): its
	// caller's code after the call runs concurrently with them, until the
	// caller waits for something.
	Started []SummaryAccess
}

// A SummaryAccess is one access of a Summary.
type SummaryAccess struct {
	Root, Path string
	Write      bool
	Installed  bool   // the function has just stored the map in that field (see markInstalled)
	Where      string // "cache.go:41"
	Held       Lockset
	// Insert is set for a write that may add keys to the map; Keys are
	// the parameters it adds as keys, and OtherKeys is set when it may
	// add keys that are no parameter (see keysOf).
	Insert     bool
	Keys       []KeyParam
	OtherKeys  bool
	origin     token.Pos // the access itself, within its own package's pass only
	originName string    // the map as named at origin
	foreign    bool      // a field of another package's type (within the package's pass only)
}

// A KeyParam is a parameter that a function inserts as a key.
type KeyParam struct {
	Param int
	// SkipsNil is set when no insert of it happens when it is nil: the
	// function returns first (if obj == nil { return }), so that
	// g.use(obj, nil) inserts nothing for nil.
	SkipsNil bool
}

// A ReturnedMap records that a method returns one of its receiver's maps
// while holding Held.
type ReturnedMap struct {
	Path string
	Held Lockset
}

// Summaries is the package fact that carries the summaries of a
// package's functions to the packages that import it, keyed by funcKey.
// One fact per package keeps the cost of facts to one decode per import.
type Summaries struct {
	Funcs     []FuncSummary // sorted by Key, so that the encoding is deterministic
	index     map[string]*Summary
	indexOnce sync.Once
}

// A FuncSummary is the summary of the function named Key (see funcKey).
type FuncSummary struct {
	Key     string
	Summary *Summary
}

// lookup returns the summary of the function named key. The fact is
// shared by every package that imports its package, analyzed in
// parallel: the index is built once.
func (s *Summaries) lookup(key string) *Summary {
	s.indexOnce.Do(func() {
		s.index = make(map[string]*Summary, len(s.Funcs))
		for _, f := range s.Funcs {
			s.index[f.Key] = f.Summary
		}
	})
	return s.index[key]
}

func (*Summaries) AFact() {}

// String lists the functions summarised, which is what analysistest
// matches a package fact against.
func (s *Summaries) String() string {
	keys := make([]string, len(s.Funcs))
	for i, f := range s.Funcs {
		keys[i] = f.Key
	}
	return "summaries of " + strings.Join(keys, ", ")
}

// FuncKey names a function within its package: "F", or "T.M" for a method.
func FuncKey(fn *types.Func) string {
	if recv := fn.Signature().Recv(); recv != nil {
		if n, ok := types.Unalias(Deref(recv.Type())).(*types.Named); ok {
			return n.Obj().Name() + "." + fn.Name()
		}
		return ""
	}
	return fn.Name()
}

// maxSummary bounds a summary, so that the cost of applying one stays
// constant however deep the calls it summarises.
const maxSummary = 64

// An Analysis is what mapeffects found in one package: for every
// function declared in it, the body's accesses, goroutines and joins
// (State, for the passes that report on the package itself) and its
// Summary (for its callers, here and, through the Summaries fact, in
// the packages that import it); and the package-wide findings the walk
// of the bodies collects: handlers registered, callbacks handed over,
// methods started as goroutines, worker pools.
//
// It is the result the passes that Require mapeffects share, read
// concurrently: they must not modify it. A pass that adjusts what it
// finds (concwrite adding the locks a method's callers hold) works on a
// copy.
type Analysis struct {
	Pass  *analysis.Pass
	Info  *types.Info
	CFGs  *ctrlflow.CFGs
	Decls map[*types.Func]*ast.FuncDecl
	Order []*types.Func // the functions declared with a body, in source order
	// Keys knows which variables keep their value and which keys a map
	// provably holds, for the keys inserts add.
	Keys *mapkeys.Facts
	// SharedFields are the map fields that hold one map for many values
	// (see sharedFields).
	SharedFields map[*types.Var]bool
	// stack holds the functions being analyzed, callers first; cycles,
	// per function heading a call cycle, the members that met it again
	// while it was being analyzed; quiet is set while completeCycle
	// records nothing but summaries.
	stack  []*types.Func
	cycles map[*types.Func][]*types.Func
	quiet  bool
	// declCursors are the cursors of the declarations in Decls.
	declCursors map[*types.Func]inspector.Cursor
	State       map[*types.Func]*DeclResult // nil while being analyzed
	RangeOf     map[ast.Expr]*ast.RangeStmt
	Loops       []ast.Node // for and range statements, by position (see nestLoops)
	// loopParents holds, per loop in Loops, the index of the innermost
	// loop around it, or -1.
	loopParents []int
	GoMethods   map[*types.Func][]token.Pos
	// Outliving holds the methods started as goroutines (go x.m()) that
	// may still run when the function that started them returns.
	Outliving map[*types.Func]bool
	Handlers  []*HandlerGroup
	// imported holds the summaries of the packages this one imports,
	// directly or not, read once in run: after run, the passes that
	// Require this one read the Analysis concurrently.
	imported map[*types.Package]*Summaries
	litDepth int // nesting of lock-helper literals being followed
	// FieldFuncs resolves func-typed fields set to one method of their
	// own value (s.run = s.loop).
	FieldFuncs fieldFuncs
	// Callbacks are the methods handed to other packages that run them
	// on goroutines of their own (expvar.Func(c.total)).
	Callbacks map[*types.Func]Callback
	// JobQueues are the channels that feed worker pools.
	JobQueues jobQueues
	// impls holds, per interface of the package, its one implementation
	// in the package (nil when it has none or several).
	impls map[*types.TypeName]types.Type
	// Bodies are the bodies whose goroutines and writes are checked
	// once every function is analyzed, in the order they were analyzed.
	Bodies []AnalyzedBody
}

// An AnalyzedBody is a body to check on its own: a function
// declaration's (for its writes), or a literal's (for the goroutines it
// starts and, for a handler, its writes).
type AnalyzedBody struct {
	Scope *Scope
	Res   *BodyResult
	Decl  *DeclResult // the declaration, for checkBody
	// Regions is set to compare the goroutines it starts with its code
	// (checkRegions); writes, to check its writes (checkBody).
	Regions, Writes bool
}

// noteBody records res for checking once the package is analyzed. The
// code that analyzes the body goes on to move its goroutines' locations
// (merge) and mark them joined (joinedWithin), so a literal's goroutine
// sites are recorded as they are now.
func (a *Analysis) noteBody(sc *Scope, res *BodyResult, decl *DeclResult, regions, writes bool) {
	if a.quiet {
		return
	}
	if decl == nil {
		frozen := *res
		frozen.GoSites = make([]*GoSite, len(res.GoSites))
		for i, gs := range res.GoSites {
			copied := *gs
			frozen.GoSites[i] = &copied
		}
		res = &frozen
	}
	a.Bodies = append(a.Bodies, AnalyzedBody{Scope: sc, Res: res, Decl: decl, Regions: regions, Writes: writes})
}

type DeclResult struct {
	Fn      *types.Func
	Decl    *ast.FuncDecl
	Scope   *Scope
	Res     *BodyResult
	Summary *Summary
}

func (s *Summary) Empty() bool {
	return s == nil || (len(s.Accesses) == 0 && len(s.Acquires) == 0 && len(s.Releases) == 0 && len(s.Sends) == 0 && len(s.Dones) == 0 && len(s.Receives) == 0 && s.Returns == nil && !s.Waits && len(s.GoParams) == 0 && len(s.CallsParams) == 0 && len(s.Replaces) == 0 && len(s.Started) == 0)
}

// AnalyzeDecl analyzes a function declared in this package, once.
func (a *Analysis) AnalyzeDecl(fn *types.Func) *DeclResult {
	if st, ok := a.State[fn]; ok {
		if st == nil {
			a.metCycle(fn)
		}
		return st // nil for a recursive call: its summary is not known yet
	}
	a.State[fn] = nil
	a.stack = append(a.stack, fn)
	sc, res := a.analyzeDeclBody(fn)
	a.stack = a.stack[:len(a.stack)-1]
	for _, gs := range res.GoSites {
		if gs.Outlives && gs.method != nil {
			a.Outliving[gs.method] = true
		}
	}
	st := &DeclResult{Fn: fn, Decl: a.Decls[fn], Scope: sc, Res: res, Summary: a.summarize(sc, fn.Signature(), &nodeIndex{decl: a.declCursors[fn]}, res)}
	a.State[fn] = st
	if inCycle := a.cycles[fn]; len(inCycle) > 0 {
		delete(a.cycles, fn)
		a.completeCycle(inCycle)
	}
	// Its goroutines are compared with its own code once every caller is
	// known (see checkDeclRegions).
	a.noteBody(sc, res, st, false, true)
	return st
}

// analyzeDeclBody analyzes the body of the function fn declared in this
// package: the locks it holds on entry, the lockset flow over its body,
// the maps it installs, and which of its goroutines outlive it.
func (a *Analysis) analyzeDeclBody(fn *types.Func) (*Scope, *BodyResult) {
	decl := a.Decls[fn]
	sig := fn.Signature()
	sc := newScope(a.Info, sig.Recv(), sig)
	sc.litVars = litVars(a.Info, decl.Body)
	sc.fields = a.literalFields(sc, decl)
	var entry Lockset
	if sig.Recv() != nil && HeldOnEntry(decl) {
		for _, p := range MutexFields(sig.Recv().Type()) {
			entry = append(entry, HeldLock{Lock: Ref{"recv", p}, assumed: assumedAll})
		}
	}
	res := a.analyzeBody(sc, a.CFGs.FuncDecl(decl), entry)
	for _, h := range entry {
		res.exit = res.exit.without(h.Lock) // held on entry, not acquired
	}
	a.markInstalled(sc, decl.Body, res)
	markOutliving(res)
	for _, gs := range res.GoSites {
		if gs.startsParams {
			_, gs.Repeats = a.Region(res, gs, nil)
		}
	}
	return sc, res
}

// metCycle records that the functions being analyzed above fn, which is
// being analyzed too, called it: a call cycle headed by fn, where they
// saw no summary of fn. Once fn is analyzed, completeCycle summarises
// them again.
func (a *Analysis) metCycle(fn *types.Func) {
	k := slices.Index(a.stack, fn)
	if k < 0 {
		return
	}
	if a.cycles == nil {
		a.cycles = make(map[*types.Func][]*types.Func)
	}
	for _, member := range a.stack[k+1:] {
		if !slices.Contains(a.cycles[fn], member) {
			a.cycles[fn] = append(a.cycles[fn], member)
		}
	}
}

// completeCycle summarises again the members of a call cycle, now that
// the function heading it has its summary: deepest first, so that each
// sees the completed summaries of the members it calls, and before any
// function outside the cycle uses theirs. Their bodies are analyzed once
// more, recording nothing but their summaries; their body results, which
// concwrite reports from, stay as they were.
func (a *Analysis) completeCycle(members []*types.Func) {
	quiet := a.quiet
	a.quiet = true
	defer func() { a.quiet = quiet }()
	for _, fn := range slices.Backward(members) {
		if st := a.State[fn]; st != nil {
			sc, res := a.analyzeDeclBody(fn)
			st.Summary = a.summarize(sc, fn.Signature(), &nodeIndex{decl: a.declCursors[fn]}, res)
		}
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

// SummaryOf returns the summary of a function of this package (analyzing
// it first) or the fact another package exported for it.
func (a *Analysis) SummaryOf(fn *types.Func) *Summary {
	fn = fn.Origin()
	if fn.Pkg() == a.Pass.Pkg {
		if _, ok := a.Decls[fn]; !ok {
			return nil
		}
		if st := a.AnalyzeDecl(fn); st != nil {
			return st.Summary
		}
		return nil
	}
	if fn.Pkg() == nil {
		return nil
	}
	sums := a.imported[fn.Pkg()]
	if sums == nil {
		return nil
	}
	return sums.lookup(FuncKey(fn))
}

// summarize keeps what a body does to maps its callers can name.
//
// The locks a "...Locked" or "lock must be held" function assumes on
// entry are not part of its summary: what its callers hold is what holds,
// so that a call from a path without the lock is seen as one (comments are
// evidence, not proof).
func (a *Analysis) summarize(sc *Scope, sig *types.Signature, nodes *nodeIndex, res *BodyResult) *Summary {
	sum := new(Summary)
	seen := make(map[string]int)
	interned := make(map[string]Lockset) // identical locksets share one slice
	for _, acc := range withJoined(res) {
		if acc.Ref.IsLocal() {
			continue
		}
		held := visible(acc.Held)
		for _, h := range held {
			switch h.assumed {
			case assumedAll:
				held = held.without(h.Lock)
			case assumedSome:
				// Taken by the function on some paths (if shouldLock
				// { s.Lock() }), assumed on the others.
				held = held.With(HeldLock{Lock: h.Lock, Read: h.Read, Maybe: true})
			}
		}
		hk := held.String()
		if h, ok := interned[hk]; ok {
			held = h
		} else {
			interned[hk] = held
		}
		var keys []KeyParam
		var otherKeys, insert bool
		if acc.Insert {
			keys, otherKeys, insert = a.keysOf(sc, sig, nodes, &acc)
		}
		k := acc.Ref.Key() + "|" + strconv.FormatBool(acc.Write) + "|" + strconv.FormatBool(acc.Installed) + "|" + hk
		if i, ok := seen[k]; ok {
			if insert {
				// Also past maxSummary: a write kept already may
				// turn out to insert, through a callee.
				sum.Accesses[i].addKeys(keys, otherKeys)
			}
			continue
		}
		if len(sum.Accesses) == maxSummary {
			continue
		}
		seen[k] = len(sum.Accesses)
		sa := SummaryAccess{
			Root: acc.Ref.Root, Path: acc.Ref.Path, Write: acc.Write, Installed: acc.Installed, Where: acc.Where, Held: held, origin: acc.Origin, originName: acc.OriginName, foreign: acc.Foreign,
		}
		if insert {
			sa.addKeys(keys, otherKeys)
		}
		sum.Accesses = append(sum.Accesses, sa)
	}
	sum.Started = started(res)
	for _, r := range res.replaces {
		if (r.isFormal() || strings.HasPrefix(r.Root, "g:")) && !slices.Contains(sum.Replaces, r) && len(sum.Replaces) < maxSummary {
			sum.Replaces = append(sum.Replaces, r)
		}
	}
	sum.Acquires = visible(res.exit).Must()
	for _, r := range res.released {
		relocked := slices.ContainsFunc(res.deferredLocks, func(h HeldLock) bool { return h.Lock == r })
		if !r.IsLocal() && !relocked && !slices.Contains(sum.Releases, r) {
			sum.Releases = append(sum.Releases, r)
		}
	}
	for _, r := range res.sends {
		if !r.IsLocal() {
			sum.Sends = append(sum.Sends, r)
		}
	}
	for _, r := range res.dones {
		if !r.IsLocal() {
			sum.Dones = append(sum.Dones, r)
		}
	}
	for _, r := range res.receives {
		if !r.IsLocal() {
			sum.Receives = append(sum.Receives, r)
		}
	}
	slices.SortFunc(sum.Receives, func(x, y Ref) int { return strings.Compare(x.Key(), y.Key()) })
	slices.SortFunc(sum.Dones, func(x, y Ref) int { return strings.Compare(x.Key(), y.Key()) })
	slices.SortFunc(sum.Sends, func(x, y Ref) int {
		if x.Key() < y.Key() {
			return -1
		}
		return 1
	})
	sum.Waits = res.waits
	sum.JoinsGoParams = len(res.goParams) > 0
	for _, gs := range res.GoSites {
		if gs.startsParams && gs.Outlives {
			sum.JoinsGoParams = false
		}
		if gs.startsParams && gs.Repeats {
			sum.GoParamsRepeat = true
		}
	}
	if len(res.goParams) > 0 && !slices.ContainsFunc(res.GoSites, func(gs *GoSite) bool { return gs.startsParams }) {
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
		var held Lockset
		for _, h := range ret.held.Must() {
			if h.Lock.Root == "recv" {
				held = append(held, h)
			}
		}
		sum.Returns = &ReturnedMap{Path: ret.ref.Path, Held: held}
	}
	return sum
}

// withJoined returns the accesses of res and of the goroutines it starts
// and joins before it returns: to its callers, what those goroutines do
// the function does, within the call (a fan-out that fills its argument
// and waits). The goroutines a call joins (joinedWithin) are in
// res.Accesses already.
func withJoined(res *BodyResult) []Access {
	all := res.Accesses
	for _, gs := range res.GoSites {
		if !gs.Outlives && !gs.JoinedByCall && len(gs.Body) > 0 {
			if len(all) == len(res.Accesses) {
				all = slices.Clip(all)
			}
			all = append(all, gs.Body...)
		}
	}
	return all
}

// started returns the accesses, rooted at the function's parameters, of
// the goroutines res starts that may outlive it (see Summary.Started).
// Those rooted at the receiver or at package variables are the business
// of the type's or the package's own analysis.
func started(res *BodyResult) []SummaryAccess {
	var out []SummaryAccess
	seen := make(map[string]bool)
	for _, gs := range res.GoSites {
		if !gs.Outlives {
			continue
		}
		for _, acc := range gs.Body {
			if _, ok := ParamIndex(acc.Ref.Root); !ok || len(out) == maxSummary {
				continue
			}
			held := visible(acc.Held)
			k := acc.Ref.Key() + "|" + strconv.FormatBool(acc.Write) + "|" + held.String()
			if seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, SummaryAccess{Root: acc.Ref.Root, Path: acc.Ref.Path, Write: acc.Write, Where: acc.Where, Held: held, origin: acc.Origin, originName: acc.OriginName, foreign: acc.Foreign})
		}
	}
	return out
}

// visible drops the locks local to a function, which protect nothing
// its callers share.
func visible(ls Lockset) Lockset {
	var out Lockset
	for _, h := range ls {
		if !h.Lock.IsLocal() {
			out = append(out, h)
		}
	}
	return out
}

func (a *Analysis) typeOf(e ast.Expr) types.Type { return a.Info.TypeOf(e) }

// Short renders a position as "file.go:41".
func (a *Analysis) Short(pos token.Pos) string {
	p := a.Pass.Fset.Position(pos)
	return filepath.Base(p.Filename) + ":" + strconv.Itoa(p.Line)
}

func keys(m map[string]Ref) map[string]bool {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]bool, len(m))
	for k := range m {
		out[k] = true
	}
	return out
}

// InnermostLoop returns the innermost for or range statement around pos.
// The loops containing pos are the last loop that starts at or before
// pos, if it contains pos, or else enclosing loops of it: a search and a
// walk up the nesting, not a scan of every loop of the package.
func (a *Analysis) InnermostLoop(pos token.Pos) ast.Node {
	i, found := slices.BinarySearchFunc(a.Loops, pos, func(l ast.Node, p token.Pos) int { return cmp.Compare(l.Pos(), p) })
	if !found {
		i-- // the last loop starting before pos
	}
	for ; i >= 0; i = a.loopParents[i] {
		if l := a.Loops[i]; l.Pos() <= pos && pos < l.End() {
			return l
		}
	}
	return nil
}

// nestLoops sorts Loops by position and computes loopParents: in
// position order the loops still open when a loop starts are the ones it
// is nested in. (The inspector visits the files in the order of the
// package's file list, which need not be the order of their positions:
// the files may have been parsed in parallel.)
func (a *Analysis) nestLoops() {
	slices.SortFunc(a.Loops, func(x, y ast.Node) int { return cmp.Compare(x.Pos(), y.Pos()) })
	a.loopParents = make([]int, len(a.Loops))
	var open []int
	for i, l := range a.Loops {
		for len(open) > 0 && a.Loops[open[len(open)-1]].End() <= l.Pos() {
			open = open[:len(open)-1]
		}
		a.loopParents[i] = -1
		if len(open) > 0 {
			a.loopParents[i] = open[len(open)-1]
		}
		open = append(open, i)
	}
}
