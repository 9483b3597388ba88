package concwrite_test

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"path/filepath"
	"slices"
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

// TestRelatedInformation checks that a race reached through a call is
// reported at the access inside the callee, with the call, the other
// access and the go statement as related information.
func TestRelatedInformation(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), concwrite.Analyzer, "goroutines")
	var found bool
	for _, r := range results {
		for _, d := range r.Diagnostics {
			posn := r.Pass.Fset.Position(d.Pos)
			if filepath.Base(posn.Filename) != "goroutines.go" || posn.Line != 114 {
				continue
			}
			found = true
			var got []string
			for _, rel := range d.Related {
				p := r.Pass.Fset.Position(rel.Pos)
				got = append(got, fmt.Sprintf("%d: %s", p.Line, rel.Message))
			}
			want := []string{
				"121: reached through the call of s.add here",
				"118: the other access: s.items read here",
				"117: the goroutine is started here",
			}
			if !slices.Equal(got, want) {
				t.Errorf("related information of %q:\ngot  %q\nwant %q", d.Message, got, want)
			}
		}
	}
	if !found {
		t.Fatal("no diagnostic at goroutines.go:114, the write inside s.add")
	}
}
