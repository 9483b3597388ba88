// Package golangci_test builds golangci-lint v2 with maplint's module
// plugin from this checkout, as a user's `golangci-lint custom` would, and
// runs it on integration/testdata/lintme with examples/golangci's files.
//
// Only the Go module proxy needs to be reachable. `golangci-lint custom`
// git-clones golangci-lint at the version it builds; the test serves that
// clone from a local git repository made from the module proxy's copy of
// golangci-lint, through git's url.<base>.insteadOf, which the builder
// passes on to git in GIT_CONFIG_* variables.
//
// Cached under $XDG_CACHE_HOME/maplint-integration between runs: the
// golangci-lint binary, the local repository, and the custom binary,
// keyed by a hash of everything it is built from (rebuilt when maplint's
// source changes).
package golangci_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/maplint/maplint/integration/internal/itest"
)

const golangciVersion = "v2.15.0"

const golangciModule = "github.com/golangci/golangci-lint/v2"

func TestGolangciLintPlugin(t *testing.T) {
	itest.SkipUnlessLong(t)
	for _, tool := range []string{"go", "git"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("SKIPPED: %s is not installed; the golangci-lint plugin test needs it (%v)", tool, err)
		}
	}
	root := itest.ModuleRoot(t)
	custom := customGolangci(t, root)

	dir := t.TempDir()
	itest.CopyDir(t, dir, filepath.Join(root, "integration", "testdata", "lintme"))
	config, err := os.ReadFile(filepath.Join(root, "examples", "golangci", ".golangci.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".golangci.yml"), config, 0o644); err != nil {
		t.Fatal(err)
	}
	want := itest.Analyze(t, dir)
	if len(want.Findings) == 0 && len(itest.Analyzers()) > 0 {
		t.Fatalf("maplint reports nothing on testdata/lintme, which has one finding per analyzer")
	}
	// --enable-only keeps other linters' findings and fixes out of the
	// comparison; the example's maplint settings still apply.
	run := []string{custom, "run", "--enable-only=maplint", "--max-issues-per-linter=0", "--max-same-issues=0", "--uniq-by-line=false"}

	t.Run("findings", func(t *testing.T) {
		report := filepath.Join(t.TempDir(), "report.json")
		out, status := itest.Run(t, itest.Cmd{Dir: dir, Args: append(slices.Clone(run), "--output.json.path="+report, "./...")})
		if status != 0 && status != 1 {
			t.Fatalf("golangci-lint run: exit status %d\n%s", status, out)
		}
		got := golangciFindings(t, report)
		var wantLines []string
		for _, f := range want.Findings {
			line, _ := lineOf(t, filepath.Join(dir, f.File), f.Line)
			if strings.Contains(line, "//nolint:maplint") {
				continue // golangci-lint's own suppression
			}
			// golangci-lint names the analyzer in the text of a linter with
			// several; the plugin folds related information into the
			// message, where //nolint:maplint on the finding reaches it.
			msg := f.Message
			if len(f.Notes) > 0 {
				msg += " (" + strings.Join(f.Notes, "; ") + ")"
			}
			wantLines = append(wantLines, fmt.Sprintf("%s:%d: %s: %s [%s]", f.File, f.Line, f.Analyzer, msg, severities[f.Analyzer]))
		}
		sort.Strings(wantLines)
		if !slices.Equal(got, wantLines) {
			t.Errorf("golangci-lint's maplint findings differ from maplint's own.\ngolangci-lint:\n\t%s\nmaplint:\n\t%s\noutput:\n%s",
				strings.Join(got, "\n\t"), strings.Join(wantLines, "\n\t"), out)
		}
		t.Logf("%d findings, as maplint reports them", len(got))

		// Suppressions under golangci-lint: maplint's directive and
		// golangci-lint's nolint silence Add's races, and the stale
		// directive in Guarded is reported.
		if slices.Contains(itest.Analyzers(), "concwrite") {
			src := filepath.Join(dir, "racy", "racy.go")
			suppressed := []int{lineContaining(t, src, "\t\t\ttotals[k]++"), lineContaining(t, src, "seen[k] = true")}
			stale := lineContaining(t, src, "//maplint:ignore concwrite guarded by mu")
			var staleReported bool
			for _, g := range got {
				for _, l := range suppressed {
					if strings.HasPrefix(g, fmt.Sprintf("racy/racy.go:%d: ", l)) {
						t.Errorf("a suppressed finding is reported: %s", g)
					}
				}
				staleReported = staleReported || strings.HasPrefix(g, fmt.Sprintf("racy/racy.go:%d: concwrite: this //maplint:ignore directive suppresses no", stale))
			}
			// //nolint:maplint on seen's race drops all of it: golangci-lint
			// reports no related information on lines of its own, which
			// the directive would not reach.
			for _, g := range got {
				if strings.Contains(g, "(related information)") {
					t.Errorf("related information reported as an issue of its own: %s", g)
				}
			}
			if !staleReported {
				t.Errorf("the stale //maplint:ignore on racy.go:%d is not reported", stale)
			}
		}
	})

	t.Run("fix", func(t *testing.T) {
		out, status := itest.Run(t, itest.Cmd{Dir: dir, Args: append(slices.Clone(run), "--fix", "./...")})
		if status != 0 && status != 1 {
			t.Fatalf("golangci-lint run --fix: exit status %d\n%s", status, out)
		}
		var fixed int
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
				return err
			}
			rel, _ := filepath.Rel(dir, path)
			rel = filepath.ToSlash(rel)
			got, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			wantContent, ok := want.Fixed[rel]
			if !ok {
				wantContent, err = os.ReadFile(filepath.Join(root, "integration", "testdata", "lintme", rel))
				if err != nil {
					return err
				}
			} else {
				fixed++
			}
			if string(got) != string(wantContent) {
				t.Errorf("%s after golangci-lint run --fix:\n%s\nwant (maplint's fixes applied):\n%s", rel, got, wantContent)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		itest.MustRun(t, itest.Cmd{Dir: dir, Args: []string{"go", "vet", "./..."}})
		t.Logf("%d files fixed, as maplint fixes them, and the result builds", fixed)
	})

	t.Run("bad settings", func(t *testing.T) {
		bad := strings.Replace(string(config), "\n        settings:\n", "\n        settings:\n          disabel: [makehint]\n", 1)
		if bad == string(config) {
			t.Fatal("examples/golangci/.golangci.yml has no maplint settings: section")
		}
		badDir := t.TempDir()
		itest.CopyDir(t, badDir, filepath.Join(root, "integration", "testdata", "lintme"))
		if err := os.WriteFile(filepath.Join(badDir, ".golangci.yml"), []byte(bad), 0o644); err != nil {
			t.Fatal(err)
		}
		out, status := itest.Run(t, itest.Cmd{Dir: badDir, Args: append(slices.Clone(run), "./...")})
		if status == 0 || !strings.Contains(out, `"disabel"`) {
			t.Errorf("a misspelt setting: exit status %d, output does not name it:\n%s", status, out)
		}
	})
}

