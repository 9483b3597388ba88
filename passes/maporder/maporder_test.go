package maporder_test

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

	"github.com/maplint/maplint/passes/maporder"
)

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), maporder.Analyzer, "a")
}

func TestFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), maporder.Analyzer, "fix", "fiximport")
}

// TestOldGo checks the fix for a Go 1.20 module: sort.Strings, as there
// is no slices package.
func TestOldGo(t *testing.T) {
	dir := filepath.Join(analysistest.TestData(), "src", "oldgo")
	analysistest.RunWithSuggestedFixes(t, dir, maporder.Analyzer, "oldgo")
}

// TestGoldensCompile type-checks every package's .golden files in place
// of its .go files: a suggested fix must leave code that builds.
func TestGoldensCompile(t *testing.T) {
	for _, pkg := range []string{"fix", "fiximport", "oldgo"} {
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
		// Packages without a golden file (no fix) are type-checked as is.
		sources, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, name := range sources {
			if _, err := os.Stat(name + ".golden"); err == nil {
				continue
			}
			f, err := parser.ParseFile(fset, name, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, f)
		}
		conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
		if pkg == "oldgo" {
			conf.GoVersion = "go1.20"
		}
		if _, err := conf.Check(pkg, fset, files, nil); err != nil {
			t.Errorf("fixed package %s does not compile: %v", pkg, err)
		}
	}
}
