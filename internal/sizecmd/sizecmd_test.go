package sizecmd

import (
	"bytes"
	"encoding/json"
	"go/types"
	"strings"
	"testing"

	"github.com/maplint/maplint/sizer"
)

func run(t *testing.T, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	var out, errw bytes.Buffer
	status = Main(args, &out, &errw)
	return out.String(), errw.String(), status
}

func TestText(t *testing.T) {
	out, errs, status := run(t, "-n", "1000", "map[int64]int64")
	if status != 0 {
		t.Fatalf("status %d, stderr:\n%s", status, errs)
	}
	// The figures measured on the runtime (sizer's runtime test): a hinted
	// map[int64]int64 of 1,000 entries keeps 36,992 B in 6 objects;
	// unhinted it allocates 74,456 B in 22.
	for _, want := range []string{
		"map[int64]int64 on amd64",
		"Swiss tables (Go 1.24 and later), 1,000 entries: slot 16 B, group of 8 slots 136 B",
		"Where the 37.0 kB of live memory goes (made with the hint):",
		"keys and values in slots",
		"map[K]*V + one V per entry",
		"Neither map[K]*V nor map[K]int32 + []V would save 10% of the live bytes",
		"make(M, 1000) allocates 37.0 kB instead of 74.5 kB while filling (6 objects instead of 22, 8 growths avoided); the live size is the same.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	rows := map[string]string{}
	for line := range strings.Lines(out) {
		// A row: its name, then allocated, live (value and unit each),
		// objects, and live/entry (value and unit).
		if f := strings.Fields(line); len(f) >= 8 && (strings.HasPrefix(f[0], "make(M") || f[0] == "maps.Clone") && !strings.Contains(line, "allocates") {
			rows[strings.Join(f[:len(f)-7], " ")] = strings.Join(f[len(f)-7:], " ")
		}
	}
	for row, want := range map[string]string{
		"make(M, 1000)": "37.0 kB 37.0 kB 6 37.0 B",
		"make(M)":       "74.5 kB 37.0 kB 22 37.0 B",
		"maps.Clone":    "37.0 kB 37.0 kB 6 37.0 B",
	} {
		if rows[row] != want {
			t.Errorf("row %s = %q, want %q", row, rows[row], want)
		}
	}
	if strings.Contains(out, "Classic") {
		t.Errorf("-layout defaults to swiss, but the output has classic figures:\n%s", out)
	}
}

func TestTextAdvice(t *testing.T) {
	// [16]int64 values are stored inline: a pointer per entry saves live
	// memory at one allocation per entry.
	out, _, _ := run(t, "-n", "100000", "map[int64][16]int64")
	if !strings.Contains(out, "Store pointers (map[K]*V): ") || !strings.Contains(out, "100,000 more heap objects for the GC to track") {
		t.Errorf("no advice to store values out of line:\n%s", out)
	}
	// [17]int64 values are already out of line: the index into a slice
	// keeps the bytes but drops the per-entry objects.
	out, _, _ = run(t, "-n", "100000", "map[int64][17]int64")
	if !strings.Contains(out, "Values over 128 B cost an allocation each: map[K]int32 + []V keeps about the same live bytes") {
		t.Errorf("no advice about per-entry allocations:\n%s", out)
	}
	// A set has no alternative to offer, but Swiss slot padding is worth
	// knowing about.
	out, _, _ = run(t, "-n", "10000", "map[int64]struct{}")
	if strings.Contains(out, "Alternatives") || !strings.Contains(out, "every slot carries 8 B of it") {
		t.Errorf("set advice:\n%s", out)
	}
	out, _, _ = run(t, "-layout", "classic", "-n", "10000", "map[int64]struct{}")
	if !strings.Contains(out, "Classic figures are a best case") {
		t.Errorf("classic output does not say it is a best case:\n%s", out)
	}
}

func TestJSON(t *testing.T) {
	out, errs, status := run(t, "-json", "-layout", "both", "-n", "0,9,1e6", "-arch", "386", "map[string]struct{A int8; B int64}")
	if status != 0 {
		t.Fatalf("status %d, stderr:\n%s", status, errs)
	}
	var reports []struct {
		Layout, Arch, Type string
		N                  int64
		Hinted, Unhinted   struct {
			AllocBytes int64 `json:"alloc_bytes"`
			LiveBytes  int64 `json:"live_bytes"`
			Mallocs    int64
		}
		Breakdown    map[string]int64
		Alternatives map[string]map[string]any
	}
	if err := json.Unmarshal([]byte(out), &reports); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, out)
	}
	if len(reports) != 6 {
		t.Fatalf("got %d reports, want 2 layouts x 3 counts", len(reports))
	}
	sizes := types.SizesFor("gc", "386")
	st := types.NewStruct([]*types.Var{
		types.NewField(0, nil, "A", types.Typ[types.Int8], false),
		types.NewField(0, nil, "B", types.Typ[types.Int64], false),
	}, nil)
	m := sizer.Of(types.Typ[types.String], st, sizes)
	for i, r := range reports {
		layout := []sizer.Layout{sizer.Swiss, sizer.Classic}[i/3]
		n := []int64{0, 9, 1e6}[i%3]
		if r.Layout != layout.String() || r.N != n || r.Arch != "386" || r.Type != "map[string]struct{A int8; B int64}" {
			t.Errorf("report %d is %s/%s n=%d %s, want %s/386 n=%d", i, r.Layout, r.Arch, r.N, r.Type, layout, n)
		}
		h, u := m.Estimate(layout, n, true), m.Estimate(layout, n, false)
		if r.Hinted.AllocBytes != h.AllocBytes || r.Hinted.LiveBytes != h.LiveBytes || r.Hinted.Mallocs != h.Mallocs {
			t.Errorf("%s n=%d hinted = %+v, sizer says %d/%d/%d", layout, n, r.Hinted, h.AllocBytes, h.LiveBytes, h.Mallocs)
		}
		if r.Unhinted.AllocBytes != u.AllocBytes || r.Unhinted.LiveBytes != u.LiveBytes || r.Unhinted.Mallocs != u.Mallocs {
			t.Errorf("%s n=%d unhinted = %+v, sizer says %d/%d/%d", layout, n, r.Unhinted, u.AllocBytes, u.LiveBytes, u.Mallocs)
		}
		var sum int64
		for _, v := range r.Breakdown {
			sum += v
		}
		if sum != r.Hinted.LiveBytes {
			t.Errorf("%s n=%d: breakdown sums to %d, live is %d", layout, n, sum, r.Hinted.LiveBytes)
		}
		if _, ok := r.Alternatives["pointer_elem"]["live_saving_bytes"]; !ok {
			t.Errorf("%s n=%d: alternatives lack pointer_elem.live_saving_bytes: %v", layout, n, r.Alternatives)
		}
	}
}

