package main_test

// These tests build the maplint binary and run it, as a user would, on
// the module in testdata/e2e: standalone, with -json, -fix, -fix -diff,
// -test=false and an analyzer selected, under go vet -vettool and go fix
// -fixtool, and on code that does not type-check.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/maplint/maplint/passes/suite"
)

var maplintBin string

func TestMain(m *testing.M) {
	os.Exit(buildAndRun(m))
}

func buildAndRun(m *testing.M) int {
	dir, err := os.MkdirTemp("", "maplint-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	maplintBin = filepath.Join(dir, "maplint")
	if runtime.GOOS == "windows" {
		maplintBin += ".exe"
	}
	if out, err := exec.Command("go", "build", "-o", maplintBin, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building maplint: %v\n%s", err, out)
		return 1
	}
	return m.Run()
}

// finding is one diagnostic the e2e module must produce: the analyzer
// and the file:line it reports at.
type finding struct {
	analyzer string
	posn     string
}

// bugFindings are the findings in testdata/e2e/bugs, one per analyzer
// plus one in a _test.go file.
var bugFindings = []finding{
	{"concwrite", "bugs/bugs.go:11"},
	{"rangemut", "bugs/bugs.go:20"},
	{"makehint", "bugs/bugs.go:27"},
	{"bigvalue", "bugs/bugs.go:41"},
	{"rangemut", "bugs/bugs_test.go:8"},
}

// checkBugFindings fails the test unless got, in any order, is exactly
// bugFindings.
func checkBugFindings(t *testing.T, output string, got []finding) {
	t.Helper()
	cmp := func(a, b finding) int { return strings.Compare(a.analyzer+a.posn, b.analyzer+b.posn) }
	want := slices.Clone(bugFindings)
	got = slices.Clone(got)
	slices.SortFunc(got, cmp)
	slices.SortFunc(want, cmp)
	if !slices.Equal(got, want) {
		t.Errorf("%s findings %v\nwant %v", output, got, want)
	}
}

// checkBugPositions fails the test unless got, the file:line positions
// of the diagnostics in output, are in any order exactly bugFindings'.
func checkBugPositions(t *testing.T, what string, got []string, output string) {
	t.Helper()
	var want []string
	for _, f := range bugFindings {
		want = append(want, f.posn)
	}
	got = slices.Clone(got)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("%s reported at %v\nwant exactly %v\noutput:\n%s", what, got, want, output)
	}
}

// e2eModule copies testdata/e2e to a fresh directory, so that -fix can
// rewrite it, and returns that directory.
func e2eModule(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/e2e")); err != nil {
		t.Fatal(err)
	}
	return dir
}

type result struct {
	stdout, stderr string
	status         int
}

func run(t *testing.T, dir, name string, args ...string) result {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	status := 0
	if errors.As(err, &exit) {
		status = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	r := result{stdout.String(), stderr.String(), status}
	for _, crash := range []string{"panic:", "internal error"} {
		if strings.Contains(r.stderr, crash) || strings.Contains(r.stdout, crash) {
			t.Fatalf("%s %s crashed:\n%s%s", name, strings.Join(args, " "), r.stdout, r.stderr)
		}
	}
	return r
}

// diagnosticLine is the text format: file:line:col: severity: message (analyzer).
var diagnosticLine = regexp.MustCompile(`^(\S+\.go):(\d+):(\d+): (.+)$`)

// textPositions returns the file:line of each diagnostic line in out,
// failing the test on any line that is not a diagnostic. Related
// information (maplint prints it as "\tfile:line:col: message", x/tools
// under go vet as "file:line:col: \tmessage") is not a diagnostic of its
// own.
func textPositions(t *testing.T, out string) []string {
	t.Helper()
	var posns []string
	for line := range strings.Lines(out) {
		line = strings.TrimSuffix(line, "\n")
		if strings.HasPrefix(line, "\t") && diagnosticLine.MatchString(line[1:]) {
			continue
		}
		m := diagnosticLine.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("not a file:line:col: message line: %q", line)
			continue
		}
		if !strings.HasPrefix(m[4], "\t") {
			posns = append(posns, relPosn(m[1])+":"+m[2])
		}
	}
	return posns
}

