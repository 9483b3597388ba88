package mapeffects

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"
)

// A ref names a map, a mutex or a channel by the variable it is reached
// from and the struct fields in between: s.cache.items is
// {Root: "recv", Path: "cache.items"} inside a method of s's type.
//
// Roots are, inside one function declaration and the literals it contains:
//
//	"recv"       the method's receiver
//	"p0", "p1"…  the function's parameters
//	"g:PKG.NAME" a package-level variable
//	"v:N"        any other variable (a local, or a literal's parameter)
//
// Receiver and parameter roots are what a caller translates to its own
// arguments when it applies a callee's summary; local roots never leave
// the function that declares them.
type Ref struct {
	Root string
	Path string
}

func (r Ref) Key() string {
	if r.Path == "" {
		return r.Root
	}
	return r.Root + "." + r.Path
}

func (r Ref) Child(path string) Ref {
	switch {
	case path == "":
		return r
	case r.Path == "":
		return Ref{r.Root, path}
	default:
		return Ref{r.Root, r.Path + "." + path}
	}
}

func (r Ref) IsLocal() bool { return strings.HasPrefix(r.Root, "v:") }

func (r Ref) isFormal() bool {
	return r.Root == "recv" || (len(r.Root) > 1 && r.Root[0] == 'p' && r.Root[1] >= '0' && r.Root[1] <= '9')
}

// formalIndex returns -1 for the receiver and i for parameter "pi".
func (r Ref) formalIndex() int {
	if r.Root == "recv" {
		return -1
	}
	i, _ := strconv.Atoi(r.Root[1:])
	return i
}

// Scope resolves expressions to refs within one function declaration
// (or one package-level literal), and remembers the local variables it
// numbered so that their declarations can be found again.
type Scope struct {
	info   *types.Info
	recv   *types.Var
	params map[*types.Var]int
	locals map[*types.Var]int
	vars   []*types.Var // vars[N] is the local named "v:N"
	// aliases are locals that stand for another ref: a literal's
	// parameter bound to an argument, or the result of a getter.
	aliases map[*types.Var]*alias
	// fields are the fields of local struct values that the function set
	// once, in the composite literal that made the value, to a map,
	// pointer or channel it names otherwise: j := &Job{Labels: labels}
	// makes j.Labels another name of labels (see canon).
	fields map[Ref]Ref
	// litVars are locals defined once as a function literal, such as
	// lock := func() { if needLock { mu.Lock() } }.
	litVars map[*types.Var]*ast.FuncLit
}

// An alias is what a local variable is known to stand for.
type alias struct {
	ref    Ref
	Name   string
	Getter string  // "c.Items" when the map came from that getter
	Guard  Lockset // the locks the getter held while returning it
}

func (sc *Scope) bind(v *types.Var, al *alias) {
	if sc.aliases == nil {
		sc.aliases = make(map[*types.Var]*alias)
	}
	sc.aliases[v] = al
}

// aliasOf returns the alias the variable at the root of e stands for.
func (sc *Scope) aliasOf(e ast.Expr) *alias {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			if v, ok := sc.info.Uses[x].(*types.Var); ok {
				return sc.aliases[v]
			}
			return nil
		case *ast.SelectorExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		default:
			return nil
		}
	}
}

func newScope(info *types.Info, recv *types.Var, sig *types.Signature) *Scope {
	sc := &Scope{info: info, recv: recv, locals: make(map[*types.Var]int)}
	if sig != nil && sig.Params().Len() > 0 {
		sc.params = make(map[*types.Var]int)
		for i := range sig.Params().Len() {
			sc.params[sig.Params().At(i)] = i
		}
	}
	return sc
}

// LocalVar returns the variable a local root stands for.
func (sc *Scope) LocalVar(root string) *types.Var {
	n, err := strconv.Atoi(strings.TrimPrefix(root, "v:"))
	if err != nil || n >= len(sc.vars) {
		return nil
	}
	return sc.vars[n]
}

