package mapeffects_test

import (
	"go/ast"
	"go/token"
	"go/types"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/maplint/maplint/passes/internal/mapeffects"
)

// TestSummaries checks the summary of every function whose declaration
// line ends in a "// summary: REGEXP" comment: the regular expression
// must match the summary's String. The package facts are checked by
// analysistest, with // want package:"…".
func TestSummaries(t *testing.T) {
	checked := 0
	for _, r := range analysistest.Run(t, analysistest.TestData(), mapeffects.Analyzer, "helper", "locks", "twopaths", "cycle") {
		effects := r.Result.(*mapeffects.Analysis)
		for _, f := range r.Pass.Files {
			for _, d := range f.Decls {
				decl, ok := d.(*ast.FuncDecl)
				if !ok {
					continue
				}
				want, ok := summaryComment(r.Pass.Fset.Position(decl.Pos()).Line, f, r.Pass.Fset)
				if !ok {
					continue
				}
				checked++
				fn := r.Pass.TypesInfo.Defs[decl.Name].(*types.Func)
				got := ""
				if sum := effects.SummaryOf(fn); sum != nil {
					got = sum.String()
				}
				if !regexp.MustCompile(want).MatchString(got) {
					t.Errorf("%s: summary of %s is %q, want a match for %q", r.Pass.Fset.Position(decl.Pos()), fn.Name(), got, want)
				}
			}
		}
	}
	if checked < 15 {
		t.Fatalf("checked %d summaries; the testdata has more", checked)
	}
}

// summaryComment returns the regular expression of the "// summary: "
// comment on line of f.
func summaryComment(line int, f *ast.File, fset *token.FileSet) (string, bool) {
	for _, g := range f.Comments {
		for _, c := range g.List {
			if fset.Position(c.Pos()).Line == line {
				if want, ok := strings.CutPrefix(c.Text, "// summary: "); ok {
					return want, true
				}
			}
		}
	}
	return "", false
}

// TestSharedFields checks which map fields are found to hold one map for
// all the values a loop makes.
func TestSharedFields(t *testing.T) {
	r := analysistest.Run(t, analysistest.TestData(), mapeffects.Analyzer, "sharedfields")[0]
	var got []string
	for f := range r.Result.(*mapeffects.Analysis).SharedFields {
		got = append(got, f.Name())
	}
	slices.Sort(got)
	if want := []string{"cache", "seen"}; !slices.Equal(got, want) {
		t.Errorf("shared fields: got %v, want %v", got, want)
	}
}

// TestInnermostLoop checks InnermostLoop at every "// innermost: L"
// comment, against the loop whose line carries "// loop: L".
func TestInnermostLoop(t *testing.T) {
	r := analysistest.Run(t, analysistest.TestData(), mapeffects.Analyzer, "loops")[0]
	effects := r.Result.(*mapeffects.Analysis)
	fset := r.Pass.Fset
	loopAt := make(map[int]string) // line -> label
	var checks []*ast.Comment
	for _, g := range r.Pass.Files[0].Comments {
		for _, c := range g.List {
			if label, ok := strings.CutPrefix(c.Text, "// loop: "); ok {
				loopAt[fset.Position(c.Pos()).Line] = label
			}
			if strings.HasPrefix(c.Text, "// innermost: ") {
				checks = append(checks, c)
			}
		}
	}
	if len(checks) < 8 {
		t.Fatalf("found %d checks in the testdata, want 8 or more", len(checks))
	}
	for _, c := range checks {
		want := strings.TrimPrefix(c.Text, "// innermost: ")
		got := "none"
		if l := effects.InnermostLoop(c.Pos()); l != nil {
			got = loopAt[fset.Position(l.Pos()).Line]
		}
		if got != want {
			t.Errorf("%s: innermost loop %s, want %s", fset.Position(c.Pos()), got, want)
		}
	}
}
