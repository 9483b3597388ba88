package concwrite_test

import (
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
