package maporder_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
)

// TestPositivesVaryAtRuntime is the ground truth for testdata package a:
// it builds the package for real and runs each reported function 50 times
// on one input (testdata/runtime/main.go.txt), failing unless every one
// gives more than one distinct result, that is unless the map's iteration
// order does reach the result as the diagnostic says.
func TestPositivesVaryAtRuntime(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a program")
	}
	src := filepath.Join(analysistest.TestData(), "src")
	dir := t.TempDir()
	copyFile := func(from, to string) {
		t.Helper()
		b, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(to, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	copyFile(filepath.Join(src, "a", "a.go"), filepath.Join(dir, "a", "a.go"))
	copyFile(filepath.Join(src, "external", "external.go"), filepath.Join(dir, "external", "external.go"))
	copyFile(filepath.Join(src, "external", "msg.pb.go"), filepath.Join(dir, "external", "msg.pb.go"))
	copyFile(filepath.Join(src, "github.com", "stretchr", "testify", "assert", "assert.go"), filepath.Join(dir, "testify", "assert", "assert.go"))
	copyFile(filepath.Join(analysistest.TestData(), "runtime", "main.go.txt"), filepath.Join(dir, "main.go"))
	write("external/go.mod", "module external\n\ngo 1.26\n")
	write("testify/go.mod", "module github.com/stretchr/testify\n\ngo 1.26\n")
	write("go.mod", `module rt

go 1.26

require (
	external v0.0.0
	github.com/stretchr/testify v0.0.0
)

replace external => ./external

replace github.com/stretchr/testify => ./testify
`)
	cmd := exec.Command("go", "run", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off")
	out, err := cmd.CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Errorf("go run: %v", err)
	}
}