// severities are the golangci-lint severities examples/golangci/.golangci.yml
// gives maplint's analyzers, from suite.SeverityOf.
var severities = map[string]string{"concwrite": "error", "rangemut": "warning", "maporder": "warning", "makehint": "info", "bigvalue": "info"}

// golangciFindings reads maplint's issues from a golangci-lint JSON report,
// each as "file:line: text [severity]".
func golangciFindings(t *testing.T, report string) []string {
	t.Helper()
	data, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		Issues []struct {
			FromLinter string
			Text       string
			Severity   string
			Pos        struct {
				Filename string
				Line     int
			}
		}
	}
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatalf("golangci-lint's JSON report: %v\n%s", err, data)
	}
	var got []string
	for _, is := range r.Issues {
		if is.FromLinter == "maplint" {
			got = append(got, fmt.Sprintf("%s:%d: %s [%s]", filepath.ToSlash(is.Pos.Filename), is.Pos.Line, is.Text, is.Severity))
		}
	}
	sort.Strings(got)
	return got
}

// lineContaining returns the number of the first line of file that
// contains text, failing the test if none does.
func lineContaining(t *testing.T, file, text string) int {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(string(data), "\n") {
		if strings.Contains(line, text) {
			return i + 1
		}
	}
	t.Fatalf("%s has no line containing %q", file, text)
	return 0
}

func lineOf(t *testing.T, file string, n int) (string, bool) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	if n < 1 || n > len(lines) {
		return "", false
	}
	return lines[n-1], true
}

