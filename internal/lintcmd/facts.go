package lintcmd

import (
	"bytes"
	"cmp"
	"encoding/gob"
	"fmt"
	"go/types"
	"os"
	"reflect"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/types/objectpath"
)

// Facts make the cache incremental. When a package changes, the packages
// it imports did not: their types come from the compiler's export data
// (which the go command caches) and their facts from the cache, so that
// only the changed packages, and those that import them, are parsed,
// type-checked and analyzed, as go vet and staticcheck do. Every run that
// analyzes a package from source stores the facts its analyzers exported
// about its own objects, keyed like its findings.

// A gobFact is one fact in a cache entry: about the object at ObjPath in
// package PkgPath, or about the package itself when ObjPath is empty.
type gobFact struct {
	Analyzer string
	PkgPath  string
	ObjPath  objectpath.Path
	Fact     analysis.Fact
}

// registerFacts registers the analyzers' fact types with gob, as
// unitchecker does, so that facts can be stored behind an interface.
var registerFacts = sync.OnceValue(func() func([]*analysis.Analyzer) {
	var mu sync.Mutex
	done := make(map[reflect.Type]bool)
	return func(analyzers []*analysis.Analyzer) {
		mu.Lock()
		defer mu.Unlock()
		for _, a := range analyzers {
			for _, f := range a.FactTypes {
				if t := reflect.TypeOf(f); !done[t] {
					done[t] = true
					gob.Register(f)
				}
			}
		}
	}
})

// withRequired returns the analyzers and everything they require, each
// after what it requires.
func withRequired(analyzers []*analysis.Analyzer) []*analysis.Analyzer {
	var order []*analysis.Analyzer
	seen := make(map[*analysis.Analyzer]bool)
	var visit func(a *analysis.Analyzer)
	visit = func(a *analysis.Analyzer) {
		if seen[a] {
			return
		}
		seen[a] = true
		for _, req := range a.Requires {
			visit(req)
		}
		order = append(order, a)
	}
	for _, a := range analyzers {
		visit(a)
	}
	return order
}

func gobEncode(facts []gobFact) ([]byte, bool) {
	sortFacts(facts)
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(facts); err != nil {
		return nil, false
	}
	return buf.Bytes(), true
}

// sortFacts sorts facts so that equal facts encode to equal bytes.
func sortFacts(facts []gobFact) {
	slices.SortStableFunc(facts, func(a, b gobFact) int {
		return cmp.Or(strings.Compare(a.Analyzer, b.Analyzer), strings.Compare(string(a.ObjPath), string(b.ObjPath)))
	})
}

// A factStore holds the facts of one run: decoded from the cache for
// packages loaded from export data, exported by the analyzers for
// packages analyzed from source. It is shared by the packages analyzed
// in parallel: each sees the facts of every package analyzed before it,
// its dependencies among them (other packages' objects are unreachable
// from its code, and no analyzer here lists all facts).
type factStore struct {
	mu      sync.RWMutex
	objects map[objectFactKey]analysis.Fact
	pkgs    map[packageFactKey]analysis.Fact
	// own lists, per package, the keys of the facts about its objects,
	// so that storing a package's facts does not scan everyone's.
	own map[*types.Package][]objectFactKey
}

type objectFactKey struct {
	analyzer *analysis.Analyzer
	obj      types.Object
	t        reflect.Type
}

type packageFactKey struct {
	analyzer *analysis.Analyzer
	pkg      *types.Package
	t        reflect.Type
}

func newFactStore() *factStore {
	return &factStore{
		objects: make(map[objectFactKey]analysis.Fact),
		pkgs:    make(map[packageFactKey]analysis.Fact),
		own:     make(map[*types.Package][]objectFactKey),
	}
}

// decode adds the facts of an entry, resolving their objects in the
// packages of universe (by path). Facts about objects that the export
// data does not hold are dropped: no code being analyzed can reach them.
func (s *factStore) decode(data []byte, universe map[string]*types.Package, byName map[string]*analysis.Analyzer) error {
	var facts []gobFact
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&facts); err != nil {
		return err
	}
	for _, f := range facts {
		a := byName[f.Analyzer]
		pkg := universe[f.PkgPath]
		if a == nil || pkg == nil || f.Fact == nil {
			continue
		}
		t := reflect.TypeOf(f.Fact)
		if f.ObjPath == "" {
			s.putPackageFact(packageFactKey{a, pkg, t}, f.Fact)
			continue
		}
		if obj, err := objectpath.Object(pkg, f.ObjPath); err == nil {
			s.putObjectFact(objectFactKey{a, obj, t}, f.Fact)
		}
	}
	return nil
}

// universe maps the path of every package reachable from pkgs' types to
// its types.Package.
func universe(pkgs []*packages.Package) map[string]*types.Package {
	u := make(map[string]*types.Package)
	var visit func(p *types.Package)
	visit = func(p *types.Package) {
		if _, ok := u[p.Path()]; ok {
			return
		}
		u[p.Path()] = p
		for _, imp := range p.Imports() {
			visit(imp)
		}
	}
	for _, p := range pkgs {
		if p.Types != nil {
			visit(p.Types)
		}
	}
	return u
}

// A sourceAction is one analyzer run on one package loaded from source,
// in an incremental run.
type sourceAction struct {
	analyzer    *analysis.Analyzer
	pkg         *packages.Package
	result      any
	err         error
	diagnostics []analysis.Diagnostic
}

