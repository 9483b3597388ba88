package concwrite_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/maplint/maplint/passes/concwrite"
)

func TestGoroutines(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), concwrite.Analyzer, "goroutines")
}

func TestSynchronisationIdioms(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), concwrite.Analyzer, "sync_ok")
}

func TestTypeRule(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), concwrite.Analyzer, "typerule")
}

func TestHandlers(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), concwrite.Analyzer, "handlers", "dockershim")
}

func TestAcrossPackages(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), concwrite.Analyzer, "buildlib", "builds")
}

func TestReadLockFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), concwrite.Analyzer, "rlock")
}

// TestReadLockFixCompiles type-checks the code the RLock fix produces.
func TestReadLockFixCompiles(t *testing.T) {
	fset := token.NewFileSet()
	golden := filepath.Join(analysistest.TestData(), "src", "rlock", "rlock.go.golden")
	f, err := parser.ParseFile(fset, golden, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	if _, err := conf.Check("rlock", fset, []*ast.File{f}, nil); err != nil {
		t.Errorf("fixed code does not type-check: %v", err)
	}
}

func TestRealShapes(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), concwrite.Analyzer, "shapes")
}
