package suppress_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestDrivers runs a wrapped analyzer under the standalone multichecker
// and under go vet -vettool, which analyzes one package per process, and
// checks that both honour and check the directives alike.
func TestDrivers(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a command")
	}
	bin := filepath.Join(t.TempDir(), "toycmd")
	if out, err := exec.Command("go", "build", "-o", bin, "./testdata/toycmd").CombinedOutput(); err != nil {
		t.Fatalf("building toycmd: %v\n%s", err, out)
	}
	mod := t.TempDir()
	src, err := os.ReadFile("testdata/src/a/a.go")
	if err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string]string{
		"go.mod": "module example.com/a\n\ngo 1.24\n",
		"a.go":   string(src),
	} {
		if err := os.WriteFile(filepath.Join(mod, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The lines analysistest expects diagnostics on, from a.go's want comments.
	var want []string
	for i, line := range strings.Split(string(src), "\n") {
		if m := regexp.MustCompile(`want "([^"]*)"`).FindStringSubmatch(line); m != nil {
			want = append(want, lineMessage(i+1, m[1]))
		}
	}
	slices.Sort(want)

	for _, args := range [][]string{
		{bin, "./..."},
		{"go", "vet", "-vettool=" + bin, "./..."},
	} {
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Dir = mod
		out, _ := cmd.CombinedOutput()
		var got []string
		for _, m := range regexp.MustCompile(`(?m)a\.go:(\d+):\d+: (.*)$`).FindAllStringSubmatch(string(out), -1) {
			for _, w := range []string{"hazard called", "suppresses no toy diagnostic", "needs a reason"} {
				if strings.Contains(m[2], w) {
					got = append(got, m[1]+": "+w)
				}
			}
		}
		slices.Sort(got)
		t.Logf("%s: %d diagnostics as expected", args[0], len(got))
		if !slices.Equal(got, want) {
			t.Errorf("%s:\ngot  %q\nwant %q\noutput:\n%s", strings.Join(args, " "), got, want, out)
		}
	}
}

func lineMessage(line int, msg string) string {
	return strconv.Itoa(line) + ": " + msg
}
