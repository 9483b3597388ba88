package rangemut

import (
	"fmt"
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/inspector"
)

// Receiver is the Param of an effect on the method's receiver.
const Receiver = -1

// UnknownKey is the KeyParam of an effect whose keys are not one parameter.
const UnknownKey = -1

// maxFields bounds the field paths kept in summaries, so that recursion
// through s.next.next... cannot grow them without end.
const maxFields = 4

// An Effect is one map that a function may insert new keys into, or
// replace, named relative to its receiver or one of its parameters.
type Effect struct {
	Param     int      // Receiver, or the index of a parameter
	Fields    []string // fields selected from it, e.g. ["items"] for s.items
	KeyParam  int      // the parameter that is the key of every insert, or UnknownKey
	Reassigns bool     // the map is replaced (s.items = ...), not inserted into

	global *types.Var // in-package summaries only: a package variable instead of Param
}

// effectID identifies an effect up to its KeyParam.
type effectID struct {
	param     int
	global    *types.Var
	fields    string
	reassigns bool
}

func (e Effect) id() effectID {
	return effectID{e.Param, e.global, strings.Join(e.Fields, "."), e.Reassigns}
}

func (e Effect) String() string {
	var b strings.Builder
	if e.Reassigns {
		b.WriteString("replaces ")
	} else {
		b.WriteString("inserts into ")
	}
	if e.Param == Receiver {
		b.WriteString("recv")
	} else {
		fmt.Fprintf(&b, "param%d", e.Param)
	}
	for _, f := range e.Fields {
		b.WriteString("." + f)
	}
	if !e.Reassigns && e.KeyParam != UnknownKey {
		fmt.Fprintf(&b, "[param%d]", e.KeyParam)
	}
	return b.String()
}

// insertsFact is exported for each function or method that may insert
// into, or replace, a map reachable from its receiver or parameters,
// directly or through the functions it calls.
type insertsFact struct{ Effects []Effect }

func (*insertsFact) AFact() {}

func (f *insertsFact) String() string {
	s := make([]string, len(f.Effects))
	for i, e := range f.Effects {
		s[i] = e.String()
	}
	return strings.Join(s, "; ")
}

// A funcSummary is what one function of the package may do to the maps
// its caller can see; effects grows to a fixed point in summarize.
type funcSummary struct {
	fn      *types.Func
	params  map[*types.Var]int
	calls   []callSite
	effects effectSet // own effects, then those of callees as they are found
}

type callSite struct {
	cur    inspector.Cursor
	call   *ast.CallExpr
	callee *types.Func
	via    *inspector.Cursor // the call of the closure the call is in, if any
}

// summarize computes the effects of every function declared in the
// package, following calls between them to a fixed point (each function
// is recomputed only when a callee's effects grew, and effects only grow),
// and exports them as facts for the packages that import this one.
func (a *state) summarize() {
	a.summaries = make(map[*types.Func]*funcSummary)
	callers := make(map[*types.Func][]*funcSummary)
	var order []*funcSummary
	for fc := range a.inspect.Root().Preorder((*ast.FuncDecl)(nil)) {
		decl := fc.Node().(*ast.FuncDecl)
		fn, ok := a.info.Defs[decl.Name].(*types.Func)
		if !ok || decl.Body == nil {
			continue
		}
		s := a.collect(fc, fn)
		a.summaries[fn] = s
		order = append(order, s)
	}
	for _, s := range order {
		for _, c := range s.calls {
			if callee := a.summaries[c.callee]; callee != nil {
				callers[c.callee] = append(callers[c.callee], s)
			}
		}
	}

	queue := slices.Clone(order)
	queued := make(map[*funcSummary]bool)
	for _, s := range order {
		queued[s] = true
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		queued[s] = false
		if a.recompute(s) {
			for _, caller := range callers[s.fn] {
				if !queued[caller] {
					queued[caller] = true
					queue = append(queue, caller)
				}
			}
		}
	}

	for _, s := range order {
		if !s.fn.Exported() {
			continue // other packages cannot call it, only what calls it
		}
		var exported []Effect
		for _, e := range s.effects.list {
			if e.global == nil {
				exported = append(exported, e)
			}
		}
		if len(exported) > 0 {
			slices.SortFunc(exported, func(x, y Effect) int { return strings.Compare(x.String(), y.String()) })
			a.pass.ExportObjectFact(s.fn, &insertsFact{Effects: exported})
		}
	}
}

// maxEffects bounds a function's summary. Beyond it further effects are
// dropped: rangemut then misses an insert rather than inventing one.
const maxEffects = 32

// An effectSet accumulates effects without duplicates; two inserts into
// one map with different keys merge into one with UnknownKey. It only
// grows (up to maxEffects) and keys only become unknown, which is what
// makes summarize's fixed point terminate.
type effectSet struct {
	list  []Effect
	index map[effectID]int
}

// add adds e and reports whether the set changed.
func (set *effectSet) add(e Effect) bool {
	if set.index == nil {
		set.index = make(map[effectID]int)
	}
	id := e.id()
	if i, ok := set.index[id]; ok {
		if set.list[i].KeyParam != e.KeyParam && set.list[i].KeyParam != UnknownKey {
			set.list[i].KeyParam = UnknownKey
			return true
		}
		return false
	}
	if len(set.list) >= maxEffects {
		return false
	}
	set.index[id] = len(set.list)
	set.list = append(set.list, e)
	return true
}

