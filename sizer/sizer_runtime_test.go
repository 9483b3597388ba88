package sizer

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/token"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// classicToolchain is the last release with classic buckets only.
const classicToolchain = "go1.23.12"

// offlineEnv, when set, lets the classic half skip if classicToolchain
// cannot be downloaded (so does -short). CI sets neither: there it must run.
const offlineEnv = "MAPLINT_SIZER_OFFLINE"

// measured is one line of testdata/measure's output.
type measured struct {
	Key, Elem string
	N         int64
	Hinted    bool
	Clone     bool // maps.Clone of an unhinted fill
	Runtime   string
	Reps      []struct {
		AllocBytes int64 `json:"alloc_bytes"`
		Mallocs    int64
		LiveBytes  int64 `json:"live_bytes"`
		Shape      map[string]any
	}
}

// minimum is the least of each figure over the repetitions: a stray
// runtime allocation can only add to a measurement.
func (m measured) minimum() (alloc, mallocs, live int64) {
	alloc, mallocs, live = m.Reps[0].AllocBytes, m.Reps[0].Mallocs, m.Reps[0].LiveBytes
	for _, r := range m.Reps[1:] {
		alloc, mallocs, live = min(alloc, r.AllocBytes), min(mallocs, r.Mallocs), min(live, r.LiveBytes)
	}
	return alloc, mallocs, live
}

// goTool is the go command; GOTOOLCHAIN picks the toolchain it runs.
func goTool(t *testing.T) string {
	t.Helper()
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("no go command: %v", err)
	}
	return goCmd
}

// thisToolchain is the GOTOOLCHAIN that builds with the toolchain running
// the test (Swiss tables from Go 1.24).
func thisToolchain() string {
	if v := runtime.Version(); strings.HasPrefix(v, "go1.") {
		return v
	}
	return "local" // a development toolchain
}

// runMeasure runs testdata/measure with the given toolchain and GOARCH.
func runMeasure(t *testing.T, toolchain, goarch string, args ...string) []measured {
	t.Helper()
	cmd := exec.Command(goTool(t), append([]string{"run", "."}, args...)...)
	cmd.Dir = filepath.Join("testdata", "measure")
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN="+toolchain, "GOWORK=off", "GOFLAGS=", "GOARCH="+goarch, "CGO_ENABLED=0")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil && goarch != runtime.GOARCH && strings.Contains(stderr.String(), "exec format error") {
		t.Skipf("this machine cannot run %s binaries: %s", goarch, stderr.Bytes())
	}
	if err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, stderr.Bytes())
	}
	var results []measured
	if err := json.Unmarshal(out, &results); err != nil {
		t.Fatalf("decoding measurements: %v", err)
	}
	if len(results) == 0 {
		t.Fatal("no measurements")
	}
	return results
}

// mapOf describes map[key]elem, both given as type expressions.
func mapOf(t *testing.T, key, elem, goarch string) Map {
	t.Helper()
	eval := func(expr string) types.Type {
		tv, err := types.Eval(token.NewFileSet(), types.NewPackage("p", "p"), token.NoPos, expr)
		if err != nil || !tv.IsType() {
			t.Fatalf("type %q: %v", expr, err)
		}
		return tv.Type
	}
	return Of(eval(key), eval(elem), types.SizesFor("gc", goarch))
}

// tally counts how the sizer fared over a grid.
type tally struct {
	cases, exact int
	// Relative excess of measured over predicted, for inexact cases.
	allocExcess, liveExcess []float64
}

func (ty *tally) String() string {
	s := fmt.Sprintf("%d of %d cases byte- and object-exact", ty.exact, ty.cases)
	if len(ty.allocExcess) > 0 {
		slices.Sort(ty.allocExcess)
		slices.Sort(ty.liveExcess)
		s += fmt.Sprintf("; the other %d: allocated %+.1f%% to %+.1f%% (median %+.1f%%), live %+.1f%% to %+.1f%% (median %+.1f%%)",
			len(ty.allocExcess),
			100*ty.allocExcess[0], 100*ty.allocExcess[len(ty.allocExcess)-1], 100*ty.allocExcess[len(ty.allocExcess)/2],
			100*ty.liveExcess[0], 100*ty.liveExcess[len(ty.liveExcess)-1], 100*ty.liveExcess[len(ty.liveExcess)/2])
	}
	return s
}

