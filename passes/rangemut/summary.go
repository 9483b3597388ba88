package rangemut

import (
	"fmt"
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"github.com/maplint/maplint/passes/internal/mapkeys"
	"golang.org/x/tools/go/ast/inspector"
)

// Receiver is the Param of an effect on the method's receiver.
const Receiver = -1

// maxFields bounds the field paths kept in summaries, so that recursion
// through s.next.next... cannot grow them without end.
const maxFields = 4

// maxKeys bounds the key parameters an effect lists; beyond it the keys
// are taken to be unknown.
const maxKeys = 8

// An Effect is one map that a function may insert new keys into, or
// replace, named relative to its receiver or one of its parameters.
//
// What it inserts is told apart because a call passed the key a loop is
// visiting means two different things: a helper that inserts its key
// parameter (g.node(k)) writes the key being visited, which the map
// holds; a helper that inserts other keys (the roles a role includes,
// the dependencies of a node) adds entries the loop may or may not visit.
type Effect struct {
	Param  int      // Receiver, or the index of a parameter
	Fields []string // fields selected from it, e.g. ["items"] for s.items
	// Keys lists the parameters inserted as keys: the parameter itself,
	// or the parameter normalised in place first (name =
	// strings.TrimSpace(name) at the top of the function).
	Keys []KeyParam
	// OtherKeys is set when keys that are no parameter are inserted too,
	// or keys nobody can name.
	OtherKeys bool
	Reassigns bool // the map is replaced (s.items = ...), not inserted into

	global *types.Var // in-package summaries only: a package variable instead of Param
}

// A KeyParam is a parameter that a function inserts as a key.
type KeyParam struct {
	Param int
	// SkipsNil is set when no insert of it happens when it is nil: the
	// function returns first (if obj == nil { return }), as staticcheck's
	// graph.node does, so that g.use(obj, nil) inserts nothing for nil.
	SkipsNil bool
}

// effectID identifies an effect up to its keys.
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
	if !e.Reassigns && len(e.Keys) > 0 {
		var keys []string
		for _, k := range e.Keys {
			key := fmt.Sprintf("param%d", k.Param)
			if k.SkipsNil {
				key += " unless nil"
			}
			keys = append(keys, key)
		}
		if e.OtherKeys {
			keys = append(keys, "other keys")
		}
		fmt.Fprintf(&b, "[%s]", strings.Join(keys, ", "))
	}
	return b.String()
}

// merge adds o's keys to e's and reports whether that changed e. Keys
// only grow, SkipsNil only turns false and OtherKeys only turns true,
// which keeps summarize's fixed point finite.
func (e *Effect) merge(o Effect) bool {
	changed := false
	if o.OtherKeys && !e.OtherKeys {
		e.OtherKeys, changed = true, true
	}
	for _, k := range o.Keys {
		i := slices.IndexFunc(e.Keys, func(x KeyParam) bool { return x.Param == k.Param })
		switch {
		case i >= 0:
			if e.Keys[i].SkipsNil && !k.SkipsNil {
				e.Keys[i].SkipsNil, changed = false, true
			}
		case len(e.Keys) >= maxKeys:
			if !e.OtherKeys {
				e.OtherKeys, changed = true, true
			}
		default:
			e.Keys, changed = append(e.Keys, k), true
		}
	}
	return changed
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
// one map merge into one effect with the keys of both. It only grows (up
// to maxEffects), as do the effects' keys, which is what makes
// summarize's fixed point terminate.
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
		return set.list[i].merge(e)
	}
	if len(set.list) >= maxEffects {
		return false
	}
	e.Keys = slices.Clone(e.Keys) // merge appends to it
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
	if !r.FieldsOnly() || len(r.Fields()) > maxFields {
		return Effect{}, false
	}
	e := Effect{Reassigns: st.reassign}
	e.Fields = r.Fields()
	if i, ok := s.params[r.Root()]; ok {
		if a.facts.Assigned(r.Root()) {
			return Effect{}, false // the parameter no longer names the caller's map
		}
		if e.Reassigns && len(e.Fields) == 0 {
			return Effect{}, false // assigning the parameter itself is invisible to the caller
		}
		e.Param = i
	} else if mapkeys.IsPackageLevel(r.Root()) && r.Root().Pkg() == a.pass.Pkg {
		e.global = r.Root()
	} else {
		return Effect{}, false
	}
	if !st.reassign {
		e.OtherKeys = true
		if st.key != nil {
			if a.facts.KeyPresent(st.cur, r, st.key, inspector.Cursor{}) {
				return Effect{}, false // updates a key known to exist
			}
			if v := a.facts.KeyVar(st.key); v != nil && a.facts.HoldsArgument(v) {
				if i, ok := s.params[v]; ok && i != Receiver {
					e.OtherKeys = false
					e.Keys = []KeyParam{{Param: i, SkipsNil: st.skipsNil || a.facts.NilReturnsBefore(st.cur, v)}}
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
	var recvRef mapkeys.Path
	var recvOK bool
	if sel, ok := ast.Unparen(c.call.Fun).(*ast.SelectorExpr); ok {
		if selection := a.info.Selections[sel]; selection != nil && selection.Kind() == types.MethodVal {
			if base, ok := a.facts.RefOf(sel.X); ok {
				index := selection.Index()
				if embedded := mapkeys.SelectedFields(selection.Recv(), index[:len(index)-1]); embedded != nil || len(index) == 1 {
					recvRef, recvOK = base.With(embedded...), true
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
		var base mapkeys.Path
		switch {
		case e.global != nil:
			base = mapkeys.VarPath(e.global)
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
			r, ok := a.facts.RefOf(arg)
			if !ok {
				continue
			}
			base = r
		}
		r := base
		for _, f := range e.Fields {
			r = r.With("." + f)
		}
		st := site{cur: c.cur, ref: r, reassign: e.Reassigns, viaCall: &c, viaLit: c.via}
		if e.Reassigns {
			sites = append(sites, st)
			continue
		}
		// One site per key the callee inserts: each argument passed as a
		// key is judged as a key written in place, and keys that are no
		// parameter as unknown keys.
		otherKeys := e.OtherKeys
		for _, k := range e.Keys {
			arg := argOf(k.Param)
			switch {
			case arg == nil:
				otherKeys = true // a variadic parameter: its elements
			case k.SkipsNil && a.facts.IsNil(arg):
				// The callee returns before inserting nil.
			default:
				keyed := st
				keyed.key, keyed.skipsNil = arg, k.SkipsNil
				sites = append(sites, keyed)
			}
		}
		if otherKeys {
			sites = append(sites, st)
		}
	}
	return sites
}