func TestPkg(t *testing.T) {
	if testing.Short() {
		t.Skip("loads packages with the go command")
	}
	for _, tc := range []struct{ typ, want string }{
		{"map[Point]Event", `"type": "map[Point]Event"`},
		{"Index", `"type": "Index"`},
		{"map[int]record", `"out_of_line": 20000`}, // 100 entries of 200 B
		{"map[time.Duration]Point", `"n": 100`},
		{"map[string]p.Point", `"type": "map[string]p.Point"`},
		{"map[string]List[int]", `"entries": 4800`}, // 100 entries of 16 + 32 B
		{"map[unsafe.Pointer]*sync.Mutex", `"n": 100`},
	} {
		out, errs, status := run(t, "-pkg", "./testdata/p", "-json", "-n", "100", tc.typ)
		if status != 0 {
			t.Errorf("%s: status %d, stderr:\n%s", tc.typ, status, errs)
			continue
		}
		if !strings.Contains(out, tc.want) {
			t.Errorf("%s: output lacks %s:\n%s", tc.typ, tc.want, out)
		}
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{}, "missing map type"},
		{[]string{"map[int"}, `cannot parse type "map[int"`},
		{[]string{"[]int"}, `"[]int" is []int, not a map type`},
		{[]string{"map[string]Foo"}, "undefined: Foo"},
		{[]string{"map[[]int]int"}, "invalid map key type []int"},
		{[]string{"map[string]nosuchpkg.T"}, `unknown package "nosuchpkg"`},
		{[]string{"map[int]int", "map[int]string"}, "want one map type, got 2 arguments"},
		{[]string{"-n", "ten", "map[int]int"}, `-n: "ten" is not a whole number of entries`},
		{[]string{"-n", "-5", "map[int]int"}, "-n: -5 entries is out of range"},
		{[]string{"-layout", "buckets", "map[int]int"}, `-layout: unknown layout "buckets"`},
		{[]string{"-arch", "vax", "map[int]int"}, `-arch: unknown GOARCH "vax"`},
		{[]string{"-bogus", "map[int]int"}, "flag provided but not defined: -bogus"},
		// What the compiler rejects: "larger than address space".
		{[]string{"map[int][1<<62]byte"}, "larger than the address space of amd64"},
		{[]string{"map[[1<<50]byte]int"}, "larger than the address space of amd64"},
		{[]string{"-arch", "386", "map[int][1<<32]byte"}, "larger than the address space of 386"},
		// Counts whose figures would overflow.
		{[]string{"-n", "1e12", "map[[1<<40]byte]int"}, "too large"},
		{[]string{"-n", "1e12", "map[int][1<<20]byte"}, "too large"},
	} {
		out, errs, status := run(t, tc.args...)
		if status != 2 || out != "" || !strings.Contains(errs, tc.want) {
			t.Errorf("maplint size %q: status %d, stdout %q, stderr %q; want status 2 and %q", tc.args, status, out, errs, tc.want)
		}
	}
	if !testing.Short() {
		_, errs, status := run(t, "-pkg", "./testdata/nonexistent", "map[int]int")
		if status != 2 || !strings.Contains(errs, "-pkg ./testdata/nonexistent") || strings.Contains(errs, "-:") {
			t.Errorf("missing -pkg: status %d, stderr %q", status, errs)
		}
		_, errs, status = run(t, "-pkg", "./testdata/p", "map[string]List")
		if status != 2 || !strings.Contains(errs, "without instantiation") {
			t.Errorf("uninstantiated generic type: status %d, stderr %q", status, errs)
		}
	}
}

func TestFlagsAfterType(t *testing.T) {
	out, errs, status := run(t, "map[int64]int64", "-n", "9", "-json")
	if status != 0 || !strings.Contains(out, `"n": 9`) {
		t.Errorf("flags after the type: status %d, stdout %q, stderr %q", status, out, errs)
	}
}

func TestHelp(t *testing.T) {
	_, errs, status := run(t, "-h")
	if status != 0 || !strings.Contains(errs, "usage: maplint size") {
		t.Errorf("-h: status %d, stderr %q", status, errs)
	}
}
