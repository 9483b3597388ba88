package suite

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

func TestAnalyzersAreStableAndValid(t *testing.T) {
	first, second := Analyzers(), Analyzers()
	if len(first) == 0 {
		t.Fatal("no analyzers")
	}
	for i := range first {
		if first[i] != second[i] {
			t.Errorf("Analyzers() returned a new %s on the second call: drivers key flags and facts by analyzer", first[i].Name)
		}
	}
	if err := analysis.Validate(first); err != nil {
		t.Error(err)
	}
}

func TestForDriversTurnsPanicIntoError(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", "package p\n", 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := new(types.Config).Check("example.com/p", fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	panicky := &analysis.Analyzer{
		Name: "panicky",
		Doc:  "panicky: panics",
		Run:  func(*analysis.Pass) (any, error) { panic("boom") },
	}
	pass := &analysis.Pass{
		Analyzer: panicky,
		Fset:     fset,
		Files:    []*ast.File{f},
		Pkg:      pkg,
		Report:   func(analysis.Diagnostic) {},
	}
	_, err = forDrivers(panicky, nil).Run(pass)
	if err == nil || !strings.Contains(err.Error(), "internal error in panicky on package example.com/p") || !strings.Contains(err.Error(), "boom") {
		t.Errorf("err = %v, want an internal error naming the analyzer, the package and the panic", err)
	}
}

func TestSetLayoutReachesEveryLayoutFlag(t *testing.T) {
	analyzers := Analyzers()
	defer SetLayout(analyzers, "swiss")
	if err := SetLayout(analyzers, "classic"); err != nil {
		t.Fatal(err)
	}
	var withLayout int
	for _, a := range analyzers {
		if f := a.Flags.Lookup("layout"); f != nil {
			withLayout++
			if got := f.Value.String(); got != "classic" {
				t.Errorf("%s layout = %q after SetLayout(classic)", a.Name, got)
			}
		}
	}
	if withLayout < 3 {
		t.Errorf("%d analyzers have a layout flag, want rangemut, makehint and bigvalue at least", withLayout)
	}
	if err := SetLayout(analyzers, "hashed"); err == nil || !strings.Contains(err.Error(), "hashed") {
		t.Errorf("SetLayout(hashed) = %v, want an error naming the value", err)
	}
}

func TestSeverityAndDocURL(t *testing.T) {
	for name, want := range map[string]Severity{"concwrite": Error, "rangemut": Warning, "makehint": Suggestion, "bigvalue": Suggestion, "a-new-analyzer": Warning} {
		if got := SeverityOf(name); got != want {
			t.Errorf("SeverityOf(%s) = %s, want %s", name, got, want)
		}
	}
	for _, a := range Analyzers() {
		if !strings.HasSuffix(a.URL, "/passes/"+a.Name+"/doc.go") {
			t.Errorf("%s's URL %s is not its documentation", a.Name, a.URL)
		}
	}
}
