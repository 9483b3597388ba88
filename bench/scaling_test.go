// Package bench holds maplint's performance checks: the scaling test
// below, run by CI, and run.sh, which measures the suite against the
// load-and-type-check floors on a real module.
package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/maplint/maplint/passes/suite"
)

// A shape is generated Go code of a chosen size, to show that the
// analyzers' cost grows no worse than linearly with function and
// package size.
type shape struct {
	name string
	// source returns a package's files for size n.
	source func(n int) map[string]string
	// sizes are the n to compare, each ten times the one before.
	sizes []int
}

var shapes = []shape{
	{"statements in one function", oneLongFunction, []int{1_000, 10_000, 100_000}},
	{"goroutine sites in one package", manyGoroutineSites, []int{100, 1_000, 10_000}},
}

// oneLongFunction is one function with about n statements that use maps
// in every way the analyzers look at: locked and unlocked writes, ranges,
// fills and a goroutine capturing the map.
func oneLongFunction(n int) map[string]string {
	var b strings.Builder
	b.WriteString(`package gen

import "sync"

type big struct{ payload [40]int64 }

var (
	mu     sync.Mutex
	shared = map[int]int{}
	bigs   map[int]big
)

func long(xs []int) {
`)
	for i := 0; i < n/8; i++ {
		fmt.Fprintf(&b, `	mu.Lock()
	shared[%[1]d] = len(xs)
	mu.Unlock()
	m%[1]d := make(map[int]int)
	for j := range xs {
		m%[1]d[j] = j
	}
	for k := range m%[1]d {
		delete(m%[1]d, k)
	}
	go func() { mu.Lock(); shared[%[1]d]++; mu.Unlock() }()
	_ = bigs[%[1]d]
`, i)
	}
	b.WriteString("}\n")
	return map[string]string{"gen.go": b.String()}
}

// manyGoroutineSites is a package of n small functions, each starting a
// goroutine that touches struct and package-level maps, as a large
// server package does.
func manyGoroutineSites(n int) map[string]string {
	var b strings.Builder
	b.WriteString(`package gen

import "sync"

type server struct {
	mu    sync.RWMutex
	conns map[int]string
}

var registry = map[string]int{}
var registryMu sync.Mutex
`)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `
func (s *server) handle%[1]d(id int) {
	go func() {
		s.mu.Lock()
		s.conns[id] = "c%[1]d"
		s.mu.Unlock()
		registryMu.Lock()
		registry["r%[1]d"]++
		registryMu.Unlock()
	}()
	s.mu.RLock()
	_ = s.conns[id]
	s.mu.RUnlock()
}
`, i)
	}
	return map[string]string{"gen.go": b.String()}
}

// load writes files as a module and loads its one package with syntax
// and types, as a driver would.
func load(tb testing.TB, files map[string]string) []*packages.Package {
	tb.Helper()
	dir := tb.TempDir()
	files["go.mod"] = "module example.com/gen\n\ngo 1.26\n"
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Dir: dir, Env: append(os.Environ(), "GOWORK=off")}
	pkgs, err := packages.Load(cfg, ".")
	if err != nil {
		tb.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		tb.Fatal("generated code does not type-check")
	}
	return pkgs
}

// analyze runs the suite on pkgs and returns how long each analyzer's
// actions took (loading and type-checking excluded; the inspector and SSA
// passes they require are counted under their own names) and how many
// diagnostics the suite reported.
func analyze(tb testing.TB, pkgs []*packages.Package) (map[string]time.Duration, int) {
	tb.Helper()
	graph, err := checker.Analyze(suite.Analyzers(), pkgs, &checker.Options{Sequential: true})
	if err != nil {
		tb.Fatal(err)
	}
	took := make(map[string]time.Duration)
	var diags int
	for act := range graph.All() {
		if act.Err != nil {
			tb.Fatalf("%s: %v", act, act.Err)
		}
		took[act.Analyzer.Name] += act.Duration
		if act.IsRoot {
			diags += len(act.Diagnostics)
		}
	}
	return took, diags
}

// analyzeWithin is analyze, failing the test when the analysis has not
// finished within budget rather than waiting for go test's time-out.
func analyzeWithin(t *testing.T, pkgs []*packages.Package, budget time.Duration) (map[string]time.Duration, int) {
	t.Helper()
	type result struct {
		took  map[string]time.Duration
		diags int
	}
	done := make(chan result, 1)
	go func() {
		took, diags := analyze(t, pkgs)
		done <- result{took, diags}
	}()
	select {
	case r := <-done:
		return r.took, r.diags
	case <-time.After(budget):
		t.Fatalf("analysis did not finish within %v: worse than linear", budget)
		return nil, 0
	}
}

// TestScalingIsLinear fails only on blow-up: when ten times the code
// costs an analyzer more than maxRatio times the time. Linear code gives
// about 10; a quadratic pass gives about 100. Absolute times are only
// logged.
func TestScalingIsLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and analyzes 100k-statement packages")
	}
	const maxRatio = 30
	// Below this an analyzer's time is mostly noise, and no ratio is taken.
	const noise = 20 * time.Millisecond
	for _, s := range shapes {
		t.Run(s.name, func(t *testing.T) {
			var prev map[string]time.Duration
			for i, n := range s.sizes {
				pkgs := load(t, s.source(n))
				budget := 10 * time.Minute
				if prev != nil {
					var total time.Duration
					for _, d := range prev {
						total += d
					}
					budget = maxRatio*total + 10*time.Second
				}
				took, diags := analyzeWithin(t, pkgs, budget)
				// The best of two runs damps scheduler and GC noise.
				again, _ := analyzeWithin(t, pkgs, budget)
				for name, d := range again {
					took[name] = min(took[name], d)
				}
				t.Logf("n=%d: %v (%d diagnostics)", n, took, diags)
				for name, d := range took {
					if p := prev[name]; p > noise {
						if ratio := float64(d) / float64(p); ratio > maxRatio {
							t.Errorf("%s: n=%d took %.0fx the time of n=%d: worse than linear", name, n, ratio, s.sizes[i-1])
						}
					}
				}
				prev = took
			}
		})
	}
}

// BenchmarkSuite measures the suite's analysis (not loading) on the
// middle size of each generated shape; profile it with -cpuprofile and
// -memprofile.
func BenchmarkSuite(b *testing.B) {
	for _, s := range shapes {
		b.Run(strings.ReplaceAll(s.name, " ", "_"), func(b *testing.B) {
			pkgs := load(b, s.source(s.sizes[1]))
			for b.Loop() {
				analyze(b, pkgs)
			}
		})
	}
}
