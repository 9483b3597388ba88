package sizecmd

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGolden pins the complete text output of a few commands; the README
// quotes testdata/session.golden.
func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		file string
		args []string
	}{
		{"session.golden", []string{"-n", "10000", "map[string]struct{ID int64; Name string; Active bool}"}},
		{"cliff.golden", []string{"-layout", "both", "-n", "1000000", "map[int64][16]int64"}},
		{"set386.golden", []string{"-arch", "386", "-n", "0,8,9,1000", "map[int32]struct{}"}},
	} {
		out, errs, status := run(t, tc.args...)
		if status != 0 {
			t.Fatalf("maplint size %s: status %d, stderr:\n%s", strings.Join(tc.args, " "), status, errs)
		}
		got := "$ maplint size " + quoteArgs(tc.args) + "\n" + out
		path := filepath.Join("testdata", tc.file)
		if *update {
			if err := os.WriteFile(path, []byte(got), 0o666); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if got != string(want) {
			t.Errorf("maplint size %s: output differs from %s (go test -update rewrites it):\n%s", strings.Join(tc.args, " "), path, got)
		}
	}
}

// quoteArgs quotes the arguments a shell would need quoted.
func quoteArgs(args []string) string {
	quoted := make([]string, len(args))
	for i, a := range args {
		if strings.ContainsAny(a, " []{};*") {
			a = "'" + a + "'"
		}
		quoted[i] = a
	}
	return strings.Join(quoted, " ")
}
