package mapeffects

import (
	"go/ast"
	"go/types"
	"regexp"
	"strings"
)

// Sequenced reports whether a method runs outside the life of the
// value's concurrent code: documented so ("call it before Start", "after
// Stop"), or named as the setup that runs before a value is shared (Init,
// Setup, Provision, Configure) or as a decoder filling a fresh value
// (UnmarshalJSON, DecodeRLP). Real services write their maps unlocked in
// exactly these (go-ethereum's blobpool Init, caddy's Provision, grpc's
// RegisterService "before invoking Serve").
func Sequenced(decl *ast.FuncDecl) bool {
	if setupName.MatchString(decl.Name.Name) {
		return true
	}
	return decl.Doc != nil && afterStop.MatchString(strings.ReplaceAll(decl.Doc.Text(), "\n", " "))
}

var setupName = regexp.MustCompile(`^(Init|Initialize|Initialise|Setup|SetUp|Provision|Configure)([A-Z_]|$)|^(Unmarshal|Decode)`)

// afterStop finds doc comments that order a method outside the life of
// the type's goroutines: "call it after Stop", "only valid once Close
// returns", "call it before Start".
var afterStop = regexp.MustCompile(`(?i)\b(after|once)\b[^.;\n]{0,30}\b(stop|close|shut\s?down|wait|join)|\bbefore\b[^.;\n]{0,30}\b(start|run|serve|listen)`)

// lockHeldDoc finds doc comments that say the caller holds the lock:
// "Lock should be held", "Lock assumed to be held", "caller must hold
// c.mu", "client lock must be held on entry", "must be called holding
// the lock on the tx" (etcd's Unsafe methods).
var (
	lockHeldDoc = regexp.MustCompile(`(?i)\b(lock|mutex|mu|rlock)\b([^.;\n]{0,40}?)\b(held|holding|acquired|locked)\b|\bcallers?\s+(must|should)\s+(hold|have|own|acquire|lock)\b|\b(must|should)\s+be\s+called\s+(holding|with)\s+[^.;\n]{0,20}?\b(lock|mutex|mu)\b`)
	negation    = regexp.MustCompile(`(?i)\b(not|no|never|without|unlocked)\b|n't\b`)
)

// HeldOnEntry reports whether a method is documented or named as running
// with its receiver's lock held.
func HeldOnEntry(decl *ast.FuncDecl) bool {
	name := decl.Name.Name
	lower := strings.ToLower(name)
	if strings.HasSuffix(lower, "locked") && !strings.HasSuffix(lower, "unlocked") ||
		strings.HasSuffix(name, "LockHeld") || strings.HasSuffix(name, "WithLock") ||
		strings.HasPrefix(name, "locked") ||
		// etcd's convention: Unsafe* "must be called holding the lock".
		strings.HasPrefix(name, "Unsafe") || strings.HasPrefix(name, "unsafe") {
		return true
	}
	if decl.Doc == nil {
		return false
	}
	text := strings.ReplaceAll(decl.Doc.Text(), "\n", " ") // sentences wrap
	for _, m := range lockHeldDoc.FindAllStringIndex(text, -1) {
		from := max(0, m[0]-16)
		if !negation.MatchString(text[from:m[1]]) {
			return true
		}
	}
	return false
}

func Union(a, b Lockset) Lockset {
	out := a
	for _, h := range b {
		if _, ok := out.Find(h.Lock); !ok {
			out = out.With(h)
		}
	}
	return out
}

// MethodName renders a method as (*T).M or T.M.
func MethodName(fn *types.Func) string {
	recv := fn.Signature().Recv()
	if recv == nil {
		return fn.Name()
	}
	t := recv.Type()
	star := ""
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		star, t = "*", p.Elem()
	}
	name := t.String()
	if n, ok := types.Unalias(t).(*types.Named); ok {
		name = n.Obj().Name()
	}
	if star != "" {
		return "(*" + name + ")." + fn.Name()
	}
	return name + "." + fn.Name()
}

// IsHandlerMethod recognises methods that servers call concurrently, once
// per request or scrape: http.Handler's ServeHTTP, and methods that send
// Prometheus metrics (a Collector's Collect, node_exporter's Update),
// which overlapping scrapes run at the same time.
func IsHandlerMethod(fn *types.Func) bool {
	sig := fn.Signature()
	if fn.Name() == "ServeHTTP" && sig.Params().Len() == 2 && isNamed(sig.Params().At(0).Type(), "net/http", "ResponseWriter") {
		return true
	}
	for p := range sig.Params().Variables() {
		if ch, ok := p.Type().Underlying().(*types.Chan); ok && ch.Dir() == types.SendOnly &&
			isNamed(ch.Elem(), "github.com/prometheus/client_golang/prometheus", "Metric") {
			return true
		}
	}
	return false
}

func isNamed(t types.Type, pkg, name string) bool {
	n, ok := types.Unalias(Deref(t)).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == pkg && n.Obj().Name() == name
}
