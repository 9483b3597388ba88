package mapeffects

import (
	"go/ast"
	"go/types"
	"slices"
	"strings"
)

// A heldLock is a mutex held at some point of a function, named by its
// ref. Read is set when only its read lock (RLock) is held; Maybe when it
// is held on some paths to the point but not all. Most Go code that locks
// on some paths only does so under a condition it tests again before
// unlocking (if doLock { mu.Lock() }), which a path-insensitive analysis
// cannot follow: a lock held on some path counts as held when deciding
// whether two accesses exclude each other, so that such code is not
// reported, and as not held when it is evidence of what the code means.
type HeldLock struct {
	Lock  Ref
	Read  bool
	Maybe bool
	// assumed says how much of the holding is the function's assumption
	// that its caller holds the lock ("...Locked", "lock must be held"),
	// not a Lock it made: assumedNever, assumedSome (on some paths to
	// here) or assumedAll. Summaries leave assumptions out: what the
	// caller holds is what holds. Within one package's pass only.
	assumed uint8
}

const (
	assumedNever uint8 = iota
	assumedSome
	assumedAll
)

func (h HeldLock) Key() string { return h.Lock.Key() }

// A lockset is the set of mutexes held on some path to a point, sorted
// by key.
type Lockset []HeldLock

// cmpRef orders refs by root, then path: any total order does for a
// sorted set, and this one allocates nothing.
func cmpRef(a, b Ref) int {
	if c := strings.Compare(a.Root, b.Root); c != 0 {
		return c
	}
	return strings.Compare(a.Path, b.Path)
}

func (ls Lockset) search(r Ref) (int, bool) {
	return slices.BinarySearchFunc(ls, r, func(h HeldLock, r Ref) int { return cmpRef(h.Lock, r) })
}

func (ls Lockset) Find(r Ref) (HeldLock, bool) {
	i, ok := ls.search(r)
	if !ok {
		return HeldLock{}, false
	}
	return ls[i], true
}

func (ls Lockset) With(h HeldLock) Lockset {
	i, ok := ls.search(h.Lock)
	out := make(Lockset, len(ls), len(ls)+1)
	copy(out, ls)
	if ok {
		out[i] = h
		return out
	}
	return slices.Insert(out, i, h)
}

func (ls Lockset) without(r Ref) Lockset {
	i, ok := ls.search(r)
	if !ok {
		return ls
	}
	return slices.Delete(slices.Clone(ls), i, i+1)
}

// Meet is the lockset where two paths join: a mutex held on one path
// only is held Maybe; one held for writing on either path counts as held
// for writing (the analysis would rather miss a report than make one up).
func Meet(a, b Lockset) Lockset {
	var out Lockset
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		c := 0
		switch {
		case i == len(a):
			c = 1
		case j == len(b):
			c = -1
		default:
			c = cmpRef(a[i].Lock, b[j].Lock)
		}
		switch {
		case c < 0:
			out = append(out, HeldLock{a[i].Lock, a[i].Read, true, min(a[i].assumed, assumedSome)})
			i++
		case c > 0:
			out = append(out, HeldLock{b[j].Lock, b[j].Read, true, min(b[j].assumed, assumedSome)})
			j++
		default:
			assumed := assumedSome
			switch {
			case a[i].assumed == assumedAll && b[j].assumed == assumedAll:
				assumed = assumedAll
			case a[i].assumed == assumedNever && b[j].assumed == assumedNever:
				assumed = assumedNever
			}
			out = append(out, HeldLock{a[i].Lock, a[i].Read && b[j].Read, a[i].Maybe || b[j].Maybe, assumed})
			i++
			j++
		}
	}
	return out
}

// Must keeps the mutexes held on every path.
func (ls Lockset) Must() Lockset {
	var out Lockset
	for _, h := range ls {
		if !h.Maybe {
			out = append(out, h)
		}
	}
	return out
}

// withWeaker adds h unless the set already holds its mutex at least as
// surely.
func (ls Lockset) withWeaker(h HeldLock) Lockset {
	if old, ok := ls.Find(h.Lock); ok && (!old.Maybe || h.Maybe) {
		return ls
	}
	return ls.With(h)
}

func (ls Lockset) equal(b Lockset) bool { return slices.Equal(ls, b) }

// Excludes reports whether two accesses holding a and b cannot run at the
// same time: they hold a common mutex, and not both only for reading.
func Excludes(a, b Lockset) bool {
	for _, h := range a {
		if o, ok := b.Find(h.Lock); ok && !(h.Read && o.Read) {
			return true
		}
	}
	return false
}

func (ls Lockset) String() string {
	var b strings.Builder
	for i, h := range ls {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(h.Key())
		if h.Read {
			b.WriteString("(r)")
		}
		if h.Maybe {
			b.WriteString("?")
		}
		if h.assumed != assumedNever {
			b.WriteString("(assumed)")
		}
	}
	return b.String()
}

// A lockOp is a call of a sync.Mutex or sync.RWMutex method.
type lockOp int

const (
	NoLockOp lockOp = iota
	opLock
	OpRLock
	opUnlock
	OpRUnlock
)

// LockCall recognises mu.Lock(), s.mu.RUnlock(), s.Lock() (an embedded
// mutex) and the like, and returns the expression that names the mutex
// and the fields from it to the embedded mutex.
func LockCall(info *types.Info, call *ast.CallExpr) (lockOp, ast.Expr, string) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return NoLockOp, nil, ""
	}
	selection, ok := info.Selections[sel]
	if !ok || selection.Kind() != types.MethodVal {
		return NoLockOp, nil, ""
	}
	fn, ok := selection.Obj().(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "sync" {
		return NoLockOp, nil, ""
	}
	recv := fn.Signature().Recv()
	if recv == nil {
		return NoLockOp, nil, ""
	}
	named, ok := Deref(recv.Type()).(*types.Named)
	if !ok || (named.Obj().Name() != "Mutex" && named.Obj().Name() != "RWMutex") {
		return NoLockOp, nil, ""
	}
	var op lockOp
	switch fn.Name() {
	case "Lock", "TryLock":
		// A TryLock that fails leaves nothing held; counting it as held
		// can only hide reports.
		op = opLock
	case "RLock", "TryRLock":
		op = OpRLock
	case "Unlock":
		op = opUnlock
	case "RUnlock":
		op = OpRUnlock
	default:
		return NoLockOp, nil, ""
	}
	index := selection.Index()
	return op, sel.X, fieldPath(selection.Recv(), index[:len(index)-1])
}

// IsMutexType reports whether t is sync.Mutex or sync.RWMutex.
func IsMutexType(t types.Type) bool {
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() == nil || named.Obj().Pkg().Path() != "sync" {
		return false
	}
	n := named.Obj().Name()
	return n == "Mutex" || n == "RWMutex"
}

// MutexFields returns the paths of the mutexes a struct type holds
// directly or through embedded structs.
func MutexFields(t types.Type) []string {
	st, ok := Deref(t).Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	var out []string
	for f := range st.Fields() {
		switch {
		case IsMutexType(f.Type()), IsMutexType(Deref(f.Type())): // pebble's versionSet.mu is *sync.Mutex
			out = append(out, f.Name())
		case f.Embedded():
			if _, ok := types.Unalias(f.Type()).(*types.Pointer); ok {
				continue
			}
			for _, p := range MutexFields(f.Type()) {
				out = append(out, f.Name()+"."+p)
			}
		}
	}
	return out
}
