package concwrite

import (
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/maplint/maplint/passes/internal/analysisdoc"
	"github.com/maplint/maplint/passes/internal/generated"
	"github.com/maplint/maplint/passes/internal/mapeffects"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "concwrite",
	Doc:      analysisdoc.MustExtract(doc, "concwrite"),
	URL:      "https://github.com/maplint/maplint/tree/main/passes/concwrite",
	Requires: []*analysis.Analyzer{inspect.Analyzer, mapeffects.Analyzer},
	Run:      generated.Unreported(run),
}

// A checker reports the races in what mapeffects found in one package.
type checker struct {
	*mapeffects.Analysis
	pass *analysis.Pass
	// state is the package's analyzed functions, with the accesses of
	// the methods that are only ever called under their receiver's locks
	// held under them too (see checkDeclRegions); the Analysis itself is
	// shared with other passes and stays as computed.
	state    map[*types.Func]*mapeffects.DeclResult
	reported map[token.Pos]bool // report positions and access origins already reported
	// readLocked holds the writes made under a read lock, judged once
	// every function is analyzed.
	readLocked []readLockedWrite
	// sequential holds the types documented as not for concurrent use.
	sequential map[*types.TypeName]bool
}

func run(pass *analysis.Pass) (any, error) {
	effects := pass.ResultOf[mapeffects.Analyzer].(*mapeffects.Analysis)
	a := &checker{
		Analysis: effects,
		pass:     pass,
		state:    maps.Clone(effects.State),
		reported: make(map[token.Pos]bool),
	}
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for cur := range ins.Root().Preorder((*ast.GenDecl)(nil)) {
		a.noteTypeDocs(cur.Node().(*ast.GenDecl))
	}
	for _, b := range a.Bodies {
		if b.Regions {
			a.checkRegions(b.Scope, b.Res)
		}
		if b.Writes {
			a.checkBody(b.Decl, b.Res)
		}
	}
	order := a.Order
	callers := a.methodCallers()
	a.checkDeclRegions(order, callers)
	a.reportReadLocked()
	a.checkTypes(order, callers)
	a.checkGlobals(order)
	a.checkHandlers()
	return nil, nil
}

// checkDeclRegions compares the goroutines each function starts with the
// function's own code. A method whose callers in the package all hold
// some of its receiver's locks runs under them (the starter still holds
// its caller's lock after a go statement); the goroutine holds none.
func (a *checker) checkDeclRegions(order []*types.Func, callers map[*types.Func]*mapeffects.Lockset) {
	for _, fn := range order {
		st := a.state[fn]
		if st == nil || len(st.Res.GoSites) == 0 {
			continue
		}
		if ls, ok := callers[fn]; ok && len(*ls) > 0 && !fn.Exported() {
			res := *st.Res
			res.Accesses = slices.Clone(res.Accesses)
			for i := range res.Accesses {
				acc := &res.Accesses[i]
				acc.Held = mapeffects.Union(acc.Held, *ls)
			}
			withCallers := *st
			withCallers.Res = &res
			a.state[fn], st = &withCallers, &withCallers
		}
		a.checkRegions(st.Scope, st.Res)
	}
}

// noteTypeDocs remembers the types whose doc comment rules out concurrent
// use ("not safe for concurrent use").
func (a *checker) noteTypeDocs(d *ast.GenDecl) {
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
		if tn, ok := a.Info.Defs[ts.Name].(*types.TypeName); ok {
			if a.sequential == nil {
				a.sequential = make(map[*types.TypeName]bool)
			}
			a.sequential[tn] = true
		}
	}
}