// relPosn trims a position's file name to its last two elements
// (package directory and file), whatever directory the run was in.
func relPosn(file string) string {
	file = filepath.ToSlash(file)
	parts := strings.Split(file, "/")
	if len(parts) > 2 {
		parts = parts[len(parts)-2:]
	}
	return strings.Join(parts, "/")
}

func TestTextReportsEachAnalyzerAndExitsThree(t *testing.T) {
	dir := e2eModule(t)
	r := run(t, dir, maplintBin, "./bugs", "./clean", "./gen")
	if r.status != 3 {
		t.Errorf("exit status %d, want 3 (diagnostics reported); stderr:\n%s", r.status, r.stderr)
	}
	checkBugPositions(t, "text output", textPositions(t, r.stdout), r.stdout+r.stderr)
}

func TestCleanAndGeneratedCodeExitZero(t *testing.T) {
	dir := e2eModule(t)
	r := run(t, dir, maplintBin, "./clean", "./gen")
	if r.status != 0 || r.stderr != "" || r.stdout != "" {
		t.Errorf("status %d, output %q%q; want 0 and no output", r.status, r.stdout, r.stderr)
	}
}

// jsonTree is the x/tools -json shape: package, analyzer, diagnostics.
type jsonTree map[string]map[string]json.RawMessage

type jsonDiagnostic struct {
	Posn           string `json:"posn"`
	Message        string `json:"message"`
	SuggestedFixes []struct {
		Message string `json:"message"`
	} `json:"suggested_fixes"`
}

func TestJSONShape(t *testing.T) {
	dir := e2eModule(t)
	r := run(t, dir, maplintBin, "-json", "./bugs")
	if r.status != 3 {
		t.Errorf("-json exit status %d, want 3 as for text; stderr:\n%s", r.status, r.stderr)
	}
	var tree jsonTree
	if err := json.Unmarshal([]byte(r.stdout), &tree); err != nil {
		t.Fatalf("-json output is not JSON: %v\n%s", err, r.stdout)
	}
	// The package and its test variant, "example.com/e2e/bugs
	// [example.com/e2e/bugs.test]", each have an entry; a finding in a
	// non-test file appears in both.
	seen := make(map[finding]bool)
	var got []finding
	for pkg, byAnalyzer := range tree {
		if pkg != "example.com/e2e/bugs" && !strings.HasPrefix(pkg, "example.com/e2e/bugs [") {
			t.Errorf("-json output has an entry for %q, want only package bugs", pkg)
			continue
		}
		for name, raw := range byAnalyzer {
			var diags []jsonDiagnostic
			if err := json.Unmarshal(raw, &diags); err != nil {
				t.Errorf("analyzer %s: %v in %s", name, err, raw)
				continue
			}
			for _, d := range diags {
				if d.Message == "" {
					t.Errorf("%s: empty message at %s", name, d.Posn)
				}
				file, line, _ := strings.Cut(d.Posn, ":")
				line, _, _ = strings.Cut(line, ":")
				f := finding{name, relPosn(file) + ":" + line}
				if slices.Contains(fixedAnalyzers, name) && len(d.SuggestedFixes) != 1 {
					t.Errorf("%s at %s has %d suggested fixes, want exactly one", name, f.posn, len(d.SuggestedFixes))
				}
				if !seen[f] {
					seen[f] = true
					got = append(got, f)
				}
			}
		}
	}
	checkBugFindings(t, "-json", got)
}

func TestTestFalseSkipsTestFiles(t *testing.T) {
	dir := e2eModule(t)
	r := run(t, dir, maplintBin, "-test=false", "./bugs")
	for _, p := range textPositions(t, r.stdout) {
		if strings.Contains(p, "_test.go") {
			t.Errorf("-test=false reported in a test file: %s", p)
		}
	}
	if r.status != 3 {
		t.Errorf("exit status %d, want 3", r.status)
	}
}

func TestAnalyzerFlagSelects(t *testing.T) {
	dir := e2eModule(t)
	r := run(t, dir, maplintBin, "-rangemut", "./bugs")
	got := textPositions(t, r.stdout)
	want := []string{"bugs/bugs.go:20", "bugs/bugs_test.go:8"}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("-rangemut reported at %v, want only %v", got, want)
	}
}

