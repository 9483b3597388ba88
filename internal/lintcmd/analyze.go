package lintcmd

import (
	"fmt"
	"go/types"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// Load modes: listMode is what the analyzers to run and the cache keys
// need, go list's output alone; sourceMode loads every package from
// source, as the checker needs for a cold run; incrementalMode loads the
// packages named from source and their dependencies from export data.
const (
	listMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
		packages.NeedImports | packages.NeedDeps | packages.NeedModule
	sourceMode      = packages.LoadAllSyntax | packages.NeedModule
	incrementalMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
		packages.NeedImports | packages.NeedTypes | packages.NeedTypesSizes |
		packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedModule
)

// An analysisRun is the part of a run that loads and analyzes packages:
// those whose findings the cache does not have.
type analysisRun struct {
	patterns   []string
	tests      bool
	buildFlags []string
	analyzers  []*analysis.Analyzer
	cache      *resultCache
	keys       map[string]cacheKey // by package ID; empty when caching is off
	progress   *progress
	stats      *cacheStats
}

// cacheStats counts how a run's packages were served, for -cache-stats.
type cacheStats struct {
	replayed    int // findings from the cache
	incremental int // analyzed from source, dependencies from export data and cached facts
	fromSource  int // analyzed with every dependency from source
	depsReused  int // dependencies loaded from source whose facts were cached
	// sourceBecause is a dependency whose facts were not cached, when
	// that sent the run to analyze from source.
	sourceBecause string
}

func (s *cacheStats) String() string {
	msg := fmt.Sprintf("maplint: cache: %d packages replayed, %d analyzed over cached dependencies, %d analyzed with their dependencies from source",
		s.replayed, s.incremental, s.fromSource)
	if s.fromSource > 0 && s.sourceBecause != "" {
		msg += fmt.Sprintf(" (no cached facts for %s; %d dependencies' facts reused)", s.sourceBecause, s.depsReused)
	}
	return msg
}

// analyze loads the packages ar.patterns match and all their
// dependencies from source and analyzes them, returning the findings of
// the packages matched, and storing the findings and facts of each
// package that loaded and was analyzed without error in the cache. It
// reports false when the packages did not load at all.
func (r *run) analyze(ar analysisRun) ([]*finding, bool) {
	initial, ok := r.load(ar, sourceMode)
	if !ok {
		return nil, false
	}
	broken := r.reportPackageErrors(initial)
	isRoot := make(map[*packages.Package]bool, len(initial))
	for _, p := range initial {
		isRoot[p] = true
	}
	// A dependency whose facts are cached need not be analyzed, only
	// type-checked (its importers need its types): this is what keeps a
	// run that could not go incremental (a test variant of a dependency
	// that imports the edited package) from costing a cold run.
	store := newFactStore()
	byName := factAnalyzers(ar.analyzers)
	var analyze []*packages.Package
	packages.Visit(initial, nil, func(p *packages.Package) {
		if !isRoot[p] && p.Types != nil {
			if k, ok := ar.keys[p.ID]; ok {
				if data := ar.cache.get(k, factsKind); data != nil {
					if store.decode(data, map[string]*types.Package{p.PkgPath: p.Types}, byName) == nil {
						ar.stats.depsReused++
						p.Syntax, p.TypesInfo = nil, nil
						return
					}
				}
			}
		}
		analyze = append(analyze, p)
	})
	ar.stats.fromSource += len(initial)
	return r.analyzePackages(ar, analyze, initial, store, broken), true
}

// load loads the packages ar.patterns match in mode, or reports false
// when they do not load at all.
func (r *run) load(ar analysisRun, mode packages.LoadMode) ([]*packages.Package, bool) {
	ar.progress.phase("loading packages")
	initial, err := packages.Load(&packages.Config{
		Mode:       mode,
		Tests:      ar.tests,
		BuildFlags: ar.buildFlags,
	}, ar.patterns...)
	if err != nil {
		r.fail(fmt.Sprintf("maplint: %v", firstLine(err.Error())), "")
		return nil, false
	}
	return initial, true
}

// factAnalyzers returns the analyzers and those they require by name, for
// decoding facts, having registered their fact types with gob.
func factAnalyzers(analyzers []*analysis.Analyzer) map[string]*analysis.Analyzer {
	all := withRequired(analyzers)
	registerFacts()(all)
	byName := make(map[string]*analysis.Analyzer, len(all))
	for _, a := range all {
		byName[a.Name] = a
	}
	return byName
}

// analyzePackages analyzes pkgs, all loaded from source, in parallel,
// each after those of them it imports: the requested analyzers on the
// roots, those that export facts on the others, with the facts of
// packages outside pkgs already in store. It returns the roots'
// findings, and stores each clean package's facts and each clean root's
// findings in the cache. Once a package is done its syntax, type
// information and the analyzers' results are let go: only its types and
// facts are needed after it, so that memory stays that of loading the
// code, not of loading and analyzing it.
func (r *run) analyzePackages(ar analysisRun, pkgs, roots []*packages.Package, store *factStore, broken map[*packages.Package]bool) []*finding {
	all := withRequired(ar.analyzers) // their fact types registered by the caller's factAnalyzers
	var withFacts []*analysis.Analyzer
	for _, a := range all {
		if len(a.FactTypes) > 0 {
			withFacts = append(withFacts, a)
		}
	}
	withFacts = withRequired(withFacts)
	requested := make(map[*analysis.Analyzer]bool, len(ar.analyzers))
	for _, a := range ar.analyzers {
		requested[a] = true
	}
	isRoot := make(map[*packages.Package]bool, len(roots))
	for _, p := range roots {
		isRoot[p] = true
	}

	var mu sync.Mutex // guards findings, done and r's reports
	var findings []*finding
	done := 0
	inParallel(pkgs, func(p *packages.Package) {
		analyzers := withFacts
		if isRoot[p] {
			analyzers = all
		}
		failed := false
		var pkgFindings []*finding
		var errs []*sourceAction
		for _, act := range store.analyzePackage(p, analyzers) {
			switch {
			case act.err != nil:
				failed = true
				errs = append(errs, act)
			case isRoot[p] && requested[act.analyzer]:
				pkgFindings = append(pkgFindings, findingsOf(act.analyzer, p, act.diagnostics)...)
			}
		}
		clean := !failed && !broken[p] && len(p.Errors) == 0
		var factData []byte
		var entry *cacheEntry
		if k, ok := ar.keys[p.ID]; ok && clean {
			if data, ok := store.ownFacts(p); ok {
				factData = data
			}
			if isRoot[p] {
				if e, ok := newEntry(pkgFindings); ok {
					entry = e
				}
			}
			if factData != nil {
				ar.cache.put(k, factsKind, factData)
			}
			if entry != nil {
				ar.cache.putFindings(k, entry)
			}
		}
		p.Syntax, p.TypesInfo = nil, nil

		mu.Lock()
		defer mu.Unlock()
		for _, act := range errs {
			r.analysisFailed(act.analyzer, p, act.err, broken)
		}
		findings = append(findings, pkgFindings...)
		if isRoot[p] {
			done++
			ar.progress.phase(fmt.Sprintf("analyzed %d of %d packages", done, len(roots)))
		}
	})
	return findings
}

// inParallel calls f on every package of pkgs, which holds each package's
// imports that are also in pkgs before it, with as many packages at once
// as GOMAXPROCS, each after the packages of pkgs it imports.
func inParallel(pkgs []*packages.Package, f func(*packages.Package)) {
	// By ID: packages loaded without their dependencies import stand-ins.
	index := make(map[string]int, len(pkgs))
	for i, p := range pkgs {
		index[p.ID] = i
	}
	pending := make([]int, len(pkgs))
	importers := make([][]int, len(pkgs))
	for i, p := range pkgs {
		for _, imp := range p.Imports {
			if j, ok := index[imp.ID]; ok {
				pending[i]++
				importers[j] = append(importers[j], i)
			}
		}
	}
	ready := make(chan int, len(pkgs))
	for i := range pkgs {
		if pending[i] == 0 {
			ready <- i
		}
	}
	var (
		mu   sync.Mutex
		left = len(pkgs)
		wg   sync.WaitGroup
	)
	if left == 0 {
		return
	}
	for range min(runtime.GOMAXPROCS(0), len(pkgs)) {
		wg.Go(func() {
			for i := range ready {
				f(pkgs[i])
				mu.Lock()
				for _, j := range importers[i] {
					if pending[j]--; pending[j] == 0 {
						ready <- j
					}
				}
				if left--; left == 0 {
					close(ready)
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
}

// analyzeIncrementally analyzes the packages ar.patterns match from
// source, with their dependencies' types from export data and their facts
// from the cache. It reports tried false, having done nothing, when some
// dependency's facts are not in the cache: the caller then analyzes
// everything from source, which stores them for the next run.
func (r *run) analyzeIncrementally(ar analysisRun, listed, missed []*packages.Package) (findings []*finding, ok, tried bool) {
	if len(ar.keys) == 0 {
		return nil, false, false
	}
	missedIDs := make(map[string]bool, len(missed))
	for _, p := range missed {
		missedIDs[p.ID] = true
	}
	// Every package below the missed ones stores facts about its own
	// objects only, so all of them are needed, not just direct imports.
	depFacts := make(map[string][]byte)
	complete := true
	packages.Visit(missed, func(p *packages.Package) bool {
		if !complete {
			return false
		}
		if !missedIDs[p.ID] {
			k, ok := ar.keys[p.ID]
			var data []byte
			if ok {
				data = ar.cache.get(k, factsKind)
			}
			if data == nil {
				complete = false
				ar.stats.sourceBecause = p.ID
				return false
			}
			depFacts[p.ID] = data
		}
		return true
	}, nil)
	if !complete {
		return nil, false, false
	}

	initial, ok := r.load(ar, incrementalMode)
	if !ok {
		return nil, false, true
	}
	for _, p := range initial {
		p.Errors = withoutCompilerEcho(p.Errors)
	}
	broken := r.reportPackageErrors(initial)

	byName := factAnalyzers(ar.analyzers)
	fromSource := make(map[string]bool, len(initial))
	for _, p := range initial {
		fromSource[p.ID] = true
	}
	store := newFactStore()
	u := universe(initial)
	for id, data := range depFacts {
		if fromSource[id] {
			continue
		}
		if err := store.decode(data, u, byName); err != nil {
			// A corrupt entry passed the checksum: start over from
			// source rather than analyze without its facts.
			ar.cache.corrupt(fmt.Sprintf("the facts of %s: %v", id, err))
			return nil, false, false
		}
	}
	ar.stats.incremental += len(initial)
	return r.analyzePackages(ar, dependencyOrder(initial, listed), initial, store, broken), true, true
}

// withoutCompilerEcho drops the compiler's report of a package's errors
// ("# path" and its output), which go list -export adds when building
// the export data fails, if the type checker reported errors too: they
// are the same errors, and the type checker's have positions.
func withoutCompilerEcho(errs []packages.Error) []packages.Error {
	if !slices.ContainsFunc(errs, func(e packages.Error) bool { return e.Kind == packages.TypeError }) {
		return errs
	}
	return slices.DeleteFunc(errs, func(e packages.Error) bool {
		return e.Kind == packages.ListError && strings.HasPrefix(e.Msg, "# ")
	})
}

// dependencyOrder returns the packages loaded from source, each after
// those of them it imports, by the import graph go list gave (the loaded
// packages' own Imports stop at export data).
func dependencyOrder(initial, listed []*packages.Package) []*packages.Package {
	byID := make(map[string]*packages.Package, len(initial))
	for _, p := range initial {
		byID[p.ID] = p
	}
	var order []*packages.Package
	packages.Visit(listed, nil, func(p *packages.Package) {
		if q := byID[p.ID]; q != nil {
			order = append(order, q)
			delete(byID, p.ID)
		}
	})
	for _, p := range initial { // not listed: none import them
		if byID[p.ID] != nil {
			order = append(order, p)
		}
	}
	return order
}

// analysisFailed reports an analyzer that failed on a package, once, and
// not at all on a package that does not type-check, whose errors were
// reported instead.
func (r *run) analysisFailed(a *analysis.Analyzer, p *packages.Package, err error, broken map[*packages.Package]bool) {
	if broken[p] {
		return
	}
	msg := fmt.Sprintf("maplint: %s failed on %s: %v", a.Name, p.PkgPath, err)
	if r.reported == nil {
		r.reported = make(map[string]bool)
	}
	if !r.reported[msg] {
		r.reported[msg] = true
		r.fail(msg, "")
	}
}

// reloadPatterns returns the patterns that load the missed packages
// again: the directories of the missed packages when they are all in the
// main module (so that editing a leaf package reloads that package
// alone), the command line's patterns otherwise.
func reloadPatterns(patterns []string, listed, missed []*packages.Package) []string {
	if len(missed) == len(listed) {
		return patterns
	}
	byID := make(map[string]*packages.Package, len(listed))
	for _, p := range listed {
		byID[p.ID] = p
	}
	var dirs []string
	for _, p := range missed {
		if p.Name == "main" && strings.HasSuffix(p.ID, ".test") {
			// A test main, generated in the build cache: the package
			// under test stands for it.
			if p = byID[strings.TrimSuffix(p.ID, ".test")]; p == nil {
				return patterns
			}
		}
		if p.Module == nil || !p.Module.Main || len(p.GoFiles) == 0 {
			return patterns
		}
		dirs = append(dirs, filepath.Dir(p.GoFiles[0]))
	}
	slices.Sort(dirs)
	return slices.Compact(dirs)
}
