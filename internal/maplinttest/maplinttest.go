// Package maplinttest builds the maplint command for tests that run it
// as a process (the end-to-end tests of cmd/maplint, the language server's
// tests in internal/lsp).
package maplinttest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// Main builds maplint into a temporary directory, sets *bin to it, runs
// the tests and returns their exit status, for TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(maplinttest.Main(m, &maplintBin)) }
//
// The runs get a result cache in that directory (MAPLINT_CACHE): tests
// neither depend on a user cache directory nor leave entries in one.
func Main(m *testing.M, bin *string) int {
	dir, err := os.MkdirTemp("", "maplinttest")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	os.Setenv("MAPLINT_CACHE", filepath.Join(dir, "cache"))
	*bin = filepath.Join(dir, "maplint")
	if runtime.GOOS == "windows" {
		*bin += ".exe"
	}
	if out, err := exec.Command("go", "build", "-o", *bin, "github.com/maplint/maplint/cmd/maplint").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building maplint: %v\n%s", err, out)
		return 1
	}
	return m.Run()
}