// analyzePackage runs the analyzers (each after those it requires) on
// pkg, with facts from store, and adds the facts they export to it.
func (s *factStore) analyzePackage(pkg *packages.Package, analyzers []*analysis.Analyzer) []*sourceAction {
	results := make(map[*analysis.Analyzer]*sourceAction)
	var out []*sourceAction
	for _, a := range analyzers {
		act := &sourceAction{analyzer: a, pkg: pkg}
		results[a] = act
		out = append(out, act)
		inputs := make(map[*analysis.Analyzer]any)
		for _, req := range a.Requires {
			dep := results[req]
			if dep.err != nil {
				act.err = fmt.Errorf("failed prerequisite: %s", req.Name)
				break
			}
			inputs[req] = dep.result
		}
		if act.err != nil {
			continue
		}
		if pkg.IllTyped && !a.RunDespiteErrors {
			act.err = fmt.Errorf("analysis skipped due to errors in package")
			continue
		}
		module := &analysis.Module{}
		if m := pkg.Module; m != nil {
			module = &analysis.Module{Path: m.Path, Version: m.Version, GoVersion: m.GoVersion}
		}
		pass := &analysis.Pass{
			Analyzer:     a,
			Fset:         pkg.Fset,
			Files:        pkg.Syntax,
			OtherFiles:   pkg.OtherFiles,
			IgnoredFiles: pkg.IgnoredFiles,
			Pkg:          pkg.Types,
			TypesInfo:    pkg.TypesInfo,
			TypesSizes:   pkg.TypesSizes,
			TypeErrors:   pkg.TypeErrors,
			Module:       module,
			ResultOf:     inputs,
			Report: func(d analysis.Diagnostic) {
				// Edits in position order, as the checker's
				// ValidateFixes leaves them (stably: insertions at one
				// point keep their order).
				for _, fix := range d.SuggestedFixes {
					slices.SortStableFunc(fix.TextEdits, func(x, y analysis.TextEdit) int { return cmp.Compare(x.Pos, y.Pos) })
				}
				act.diagnostics = append(act.diagnostics, d)
			},
			ImportObjectFact: func(obj types.Object, ptr analysis.Fact) bool {
				s.mu.RLock()
				fact := s.objects[objectFactKey{a, obj, reflect.TypeOf(ptr)}]
				s.mu.RUnlock()
				return importFact(fact, ptr)
			},
			ImportPackageFact: func(p *types.Package, ptr analysis.Fact) bool {
				s.mu.RLock()
				fact := s.pkgs[packageFactKey{a, p, reflect.TypeOf(ptr)}]
				s.mu.RUnlock()
				return importFact(fact, ptr)
			},
			ExportObjectFact: func(obj types.Object, f analysis.Fact) {
				if obj.Pkg() != pkg.Types {
					panic(fmt.Sprintf("%s: fact about %s, an object of another package", a.Name, obj))
				}
				s.putObjectFact(objectFactKey{a, obj, reflect.TypeOf(f)}, f)
			},
			ExportPackageFact: func(f analysis.Fact) {
				s.putPackageFact(packageFactKey{a, pkg.Types, reflect.TypeOf(f)}, f)
			},
			AllObjectFacts:  func() []analysis.ObjectFact { return s.allObjectFacts(a) },
			AllPackageFacts: func() []analysis.PackageFact { return s.allPackageFacts(a) },
			ReadFile:        readOwnFile(pkg),
		}
		act.result, act.err = a.Run(pass)
	}
	return out
}

func (s *factStore) putObjectFact(k objectFactKey, f analysis.Fact) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.objects[k]; !ok {
		s.own[k.obj.Pkg()] = append(s.own[k.obj.Pkg()], k)
	}
	s.objects[k] = f
}

func (s *factStore) putPackageFact(k packageFactKey, f analysis.Fact) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pkgs[k] = f
}

func importFact(fact, ptr analysis.Fact) bool {
	if fact == nil {
		return false
	}
	reflect.ValueOf(ptr).Elem().Set(reflect.ValueOf(fact).Elem())
	return true
}

func (s *factStore) allObjectFacts(a *analysis.Analyzer) []analysis.ObjectFact {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var facts []analysis.ObjectFact
	for k, f := range s.objects {
		if k.analyzer == a {
			facts = append(facts, analysis.ObjectFact{Object: k.obj, Fact: f})
		}
	}
	return facts
}

func (s *factStore) allPackageFacts(a *analysis.Analyzer) []analysis.PackageFact {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var facts []analysis.PackageFact
	for k, f := range s.pkgs {
		if k.analyzer == a {
			facts = append(facts, analysis.PackageFact{Package: k.pkg, Fact: f})
		}
	}
	return facts
}

// ownFacts returns the facts the analyzers exported about pkg's objects
// and pkg itself, gob-encoded.
func (s *factStore) ownFacts(pkg *packages.Package) ([]byte, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var facts []gobFact
	enc := new(objectpath.Encoder) // one per package: objectpath.For indexes the package on every call
	for _, k := range s.own[pkg.Types] {
		if path, err := enc.For(k.obj); err == nil {
			facts = append(facts, gobFact{k.analyzer.Name, pkg.PkgPath, path, s.objects[k]})
		}
	}
	for k, f := range s.pkgs {
		if k.pkg == pkg.Types {
			facts = append(facts, gobFact{k.analyzer.Name, pkg.PkgPath, "", f})
		}
	}
	return gobEncode(facts)
}

// readOwnFile lets a pass read the package's own files only, as the
// checker's CheckedReadFile does.
func readOwnFile(pkg *packages.Package) func(string) ([]byte, error) {
	return func(name string) ([]byte, error) {
		if !slices.Contains(pkg.CompiledGoFiles, name) && !slices.Contains(pkg.GoFiles, name) &&
			!slices.Contains(pkg.OtherFiles, name) && !slices.Contains(pkg.IgnoredFiles, name) {
			return nil, fmt.Errorf("%s is not among the package's files", name)
		}
		return os.ReadFile(name)
	}
}
