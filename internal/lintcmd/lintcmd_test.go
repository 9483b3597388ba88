package lintcmd_test

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/tools/go/analysis"

	"github.com/maplint/maplint/internal/lintcmd"
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

// TestMain gives the runs a result cache of their own: tests do not
// depend on a user cache directory, nor leave entries in one.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "maplint-lintcmd")
	if err != nil {
		panic(err)
	}
	os.Setenv("MAPLINT_CACHE", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// testDir is the package directory, where go test starts.
var testDir, _ = os.Getwd()

type result struct {
	stdout, stderr string
	status         int
}

// runIn runs the command with the toy analyzers in dir (relative to the
// package directory, or absolute).
func runIn(t *testing.T, dir string, args ...string) result {
	t.Helper()
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(testDir, dir)
	}
	t.Chdir(dir)
	t.Setenv("GOWORK", "off")
	cmd := &lintcmd.Command{Analyzers: []*analysis.Analyzer{toy, quiet}, Version: "v0.0.0-test", Help: "toy help\n"}
	var stdout, stderr bytes.Buffer
	status := cmd.Main(args, &stdout, &stderr)
	return result{stdout.String(), stderr.String(), status}
}

// copyDir copies testdata/NAME to a fresh directory, for tests that
// change files.
func copyDir(t *testing.T, name string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(testDir, "testdata", name))); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestTextIsSortedRelativeOnStdout(t *testing.T) {
	r := runIn(t, "testdata/mod", "./...")
	// Columns count bytes, as the compiler's do (SARIF counts UTF-16 units).
	want := `a/a.go:8:6: warning: hazard called (toy)
	a/a.go:3:6: hazard is declared here
a/a.go:9:25: warning: hazard called (toy)
	a/a.go:3:6: hazard is declared here
a/a.go:10:20: warning: hazard called (toy)
	a/a.go:3:6: hazard is declared here
a/a_test.go:7:6: warning: hazard called (toy)
	a/a.go:3:6: hazard is declared here
`
	if r.stdout != want || r.stderr != "" || r.status != 3 {
		t.Errorf("status %d, stdout:\n%s\nstderr:\n%s\nwant status 3, stdout:\n%s", r.status, r.stdout, r.stderr, want)
	}
	// From a subdirectory, paths are relative to it.
	r = runIn(t, "testdata/mod/a", ".")
	if !strings.HasPrefix(r.stdout, "a.go:8:6: ") {
		t.Errorf("from a/: stdout\n%s", r.stdout)
	}
}

func TestJSONHasSeverityAndRelativePaths(t *testing.T) {
	r := runIn(t, "testdata/mod", "-json", "./a")
	if r.status != 3 {
		t.Errorf("-json status %d, want 3 as for text; stderr %s", r.status, r.stderr)
	}
	var tree map[string]map[string][]struct {
		Posn, End, Severity, Message string
		SuggestedFixes               []struct{ Message string } `json:"suggested_fixes"`
		Related                      []struct{ Posn, Message string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &tree); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	var n int
	for pkg, byAnalyzer := range tree {
		for _, d := range byAnalyzer["toy"] {
			n++
			if !strings.HasPrefix(d.Posn, "a/a") || d.Severity != "warning" || len(d.SuggestedFixes) != 1 ||
				len(d.Related) != 1 || d.Related[0].Posn != "a/a.go:3:6" {
				t.Errorf("%s: %+v", pkg, d)
			}
		}
	}
	if n != 4 {
		t.Errorf("%d findings, want 4, each once:\n%s", n, r.stdout)
	}
	// -format json is the same as -json.
	if r2 := runIn(t, "testdata/mod", "-format=json", "./a"); r2.stdout != r.stdout {
		t.Errorf("-format json differs from -json")
	}
}

func TestFail(t *testing.T) {
	for _, tc := range []struct {
		list   string
		status int
	}{
		{"all", 3},
		{"toy", 3},
		{"quiet", 0},
		{"-toy", 0},
		{"all,-toy", 0},
		{"", 3},  // the default fails on everything
		{",", 0}, // an empty list fails on nothing
	} {
		args := []string{"./a"}
		if tc.list != "" {
			args = append([]string{"-fail=" + tc.list}, args...)
		}
		r := runIn(t, "testdata/mod", args...)
		if r.status != tc.status || !strings.Contains(r.stdout, "hazard called") {
			t.Errorf("-fail=%s: status %d, want %d, and the findings still printed:\n%s%s", tc.list, r.status, tc.status, r.stdout, r.stderr)
		}
	}
	r := runIn(t, "testdata/mod", "-fail=toy,nosuch", "./a")
	if r.status != 2 || !strings.Contains(r.stderr, `"nosuch"`) {
		t.Errorf("-fail with an unknown name: status %d, stderr %q", r.status, r.stderr)
	}
}

func TestPatternsThatMatchNothing(t *testing.T) {
	for _, pattern := range []string{"./nope", "example.com/nothing/here"} {
		r := runIn(t, "testdata/mod", pattern)
		lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
		if r.status != 1 || len(lines) != 1 || !strings.HasPrefix(lines[0], "maplint: ") || strings.Contains(r.stderr, "analysis skipped") {
			t.Errorf("%s: status %d, stderr %q; want status 1 and one maplint: line", pattern, r.status, r.stderr)
		}
	}
}

func TestTypeErrorIsOneLineAndNoAnalyzerNoise(t *testing.T) {
	r := runIn(t, "testdata/broken", "./...")
	if r.status != 1 || strings.TrimSpace(r.stderr) != `broken.go:3:23: cannot use "not an int" (untyped string constant) as int value in return statement` {
		t.Errorf("status %d, stderr %q", r.status, r.stderr)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"-format=xml", "."},
		{"-json", "-format=sarif", "."},
		{"-diff", "."},
		{"./...", "-format=sarif"},
		{"-nosuchflag", "."},
	} {
		r := runIn(t, "testdata/mod", args...)
		if r.status != 2 || r.stderr == "" || r.stdout != "" {
			t.Errorf("%v: status %d, stdout %q, stderr %q; want 2 and a message", args, r.status, r.stdout, r.stderr)
		}
	}
}

