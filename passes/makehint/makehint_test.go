package makehint_test

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/maplint/maplint/passes/internal/mapcost"
	"github.com/maplint/maplint/passes/makehint"
	"github.com/maplint/maplint/sizer"
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

// TestFiguresComeFromSizer checks every figure in the messages against
// the sizer's estimate, for both layouts.
func TestFiguresComeFromSizer(t *testing.T) {
	sizes := types.SizesFor("gc", "amd64")
	cases := []struct {
		line       int
		key, elem  types.Type
		entries    int64
		constant   bool
		subject    string // the count as the message describes it
		hintedMake string
	}{
		{7, types.Typ[types.Int64], types.Typ[types.Int64], 10_000, false, "len(xs) entries", "make(map[int64]int64, len(xs))"},
		{15, types.Typ[types.Int], types.NewArray(types.Typ[types.Byte], 200), 300, true, "len(arr) = 300 entries", "make(map[int][200]byte, len(arr))"},
		{23, types.Typ[types.Int], types.NewStruct(nil, nil), 50, true, "50 entries", "make(map[int]struct{}, 50)"},
		{31, types.Typ[types.Int32], types.Typ[types.String], 10_000, false, "int32(n) entries", "make(map[int32]string, int32(n))"},
	}
	for _, layout := range []sizer.Layout{sizer.Swiss, sizer.Classic} {
		t.Run(layout.String(), func(t *testing.T) {
			setLayout(t, layout)
			results := analysistest.Run(t, analysistest.TestData(), makehint.Analyzer, "figures")
			got := map[int]string{}
			for _, r := range results {
				for _, d := range r.Diagnostics {
					got[r.Pass.Fset.Position(d.Pos).Line] = d.Message
				}
			}
			for _, c := range cases {
				m := sizer.Of(c.key, c.elem, sizes)
				unhinted := m.Estimate(layout, c.entries, false)
				hinted := m.Estimate(layout, c.entries, true)
				if unhinted.Growths == 0 || hinted.AllocBytes == 0 {
					t.Fatalf("line %d: the sizer predicts no growth; pick a larger case", c.line)
				}
				at := fmt.Sprintf("at %s entries (a representative size),", sizer.FormatCount(c.entries))
				if c.constant {
					at = "at its " + sizer.FormatCount(c.entries) + " entries,"
				}
				want := fmt.Sprintf("m is filled with %s without a size hint: use %s to allocate its table once; without it, %s it grows %d times while filling and allocates %.1fx the bytes (%s vs %s hinted, %s)",
					c.subject, c.hintedMake, at, unhinted.Growths,
					float64(unhinted.AllocBytes)/float64(hinted.AllocBytes),
					mapcost.Bytes(float64(unhinted.AllocBytes)), mapcost.Bytes(float64(hinted.AllocBytes)), layout)
				if got[c.line] != want {
					t.Errorf("line %d:\n got %q\nwant %q", c.line, got[c.line], want)
				}
			}
		})
	}
}

// TestRepresentativeFigures pins the figures of the most common case,
// map[int64]int64 filled with 10,000 entries, to the values measured on
// the runtime (/work/shared/notes/runtime-maps.md: about 2.0x on swiss
// tables, 2.15x on classic buckets): a sizer regression shows here.
func TestRepresentativeFigures(t *testing.T) {
	m := sizer.Of(types.Typ[types.Int64], types.Typ[types.Int64], types.SizesFor("gc", "amd64"))
	for layout, want := range map[sizer.Layout][2]float64{sizer.Swiss: {1.9, 2.1}, sizer.Classic: {2.0, 2.3}} {
		ratio := float64(m.Estimate(layout, 10_000, false).AllocBytes) / float64(m.Estimate(layout, 10_000, true).AllocBytes)
		if ratio < want[0] || ratio > want[1] {
			t.Errorf("%s: unhinted/hinted bytes at 10,000 entries = %.2f, want %.2f..%.2f", layout, ratio, want[0], want[1])
		}
	}
}

func TestLayoutFlag(t *testing.T) {
	if err := makehint.Analyzer.Flags.Set("layout", "buckets"); err == nil {
		t.Error("-layout=buckets accepted")
	}
	setLayout(t, sizer.Classic)
	if got := makehint.Analyzer.Flags.Lookup("layout").Value.String(); got != "classic" {
		t.Errorf("-layout = %q after setting classic", got)
	}
}

func setLayout(t *testing.T, l sizer.Layout) {
	t.Helper()
	if err := makehint.Analyzer.Flags.Set("layout", l.String()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { makehint.Analyzer.Flags.Set("layout", sizer.Swiss.String()) })
}
