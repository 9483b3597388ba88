package concwrite_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/parser"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/maplint/maplint/passes/concwrite"
)

// The packages under testdata/src/racecases are concwrite's ground truth:
// one realistic scenario per package, with a func Run that executes it.
// A package claims a race when it has a `// want` comment (a race
// concwrite finds) or a `// missed:` comment (a race concwrite does not
// find yet, with the reason); TestRaceCasesAreRaces runs every package
// under the race detector and checks that exactly those packages race,
// so that testdata can never claim a race that is not one, nor call code
// clean that races.

// knownFalseReports lists racecases packages that do not race, and on
// which the current engine nevertheless reports, with the reason.
// TestRaceCases skips them; TestRaceCasesAreRaces still runs them. Remove
// an entry once the engine is silent on it.
var knownFalseReports = map[string]string{}

// racecasesDir is where the cases live, relative to the package directory.
var racecasesDir = filepath.Join("testdata", "src", "racecases")

// racecasePackages returns the names of the case packages, sorted.
func racecasePackages(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(racecasesDir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	if len(names) == 0 {
		t.Fatalf("no packages under %s", racecasesDir)
	}
	return names
}

// TestRaceCases checks concwrite's verdict on every race case: a report
// at each `// want`, and none elsewhere.
func TestRaceCases(t *testing.T) {
	var pkgs []string
	for _, name := range racecasePackages(t) {
		if reason, ok := knownFalseReports[name]; ok {
			t.Logf("skipping %s, a known false report: %s", name, reason)
			continue
		}
		pkgs = append(pkgs, "racecases/"+name)
	}
	analysistest.Run(ignoreFacts{t}, analysistest.TestData(), concwrite.Analyzer, pkgs...)
}

// ignoreFacts passes analysistest's errors on to t, except those about
// concwrite's package facts: which facts a case exports is not what a
// race case is about (the facts have tests of their own), and a `// want`
// for a fact would read as a claimed race.
type ignoreFacts struct{ t *testing.T }

func (f ignoreFacts) Errorf(format string, args ...any) {
	f.t.Helper()
	msg := fmt.Sprintf(format, args...)
	if strings.Contains(msg, ": unexpected fact: ") {
		return
	}
	f.t.Errorf("%s", msg)
}

// raceMarkers are what the race detector (or the runtime's own check)
// prints when it sees a race.
var raceMarkers = []string{"WARNING: DATA RACE", "race detected", "concurrent map"}

// TestRaceCasesAreRaces runs every race case under the race detector, in
// a temporary module with one test per package, and checks that the
// packages that claim a race race and the others do not.
func TestRaceCasesAreRaces(t *testing.T) {
	if testing.Short() {
		t.Skip("builds every race case with -race")
	}
	// -race needs cgo, hence a C compiler; go env reports CGO_ENABLED=0
	// when there is none.
	if out, err := exec.Command("go", "env", "CGO_ENABLED").Output(); err != nil || strings.TrimSpace(string(out)) != "1" {
		t.Skip("the race detector needs cgo and a C compiler (go env CGO_ENABLED is not 1)")
	}

	names := racecasePackages(t)
	claims := make(map[string]bool) // package name -> claims a race
	mod := t.TempDir()
	writeFile(t, filepath.Join(mod, "go.mod"), "module racecases\n\ngo 1.22\n")
	for _, name := range names {
		pkgName, claim := copyRaceCase(t, filepath.Join(racecasesDir, name), filepath.Join(mod, name))
		claims[name] = claim
		writeFile(t, filepath.Join(mod, name, "zz_run_test.go"),
			"package "+pkgName+"\n\nimport \"testing\"\n\nfunc TestRun(t *testing.T) { Run() }\n")
	}

	cmd := exec.Command("go", "test", "-race", "-count=1", "-json", "-timeout=2m", "./...")
	cmd.Dir = mod
	// The race runtime sleeps a second at exit by default, to let other
	// goroutines report; every case joins or sleeps before Run returns, so
	// a short pause is enough, and 48 cases take seconds instead of a minute.
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=", "GORACE=atexit_sleep_ms=50")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatalf("go test: %v", err)
	}
	if strings.Contains(stderr.String(), "-race is not supported") {
		t.Skipf("race detector not supported here: %s", stderr.String())
	}

	results := parseTestJSON(t, stdout)
	for _, name := range names {
		res, ok := results["racecases/"+name]
		switch {
		case !ok:
			t.Errorf("%s: no result from go test\nstderr:\n%s", name, stderr.String())
		case res.action != "pass" && res.action != "fail":
			t.Errorf("%s: go test ended with %q\n%s", name, res.action, res.output)
		case claims[name] && !(res.action == "fail" && res.raced()):
			t.Errorf("%s claims a race (// want or // missed:) but the race detector saw none (test %s)\n%s", name, res.action, res.output)
		case !claims[name] && (res.action != "pass" || res.raced()):
			t.Errorf("%s claims no race but did not pass cleanly (test %s)\n%s", name, res.action, res.output)
		}
	}
}

// copyRaceCase copies the Go files of the case package in dir to dst and
// returns its package name and whether it claims a race.
func copyRaceCase(t *testing.T, dir, dst string) (pkgName string, claimsRace bool) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("%s: no Go files (%v)", dir, err)
	}
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(token.NewFileSet(), file, src, parser.PackageClauseOnly)
		if err != nil {
			t.Fatal(err)
		}
		pkgName = f.Name.Name
		if bytes.Contains(src, []byte("// want")) || bytes.Contains(src, []byte("// missed:")) {
			claimsRace = true
		}
		writeFile(t, filepath.Join(dst, filepath.Base(file)), string(src))
	}
	return pkgName, claimsRace
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// testResult is what go test -json said about one package.
type testResult struct {
	action string // the package's final action: pass, fail or skip
	output string
}

func (r testResult) raced() bool {
	for _, m := range raceMarkers {
		if strings.Contains(r.output, m) {
			return true
		}
	}
	return false
}

// parseTestJSON collects go test -json's output and final action per
// package, including build failures.
func parseTestJSON(t *testing.T, out []byte) map[string]*testResult {
	t.Helper()
	results := make(map[string]*testResult)
	get := func(pkg string) *testResult {
		// Build events name the package as "racecases/x [racecases/x.test]".
		pkg, _, _ = strings.Cut(pkg, " ")
		r := results[pkg]
		if r == nil {
			r = new(testResult)
			results[pkg] = r
		}
		return r
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var ev struct {
			Action, Package, ImportPath, Test, Output string
		}
		if err := dec.Decode(&ev); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("reading go test -json output: %v\n%s", err, out)
		}
		pkg := ev.Package
		if pkg == "" {
			pkg = ev.ImportPath
		}
		if pkg == "" {
			continue
		}
		r := get(pkg)
		r.output += ev.Output
		if ev.Test == "" && (ev.Action == "pass" || ev.Action == "fail" || ev.Action == "skip") {
			r.action = ev.Action
		}
	}
	return results
}
