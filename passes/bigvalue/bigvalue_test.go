package bigvalue_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/maplint/maplint/passes/bigvalue"
	"github.com/maplint/maplint/passes/internal/mapcost"
	"github.com/maplint/maplint/sizer"
)

func TestAnalyzer(t *testing.T) {
	for _, pkg := range []string{"a", "generic", "broken", "api", "command", "lib/internal/store", "foreign"} {
		t.Run(pkg, func(t *testing.T) {
			results := analysistest.Run(t, analysistest.TestData(), bigvalue.Analyzer, pkg)
			checkFigures(t, results, sizer.Swiss)
		})
	}
}

func TestClassicLayout(t *testing.T) {
	setLayout(t, "classic")
	results := analysistest.Run(t, analysistest.TestData(), bigvalue.Analyzer, "classic")
	checkFigures(t, results, sizer.Classic)
}

// Test386 checks that sizes come from the target architecture: on 386 a
// pointer is 4 bytes, and the figures change with it.
func Test386(t *testing.T) {
	t.Setenv("GOARCH", "386")
	results := analysistest.Run(t, analysistest.TestData(), bigvalue.Analyzer, "arch386")
	for _, r := range results {
		if got := r.Pass.TypesSizes.Sizeof(types.Typ[types.UnsafePointer]); got != 4 {
			t.Fatalf("pointer size %d on GOARCH=386", got)
		}
	}
	checkFigures(t, results, sizer.Swiss)
}

func setLayout(t *testing.T, value string) {
	t.Helper()
	if err := bigvalue.Analyzer.Flags.Set("layout", value); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { bigvalue.Analyzer.Flags.Set("layout", "swiss") })
}

// figure matches every number a message quotes.
var figure = regexp.MustCompile(`\d[\d,.]*( [kMG]?B|%| entr)`)

// checkFigures recomputes with the sizer every figure quoted by every
// diagnostic of results, and fails unless each is the sizer's own and
// none is left unchecked.
func checkFigures(t *testing.T, results []*analysistest.Result, layout sizer.Layout) {
	t.Helper()
	checked := 0
	for _, r := range results {
		for _, d := range r.Diagnostics {
			want := expectedFigures(t, r.Pass, d, layout)
			for _, w := range want {
				if !strings.Contains(d.Message, w) {
					t.Errorf("%s: message %q lacks the sizer's figure %q", r.Pass.Fset.Position(d.Pos), d.Message, w)
				}
			}
			var wantFigures []string
			for _, w := range want {
				wantFigures = append(wantFigures, figure.FindAllString(w, -1)...)
			}
			if got := figure.FindAllString(d.Message, -1); !slices.Equal(sorted(got), sorted(wantFigures)) {
				t.Errorf("%s: message %q quotes figures %q, the sizer's are %q", r.Pass.Fset.Position(d.Pos), d.Message, got, wantFigures)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Error("no diagnostics to check")
	}
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// expectedFigures returns, as they must appear in d's message, the
// figures the sizer gives for the map type or range statement at d.
func expectedFigures(t *testing.T, pass *analysis.Pass, d analysis.Diagnostic, layout sizer.Layout) []string {
	t.Helper()
	node := nodeAt(pass, d)
	switch n := node.(type) {
	case *ast.Ident: // the value variable of a range statement
		mt := pass.TypesInfo.Defs[n].Type()
		elem := sizer.TypeOf(mt, pass.TypesSizes)
		return []string{fmt.Sprintf("copies a %s ", mapcost.Bytes(float64(elem.Size)))}
	case *ast.MapType:
		mt := pass.TypesInfo.TypeOf(n).(*types.Map)
		m := sizer.Of(mt.Key(), mt.Elem(), pass.TypesSizes)
		size := mapcost.Size{Entries: mapcost.RepresentativeEntries}
		if hint, ok := hintOf(pass, n); ok {
			size = mapcost.Size{Entries: hint, Hinted: true}
		}
		alts := m.Alternatives(layout, size.Entries)
		var cheaper []string // alternatives to an inline value that save 30% or more
		if !m.IndirectElem() && m.Elem.Size > 64 {
			for _, alt := range []sizer.Fill{alts.PointerElem, alts.IndexIntoSlice} {
				saving := 1 - float64(alt.LiveBytes)/float64(alts.Hinted.LiveBytes)
				quoted := fmt.Sprintf(" about %s (", mapcost.Bytes(alt.LiveBytesPerEntry()))
				if saving < 0.30 {
					if strings.Contains(d.Message, quoted) {
						t.Errorf("%s: alternative saving only %.1f%% quoted: %q", pass.Fset.Position(d.Pos), 100*saving, d.Message)
					}
					continue
				}
				cheaper = append(cheaper, fmt.Sprintf("%s%d%% less)", quoted, int(100*saving)))
			}
		}
		var want []string
		if m.IndirectKey() {
			want = append(want, fmt.Sprintf(" is %s, stored out of line", mapcost.Bytes(float64(m.Key.Size))))
		}
		if m.IndirectElem() {
			want = append(want, fmt.Sprintf(" is %s, stored out of line", mapcost.Bytes(float64(m.Elem.Size))))
		} else if len(cheaper) > 0 {
			want = append(want, fmt.Sprintf(" is %s stored inline", mapcost.Bytes(float64(m.Elem.Size))))
		}
		want = append(want, fmt.Sprintf("about %s per entry live at %s (%s);",
			mapcost.Bytes(alts.Hinted.LiveBytesPerEntry()), size, layout))
		// The words about allocations are claims too.
		if m.IndirectElem() && alts.PointerElem.Mallocs != alts.Hinted.Mallocs {
			t.Errorf("%s: map[K]*V said to have the same allocations, but the sizer counts %d, not %d",
				pass.Fset.Position(d.Pos), alts.PointerElem.Mallocs, alts.Hinted.Mallocs)
		}
		if strings.Contains(d.Message, "at one allocation per entry") && alts.PointerElem.Mallocs-alts.Hinted.Mallocs != size.Entries {
			t.Errorf("%s: map[K]*V said to cost one allocation per entry, but the sizer counts %d more for %d entries",
				pass.Fset.Position(d.Pos), alts.PointerElem.Mallocs-alts.Hinted.Mallocs, size.Entries)
		}
		if m.IndirectElem() {
			want = append(want, fmt.Sprintf("*%s costs about %s per entry with the same allocations",
				types.TypeString(mt.Elem(), byName(pass.Pkg)), mapcost.Bytes(alts.PointerElem.LiveBytesPerEntry())))
		}
		want = append(want, cheaper...)
		return want
	}
	t.Fatalf("%s: diagnostic on unexpected node %T", pass.Fset.Position(d.Pos), node)
	return nil
}

// byName qualifies the types of other packages by package name, as the
// messages do.
func byName(pkg *types.Package) types.Qualifier {
	return func(p *types.Package) string {
		if p == pkg {
			return ""
		}
		return p.Name()
	}
}

// nodeAt returns the map type or identifier exactly spanned by d.
func nodeAt(pass *analysis.Pass, d analysis.Diagnostic) ast.Node {
	var found ast.Node
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			if n == nil || found != nil {
				return false
			}
			switch n.(type) {
			case *ast.MapType, *ast.Ident:
				if n.Pos() == d.Pos && n.End() == d.End {
					found = n
				}
			}
			return n.Pos() <= d.Pos && d.Pos < n.End()
		})
	}
	return found
}