func TestDoesNotTypeCheck(t *testing.T) {
	dir := e2eModule(t)
	r := run(t, dir, maplintBin, "./broken")
	if r.status != 1 {
		t.Errorf("exit status %d, want 1", r.status)
	}
	if !strings.Contains(r.stderr, "broken.go:4:24") || !strings.Contains(r.stderr, "cannot use") {
		t.Errorf("stderr does not show the type error:\n%s", r.stderr)
	}
}

// fixedAnalyzers are the analyzers whose findings in bugFindings come
// with a fix that removes them.
var fixedAnalyzers = []string{"rangemut", "makehint"}

func TestFixDiffPrintsAndLeavesFilesAlone(t *testing.T) {
	dir := e2eModule(t)
	before, err := os.ReadFile(filepath.Join(dir, "bugs/bugs.go"))
	if err != nil {
		t.Fatal(err)
	}
	r := run(t, dir, maplintBin, "-fix", "-diff", "./bugs")
	if r.status != 3 {
		t.Errorf("-fix -diff exit status %d, want 3 (concwrite and bigvalue have no fix); stderr:\n%s", r.status, r.stderr)
	}
	for _, want := range []string{"--- ", "+++ ", "make(map[int]string, len(names))", "maps.Clone(dirs)"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("-fix -diff output lacks %q:\n%s", want, r.stdout)
		}
	}
	after, _ := os.ReadFile(filepath.Join(dir, "bugs/bugs.go"))
	if !bytes.Equal(before, after) {
		t.Error("-fix -diff modified bugs.go")
	}
}

func TestFixAppliesAndCompiles(t *testing.T) {
	dir := e2eModule(t)
	if r := run(t, dir, maplintBin, "-fix", "./bugs"); r.status != 3 {
		t.Fatalf("-fix exit status %d, want 3 (concwrite and bigvalue have no fix); stderr:\n%s", r.status, r.stderr)
	}
	if r := run(t, dir, "go", "vet", "./bugs"); r.status != 0 {
		t.Fatalf("fixed code does not build and vet:\n%s", r.stderr)
	}
	r := run(t, dir, maplintBin, "./bugs")
	for _, p := range textPositions(t, r.stdout) {
		for _, f := range bugFindings {
			if f.posn == p && slices.Contains(fixedAnalyzers, f.analyzer) {
				t.Errorf("after -fix, %s still reports at %s", f.analyzer, p)
			}
		}
	}
}

func TestGoVetVettool(t *testing.T) {
	dir := e2eModule(t)
	r := run(t, dir, "go", "vet", "-vettool="+maplintBin, "./bugs", "./clean", "./gen")
	if r.status == 0 {
		t.Errorf("go vet -vettool exited 0 on package bugs; output:\n%s", r.stderr)
	}
	var got []string
	for line := range strings.Lines(r.stderr) {
		if m := diagnosticLine.FindStringSubmatch(strings.TrimSuffix(line, "\n")); m != nil && !strings.HasPrefix(m[4], "\t") {
			got = append(got, relPosn(m[1])+":"+m[2])
		}
	}
	checkBugPositions(t, "go vet -vettool", got, r.stderr)

	r = run(t, dir, "go", "vet", "-vettool="+maplintBin, "./clean", "./gen")
	if r.status != 0 {
		t.Errorf("go vet -vettool on clean code: status %d\n%s", r.status, r.stderr)
	}
}

func TestGoFixFixtoolDiff(t *testing.T) {
	dir := e2eModule(t)
	r := run(t, dir, "go", "fix", "-fixtool="+maplintBin, "-diff", "./bugs")
	for _, want := range []string{"make(map[int]string, len(names))", "maps.Clone(dirs)"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("go fix -fixtool -diff output lacks %q (status %d):\n%s%s", want, r.status, r.stdout, r.stderr)
		}
	}
}

func TestHelpListsEachAnalyzerOnOneLine(t *testing.T) {
	r := run(t, ".", maplintBin, "help")
	if r.status != 0 {
		t.Errorf("help exit status %d", r.status)
	}
	for _, a := range suite.Analyzers() {
		title, _, _ := strings.Cut(a.Doc, "\n")
		line := regexp.MustCompile(`(?m)^\s+` + a.Name + `\s+` + suite.SeverityOf(a.Name).String() + `\s+` + regexp.QuoteMeta(title) + `$`)
		if !line.MatchString(r.stdout) {
			t.Errorf("help does not list %s with %q:\n%s", a.Name, title, r.stdout)
		}
	}
	if !strings.Contains(r.stdout, "maplint size") {
		t.Errorf("help does not mention the size subcommand:\n%s", r.stdout)
	}
}

