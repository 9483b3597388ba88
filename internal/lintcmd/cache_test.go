package lintcmd_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/maplint/maplint/internal/lintcmd"
	"github.com/maplint/maplint/passes/suite"
)

// runSuite runs the command with maplint's analyzers in dir, with the
// result cache in cacheDir ("off" for none), and -cache-stats.
func runSuite(t *testing.T, dir, cacheDir string, args ...string) result {
	t.Helper()
	t.Chdir(dir)
	t.Setenv("GOWORK", "off")
	t.Setenv("MAPLINT_CACHE", cacheDir)
	var stdout, stderr bytes.Buffer
	status := (&lintcmd.Command{Analyzers: suite.Analyzers()}).Main(append([]string{"-cache-stats"}, args...), &stdout, &stderr)
	return result{stdout.String(), stderr.String(), status}
}

// served is the -cache-stats line of a run.
func served(t *testing.T, r result) string {
	t.Helper()
	for line := range strings.Lines(r.stderr) {
		if strings.HasPrefix(line, "maplint: cache: ") {
			return strings.TrimSpace(strings.TrimPrefix(line, "maplint: cache: "))
		}
	}
	t.Fatalf("no -cache-stats line in stderr:\n%s", r.stderr)
	return ""
}

func appendTo(t *testing.T, name, text string) {
	t.Helper()
	f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestCacheFollowsDependencies checks that a package analyzed again over
// cached dependencies gets their facts (the finding in walk needs fill's
// fact that Parents inserts), and that an edit in the dependency reaches
// the package importing it: no stale facts, no stale findings.
func TestCacheFollowsDependencies(t *testing.T) {
	dir := copyDir(t, "cachedeps")
	cache := t.TempDir()
	const finding = "walk/walk.go:9:3: warning: fill.Parents(dirs, d) may insert into dirs"

	cold := runSuite(t, dir, cache, "./...")
	uncached := runSuite(t, dir, "off", "./...")
	if !strings.Contains(cold.stdout, finding) || cold.stdout != uncached.stdout || cold.status != uncached.status {
		t.Fatalf("cold run: status %d, stdout:\n%s\nwant as without the cache (status %d):\n%s", cold.status, cold.stdout, uncached.status, uncached.stdout)
	}
	if got, want := served(t, cold), "0 packages replayed, 0 analyzed over cached dependencies, 2 analyzed with their dependencies from source (no cached facts for path; 0 dependencies' facts reused)"; got != want {
		t.Errorf("cold run: %s, want %s", got, want)
	}

	warm := runSuite(t, dir, cache, "./...")
	if warm.stdout != cold.stdout || warm.status != cold.status {
		t.Errorf("warm run: status %d, stdout:\n%s\nwant as the cold run", warm.status, warm.stdout)
	}
	if got, want := served(t, warm), "2 packages replayed, 0 analyzed over cached dependencies, 0 analyzed with their dependencies from source"; got != want {
		t.Errorf("warm run: %s, want %s", got, want)
	}

	// walk changes: it alone is analyzed, with fill's facts from the cache.
	appendTo(t, filepath.Join(dir, "walk", "walk.go"), "\n// Edited.\n")
	edited := runSuite(t, dir, cache, "./...")
	if edited.stdout != cold.stdout {
		t.Errorf("after editing walk: stdout:\n%s\nwant as before:\n%s", edited.stdout, cold.stdout)
	}
	if got, want := served(t, edited), "1 packages replayed, 1 analyzed over cached dependencies, 0 analyzed with their dependencies from source"; got != want {
		t.Errorf("after editing walk: %s, want %s", got, want)
	}

	// fill stops inserting: walk's finding must go, although walk did not change.
	fill := filepath.Join(dir, "fill", "fill.go")
	src, err := os.ReadFile(fill)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(fill, bytes.Replace(src, []byte(`m[path.Dir(dir)] = true`), []byte(`_ = m[path.Dir(dir)]`), 1), 0o666); err != nil {
		t.Fatal(err)
	}
	fixed := runSuite(t, dir, cache, "./...")
	if strings.Contains(fixed.stdout, finding) || fixed.status != 0 {
		t.Errorf("after fill stopped inserting: status %d, stdout:\n%s\nwant no finding (a stale fact or finding of fill)", fixed.status, fixed.stdout)
	}
	if got, want := served(t, fixed), "0 packages replayed, 2 analyzed over cached dependencies, 0 analyzed with their dependencies from source"; got != want {
		t.Errorf("after editing fill: %s, want %s", got, want)
	}
}

// TestCacheSurvivesCorruption checks that corrupt entries are ignored,
// with one line on stderr, and the results are those of a cold run.
func TestCacheSurvivesCorruption(t *testing.T) {
	dir := copyDir(t, "cachedeps")
	cache := t.TempDir()
	cold := runSuite(t, dir, cache, "./...")
	var entries int
	err := filepath.WalkDir(cache, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Base(path) == "trim.txt" {
			return err
		}
		entries++
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		// Flip a byte of the payload on half the entries, truncate the others.
		if entries%2 == 0 {
			data[len(data)-1] ^= 0xff
		} else {
			data = data[:len(data)/2]
		}
		return os.WriteFile(path, data, 0o666)
	})
	if err != nil || entries == 0 {
		t.Fatalf("corrupting %d entries: %v", entries, err)
	}
	again := runSuite(t, dir, cache, "./...")
	if again.stdout != cold.stdout || again.status != cold.status {
		t.Errorf("over a corrupt cache: status %d, stdout:\n%s\nwant as the cold run:\n%s", again.status, again.stdout, cold.stdout)
	}
	if n := strings.Count(again.stderr, "corrupt"); n != 1 {
		t.Errorf("over a corrupt cache, stderr has %d lines about it, want 1:\n%s", n, again.stderr)
	}
	// The entries were rewritten.
	if got := served(t, runSuite(t, dir, cache, "./...")); !strings.HasPrefix(got, "2 packages replayed") {
		t.Errorf("after the corrupt entries were rewritten: %s", got)
	}
}

