package config

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

var all = []string{"concwrite", "rangemut", "makehint", "bigvalue"}

func TestResolveList(t *testing.T) {
	for _, tc := range []struct {
		items, inherited []string
		want             []string
	}{
		{[]string{"all"}, nil, all},
		{[]string{"all", "-makehint"}, nil, []string{"concwrite", "rangemut", "bigvalue"}},
		{[]string{"-makehint", "-bigvalue"}, all, []string{"concwrite", "rangemut"}}, // a leading removal starts from inherited
		{[]string{"bigvalue", "concwrite"}, all, []string{"concwrite", "bigvalue"}},  // in suite order
		{[]string{"inherit", "makehint"}, []string{"concwrite"}, []string{"concwrite", "makehint"}},
		{[]string{}, all, nil},
		{[]string{"all", "-all"}, nil, nil},
	} {
		got, err := ResolveList(tc.items, all, tc.inherited)
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("ResolveList(%q, inherited %q) = %q, %v; want %q", tc.items, tc.inherited, got, err, tc.want)
		}
	}
	_, err := ResolveList([]string{"concwrit", "-rangmut"}, all, all)
	if err == nil || !strings.Contains(err.Error(), `"concwrit", "-rangmut"`) {
		t.Errorf("misspelt names: %v", err)
	}
}

func analyzers() []*analysis.Analyzer {
	var as []*analysis.Analyzer
	for _, n := range all {
		a := &analysis.Analyzer{Name: n}
		if n == "bigvalue" {
			a.Flags.Int("inline-floor", 64, "")
			a.Flags.String("layout", "swiss", "")
		}
		as = append(as, a)
	}
	return as
}

func TestFromMap(t *testing.T) {
	f, err := FromMap(map[string]any{
		"analyzers": []any{"all", "-makehint"},
		"fail":      "concwrite,rangemut",
		"layout":    "classic",
		"bigvalue":  map[string]any{"inline-floor": int64(128)},
	}, analyzers())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(f.Analyzers, []string{"all", "-makehint"}) || !slices.Equal(f.Fail, []string{"concwrite", "rangemut"}) ||
		f.Layout != "classic" || f.Flags["bigvalue"]["inline-floor"] != "128" {
		t.Errorf("%+v", f)
	}
	as := analyzers()
	if err := f.Apply(as); err != nil {
		t.Fatal(err)
	}
	if got := as[3].Flags.Lookup("inline-floor").Value.(flag.Getter).Get(); got != 128 {
		t.Errorf("inline-floor = %v after Apply", got)
	}
	if got := as[3].Flags.Lookup("layout").Value.String(); got != "classic" {
		t.Errorf("layout = %v after Apply", got)
	}

	_, err = FromMap(map[string]any{
		"analyzer": []any{"all"},
		"fial":     []any{"all"},
		"layout":   "hashed",
		"bigvalue": map[string]any{"inline-flor": 1},
		"fail":     []any{"concwirte"},
	}, analyzers())
	for _, want := range []string{`unknown key "analyzer", "fial"`, `"hashed"`, "bigvalue.inline-flor: unknown key (bigvalue has inline-floor, layout)", `fail: unknown analyzer "concwirte"`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v lacks %q", err, want)
		}
	}
}

func TestTreeInheritsDownward(t *testing.T) {
	root := t.TempDir()
	write := func(dir, content string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Join(root, dir), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, dir, FileName), []byte(content), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	write(".", "analyzers = [\"all\", \"-bigvalue\"]\nfail = [\"concwrite\"]\n")
	write("gen", "analyzers = [\"-makehint\"]\n")
	write("gen/deeper", "fail = [\"inherit\", \"rangemut\"]\n")
	tree, err := Load(root, analyzers())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		dir             string
		analyzers, fail []string
	}{
		{".", []string{"concwrite", "rangemut", "makehint"}, []string{"concwrite"}},
		{"other", []string{"concwrite", "rangemut", "makehint"}, []string{"concwrite"}},
		{"gen", []string{"concwrite", "rangemut"}, []string{"concwrite"}},
		{"gen/deeper/still", []string{"concwrite", "rangemut"}, []string{"concwrite", "rangemut"}},
	} {
		s, err := tree.For(filepath.Join(root, tc.dir))
		if err != nil || !slices.Equal(s.Analyzers, tc.analyzers) || !slices.Equal(s.Fail, tc.fail) {
			t.Errorf("%s: %+v, %v; want analyzers %v, fail %v", tc.dir, s, err, tc.analyzers, tc.fail)
		}
	}
}