// collect finds what fn's own body does to maps reachable from its
// receiver, parameters and package variables, and the calls whose callees
// are summarized in this package.
func (a *state) collect(fc inspector.Cursor, fn *types.Func) *funcSummary {
	s := &funcSummary{fn: fn, params: make(map[*types.Var]int)}
	sig := fn.Signature()
	if recv := sig.Recv(); recv != nil {
		s.params[recv] = Receiver
	}
	for i := range sig.Params().Len() {
		s.params[sig.Params().At(i)] = i
	}
	body, _ := fc.FindNode(fc.Node().(*ast.FuncDecl).Body)
	a.scan(body, true, func(st site) {
		if e, ok := s.effectOf(a, st); ok {
			s.effects.add(e)
		}
	}, func(c callSite) {
		if c.callee.Pkg() == a.pass.Pkg {
			s.calls = append(s.calls, c) // recomputed from the callee's summary each round
			return
		}
		for _, st := range a.callSites(c) {
			if e, ok := s.effectOf(a, st); ok {
				s.effects.add(e)
			}
		}
	})
	return s
}

// recompute adds the effects of s's in-package callees to s's, and
// reports whether that changed them.
func (a *state) recompute(s *funcSummary) bool {
	changed := false
	for _, c := range s.calls {
		for _, st := range a.callSites(c) {
			if e, ok := s.effectOf(a, st); ok && s.effects.add(e) {
				changed = true
			}
		}
	}
	return changed
}

// effectOf expresses a site of s's body as an effect of s, if the map it
// touches is reachable by s's caller.
func (s *funcSummary) effectOf(a *state, st site) (Effect, bool) {
	r := st.ref
	if st.reassign && !st.replacesMap {
		return Effect{}, false // only a replaced map can hide a map from a caller's loop
	}
	if !r.fieldsOnly() || len(r.elems) > maxFields {
		return Effect{}, false
	}
	e := Effect{KeyParam: UnknownKey, Reassigns: st.reassign}
	for _, f := range r.elems {
		e.Fields = append(e.Fields, f[1:])
	}
	if i, ok := s.params[r.root]; ok {
		if a.facts.assigned[r.root] {
			return Effect{}, false // the parameter no longer names the caller's map
		}
		if e.Reassigns && len(e.Fields) == 0 {
			return Effect{}, false // assigning the parameter itself is invisible to the caller
		}
		e.Param = i
	} else if isPackageLevel(r.root) && r.root.Pkg() == a.pass.Pkg {
		e.global = r.root
	} else {
		return Effect{}, false
	}
	if !st.reassign {
		if st.key != nil {
			if a.keyPresent(st.cur, r, st.key, inspector.Cursor{}) {
				return Effect{}, false // updates a key known to exist
			}
			if v := a.facts.keyVar(st.key); v != nil && a.facts.stable(v) {
				if i, ok := s.params[v]; ok && i != Receiver {
					e.KeyParam = i
				}
			}
		}
	}
	return e, true
}

// effectsOf returns what calling fn may do to its receiver's and
// arguments' maps: from this package's summaries, or from facts.
func (a *state) effectsOf(fn *types.Func) []Effect {
	fn = fn.Origin()
	if s := a.summaries[fn]; s != nil {
		return s.effects.list
	}
	if fn.Pkg() == a.pass.Pkg {
		return nil
	}
	var fact insertsFact
	if a.pass.ImportObjectFact(fn, &fact) {
		return fact.Effects
	}
	return nil
}

// callSites translates the effects of a call's callee into sites of the
// caller: the maps, named in the caller's terms, that the call may insert
// into or replace.
func (a *state) callSites(c callSite) []site {
	effects := a.effectsOf(c.callee)
	if len(effects) == 0 {
		return nil
	}
	sig := c.callee.Signature()
	var recvRef mapRef
	var recvOK bool
	if sel, ok := ast.Unparen(c.call.Fun).(*ast.SelectorExpr); ok {
		if selection := a.info.Selections[sel]; selection != nil && selection.Kind() == types.MethodVal {
			if base, ok := a.facts.refOf(sel.X); ok {
				index := selection.Index()
				if embedded := selectedFields(selection.Recv(), index[:len(index)-1]); embedded != nil || len(index) == 1 {
					recvRef, recvOK = base.with(embedded...), true
				}
			}
		}
	}
	argOf := func(i int) ast.Expr {
		if i < 0 || i >= len(c.call.Args) || (sig.Variadic() && i >= sig.Params().Len()-1) {
			return nil
		}
		return c.call.Args[i]
	}
	var sites []site
	for _, e := range effects {
		var base mapRef
		switch {
		case e.global != nil:
			base = mapRef{root: e.global}
		case e.Param == Receiver:
			if !recvOK {
				continue
			}
			base = recvRef
		default:
			arg := argOf(e.Param)
			if arg == nil {
				continue
			}
			r, ok := a.facts.refOf(arg)
			if !ok {
				continue
			}
			base = r
		}
		r := base
		for _, f := range e.Fields {
			r = r.with("." + f)
		}
		st := site{cur: c.cur, ref: r, reassign: e.Reassigns, viaCall: &c, viaLit: c.via}
		if !e.Reassigns && e.KeyParam != UnknownKey {
			st.key = argOf(e.KeyParam)
		}
		sites = append(sites, st)
	}
	return sites
}