// TestCacheUnusable checks that a cache directory that cannot be created
// or written costs one line on stderr and nothing else.
func TestCacheUnusable(t *testing.T) {
	dir := copyDir(t, "cachedeps")
	notADir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notADir, nil, 0o666); err != nil {
		t.Fatal(err)
	}
	uncached := runSuite(t, dir, "off", "./...")
	got := runSuite(t, dir, filepath.Join(notADir, "cache"), "./...")
	if got.stdout != uncached.stdout || got.status != uncached.status {
		t.Errorf("with an unusable cache: status %d, stdout:\n%s\nwant as without one:\n%s", got.status, got.stdout, uncached.stdout)
	}
	if n := strings.Count(got.stderr, "cache unusable"); n != 1 {
		t.Errorf("stderr has %d lines about the cache, want 1:\n%s", n, got.stderr)
	}
}

// TestCacheEndToEnd checks that the end-to-end testdata (findings with
// fixes and related information, a package that does not type-check,
// cgo, generated files) gives the same output in every format without
// the cache, cold, warm, and after an edit.
func TestCacheEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("SKIPPED: -short")
	}
	src := filepath.Join(testDir, "..", "..", "cmd", "maplint", "testdata", "e2e")
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	cache := t.TempDir()
	for _, format := range []string{"text", "json", "sarif"} {
		want := runSuite(t, dir, "off", "-format="+format, "./...")
		if want.status != 1 && want.status != 3 {
			t.Fatalf("-format=%s without the cache: status %d, stderr:\n%s", format, want.status, want.stderr)
		}
		for _, run := range []string{"cold", "warm", "edited"} {
			if run == "edited" {
				appendTo(t, filepath.Join(dir, "bugs", "bugs.go"), "\n// Edited: "+format+".\n")
				want = runSuite(t, dir, "off", "-format="+format, "./...")
			}
			got := runSuite(t, dir, cache, "-format="+format, "./...")
			if got.stdout != want.stdout || got.status != want.status || stripDebug(got.stderr) != stripDebug(want.stderr) {
				t.Errorf("-format=%s, %s cache: status %d, stdout:\n%s\nstderr:\n%s\nwant status %d, stdout:\n%s\nstderr:\n%s",
					format, run, got.status, got.stdout, got.stderr, want.status, want.stdout, want.stderr)
			}
			t.Logf("-format=%s, %s: %s", format, run, served(t, got))
		}
	}
	// -fix -diff prints the fixes of replayed findings as it does those
	// of analyzed ones.
	want := runSuite(t, dir, "off", "-fix", "-diff", "./...")
	got := runSuite(t, dir, cache, "-fix", "-diff", "./...")
	if !strings.HasPrefix(served(t, got), "5 packages replayed") {
		t.Errorf("-fix -diff: %s, want the findings replayed", served(t, got))
	}
	if got.stdout != want.stdout || got.status != want.status || stripDebug(got.stderr) != stripDebug(want.stderr) {
		t.Errorf("-fix -diff with the cache: status %d, stdout:\n%s\nwant status %d, stdout:\n%s", got.status, got.stdout, want.status, want.stdout)
	}
	if !strings.Contains(got.stdout, "+++ bugs/bugs.go") {
		t.Errorf("-fix -diff printed no fix of bugs.go:\n%s", got.stdout)
	}
}

