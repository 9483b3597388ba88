package makehint_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/maplint/maplint/passes/makehint"
)

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), makehint.Analyzer, "a", "generic", "broken")
}

func TestSuggestedFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), makehint.Analyzer, "fix")
}

// TestGoldenCompiles type-checks the fixed code: a hint the fix writes
// must be a valid expression where the map is made.
func TestGoldenCompiles(t *testing.T) {
	goldens, err := filepath.Glob(filepath.Join(analysistest.TestData(), "src", "fix", "*.golden"))
	if err != nil || len(goldens) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range goldens {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	if _, err := conf.Check("fix", fset, files, nil); err != nil {
		t.Errorf("fixed code does not type-check: %v", err)
	}
}