func excess(measured, predicted int64) float64 {
	if predicted == 0 {
		return 0
	}
	return float64(measured-predicted) / float64(predicted)
}

// compareGrid checks every measurement against the sizer. exactWanted
// says which cases must match to the byte and object; the others must lie
// within [-low, +high] of the prediction, as tolerance says. large tallies
// the cases with n >= 1000 again.
func compareGrid(t *testing.T, layout Layout, goarch string, results []measured, exactWanted func(measured) bool, tolerance func(measured, Map) (low, high float64)) (must, rest, large tally) {
	for _, r := range results {
		if got := r.Reps[0].Shape["layout"]; got != layout.String() {
			t.Fatalf("%s built %v maps, not %v", r.Runtime, got, layout)
		}
		m := mapOf(t, r.Key, r.Elem, goarch)
		f := m.Estimate(layout, r.N, r.Hinted)
		op := "make(M)"
		switch {
		case r.Clone:
			f = m.Clone(layout, r.N)
			op = "maps.Clone"
		case r.Hinted:
			op = "make(M, n)"
		}
		alloc, mallocs, live := r.minimum()
		exact := alloc == f.AllocBytes && mallocs == f.Mallocs && live == f.LiveBytes
		name := fmt.Sprintf("%v/%s map[%s]%s n=%d %s", layout, goarch, r.Key, r.Elem, r.N, op)
		got := fmt.Sprintf("measured alloc %d B, %d objects, live %d B; sizer %d B, %d objects, %d B (shape %v)",
			alloc, mallocs, live, f.AllocBytes, f.Mallocs, f.LiveBytes, r.Reps[0].Shape)
		ty := &rest
		if exactWanted(r) {
			ty = &must
			if !exact {
				t.Errorf("%s: %s", name, got)
			}
		}
		ae, le := excess(alloc, f.AllocBytes), excess(live, f.LiveBytes)
		ty.add(exact, ae, le)
		if r.N >= 1000 {
			large.add(exact, ae, le)
		}
		if exact {
			continue
		}
		if low, high := tolerance(r, m); ae < -low || ae > high || le < -low || le > high {
			t.Errorf("%s: outside [%+.0f%%, %+.0f%%]: %s", name, -100*low, 100*high, got)
		} else if testing.Verbose() {
			t.Logf("%s: %s", name, got)
		}
	}
	return must, rest, large
}

func (ty *tally) add(exact bool, allocExcess, liveExcess float64) {
	ty.cases++
	if exact {
		ty.exact++
		return
	}
	ty.allocExcess = append(ty.allocExcess, allocExcess)
	ty.liveExcess = append(ty.liveExcess, liveExcess)
}

// TestRuntimeSwiss compares the sizer with Swiss-table maps built by the
// toolchain running the test. Hinted fills, and unhinted fills and their
// clones up to the first table split (n <= 896), must be byte- and
// object-exact; beyond a split the sizer takes the expected number of
// splits.
func TestRuntimeSwiss(t *testing.T) {
	t.Parallel()
	for _, goarch := range []string{runtime.GOARCH, "386"} {
		t.Run(goarch, func(t *testing.T) {
			t.Parallel()
			if goarch == "386" && (runtime.GOOS != "linux" || runtime.GOARCH != "amd64") {
				t.Skip("386 binaries are run on linux/amd64 only")
			}
			if goarch == "386" && runtime.GOARCH == "386" {
				t.Skip("already measured")
			}
			maxN := "1000000"
			switch {
			case goarch == "386":
				// Enough for 32-bit layouts past the first split.
				maxN = "10000"
			case testing.Short():
				maxN = "100000"
			}
			results := runMeasure(t, thisToolchain(), goarch, "-maxn", maxN)
			must, rest, _ := compareGrid(t, Swiss, goarch, results, func(r measured) bool {
				return r.Hinted || r.N <= maxTableCapacity*maxAvgGroupLoad/mapGroupSlots
			}, func(measured, Map) (float64, float64) { return 0.01, 0.01 })
			t.Logf("swiss/%s, hinted and unhinted up to the first split: %v", goarch, &must)
			t.Logf("swiss/%s, unhinted past the first split: %v", goarch, &rest)
		})
	}
}