func TestVersionAndHelp(t *testing.T) {
	if r := runIn(t, "testdata/mod", "-version"); r.status != 0 || r.stdout != "maplint v0.0.0-test\n" {
		t.Errorf("-version: %d %q", r.status, r.stdout)
	}
	r := runIn(t, "testdata/mod", "help")
	if r.status != 0 || !strings.HasPrefix(r.stdout, "toy help\n") || !strings.Contains(r.stdout, "-new-from-rev") ||
		strings.Contains(r.stdout, "-toy.") || strings.Contains(r.stdout, "Printf") {
		t.Errorf("help: %d\n%s", r.status, r.stdout)
	}
	if r := runIn(t, "testdata/mod", "-help"); r.status != 0 || !strings.HasPrefix(r.stdout, "toy help\n") {
		t.Errorf("-help: %d\n%s%s", r.status, r.stdout, r.stderr)
	}
	if r := runIn(t, "testdata/mod", "help", "toy"); r.status != 0 || !strings.Contains(r.stdout, "The toy analyzer exists for tests.") {
		t.Errorf("help toy: %d\n%s", r.status, r.stdout)
	}
	if r := runIn(t, "testdata/mod", "help", "nosuch"); r.status != 2 || !strings.Contains(r.stderr, "toy, quiet") {
		t.Errorf("help nosuch: %d\n%s", r.status, r.stderr)
	}
}

func TestFixAppliesAndReportsTheRest(t *testing.T) {
	dir := copyDir(t, "mod")
	r := runIn(t, dir, "-fix", "./...")
	if r.status != 0 || r.stdout != "" {
		t.Errorf("-fix: status %d, stdout %q, stderr %q; want every finding fixed", r.status, r.stdout, r.stderr)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "a", "a.go"))
	if strings.Count(string(data), "safe(") != 4 { // the declaration and the three calls
		t.Errorf("a.go after -fix:\n%s", data)
	}
	if r := runIn(t, dir, "./..."); r.status != 0 {
		t.Errorf("after -fix, still reported:\n%s", r.stdout)
	}
}

func TestFixDiffWithEveryFormat(t *testing.T) {
	for _, format := range []string{"text", "json", "sarif"} {
		dir := copyDir(t, "mod")
		r := runIn(t, dir, "-format="+format, "-fix", "-diff", "./a")
		if r.status != 0 || !strings.Contains(r.stdout, "--- a/a.go\n+++ a/a.go\n") || !strings.Contains(r.stdout, "+\t_ = safe(\"ascii\")\n") {
			t.Errorf("-format=%s -fix -diff: status %d, stdout:\n%s\nstderr:\n%s", format, r.status, r.stdout, r.stderr)
		}
		if data, _ := os.ReadFile(filepath.Join(dir, "a", "a.go")); strings.Contains(string(data), "safe(\"") {
			t.Errorf("-diff changed a.go")
		}
	}
}