func stripDebug(stderr string) string {
	var b strings.Builder
	for line := range strings.Lines(stderr) {
		if !strings.HasPrefix(line, "maplint: cache: ") {
			b.WriteString(line)
		}
	}
	return b.String()
}

// TestCacheReusesDependencyFacts checks the run that cannot go
// incremental: fill's external test imports walk, which imports fill, so
// fill's test builds walk again against its test variant of fill, and
// after fill changes that variant of walk has no cached facts.
// The run then loads from source, analyzes what changed and takes the
// facts of the rest (the standard library's here) from the cache, with
// the output of an uncached run.
func TestCacheReusesDependencyFacts(t *testing.T) {
	dir := copyDir(t, "cachedeps")
	test := "package fill_test\n\nimport (\n\t\"testing\"\n\n\t\"example.com/cachedeps/walk\"\n)\n\nfunc TestExpand(t *testing.T) { walk.Expand(map[string]bool{\"a/b\": true}) }\n"
	if err := os.WriteFile(filepath.Join(dir, "fill", "fill_test.go"), []byte(test), 0o666); err != nil {
		t.Fatal(err)
	}
	// An internal test too, so that fill's test is built with its own
	// variant of fill, and walk is rebuilt against it.
	internal := "package fill\n\nimport \"testing\"\n\nfunc TestParents(t *testing.T) { Parents(map[string]bool{}, \"a/b\") }\n"
	if err := os.WriteFile(filepath.Join(dir, "fill", "parents_test.go"), []byte(internal), 0o666); err != nil {
		t.Fatal(err)
	}
	cache := t.TempDir()
	runSuite(t, dir, cache, "./...")
	appendTo(t, filepath.Join(dir, "fill", "fill.go"), "\n// Edited.\n")
	got := runSuite(t, dir, cache, "./...")
	want := runSuite(t, dir, "off", "./...")
	if got.stdout != want.stdout || got.status != want.status || !strings.Contains(got.stdout, "walk/walk.go:9:3") {
		t.Errorf("after editing fill: status %d, stdout:\n%s\nwant status %d, stdout:\n%s", got.status, got.stdout, want.status, want.stdout)
	}
	m := regexp.MustCompile(`\(no cached facts for example.com/cachedeps/walk \[example.com/cachedeps/fill.test\]; (\d+) dependencies' facts reused\)`).FindStringSubmatch(served(t, got))
	if m == nil || m[1] == "0" {
		t.Errorf("after editing fill: %s; want the source run over walk's test variant, reusing the facts of fill's other dependencies", served(t, got))
	}
}
