package concwrite_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

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

// TestRaceCasesAreRaces runs every race case under the race detector and
// checks that the packages that claim a race race and the others do not.
//
// The cases are copied into a temporary module with a main package that
// imports them all and runs the one named by its argument; it is built
// once with -race and run once per case, each in its own process. That
// is one link instead of one test binary per case (about 8 s instead of
// 30 s for 48 cases on a loaded 2-core machine).
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
	var imports, cases strings.Builder
	for i, name := range names {
		claims[name] = copyRaceCase(t, filepath.Join(racecasesDir, name), filepath.Join(mod, name))
		fmt.Fprintf(&imports, "\tc%d %q\n", i, "racecases/"+name)
		fmt.Fprintf(&cases, "\t%q: c%d.Run,\n", name, i)
	}
	const mainDir = "zz_runcase" // not a case: racecasePackages never lists it
	if err := os.Mkdir(filepath.Join(mod, mainDir), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(mod, mainDir, "main.go"), "// Command zz_runcase runs the race case named by its argument.\npackage main\n\nimport (\n\t\"os\"\n\n"+
		imports.String()+")\n\nvar cases = map[string]func(){\n"+cases.String()+"}\n\nfunc main() { cases[os.Args[1]]() }\n")

	bin := filepath.Join(mod, "runcase")
	build := exec.Command("go", "build", "-race", "-o", bin, "./"+mainDir)
	build.Dir = mod
	build.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
	if out, err := build.CombinedOutput(); err != nil {
		if bytes.Contains(out, []byte("-race is not supported")) {
			t.Skipf("race detector not supported here: %s", out)
		}
		t.Fatalf("go build -race: %v\n%s", err, out)
	}

	for _, name := range names {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		run := exec.CommandContext(ctx, bin, name)
		// The race runtime sleeps a second at exit by default, to let
		// other goroutines report; every case joins or sleeps before Run
		// returns, so a short pause is enough.
		run.Env = append(os.Environ(), "GORACE=atexit_sleep_ms=50")
		out, err := run.CombinedOutput()
		timedOut := ctx.Err() != nil
		cancel()
		raced := false
		for _, m := range raceMarkers {
			raced = raced || bytes.Contains(out, []byte(m))
		}
		_, exited := err.(*exec.ExitError)
		switch {
		case timedOut:
			t.Errorf("%s: did not finish within a minute\n%s", name, out)
		case err != nil && !exited:
			t.Errorf("%s: running the case: %v\n%s", name, err, out)
		case claims[name] && !raced:
			t.Errorf("%s claims a race (// want or // missed:) but the race detector saw none (%v)\n%s", name, err, out)
		case !claims[name] && (err != nil || raced):
			t.Errorf("%s claims no race but did not run cleanly (%v)\n%s", name, err, out)
		}
	}
}

// copyRaceCase copies the Go files of the case package in dir to dst and
// reports whether it claims a race.
func copyRaceCase(t *testing.T, dir, dst string) (claimsRace bool) {
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
		if bytes.Contains(src, []byte("// want")) || bytes.Contains(src, []byte("// missed:")) {
			claimsRace = true
		}
		writeFile(t, filepath.Join(dst, filepath.Base(file)), string(src))
	}
	return claimsRace
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