// overflowAllowance is the share of the best case that the overflow
// buckets a classic map's hash seed chained can add: each one a bucket
// allocated on its own, plus its pointer in mapextra's overflow slice
// (which append may double), plus the mapextra itself. The runtime
// reports how many the filled map has; for a hinted map, which never
// grows, a measurement above the best case by more than they explain is
// an error in the model, not bad luck.
func overflowAllowance(r measured, m Map) float64 {
	if r.Clone {
		return 0
	}
	var overflow float64
	for _, rep := range r.Reps {
		if n, ok := rep.Shape["overflow"].(float64); ok {
			overflow = max(overflow, n)
		}
	}
	perBucket := roundupsize(m.mapBucketType().Size) + 2*m.PtrSize
	best := m.Estimate(Classic, r.N, r.Hinted).AllocBytes
	return 0.02 + (overflow*float64(perBucket)+64)/float64(best)
}

// TestRuntimeClassic compares the sizer with classic maps built by
// go1.23.12. The sizer's figure is a best case (no overflow buckets but the
// preallocated ones): hinted maps into which no overflow bucket was chained
// must match it exactly; the others may allocate up to 25% more (75% below
// 100 entries, where one overflow bucket weighs heavily). Clones of maps
// with out-of-line keys caught mid-growth are modeled at the expected
// evacuation pace and may differ by 35% either way.
func TestRuntimeClassic(t *testing.T) {
	t.Parallel()
	probe := exec.Command(goTool(t), "version")
	probe.Env = append(os.Environ(), "GOTOOLCHAIN="+classicToolchain, "GOWORK=off")
	if out, err := probe.CombinedOutput(); err != nil {
		if testing.Short() || os.Getenv(offlineEnv) != "" {
			t.Skipf("cannot fetch %s: %v\n%s", classicToolchain, err, out)
		}
		t.Fatalf("cannot fetch %s (set %s=1 to skip when offline): %v\n%s", classicToolchain, offlineEnv, err, out)
	}
	maxN := "1000000"
	if testing.Short() {
		maxN = "100000"
	}
	results := runMeasure(t, classicToolchain, runtime.GOARCH, "-maxn", maxN)
	must, rest, large := compareGrid(t, Classic, runtime.GOARCH, results, func(r measured) bool {
		// A hinted map never grows, so one whose buckets have no
		// overflow chained never had any. (An unhinted map may have had
		// overflow buckets before its last growth.)
		if !r.Hinted {
			return false
		}
		for _, rep := range r.Reps {
			if rep.Shape["overflow"] == nil {
				return true
			}
		}
		return false
	}, func(r measured, m Map) (low, high float64) {
		switch {
		case r.Clone && m.IndirectKey() && m.growClassic(r.N).evacuating(r.N):
			// mapclone2 copies the out-of-line keys still in old
			// buckets and shares the others: how many is up to the
			// hash seed.
			return 0.35, 0.35
		case r.N < 100, !r.Hinted && r.N <= 100:
			// One overflow bucket is a large share of a small map; and
			// an unhinted one of 100 entries has grown four times, each
			// discarded table with overflow buckets of its own that the
			// runtime no longer reports (seen: +25.07%, 15 objects more,
			// with 4 overflow buckets reported).
			return 0.02, max(0.75, overflowAllowance(r, m))
		}
		return 0.02, max(0.25, overflowAllowance(r, m))
	})
	t.Logf("classic/%s, hinted, no overflow bucket in use: %v", runtime.GOARCH, &must)
	t.Logf("classic/%s, the rest: %v", runtime.GOARCH, &rest)
	t.Logf("classic/%s, all cases with n >= 1000: %v", runtime.GOARCH, &large)
}
