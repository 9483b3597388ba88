package rangemut_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/maplint/maplint/passes/rangemut"
)

func TestAnalyzer(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), rangemut.Analyzer, "a", "fiximport")
}

// TestAcrossPackages checks that what a function inserts into reaches
// the packages that call it, through mapeffects' facts: user ranges over
// maps that helper's functions and methods insert into.
func TestAcrossPackages(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), rangemut.Analyzer, "helper", "user")
}

// TestGoldensCompile type-checks every package's .golden files in place
// of its .go files: a suggested fix must leave code that builds.
func TestGoldensCompile(t *testing.T) {
	for _, pkg := range []string{"a", "fiximport"} {
		dir := filepath.Join(analysistest.TestData(), "src", pkg)
		goldens, err := filepath.Glob(filepath.Join(dir, "*.go.golden"))
		if err != nil || len(goldens) == 0 {
			t.Fatalf("%s: no golden files (%v)", pkg, err)
		}
		fset := token.NewFileSet()
		var files []*ast.File
		for _, name := range goldens {
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			f, err := parser.ParseFile(fset, name, src, 0)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			files = append(files, f)
		}
		conf := types.Config{Importer: importer.Default()}
		if _, err := conf.Check(pkg, fset, files, nil); err != nil {
			t.Errorf("fixed package %s does not compile: %v", pkg, err)
		}
	}
}

// TestNoFixBeforeGo121 checks that files older than Go 1.21, which has no
// maps package, get the report without a fix.
func TestNoFixBeforeGo121(t *testing.T) {
	dir := filepath.Join(analysistest.TestData(), "src", "oldgo")
	for _, r := range analysistest.Run(t, dir, rangemut.Analyzer, "oldgo") {
		for _, d := range r.Diagnostics {
			if len(d.SuggestedFixes) != 0 {
				t.Errorf("%v: fix offered in a go1.20 file", r.Pass.Fset.Position(d.Pos))
			}
		}
	}
}