// hintOf returns the constant hint of the make call whose type is mt.
func hintOf(pass *analysis.Pass, mt *ast.MapType) (int64, bool) {
	var hint int64
	var ok bool
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			call, isCall := n.(*ast.CallExpr)
			if isCall && len(call.Args) == 2 && ast.Unparen(call.Args[0]) == mt {
				if id, isIdent := call.Fun.(*ast.Ident); isIdent && id.Name == "make" {
					if tv := pass.TypesInfo.Types[call.Args[1]]; tv.Value != nil {
						fmt.Sscan(tv.Value.ExactString(), &hint)
						ok = hint > 0
					}
				}
			}
			return true
		})
	}
	return hint, ok
}

// TestThreshold checks the rule for inline values against the sizer over
// every size from 60 to 136 bytes, with and without a make hint: a map
// type is reported exactly when its value is over 64 bytes and either
// stored out of line or the sizer shows map[K]*V or an index into a []V
// saving at least 30% of live bytes (nothing deletes from these maps).
func TestThreshold(t *testing.T) {
	var unexpected recorder // every report is "unexpected": there are no wants
	results := analysistest.Run(&unexpected, analysistest.TestData(), bigvalue.Analyzer, "threshold")
	if len(results) != 1 {
		t.Fatalf("%d results", len(results))
	}
	pass := results[0].Pass
	reported := map[token.Pos]bool{}
	for _, d := range results[0].Diagnostics {
		reported[d.Pos] = true
	}
	var sites, positives int
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			mt, ok := n.(*ast.MapType)
			if !ok {
				return true
			}
			typ := pass.TypesInfo.TypeOf(mt).(*types.Map)
			m := sizer.Of(typ.Key(), typ.Elem(), pass.TypesSizes)
			entries := int64(mapcost.RepresentativeEntries)
			if hint, ok := hintOf(pass, mt); ok {
				entries = hint
			}
			alts := m.Alternatives(sizer.Swiss, entries)
			bar := 0.7 * float64(alts.Hinted.LiveBytes)
			want := m.IndirectKey() || m.IndirectElem() ||
				m.Elem.Size > 64 && (float64(alts.PointerElem.LiveBytes) <= bar || float64(alts.IndexIntoSlice.LiveBytes) <= bar)
			if reported[mt.Pos()] != want {
				t.Errorf("%s: %s at %d entries: reported %v, want %v (live %d B, pointer %d B, index %d B)",
					pass.Fset.Position(mt.Pos()), typ, entries, reported[mt.Pos()], want,
					alts.Hinted.LiveBytes, alts.PointerElem.LiveBytes, alts.IndexIntoSlice.LiveBytes)
			}
			sites++
			if want {
				positives++
			}
			return true
		})
	}
	t.Logf("%d map types, %d reported", sites, positives)
	if positives == 0 || positives == sites {
		t.Errorf("threshold testdata does not exercise the bar: %d of %d reported", positives, sites)
	}
	checkFigures(t, results, sizer.Swiss)
}

// recorder is an analysistest.Testing that keeps what it is told.
type recorder struct{ errors []string }

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

// TestDocExample checks that doc.go quotes, word for word, what the
// analyzer reports on its example (testdata/src/docexample).
func TestDocExample(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", nil, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		t.Fatal(err)
	}
	doc := strings.Join(strings.Fields(f.Doc.Text()), " ")
	results := analysistest.Run(t, analysistest.TestData(), bigvalue.Analyzer, "docexample")
	n := 0
	for _, r := range results {
		for _, d := range r.Diagnostics {
			n++
			if msg := strings.Join(strings.Fields(d.Message), " "); !strings.Contains(doc, msg) {
				t.Errorf("doc.go does not quote the message on its example:\n%s", d.Message)
			}
		}
	}
	checkFigures(t, results, sizer.Swiss)
	if n != 2 {
		t.Errorf("%d diagnostics on the doc example, want 2", n)
	}
}
