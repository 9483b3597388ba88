package mapeffects

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/maplint/maplint/passes/internal/mapkeys"
)

// Analyzer computes, once per package, what each function does to the
// maps its callers can see, and exports it as a Summaries fact. Its
// result is the package's *Analysis.
var Analyzer = &analysis.Analyzer{
	Name:       "mapeffects",
	Doc:        "compute what each function does to maps reachable from its receiver, parameters and package variables",
	URL:        "https://github.com/maplint/maplint/tree/main/passes/internal/mapeffects",
	Requires:   []*analysis.Analyzer{inspect.Analyzer, ctrlflow.Analyzer},
	FactTypes:  []analysis.Fact{new(Summaries)},
	ResultType: reflect.TypeFor[*Analysis](),
	Run:        run,
}

func run(pass *analysis.Pass) (any, error) {
	a := &Analysis{
		Pass:        pass,
		Info:        pass.TypesInfo,
		CFGs:        pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs),
		Decls:       make(map[*types.Func]*ast.FuncDecl),
		declCursors: make(map[*types.Func]inspector.Cursor),
		State:       make(map[*types.Func]*DeclResult),
		RangeOf:     make(map[ast.Expr]*ast.RangeStmt),
		GoMethods:   make(map[*types.Func][]token.Pos),
		Outliving:   make(map[*types.Func]bool),
		imported:    make(map[*types.Package]*Summaries),
	}
	for _, f := range pass.AllPackageFacts() {
		if sums, ok := f.Fact.(*Summaries); ok && f.Package != pass.Pkg {
			a.imported[f.Package] = sums
		}
	}
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	a.Keys = mapkeys.Scan(pass)
	a.SharedFields = a.sharedFields(ins)
	a.FieldFuncs = FindFieldFuncs(pass.TypesInfo, ins)
	a.collectDecls(ins)
	a.nestLoops()
	a.JobQueues = a.FindJobQueues(ins)
	for _, fn := range a.Order {
		a.AnalyzeDecl(fn)
	}
	a.exportSummaries()
	return a, nil
}

// collectDecls records the package's function declarations with a body,
// in source order, and its loops.
func (a *Analysis) collectDecls(ins *inspector.Inspector) {
	for cur := range ins.Root().Preorder((*ast.FuncDecl)(nil), (*ast.RangeStmt)(nil), (*ast.ForStmt)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.FuncDecl:
			if fn, ok := a.Info.Defs[n.Name].(*types.Func); ok && n.Body != nil {
				a.Decls[fn] = n
				a.declCursors[fn] = cur
				a.Order = append(a.Order, fn)
			}
		case *ast.RangeStmt:
			a.RangeOf[n.X] = n
			a.Loops = append(a.Loops, n)
		case *ast.ForStmt:
			a.Loops = append(a.Loops, n)
		}
	}
}

// exportSummaries exports the summaries of the functions other packages
// can call: the exported ones.
func (a *Analysis) exportSummaries() {
	exported := new(Summaries)
	for _, fn := range a.Order {
		if st := a.State[fn]; st != nil && fn.Exported() && !st.Summary.Empty() {
			if k := FuncKey(fn); k != "" {
				exported.Funcs = append(exported.Funcs, FuncSummary{k, st.Summary})
			}
		}
	}
	slices.SortFunc(exported.Funcs, func(x, y FuncSummary) int { return strings.Compare(x.Key, y.Key) })
	if len(exported.Funcs) > 0 {
		a.Pass.ExportPackageFact(exported)
	}
}
