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
	"slices"
	"strings"
	"testing"

	"github.com/maplint/maplint/internal/maplinttest"
	"github.com/maplint/maplint/passes/suite"
)

var maplintBin string

func TestMain(m *testing.M) {
	os.Exit(maplinttest.Main(m, &maplintBin))
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
	{"maporder", "bugs/order.go:8"},
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
var fixedAnalyzers = []string{"rangemut", "makehint", "maporder"}

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

func TestSuiteHasItsAnalyzers(t *testing.T) {
	var names []string
	for _, a := range suite.Analyzers() {
		names = append(names, a.Name)
	}
	if want := []string{"concwrite", "rangemut", "makehint", "bigvalue", "maporder"}; !slices.Equal(names, want) {
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

// textLine is one finding in text output: the position relative to the
// working directory, the severity, and the analyzer at the end.
var textLine = regexp.MustCompile(`^([^/\s][^:\s]*\.go):(\d+):(\d+): (error|warning|suggestion): (.+) \((\w+)\)$`)

func TestTextNamesSeverityAndAnalyzer(t *testing.T) {
	dir := e2eModule(t)
	r := run(t, dir, maplintBin, "./bugs")
	if r.stderr != "" {
		t.Errorf("findings alone write nothing to stderr: %q", r.stderr)
	}
	want := map[string]string{"concwrite": "error", "rangemut": "warning", "makehint": "suggestion", "bigvalue": "suggestion", "maporder": "warning"}
	var got []finding
	var lastPosn []string
	for line := range strings.Lines(r.stdout) {
		line = strings.TrimSuffix(line, "\n")
		if strings.HasPrefix(line, "\t") {
			continue // related information
		}
		m := textLine.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("not path:line:col: severity: message (analyzer): %q", line)
			continue
		}
		if m[4] != want[m[6]] {
			t.Errorf("%s reported as %s, want %s", m[6], m[4], want[m[6]])
		}
		posn := []string{m[1], fmt.Sprintf("%06s", m[2]), fmt.Sprintf("%06s", m[3])}
		if slices.Compare(posn, lastPosn) < 0 {
			t.Errorf("findings not sorted: %v after %v", posn, lastPosn)
		}
		lastPosn = posn
		got = append(got, finding{m[6], m[1] + ":" + m[2]})
	}
	checkBugFindings(t, "text", got)
}

func TestHelpVersionAndMistakes(t *testing.T) {
	r := run(t, ".", maplintBin, "help")
	for _, generic := range []string{"Printf", "SplitSeq", "-cpuprofile", "-debug"} {
		if strings.Contains(r.stdout+r.stderr, generic) {
			t.Errorf("maplint help shows x/tools' %q:\n%s", generic, r.stdout)
		}
	}
	for _, args := range [][]string{{"version"}, {"-version"}} {
		if r := run(t, ".", maplintBin, args...); r.status != 0 || !strings.HasPrefix(r.stdout, "maplint ") {
			t.Errorf("%v: status %d, output %q", args, r.status, r.stdout)
		}
	}
	dir := e2eModule(t)
	r = run(t, dir, maplintBin, "./nope")
	if r.status != 1 || strings.Count(r.stderr, "\n") != 1 || strings.Contains(r.stderr, "analysis skipped") {
		t.Errorf("./nope: status %d, stderr %q; want 1 and one line", r.status, r.stderr)
	}
	r = run(t, dir, maplintBin, "./broken")
	if strings.Contains(r.stderr, "ctrlflow") || strings.Contains(r.stderr, "analysis skipped") {
		t.Errorf("./broken: internal analyzer names in\n%s", r.stderr)
	}
}

// sarifLog is the part of a SARIF log the tests below read.
type sarifLog struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Rules []struct {
					ID                   string `json:"id"`
					HelpURI              string `json:"helpUri"`
					DefaultConfiguration struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			Level     string `json:"level"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine, StartColumn, EndLine, EndColumn int
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
		} `json:"results"`
	} `json:"runs"`
}

func TestFormatSARIFWithFix(t *testing.T) {
	dir := e2eModule(t)
	r := run(t, dir, maplintBin, "-format", "sarif", "-fix", "./bugs")
	if r.status != 3 {
		t.Errorf("-format sarif -fix: status %d, want 3 for the findings left; stderr:\n%s", r.status, r.stderr)
	}
	var log sarifLog
	if err := json.Unmarshal([]byte(r.stdout), &log); err != nil || len(log.Runs) != 1 {
		t.Fatalf("not one SARIF run: %v\n%s", err, r.stdout)
	}
	levels := map[string]string{"concwrite": "error", "bigvalue": "note"}
	var left []string
	for _, res := range log.Runs[0].Results {
		left = append(left, res.RuleID)
		reg := res.Locations[0].PhysicalLocation.Region
		if res.Level != levels[res.RuleID] || len(res.PartialFingerprints) == 0 ||
			reg.EndLine == reg.StartLine && reg.EndColumn <= reg.StartColumn {
			t.Errorf("%s: level %q (want %q), fingerprints %v, region %+v (want an extent)", res.RuleID, res.Level, levels[res.RuleID], res.PartialFingerprints, reg)
		}
	}
	slices.Sort(left)
	if !slices.Equal(left, []string{"bigvalue", "concwrite"}) {
		t.Errorf("after -fix, SARIF lists %v; want the findings without a fix: bigvalue, concwrite", left)
	}
	for _, rule := range log.Runs[0].Tool.Driver.Rules {
		if want := suite.SeverityOf(rule.ID).SARIFLevel(); rule.DefaultConfiguration.Level != want || !strings.HasSuffix(rule.HelpURI, "/doc.go") {
			t.Errorf("rule %s: level %s (want %s), help %s", rule.ID, rule.DefaultConfiguration.Level, want, rule.HelpURI)
		}
	}
	fixed, _ := os.ReadFile(filepath.Join(dir, "bugs", "bugs.go"))
	if !bytes.Contains(fixed, []byte("maps.Clone(dirs)")) {
		t.Errorf("-format sarif -fix did not apply the fixes:\n%s", fixed)
	}
}

func TestFailAndConfiguration(t *testing.T) {
	dir := e2eModule(t)
	// Gate on crashes only: advice is printed, and does not fail the run.
	r := run(t, dir, maplintBin, "-fail=concwrite", "./bugs")
	if r.status != 3 {
		t.Errorf("-fail=concwrite with a concwrite finding: status %d", r.status)
	}
	r = run(t, dir, maplintBin, "-fail=concwrite", "-concwrite=false", "./bugs")
	if r.status != 0 || !strings.Contains(r.stdout, "(makehint)") {
		t.Errorf("-fail=concwrite without concwrite findings: status %d, want 0 with the findings printed:\n%s%s", r.status, r.stdout, r.stderr)
	}
	// The same in maplint.toml, with one analyzer turned off.
	conf := "# gate on crashes, read the rest\nfail = [\"concwrite\"]\nanalyzers = [\"all\", \"-bigvalue\"]\n"
	if err := os.WriteFile(filepath.Join(dir, "maplint.toml"), []byte(conf), 0o666); err != nil {
		t.Fatal(err)
	}
	r = run(t, dir, maplintBin, "-concwrite=false", "./bugs")
	if r.status != 0 || strings.Contains(r.stdout, "(bigvalue)") || !strings.Contains(r.stdout, "(rangemut)") {
		t.Errorf("maplint.toml: status %d, want 0, rangemut and no bigvalue:\n%s%s", r.status, r.stdout, r.stderr)
	}
	if err := os.WriteFile(filepath.Join(dir, "maplint.toml"), []byte("fails = [\"concwrite\"]\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	r = run(t, dir, maplintBin, "./bugs")
	if r.status != 2 || !strings.Contains(r.stderr, `"fails"`) {
		t.Errorf("unknown key: status %d, stderr %q", r.status, r.stderr)
	}
}

func TestNewFromRev(t *testing.T) {
	dir := e2eModule(t)
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com"}, args...)...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	git("add", ".")
	git("commit", "-q", "-m", "old findings")
	if r := run(t, dir, maplintBin, "-new-from-rev=HEAD", "./bugs"); r.status != 0 || r.stdout != "" {
		t.Errorf("-new-from-rev=HEAD with nothing changed: status %d, output\n%s%s", r.status, r.stdout, r.stderr)
	}
	racy := "package bugs\n\nvar seen = map[int]bool{}\n\nfunc Mark(ids []int) {\n\tfor _, id := range ids {\n\t\tgo func() { seen[id] = true }()\n\t}\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "bugs", "new.go"), []byte(racy), 0o666); err != nil {
		t.Fatal(err)
	}
	r := run(t, dir, maplintBin, "-new-from-rev=HEAD", "./bugs")
	got := textPositions(t, r.stdout)
	if r.status != 3 || !slices.Equal(got, []string{"bugs/new.go:7"}) {
		t.Errorf("-new-from-rev=HEAD: status %d, findings at %v; want only bugs/new.go:7\n%s", r.status, got, r.stderr)
	}
}

// TestFilesThatImportC checks that a finding in a file that imports "C"
// is reported: the go command analyzes cgo's rewrite of it, whose "Code
// generated by cmd/cgo" header must not make it count as generated.
func TestFilesThatImportC(t *testing.T) {
	if out, err := exec.Command("go", "env", "CGO_ENABLED").Output(); err != nil || strings.TrimSpace(string(out)) != "1" {
		t.Skip("SKIPPED: cgo is not enabled")
	}
	dir := e2eModule(t)
	r := run(t, dir, maplintBin, "./cgo")
	if got := textPositions(t, r.stdout); !slices.Equal(got, []string{"cgo/cgo.go:14"}) || r.status != 3 {
		t.Errorf("maplint ./cgo: status %d, findings at %v, want cgo/cgo.go:14\n%s%s", r.status, got, r.stdout, r.stderr)
	}
	r = run(t, dir, "go", "vet", "-vettool="+maplintBin, "./cgo")
	if !strings.Contains(r.stderr, "cgo.go:14:") {
		t.Errorf("go vet -vettool ./cgo: status %d, want the finding at cgo.go:14:\n%s", r.status, r.stderr)
	}
}

// TestThresholdsFromConfiguration checks that bigvalue's threshold, a
// flag, is set by maplint.toml's [bigvalue] table: a 100-byte value
// stored inline is reported by default and not above -inline-floor.
func TestThresholdsFromConfiguration(t *testing.T) {
	dir := e2eModule(t)
	mid := "package bugs\n\ntype Mid struct{ A [100]byte }\n\nvar mids map[string]Mid\n\nfunc Get(k string) Mid { return mids[k] }\n"
	if err := os.WriteFile(filepath.Join(dir, "bugs", "mid.go"), []byte(mid), 0o666); err != nil {
		t.Fatal(err)
	}
	if got := textPositions(t, run(t, dir, maplintBin, "-bigvalue", "./bugs").stdout); !slices.Contains(got, "bugs/mid.go:5") {
		t.Fatalf("by default, bigvalue reports at %v, want bugs/mid.go:5 among them", got)
	}
	if err := os.WriteFile(filepath.Join(dir, "maplint.toml"), []byte("[bigvalue]\ninline-floor = 128\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	r := run(t, dir, maplintBin, "-bigvalue", "./bugs")
	if got := textPositions(t, r.stdout); slices.Contains(got, "bugs/mid.go:5") || len(got) == 0 {
		t.Errorf("with [bigvalue] inline-floor = 128, bigvalue reports at %v; want the 100-byte value left alone\n%s", got, r.stderr)
	}

	// makehint's smallest count worth reporting, for a fill of a
	// constant 100 entries.
	fill := "package bugs\n\nfunc Squares() map[int]int {\n\tm := map[int]int{}\n\tfor i := range 100 {\n\t\tm[i] = i * i\n\t}\n\treturn m\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "bugs", "fill.go"), []byte(fill), 0o666); err != nil {
		t.Fatal(err)
	}
	if got := textPositions(t, run(t, dir, maplintBin, "-makehint", "./bugs").stdout); !slices.Contains(got, "bugs/fill.go:4") {
		t.Fatalf("by default, makehint reports at %v, want bugs/fill.go:4 among them", got)
	}
	if err := os.WriteFile(filepath.Join(dir, "maplint.toml"), []byte("[makehint]\nmin-entries = 1000\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	r = run(t, dir, maplintBin, "-makehint", "./bugs")
	if got := textPositions(t, r.stdout); slices.Contains(got, "bugs/fill.go:4") || len(got) == 0 {
		t.Errorf("with [makehint] min-entries = 1000, makehint reports at %v; want the 100-entry fill left alone\n%s", got, r.stderr)
	}
}
