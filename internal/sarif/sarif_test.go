package sarif_test

import (
	"bytes"
	"encoding/json"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/tools/go/analysis"

	"github.com/maplint/maplint/internal/sarif"
	"github.com/maplint/maplint/passes/suite"
)

// validate checks a SARIF log against the SARIF 2.1.0 JSON schema,
// asserting formats such as uri.
func validate(t *testing.T, data []byte) {
	t.Helper()
	schemaFile := filepath.Join(testDir, "testdata", "sarif-schema-2.1.0.json")
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	schema, err := c.Compile(schemaFile)
	if err != nil {
		t.Fatalf("compiling the SARIF schema: %v", err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Fatalf("output is not valid SARIF 2.1.0: %v\n%s", err, data)
	}
}

// testDir is the package directory, where go test starts.
var testDir, _ = os.Getwd()

// TestSuiteRules checks that every maplint analyzer makes a rule code
// scanning can show: a summary line and a help link.
func TestSuiteRules(t *testing.T) {
	analyzers := suite.Analyzers()
	w := sarif.NewWriter(analyzers, t.TempDir())
	var buf bytes.Buffer
	if _, err := w.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	validate(t, buf.Bytes())
	var log sarif.Log
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	for i, r := range log.Runs[0].Tool.Driver.Rules {
		a := analyzers[i]
		if r.ID != a.Name || r.ShortDescription.Text == "" || strings.Contains(r.ShortDescription.Text, "\n") || r.HelpURI == "" {
			t.Errorf("rule for %s: %+v", a.Name, r)
		}
	}
}

// TestLevelsAndRelativeURIs checks that a result's level is its
// analyzer's severity and that a notification whose position go list gave
// relative to the working directory gets a relative uri.
func TestLevelsAndRelativeURIs(t *testing.T) {
	root := t.TempDir()
	src := "package p\n\nvar m map[int]int\n"
	file := filepath.Join(root, "p.go")
	if err := os.WriteFile(file, []byte(src), 0o666); err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	tf := fset.AddFile(file, -1, len(src))
	tf.SetLinesForContent([]byte(src))
	var analyzers []*analysis.Analyzer
	for _, name := range []string{"concwrite", "rangemut", "bigvalue", "newanalyzer"} {
		analyzers = append(analyzers, &analysis.Analyzer{Name: name, Doc: name + ": test"})
	}
	w := sarif.NewWriter(analyzers, root)
	for _, a := range analyzers {
		w.Add(a, fset, analysis.Diagnostic{Pos: tf.Pos(11), End: tf.Pos(16), Message: a.Name})
	}
	w.Notify("p/x.go:3:1: something", token.Position{Filename: "sub/x.go", Line: 3, Column: 1})
	var buf bytes.Buffer
	if _, err := w.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	validate(t, buf.Bytes())
	var log sarif.Log
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	want := map[string]string{"concwrite": "error", "rangemut": "warning", "bigvalue": "note", "newanalyzer": "warning"}
	for _, res := range run.Results {
		if res.Level != want[res.RuleID] || run.Tool.Driver.Rules[res.RuleIndex].DefaultConfiguration.Level != want[res.RuleID] {
			t.Errorf("%s: level %s, rule level %s; want %s", res.RuleID, res.Level, run.Tool.Driver.Rules[res.RuleIndex].DefaultConfiguration.Level, want[res.RuleID])
		}
	}
	loc := run.Invocations[0].ToolExecutionNotifications[0].Locations[0].PhysicalLocation.ArtifactLocation
	if loc.URI != "sub/x.go" || loc.URIBaseID != "%SRCROOT%" {
		t.Errorf("notification location %+v, want sub/x.go under %%SRCROOT%%", loc)
	}
}

// TestFingerprintsSurviveMovedLines checks that a result keeps its
// partial fingerprint when lines are added above it, that two results on
// identical lines differ, and that changing the line changes it.
func TestFingerprintsSurviveMovedLines(t *testing.T) {
	a := &analysis.Analyzer{Name: "toy", Doc: "toy: test"}
	fingerprints := func(src string, offsets ...int) []string {
		root := t.TempDir()
		file := filepath.Join(root, "p.go")
		if err := os.WriteFile(file, []byte(src), 0o666); err != nil {
			t.Fatal(err)
		}
		fset := token.NewFileSet()
		tf := fset.AddFile(file, -1, len(src))
		tf.SetLinesForContent([]byte(src))
		w := sarif.NewWriter([]*analysis.Analyzer{a}, root)
		for _, off := range offsets {
			w.Add(a, fset, analysis.Diagnostic{Pos: tf.Pos(off), Message: "m"})
		}
		var buf bytes.Buffer
		if _, err := w.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		validate(t, buf.Bytes())
		var log sarif.Log
		if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
			t.Fatal(err)
		}
		var fps []string
		for _, res := range log.Runs[0].Results {
			fps = append(fps, res.PartialFingerprints["maplintLineHash/v1"])
		}
		return fps
	}
	before := fingerprints("package p\n\tm[k] = v\n\tm[k] = v\n", 11, 21)
	after := fingerprints("package p\n\n// new\n\tm[k] = v\n\tm[k] = v\n", 19, 29)
	changed := fingerprints("package p\n\tm[j] = v\n", 11)
	if len(before) != 2 || before[0] == "" || before[0] == before[1] {
		t.Fatalf("fingerprints %q: want two different ones", before)
	}
	if before[0] != after[0] || before[1] != after[1] {
		t.Errorf("moved lines changed the fingerprints: %q -> %q", before, after)
	}
	if changed[0] == before[0] {
		t.Errorf("a changed line kept its fingerprint")
	}
}