func TestTags(t *testing.T) {
	dir := copyDir(t, "mod")
	tagged := "//go:build special\n\npackage a\n\nfunc g() { _ = hazard(\"tagged\") }\n"
	if err := os.WriteFile(filepath.Join(dir, "a", "tagged.go"), []byte(tagged), 0o666); err != nil {
		t.Fatal(err)
	}
	if r := runIn(t, dir, "./a"); strings.Contains(r.stdout, "tagged.go") {
		t.Errorf("without -tags, tagged.go was analyzed:\n%s", r.stdout)
	}
	if r := runIn(t, dir, "-tags=special", "./a"); !strings.Contains(r.stdout, "a/tagged.go:5:16: ") {
		t.Errorf("-tags=special did not analyze tagged.go:\n%s%s", r.stdout, r.stderr)
	}
}

func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func TestNewFromRev(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	dir := copyDir(t, "mod")
	git(t, dir, "init", "-q")
	git(t, dir, "add", ".")
	// Before the first commit, as under a pre-commit hook, all is new.
	if r := runIn(t, dir, "-new-from-rev=HEAD", "./..."); r.status != 3 || strings.Count(r.stdout, "hazard called") != 4 {
		t.Errorf("-new-from-rev=HEAD before the first commit: status %d\n%s%s", r.status, r.stdout, r.stderr)
	}
	git(t, dir, "commit", "-q", "-m", "old findings")
	// A changed line in a.go, and an untracked file.
	a := filepath.Join(dir, "a", "a.go")
	data, _ := os.ReadFile(a)
	data = []byte(strings.Replace(string(data), `_ = hazard("ascii")`, `_ = hazard("ascii, changed")`, 1))
	if err := os.WriteFile(a, data, 0o666); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a", "b.go"), []byte("package a\n\nfunc h() { _ = hazard(\"new\") }\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	r := runIn(t, dir, "-new-from-rev=HEAD", "./...")
	var got []string
	for line := range strings.Lines(r.stdout) {
		if !strings.HasPrefix(line, "\t") {
			got = append(got, strings.SplitN(line, ": ", 2)[0])
		}
	}
	if strings.Join(got, " ") != "a/a.go:8:6 a/b.go:3:16" || r.status != 3 {
		t.Errorf("-new-from-rev=HEAD: status %d, findings at %v, want a/a.go:8:6 (changed) and a/b.go:3:16 (untracked)\n%s", r.status, got, r.stderr)
	}
	if r := runIn(t, dir, "-new-from-rev=nosuchrev", "./..."); r.status != 2 || !strings.Contains(r.stderr, "nosuchrev") {
		t.Errorf("bad revision: status %d, stderr %q", r.status, r.stderr)
	}
}

func TestConfiguration(t *testing.T) {
	dir := copyDir(t, "mod")
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	write("maplint.toml", "fail = [\"-toy\"]\n")
	if r := runIn(t, dir, "./..."); r.status != 0 || !strings.Contains(r.stdout, "hazard called") {
		t.Errorf("fail = [-toy]: status %d, want 0 with the findings printed:\n%s%s", r.status, r.stdout, r.stderr)
	}
	if r := runIn(t, dir, "-fail=all", "./..."); r.status != 3 {
		t.Errorf("-fail=all overrides the configuration: status %d", r.status)
	}
	// A directory's file is inherited from the root's and overrides it.
	write("a/maplint.toml", "analyzers = [\"-toy\"]\n")
	if r := runIn(t, dir, "./..."); r.status != 0 || r.stdout != "" {
		t.Errorf("analyzers = [-toy] in a/: status %d, output\n%s%s", r.status, r.stdout, r.stderr)
	}
	if r := runIn(t, dir, "-toy", "./..."); !strings.Contains(r.stdout, "hazard called") {
		t.Errorf("-toy on the command line overrides the configuration:\n%s%s", r.stdout, r.stderr)
	}
	write("a/maplint.toml", "analyzers = [\"inherit\"]\nfail = [\"inherit\", \"toy\"]\n")
	if r := runIn(t, dir, "./..."); r.status != 3 {
		t.Errorf("fail = [inherit, toy] in a/: status %d", r.status)
	}
	// Mistakes are errors that name them.
	write("a/maplint.toml", "analyzers = [\"toy\"]\nlayuot = \"classic\"\n")
	if r := runIn(t, dir, "./..."); r.status != 2 || !strings.Contains(r.stderr, `"layuot"`) || !strings.Contains(r.stderr, filepath.Join("a", "maplint.toml")) {
		t.Errorf("unknown key: status %d, stderr %q", r.status, r.stderr)
	}
	write("a/maplint.toml", "layout = \"classic\"\n")
	if r := runIn(t, dir, "./..."); r.status != 2 || !strings.Contains(r.stderr, "module root") {
		t.Errorf("layout below the root: status %d, stderr %q", r.status, r.stderr)
	}
	write("a/maplint.toml", "")
	write("maplint.toml", "fail = [\"toy\"\n")
	if r := runIn(t, dir, "./..."); r.status != 2 || !strings.Contains(r.stderr, "maplint.toml") {
		t.Errorf("bad TOML: status %d, stderr %q", r.status, r.stderr)
	}
	if r := runIn(t, dir, "-version"); r.status != 0 {
		t.Errorf("-version fails on a bad configuration: %q", r.stderr)
	}
}

// validate checks a SARIF log against the SARIF 2.1.0 JSON schema,
// asserting formats such as uri.
func validate(t *testing.T, data []byte) {
	t.Helper()
	schemaFile := filepath.Join(testDir, "..", "sarif", "testdata", "sarif-schema-2.1.0.json")
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

func runSARIF(t *testing.T, dir string, args ...string) (*sarif.Log, []byte, string, int) {
	t.Helper()
	r := runIn(t, dir, args...)
	validate(t, []byte(r.stdout))
	var log sarif.Log
	if err := json.Unmarshal([]byte(r.stdout), &log); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, r.stdout)
	}
	return &log, []byte(r.stdout), r.stderr, r.status
}

func TestSARIFFindings(t *testing.T) {
	log, raw, stderr, status := runSARIF(t, "testdata/mod", "-format", "sarif", "./...")
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
	if run.Tool.Driver.Version != "v0.0.0-test" || run.Tool.Driver.SemanticVersion != "0.0.0-test" {
		t.Errorf("tool.driver version %q, semanticVersion %q; want the command's version", run.Tool.Driver.Version, run.Tool.Driver.SemanticVersion)
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

func TestSARIFNoFindings(t *testing.T) {
	log, raw, _, status := runSARIF(t, "testdata/mod", "-format=sarif", "./clean")
	if status != 0 || len(log.Runs[0].Results) != 0 {
		t.Errorf("status %d, results %d; want 0, 0:\n%s", status, len(log.Runs[0].Results), raw)
	}
	if !bytes.Contains(raw, []byte(`"results": []`)) {
		t.Errorf("results must be an empty array, not absent:\n%s", raw)
	}
}

func TestSARIFSelection(t *testing.T) {
	for _, args := range [][]string{
		{"-format=sarif", "-quiet", "./..."},
		{"-format=sarif", "-toy=false", "./..."},
		{"-format=sarif", "-test=false", "-quiet", "./a"},
	} {
		log, _, _, status := runSARIF(t, "testdata/mod", args...)
		if status != 0 || len(log.Runs[0].Results) != 0 {
			t.Errorf("%v: status %d, %d results; want toy not run", args, status, len(log.Runs[0].Results))
		}
		if len(log.Runs[0].Tool.Driver.Rules) != 2 {
			t.Errorf("%v: rules must list every analyzer, run or not", args)
		}
	}
	log, _, _, _ := runSARIF(t, "testdata/mod", "-format=sarif", "-test=false", "./a")
	if n := len(log.Runs[0].Results); n != 3 {
		t.Errorf("-test=false: %d results, want a.go's 3", n)
	}
}

func TestSARIFLoadFailure(t *testing.T) {
	log, raw, stderr, status := runSARIF(t, "testdata/broken", "-format", "sarif", "./...")
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

// TestSuiteFindings writes SARIF for maplint's own analyzers on the
// integration tests' module, which has a finding for each of them.
func TestSuiteFindings(t *testing.T) {
	analyzers := suite.Analyzers()
	if len(analyzers) == 0 {
		t.Skip("SKIPPED: passes/suite registers no analyzer yet")
	}
	t.Chdir(filepath.Join(testDir, "..", "..", "integration", "testdata", "lintme"))
	var stdout, stderr bytes.Buffer
	status := (&lintcmd.Command{Analyzers: analyzers}).Main([]string{"-format=sarif", "./..."}, &stdout, &stderr)
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
