package sarif_test

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/tools/go/analysis"

	"github.com/maplint/maplint/internal/sarif"
	"github.com/maplint/maplint/passes/suite"
)

// toy reports calls to hazard, with the callee's declaration as related
// information and a fix that calls safe instead.
var toy = &analysis.Analyzer{
	Name: "toy",
	Doc:  "toy: report calls to hazard\n\nThe toy analyzer exists for tests. It reports every call to a function named hazard.",
	URL:  "https://example.com/toy",
	Run: func(pass *analysis.Pass) (any, error) {
		decls := map[string]ast.Node{}
		for _, f := range pass.Files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok {
					decls[fd.Name.Name] = fd.Name
				}
			}
		}
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "hazard" {
					d := analysis.Diagnostic{
						Pos:     call.Pos(),
						End:     call.End(),
						Message: "hazard called",
						SuggestedFixes: []analysis.SuggestedFix{{
							Message:   "call safe instead",
							TextEdits: []analysis.TextEdit{{Pos: id.Pos(), End: id.End(), NewText: []byte("safe")}},
						}},
					}
					if decl := decls["hazard"]; decl != nil {
						d.Related = []analysis.RelatedInformation{{Pos: decl.Pos(), End: decl.End(), Message: "hazard is declared here"}}
					}
					pass.Report(d)
				}
				return true
			})
		}
		return nil, nil
	},
}

// quiet reports nothing; it must still be a rule.
var quiet = &analysis.Analyzer{
	Name: "quiet",
	Doc:  "quiet: report nothing",
	Run:  func(*analysis.Pass) (any, error) { return nil, nil },
}

func runMain(t *testing.T, dir string, args ...string) (*sarif.Log, []byte, string, int) {
	t.Helper()
	t.Chdir(filepath.Join(testDir, dir))
	var stdout, stderr bytes.Buffer
	status := sarif.Main(args, []*analysis.Analyzer{toy, quiet}, nil, &stdout, &stderr)
	validate(t, stdout.Bytes())
	var log sarif.Log
	if err := json.Unmarshal(stdout.Bytes(), &log); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, stdout.Bytes())
	}
	return &log, stdout.Bytes(), stderr.String(), status
}

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

func TestFindings(t *testing.T) {
	log, raw, stderr, status := runMain(t, "testdata/mod", "-format", "sarif", "./...")
	if status != 3 {
		t.Errorf("status %d, want 3 (findings); stderr:\n%s", status, stderr)
	}
	run := log.Runs[0]
	if got := len(run.Tool.Driver.Rules); got != 2 {
		t.Fatalf("%d rules, want one per analyzer (2)", got)
	}
	r := run.Tool.Driver.Rules[0]
	if r.ID != "toy" || r.ShortDescription.Text != "toy: report calls to hazard" ||
		!strings.HasPrefix(r.FullDescription.Text, "The toy analyzer exists for tests.") || r.HelpURI != "https://example.com/toy" {
		t.Errorf("rule 0 = %+v", r)
	}
	if q := run.Tool.Driver.Rules[1]; q.ID != "quiet" || q.FullDescription.Text != "quiet: report nothing" {
		t.Errorf("rule 1 = %+v; a one-line Doc is both descriptions", q)
	}
	if !run.Invocations[0].ExecutionSuccessful {
		t.Errorf("execution not successful: %s", raw)
	}
	if base := run.OriginalURIBaseIDs["%SRCROOT%"].URI; !strings.HasPrefix(base, "file:///") || !strings.HasSuffix(base, "/testdata/mod/") {
		t.Errorf("%%SRCROOT%% = %q, want the file URI of the working directory", base)
	}

	// a.go's three calls, and a_test.go's: a.go's are not repeated for
	// the test variant of package a.
	type want struct {
		uri                        string
		line, col, endLine, endCol int
	}
	wants := []want{
		{"a/a.go", 8, 6, 8, 21},
		{"a/a.go", 9, 19, 9, 57},   // "日本語" is 9 bytes but 3 UTF-16 units
		{"a/a.go", 10, 18, 10, 58}, // "😀" is 4 bytes but 2 UTF-16 units
		{"a/a_test.go", 7, 6, 7, 25},
	}
	if len(run.Results) != len(wants) {
		t.Fatalf("%d results, want %d:\n%s", len(run.Results), len(wants), raw)
	}
	for i, res := range run.Results {
		w := wants[i]
		loc := res.Locations[0].PhysicalLocation
		reg := loc.Region
		if res.RuleID != "toy" || res.RuleIndex != 0 || res.Message.Text != "hazard called" ||
			loc.ArtifactLocation.URI != w.uri || loc.ArtifactLocation.URIBaseID != "%SRCROOT%" ||
			reg.StartLine != w.line || reg.StartColumn != w.col || reg.EndLine != w.endLine || reg.EndColumn != w.endCol {
			t.Errorf("result %d = %s %d %q at %s %+v; want toy 0 %q at %s %+v", i,
				res.RuleID, res.RuleIndex, res.Message.Text, loc.ArtifactLocation.URI, *reg, "hazard called", w.uri, w)
		}
		if len(res.Fixes) != 1 || len(res.Fixes[0].ArtifactChanges) != 1 {
			t.Fatalf("result %d: fixes %+v, want one", i, res.Fixes)
		}
		fix := res.Fixes[0]
		rep := fix.ArtifactChanges[0].Replacements[0]
		if fix.Description.Text != "call safe instead" || fix.ArtifactChanges[0].ArtifactLocation.URI != w.uri ||
			rep.DeletedRegion.StartColumn != w.col || rep.DeletedRegion.EndColumn != w.col+len("hazard") ||
			rep.InsertedContent == nil || rep.InsertedContent.Text != "safe" {
			t.Errorf("result %d: fix %+v", i, fix)
		}
	}
	rel := run.Results[0].RelatedLocations
	if len(rel) != 1 || rel[0].Message.Text != "hazard is declared here" || rel[0].PhysicalLocation.Region.StartLine != 3 {
		t.Errorf("related locations %+v, want hazard's declaration on line 3", rel)
	}
}

