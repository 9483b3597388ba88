package golangci

import (
	"errors"
	"go/token"
	"slices"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
)

// fakes returns analyzers shaped like maplint's: two with a layout flag,
// one with a numeric flag, one with none.
func fakes() []*analysis.Analyzer {
	mk := func(name string, flags ...string) *analysis.Analyzer {
		a := &analysis.Analyzer{Name: name, Doc: name + ": test", Run: func(*analysis.Pass) (any, error) { return nil, nil }}
		for _, f := range flags {
			switch f {
			case "layout":
				a.Flags.Var(new(layoutValue), "layout", "swiss or classic")
			case "threshold":
				a.Flags.Int("threshold", 128, "bytes")
			}
		}
		return a
	}
	return []*analysis.Analyzer{mk("concwrite"), mk("rangemut"), mk("makehint", "layout"), mk("bigvalue", "layout", "threshold")}
}

type layoutValue string

func (v *layoutValue) String() string { return string(*v) }
func (v *layoutValue) Set(s string) error {
	if s != "swiss" && s != "classic" {
		return errors.New("want swiss or classic")
	}
	*v = layoutValue(s)
	return nil
}

// yaml is what golangci-lint passes New: its YAML settings decoded into
// generic maps.
func yaml(kv ...any) map[string]any {
	m := map[string]any{}
	for i := 0; i < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1]
	}
	return m
}

func selectedNames(t *testing.T, conf any, all []*analysis.Analyzer) []string {
	t.Helper()
	p, err := newPlugin(conf, all)
	if err != nil {
		t.Fatalf("newPlugin(%v): %v", conf, err)
	}
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	return analyzerNamesOf(as)
}

func TestSelection(t *testing.T) {
	for _, tc := range []struct {
		conf any
		want []string
	}{
		{nil, []string{"concwrite", "rangemut", "makehint", "bigvalue"}},
		{yaml(), []string{"concwrite", "rangemut", "makehint", "bigvalue"}},
		{yaml("disable", []any{"makehint"}), []string{"concwrite", "rangemut", "bigvalue"}},
		{yaml("enable", []any{"rangemut", "concwrite"}), []string{"concwrite", "rangemut"}},
		{yaml("enable", []any{"rangemut", "concwrite"}, "disable", []any{"concwrite"}), []string{"rangemut"}},
		// maplint.toml's key, in staticcheck's list syntax.
		{yaml("analyzers", []any{"all", "-makehint"}), []string{"concwrite", "rangemut", "bigvalue"}},
		{yaml("analyzers", []any{"-makehint"}, "disable", []any{"bigvalue"}), []string{"concwrite", "rangemut"}},
	} {
		if got := selectedNames(t, tc.conf, fakes()); !slices.Equal(got, tc.want) {
			t.Errorf("settings %v select %v, want %v", tc.conf, got, tc.want)
		}
	}
}

func TestLayoutAndFlags(t *testing.T) {
	all := fakes()
	_, err := newPlugin(yaml("layout", "classic", "flags", yaml("bigvalue", yaml("threshold", 256))), all)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range all {
		if f := a.Flags.Lookup("layout"); f != nil && f.Value.String() != "classic" {
			t.Errorf("%s layout = %q, want classic", a.Name, f.Value)
		}
	}
	if got := all[3].Flags.Lookup("threshold").Value.String(); got != "256" {
		t.Errorf("bigvalue threshold = %s, want 256", got)
	}
	// maplint.toml's form: a table per analyzer.
	all = fakes()
	if _, err := newPlugin(yaml("bigvalue", yaml("threshold", 512)), all); err != nil {
		t.Fatal(err)
	}
	if got := all[3].Flags.Lookup("threshold").Value.String(); got != "512" {
		t.Errorf("bigvalue threshold = %s, want 512", got)
	}
}

func TestErrorsNameTheSetting(t *testing.T) {
	for _, tc := range []struct {
		conf any
		want []string // substrings of the error
	}{
		{yaml("disabel", []any{"makehint"}), []string{"maplint settings", `unknown key "disabel"`}},
		{yaml("analyzers", []any{"all", "-concwirte"}), []string{"analyzers", `"-concwirte"`}},
		{yaml("bigvalue", yaml("treshold", 1)), []string{"bigvalue.treshold", "threshold"}},
		{yaml("fail", []any{"concwrite"}), []string{"fail", "golangci-lint decides"}},
		{yaml("enable", []any{"concwrite", "mapwrite"}), []string{"enable", `"mapwrite"`, "concwrite, rangemut, makehint, bigvalue"}},
		{yaml("disable", []any{"bigvalues"}), []string{"disable", `"bigvalues"`}},
		{yaml("enable", []any{"concwrite"}, "disable", []any{"concwrite"}), []string{"no analyzer"}},
		{yaml("layout", "noswiss"), []string{"layout", `"noswiss"`, "swiss", "classic"}},
		{yaml("flags", yaml("bigvalue", yaml("treshold", 1))), []string{"flags.bigvalue", `"treshold"`, "threshold"}},
		{yaml("flags", yaml("concwrite", yaml("x", 1))), []string{"flags.concwrite", `"x"`, "no flags"}},
		{yaml("flags", yaml("nosuch", yaml("x", 1))), []string{"flags", `"nosuch"`}},
		{yaml("flags", yaml("bigvalue", yaml("threshold", "big"))), []string{"flags.bigvalue.threshold"}},
		{yaml("flags", []any{"bigvalue"}), []string{"maplint settings"}},
	} {
		_, err := newPlugin(tc.conf, fakes())
		if err == nil {
			t.Errorf("settings %v: no error", tc.conf)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("settings %v: error %q does not mention %q", tc.conf, err, w)
			}
		}
	}
}

func TestRegistered(t *testing.T) {
	newFn, err := register.GetPlugin("maplint")
	if err != nil {
		t.Fatal(err)
	}
	p, err := newFn(nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.GetLoadMode(); got != register.LoadModeTypesInfo {
		t.Errorf("load mode %q, want %q", got, register.LoadModeTypesInfo)
	}
	if _, err := p.BuildAnalyzers(); err != nil {
		t.Fatal(err)
	}
}

// TestRelatedInformationIsFolded checks that a finding's related
// information reaches golangci-lint inside its message, so that
// //nolint:maplint on the finding's line suppresses all of it.
func TestRelatedInformationIsFolded(t *testing.T) {
	fset := token.NewFileSet()
	f := fset.AddFile("/src/racy.go", -1, 100)
	f.SetLines([]int{0, 10, 20, 30})
	a := &analysis.Analyzer{Name: "concwrite", Doc: "concwrite: test", Run: func(pass *analysis.Pass) (any, error) {
		pass.Report(analysis.Diagnostic{Pos: f.Pos(25), Message: "race on m", Related: []analysis.RelatedInformation{
			{Pos: f.Pos(12), Message: "the goroutine is started here"},
		}})
		return nil, nil
	}}
	var got []analysis.Diagnostic
	pass := &analysis.Pass{Fset: fset, Report: func(d analysis.Diagnostic) { got = append(got, d) }}
	if _, err := foldRelated(a).Run(pass); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Message != "race on m (racy.go:2: the goroutine is started here)" || got[0].Related != nil {
		t.Errorf("got %+v", got)
	}
}