// customGolangci returns a golangci-lint built by `golangci-lint custom`
// with the plugin from the checkout at root, building it if the cache has
// none built from the same sources.
func customGolangci(t *testing.T, root string) string {
	t.Helper()
	cache := itest.CacheDir(t, "golangci-lint-"+golangciVersion)
	gcl := installGolangci(t, cache)
	repo := localGolangciRepo(t, cache)

	customConfig, err := os.ReadFile(filepath.Join(root, "examples", "golangci", ".custom-gcl.yml"))
	if err != nil {
		t.Fatal(err)
	}
	// The example takes maplint from a checkout next to the repository;
	// build this one.
	config := strings.Replace(string(customConfig), "    path: ../maplint\n", "    path: "+root+"\n", 1)
	if config == string(customConfig) {
		t.Fatal("examples/golangci/.custom-gcl.yml does not take the plugin from path: ../maplint")
	}
	config = strings.Replace(config, "destination: .", "destination: ./bin", 1)

	key := sourceHash(t, root, config)
	binDir := filepath.Join(cache, "custom", key)
	bin := filepath.Join(binDir, "custom-gcl")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	if _, err := os.Stat(bin); err == nil {
		t.Logf("custom golangci-lint built from these sources is cached: %s", bin)
		return bin
	}

	work := t.TempDir()
	if err := os.WriteFile(filepath.Join(work, ".custom-gcl.yml"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	out := itest.MustRun(t, itest.Cmd{
		Dir: work,
		Env: []string{
			"GIT_CONFIG_COUNT=2",
			"GIT_CONFIG_KEY_0=url.file://" + filepath.ToSlash(repo) + ".insteadOf",
			"GIT_CONFIG_VALUE_0=https://github.com/golangci/golangci-lint.git",
			"GIT_CONFIG_KEY_1=protocol.file.allow",
			"GIT_CONFIG_VALUE_1=always",
		},
		Args: []string{gcl, "custom", "-v"},
	})
	built := filepath.Join(work, "bin", filepath.Base(bin))
	if _, err := os.Stat(built); err != nil {
		t.Fatalf("golangci-lint custom wrote no %s:\n%s", built, out)
	}
	// Keep only this build: older ones are of sources no longer checked out.
	old, _ := filepath.Glob(filepath.Join(cache, "custom", "*"))
	for _, o := range old {
		os.RemoveAll(o)
	}
	if err := os.MkdirAll(binDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(built, bin); err != nil {
		t.Fatal(err)
	}
	return bin
}

// installGolangci installs golangci-lint itself into cache/bin.
func installGolangci(t *testing.T, cache string) string {
	t.Helper()
	bin := filepath.Join(cache, "bin", "golangci-lint")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	if _, err := os.Stat(bin); err == nil {
		if out, status := itest.Run(t, itest.Cmd{Args: []string{bin, "version"}}); status == 0 && strings.Contains(out, strings.TrimPrefix(golangciVersion, "v")) {
			return bin
		}
	}
	tmp := t.TempDir()
	itest.MustRun(t, itest.Cmd{
		Env:  []string{"GOBIN=" + tmp},
		Args: []string{"go", "install", golangciModule + "/cmd/golangci-lint@" + golangciVersion},
	})
	if err := os.MkdirAll(filepath.Dir(bin), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(tmp, filepath.Base(bin)), bin); err != nil {
		t.Fatal(err)
	}
	return bin
}

// localGolangciRepo returns a git repository holding the module proxy's
// copy of golangci-lint, tagged with the version, for `golangci-lint
// custom` to clone.
func localGolangciRepo(t *testing.T, cache string) string {
	t.Helper()
	repo := filepath.Join(cache, "git")
	if _, err := os.Stat(filepath.Join(repo, ".git")); err == nil {
		if out, status := itest.Run(t, itest.Cmd{Dir: repo, Args: []string{"git", "rev-parse", "--verify", "-q", golangciVersion + "^{commit}"}}); status == 0 && out != "" {
			return repo
		}
	}
	out := itest.MustRun(t, itest.Cmd{Args: []string{"go", "mod", "download", "-json", golangciModule + "@" + golangciVersion}})
	var mod struct{ Dir string }
	if err := json.Unmarshal([]byte(out), &mod); err != nil || mod.Dir == "" {
		t.Fatalf("go mod download: %v\n%s", err, out)
	}
	tmp := filepath.Join(cache, "git.tmp")
	os.RemoveAll(tmp)
	itest.CopyDir(t, tmp, mod.Dir)
	// The module cache is read-only; git needs to write its files' modes.
	filepath.WalkDir(tmp, func(path string, d fs.DirEntry, err error) error {
		if err == nil {
			mode := os.FileMode(0o644)
			if d.IsDir() {
				mode = 0o755
			}
			os.Chmod(path, mode)
		}
		return nil
	})
	git := func(args ...string) {
		itest.MustRun(t, itest.Cmd{Dir: tmp, Args: append([]string{"git", "-c", "user.name=maplint", "-c", "user.email=maplint@example.invalid", "-c", "commit.gpgsign=false"}, args...)})
	}
	git("init", "-q")
	git("add", "-A")
	git("commit", "-q", "-m", "golangci-lint "+golangciVersion+" from the Go module proxy")
	git("tag", golangciVersion)
	os.RemoveAll(repo)
	if err := os.Rename(tmp, repo); err != nil {
		t.Fatal(err)
	}
	return repo
}

// sourceHash identifies a custom build: the Go toolchain, the build
// configuration, go.mod and go.sum, and the files of every package of
// this module that the plugin is built from.
func sourceHash(t *testing.T, root, config string) string {
	t.Helper()
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\n%s\n", runtime.Version(), golangciVersion, config)
	files := []string{"go.mod", "go.sum"}
	out := itest.MustRun(t, itest.Cmd{Dir: root, Args: []string{"go", "list", "-deps", "-f",
		`{{if .Module}}{{if eq .Module.Path "github.com/maplint/maplint"}}{{$dir := .Dir}}{{range .GoFiles}}{{$dir}}/{{.}}{{"\n"}}{{end}}{{range .EmbedFiles}}{{$dir}}/{{.}}{{"\n"}}{{end}}{{end}}{{end}}`,
		"./plugin/golangci"}})
	files = append(files, strings.Fields(out)...)
	for _, f := range files {
		if !filepath.IsAbs(f) {
			f = filepath.Join(root, f)
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(root, f)
		fmt.Fprintf(h, "%s %d\n", filepath.ToSlash(rel), len(data))
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}
