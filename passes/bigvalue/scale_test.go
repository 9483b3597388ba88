package bigvalue_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/maplint/maplint/passes/bigvalue"
)

// BenchmarkHugeFunction runs the analyzer on one function holding n maps
// of big values, each made, ranged over and stored: the work must grow
// linearly with n, not with n times the function's size.
func BenchmarkHugeFunction(b *testing.B) {
	for _, n := range []int{500, 2000} {
		dir := b.TempDir()
		var src strings.Builder
		src.WriteString("package huge\n\ntype big struct{ a [25]int64 }\n\ntype holder struct{ m map[int]big }\n\nfunc f(h *holder) (n int64) {\n")
		for i := range n {
			fmt.Fprintf(&src, "\tm%d := make(map[int]big)\n\tfor _, v := range m%d {\n\t\tn += v.a[0]\n\t}\n\th.m = m%d\n", i, i, i)
		}
		src.WriteString("\treturn n\n}\n")
		pkg := filepath.Join(dir, "src", "huge")
		if err := os.MkdirAll(pkg, 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(pkg, "huge.go"), []byte(src.String()), 0o644); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				var r recorder
				results := analysistest.Run(&r, dir, bigvalue.Analyzer, "huge")
				if got := len(results[0].Diagnostics); got != n+1 { // n ranges, one field
					b.Fatalf("%d diagnostics, want %d", got, n+1)
				}
			}
		})
	}
}