func TestNoFindings(t *testing.T) {
	log, raw, _, status := runMain(t, "testdata/mod", "-format=sarif", "./clean")
	if status != 0 || len(log.Runs[0].Results) != 0 {
		t.Errorf("status %d, results %d; want 0, 0:\n%s", status, len(log.Runs[0].Results), raw)
	}
	if !bytes.Contains(raw, []byte(`"results": []`)) {
		t.Errorf("results must be an empty array, not absent:\n%s", raw)
	}
}

func TestSelection(t *testing.T) {
	for _, args := range [][]string{
		{"-format=sarif", "-quiet", "./..."},
		{"-format=sarif", "-toy=false", "./..."},
		{"-format=sarif", "-test=false", "-quiet", "./a"},
	} {
		log, _, _, status := runMain(t, "testdata/mod", args...)
		if status != 0 || len(log.Runs[0].Results) != 0 {
			t.Errorf("%v: status %d, %d results; want toy not run", args, status, len(log.Runs[0].Results))
		}
		if len(log.Runs[0].Tool.Driver.Rules) != 2 {
			t.Errorf("%v: rules must list every analyzer, run or not", args)
		}
	}
	log, _, _, _ := runMain(t, "testdata/mod", "-format=sarif", "-test=false", "./a")
	if n := len(log.Runs[0].Results); n != 3 {
		t.Errorf("-test=false: %d results, want a.go's 3", n)
	}
}

func TestLoadFailure(t *testing.T) {
	log, raw, stderr, status := runMain(t, "testdata/broken", "-format", "sarif", "./...")
	if status != 1 {
		t.Errorf("status %d, want 1", status)
	}
	inv := log.Runs[0].Invocations[0]
	if inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) == 0 {
		t.Fatalf("want an unsuccessful invocation with notifications:\n%s", raw)
	}
	n := inv.ToolExecutionNotifications[0]
	if !strings.Contains(n.Message.Text, "cannot use") || len(n.Locations) != 1 ||
		n.Locations[0].PhysicalLocation.ArtifactLocation.URI != "broken.go" || n.Locations[0].PhysicalLocation.Region.StartLine != 3 {
		t.Errorf("notification %+v, want the type error at broken.go:3", n)
	}
	if !strings.Contains(stderr, "cannot use") {
		t.Errorf("stderr %q lacks the type error", stderr)
	}
}

func TestUsage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if status := sarif.Main([]string{"-format=xml", "."}, nil, nil, &stdout, &stderr); status != 2 || !strings.Contains(stderr.String(), `"xml"`) {
		t.Errorf("-format=xml: status %d, stderr %q", status, stderr.String())
	}
	if status := sarif.Main([]string{"-format=sarif", "-fix", "."}, nil, nil, &stdout, &stderr); status != 2 {
		t.Errorf("-fix: status %d, want 2", status)
	}
	stderr.Reset()
	if status := sarif.Main([]string{"./...", "-format=sarif"}, nil, nil, &stdout, &stderr); status != 2 || !strings.Contains(stderr.String(), "before packages") {
		t.Errorf("-format after the packages: status %d, stderr %q", status, stderr.String())
	}
}

func TestRequested(t *testing.T) {
	for args, want := range map[string]bool{
		"-format sarif ./...":       true,
		"-format=sarif ./...":       true,
		"--format=sarif ./...":      true,
		"-test=false -format sarif": true,
		"./... -format sarif":       true, // Main then says flags go first
		"-c 3 -format=sarif ./...":  true,
		"-- -format=sarif":          false,
		"-formatted ./...":          false,
		"-json ./...":               false,
		"-fix -diff ./...":          false,
		"":                          false,
	} {
		if got := sarif.Requested(strings.Fields(args)); got != want {
			t.Errorf("Requested(%q) = %v, want %v", args, got, want)
		}
	}
}

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

// TestSuiteFindings writes SARIF for maplint's own analyzers on the
// integration tests' module, which has a finding for each of them.
func TestSuiteFindings(t *testing.T) {
	analyzers := suite.Analyzers()
	if len(analyzers) == 0 {
		t.Skip("SKIPPED: passes/suite registers no analyzer yet")
	}
	t.Chdir(filepath.Join(testDir, "..", "..", "integration", "testdata", "lintme"))
	var stdout, stderr bytes.Buffer
	status := sarif.Main([]string{"-format=sarif", "./..."}, analyzers, nil, &stdout, &stderr)
	if status != 3 {
		t.Fatalf("status %d, want 3; stderr:\n%s", status, stderr.String())
	}
	validate(t, stdout.Bytes())
	var log sarif.Log
	if err := json.Unmarshal(stdout.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	var fixes int
	for _, res := range run.Results {
		rule := run.Tool.Driver.Rules[res.RuleIndex]
		reg := res.Locations[0].PhysicalLocation.Region
		if rule.ID != res.RuleID || res.Locations[0].PhysicalLocation.ArtifactLocation.URI != "racy/racy.go" ||
			reg.EndLine < reg.StartLine || reg.EndLine == reg.StartLine && reg.EndColumn < reg.StartColumn {
			t.Errorf("result %+v", res)
		}
		fixes += len(res.Fixes)
	}
	t.Logf("%d results, %d with fixes, from %d rules", len(run.Results), fixes, len(run.Tool.Driver.Rules))
}