func TestSuiteHasTheFourAnalyzers(t *testing.T) {
	var names []string
	for _, a := range suite.Analyzers() {
		names = append(names, a.Name)
	}
	if want := []string{"concwrite", "rangemut", "makehint", "bigvalue"}; !slices.Equal(names, want) {
		t.Errorf("suite.Analyzers() = %v, want %v", names, want)
	}
}

func TestVersion(t *testing.T) {
	r := run(t, ".", maplintBin, "version")
	if r.status != 0 || !strings.HasPrefix(r.stdout, "maplint ") {
		t.Errorf("version: status %d, output %q", r.status, r.stdout)
	}
}

func TestFormatSARIF(t *testing.T) {
	dir := e2eModule(t)
	r := run(t, dir, maplintBin, "-format", "sarif", "./bugs")
	if r.status != 3 {
		t.Errorf("-format sarif exit status %d, want 3; stderr:\n%s", r.status, r.stderr)
	}
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Results []struct {
				RuleID    string `json:"ruleId"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine int `json:"startLine"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &log); err != nil {
		t.Fatalf("-format sarif output is not JSON: %v\n%s", err, r.stdout)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q, %d runs; want 2.1.0 and one run", log.Version, len(log.Runs))
	}
	var got []finding
	for _, res := range log.Runs[0].Results {
		loc := res.Locations[0].PhysicalLocation
		if filepath.IsAbs(loc.ArtifactLocation.URI) {
			t.Errorf("absolute path in SARIF: %s", loc.ArtifactLocation.URI)
		}
		got = append(got, finding{res.RuleID, fmt.Sprintf("%s:%d", loc.ArtifactLocation.URI, loc.Region.StartLine)})
	}
	checkBugFindings(t, "-format sarif", got)
}

func TestLayoutFlagReachesEveryAnalyzer(t *testing.T) {
	dir := e2eModule(t)
	r := run(t, dir, maplintBin, "-layout=classic", "./bugs")
	if r.status != 3 {
		t.Fatalf("exit status %d, want 3; stderr:\n%s", r.status, r.stderr)
	}
	for _, want := range []string{"classic)", "on Go 1.23"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("-layout=classic output lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "swiss") {
		t.Errorf("-layout=classic output still mentions swiss:\n%s", r.stdout)
	}
	// go vet learns the tool's flags from maplint -flags and passes -layout on.
	r = run(t, dir, "go", "vet", "-vettool="+maplintBin, "-layout=classic", "./bugs")
	if !strings.Contains(r.stderr, "classic)") || strings.Contains(r.stderr, "swiss") {
		t.Errorf("go vet -vettool -layout=classic did not reach the analyzers:\n%s", r.stderr)
	}
	// The SARIF driver takes the command's flags too. (Its rule
	// descriptions name both layouts: look at the results only.)
	r = run(t, dir, maplintBin, "-format", "sarif", "-layout=classic", "./bugs")
	var log struct {
		Runs []struct {
			Results []struct {
				Message struct{ Text string }
			}
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &log); err != nil || len(log.Runs) != 1 {
		t.Fatalf("-format sarif -layout=classic: status %d, %v; stderr:\n%s", r.status, err, r.stderr)
	}
	var messages strings.Builder
	for _, res := range log.Runs[0].Results {
		messages.WriteString(res.Message.Text + "\n")
	}
	if !strings.Contains(messages.String(), "classic)") || strings.Contains(messages.String(), "swiss") {
		t.Errorf("-format sarif -layout=classic results are not all for classic maps:\n%s", &messages)
	}
	r = run(t, dir, maplintBin, "-layout=hashed", "./bugs")
	if r.status == 0 || r.status == 3 || !strings.Contains(r.stderr, "hashed") {
		t.Errorf("-layout=hashed: status %d, stderr %q; want a usage error naming the value", r.status, r.stderr)
	}
}