func (sc *Scope) varRoot(v *types.Var) string {
	switch {
	case v == sc.recv:
		return "recv"
	case v.Pkg() != nil && v.Parent() == v.Pkg().Scope():
		return "g:" + v.Pkg().Path() + "." + v.Name()
	}
	if i, ok := sc.params[v]; ok {
		return "p" + strconv.Itoa(i)
	}
	n, ok := sc.locals[v]
	if !ok {
		n = len(sc.vars)
		sc.locals[v] = n
		sc.vars = append(sc.vars, v)
	}
	return "v:" + strconv.Itoa(n)
}

// RefOf resolves e to the variable and fields it reaches, or reports
// false when e goes through anything else (an index, a call, a
// conversion): precision first, such expressions are not tracked.
func (sc *Scope) RefOf(e ast.Expr) (Ref, bool) {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, ok := sc.info.Uses[e].(*types.Var)
		if !ok {
			v, ok = sc.info.Defs[e].(*types.Var)
		}
		if !ok || v.IsField() {
			return Ref{}, false
		}
		if al := sc.aliases[v]; al != nil {
			return al.ref, true
		}
		return Ref{Root: sc.varRoot(v)}, true
	case *ast.StarExpr:
		return sc.RefOf(e.X)
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return sc.RefOf(e.X) // &ba names ba, as a pointer argument
		}
		return Ref{}, false
	case *ast.SelectorExpr:
		sel, ok := sc.info.Selections[e]
		if !ok {
			// A qualified identifier: pkg.Var.
			if v, ok := sc.info.Uses[e.Sel].(*types.Var); ok && !v.IsField() {
				return Ref{Root: sc.varRoot(v)}, true
			}
			return Ref{}, false
		}
		if sel.Kind() != types.FieldVal {
			return Ref{}, false
		}
		base, ok := sc.RefOf(e.X)
		if !ok {
			return Ref{}, false
		}
		return sc.canon(base.Child(fieldPath(sel.Recv(), sel.Index()))), true
	}
	return Ref{}, false
}

// canon returns the ref r stands for: r itself, or, when r goes through
// a field recorded in fields, the ref that field was set to followed by
// the rest of r's path.
func (sc *Scope) canon(r Ref) Ref {
	if len(sc.fields) == 0 || r.Path == "" {
		return r
	}
	first, rest, _ := strings.Cut(r.Path, ".")
	if to, ok := sc.fields[Ref{Root: r.Root, Path: first}]; ok {
		return to.Child(rest)
	}
	return r
}

// fieldPath names the fields an index path of a selection goes through,
// embedded ones included, so that s.items and s.inner.items (promoted)
// are the same ref.
func fieldPath(t types.Type, index []int) string {
	var names []string
	for _, i := range index {
		st, ok := Deref(t).Underlying().(*types.Struct)
		if !ok || i >= st.NumFields() {
			break
		}
		f := st.Field(i)
		names = append(names, f.Name())
		t = f.Type()
	}
	return strings.Join(names, ".")
}

func Deref(t types.Type) types.Type {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// isMap reports whether t is a map type (not a type parameter: a generic
// function's map-typed parameter may be instantiated per call).
func isMap(t types.Type) bool {
	if t == nil {
		return false
	}
	if _, ok := types.Unalias(t).(*types.TypeParam); ok {
		return false
	}
	_, ok := t.Underlying().(*types.Map)
	return ok
}

func isChan(t types.Type) bool {
	if t == nil {
		return false
	}
	_, ok := t.Underlying().(*types.Chan)
	return ok
}

// RootText returns the part of an access's display name that names its
// root: "s" for "s.items" with path "items".
func RootText(name, path string) string {
	if path == "" {
		return name
	}
	if t, ok := strings.CutSuffix(name, "."+path); ok {
		return t
	}
	return ""
}

// ParamIndex returns i for the root "pi" of a function's parameter i.
func ParamIndex(root string) (int, bool) {
	if len(root) < 2 || root[0] != 'p' {
		return 0, false
	}
	i, err := strconv.Atoi(root[1:])
	return i, err == nil
}
