package suppress_test

import (
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/maplint/maplint/passes/internal/suppress"
	"github.com/maplint/maplint/passes/internal/suppress/internal/toy"
)

func TestWrap(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), suppress.Wrap(toy.Analyzer, nil), "a", "gen")
}

// TestWrapInSuite checks //maplint:file-ignore, and that directives naming
// no analyzer of the suite are reported by the analyzer closest to them.
func TestWrapInSuite(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), suppress.Wrap(toy.Analyzer, []string{"toy", "other"}), "b", "c")
}

func TestWrapLeavesOriginalAlone(t *testing.T) {
	w := suppress.Wrap(toy.Analyzer, nil)
	if w == toy.Analyzer {
		t.Fatal("Wrap returned its argument; want a copy")
	}
	if w.Name != toy.Analyzer.Name || w.Doc != toy.Analyzer.Doc {
		t.Errorf("Wrap changed Name or Doc: %q %q", w.Name, w.Doc)
	}
}

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		comment string
		names   []string
		reason  string
		ok      bool
	}{
		{"//maplint:ignore concwrite guarded by mu", []string{"concwrite"}, "guarded by mu", true},
		{"//maplint:ignore concwrite,rangemut  two   spaces", []string{"concwrite", "rangemut"}, "two spaces", true},
		{"//maplint:ignore concwrite", []string{"concwrite"}, "", true},
		{"//maplint:ignore", nil, "", true},
		{"//maplint:ignored concwrite x", nil, "", false},
		{"// maplint:ignore concwrite x", nil, "", false},
		{"//nolint:maplint", nil, "", false},
	} {
		names, reason, ok := suppress.Parse(tc.comment)
		if ok != tc.ok || reason != tc.reason || !slices.Equal(names, tc.names) {
			t.Errorf("Parse(%q) = %q, %q, %v; want %q, %q, %v", tc.comment, names, reason, ok, tc.names, tc.reason, tc.ok)
		}
	}
}
