// Package sizecmd implements `maplint size`: what a map type costs in
// memory for a number of entries, on the Go runtime's Swiss tables (Go 1.24
// and later) or classic buckets (Go 1.23 and earlier), where the bytes go,
// and what the usual alternatives would cost. All figures come from the
// sizer package.
package sizecmd

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"

	"github.com/maplint/maplint/sizer"
)

const usage = `usage: maplint size [-n N[,N...]] [-layout swiss|classic|both] [-arch GOARCH] [-json] [-pkg PATH] 'map[K]V'

Size reports what a map of the given type costs once filled with N distinct
keys: the bytes allocated while filling it (with and without a capacity
hint), the bytes it keeps live, heap objects, where the live bytes go, and
what the usual alternatives would cost.

K and V are Go type expressions: predeclared types, arrays, pointers,
slices, strings, interfaces, struct types written out, standard-library
types such as time.Time, and the types of the package named by -pkg
(an import path or a ./directory), by their bare name.

Flags:
`

// Exit statuses.
const (
	exitOK    = 0
	exitUsage = 2
)

// config is the parsed command line.
type config struct {
	counts  []int64
	layouts []sizer.Layout
	arch    string
	json    bool
	pkg     string
	typ     string
}

// Main runs `maplint size` with the arguments that follow "size" and
// returns the exit status: 0 on success, 2 for bad usage or a type that
// cannot be parsed or resolved.
func Main(args []string, stdout, stderr io.Writer) int {
	cfg, err := parseArgs(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "maplint size: %v\n", err)
		fmt.Fprintln(stderr, "run 'maplint size -h' for usage")
		return exitUsage
	}
	mt, err := resolveMapType(cfg.typ, cfg.pkg, cfg.arch)
	if err == nil {
		err = checkCounts(mt, cfg.counts)
	}
	if err != nil {
		fmt.Fprintf(stderr, "maplint size: %v\n", err)
		return exitUsage
	}
	reports := buildReports(mt, cfg)
	if cfg.json {
		err = writeJSON(stdout, reports)
	} else {
		err = writeText(stdout, mt, cfg, reports)
	}
	if err != nil {
		fmt.Fprintf(stderr, "maplint size: %v\n", err)
		return 1
	}
	return exitOK
}

// parseArgs parses flags, which may come before or after the type.
func parseArgs(args []string, stderr io.Writer) (config, error) {
	fs := flag.NewFlagSet("maplint size", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	countsFlag := fs.String("n", "10000", "entry counts, comma-separated (e.g. 100,1e6)")
	layoutFlag := fs.String("layout", "swiss", "map implementation: swiss (Go 1.24+), classic (Go 1.23 and earlier) or both")
	archFlag := fs.String("arch", defaultArch(), "target GOARCH, for sizes and alignment")
	jsonFlag := fs.Bool("json", false, "print JSON: an array with one object per layout and entry count")
	pkgFlag := fs.String("pkg", "", "package whose types K and V may name (import path or ./dir)")

	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return config{}, err
		}
		if fs.NArg() == 0 {
			break
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
	switch len(positional) {
	case 0:
		return config{}, errors.New("missing map type, e.g. 'map[string]int64'")
	case 1:
	default:
		return config{}, fmt.Errorf("want one map type, got %d arguments: %s (quote the type)", len(positional), strings.Join(positional, " "))
	}

	cfg := config{arch: *archFlag, json: *jsonFlag, pkg: *pkgFlag, typ: positional[0]}
	var err error
	if cfg.counts, err = parseCounts(*countsFlag); err != nil {
		return config{}, err
	}
	switch *layoutFlag {
	case "both":
		cfg.layouts = []sizer.Layout{sizer.Swiss, sizer.Classic}
	default:
		l, err := sizer.ParseLayout(*layoutFlag)
		if err != nil {
			return config{}, fmt.Errorf("-layout: unknown layout %q (want swiss, classic or both)", *layoutFlag)
		}
		cfg.layouts = []sizer.Layout{l}
	}
	return cfg, nil
}

// defaultArch is the architecture the go command would build for.
func defaultArch() string {
	if a := os.Getenv("GOARCH"); a != "" {
		return a
	}
	return runtime.GOARCH
}

// maxCount bounds -n: beyond it no real map fits in memory, and the
// sizer's int64 arithmetic stays far from overflow.
const maxCount = 1e12

// parseCounts parses "100,1e6": non-negative integers, plain or in
// e-notation.
func parseCounts(s string) ([]int64, error) {
	var counts []int64
	for f := range strings.SplitSeq(s, ",") {
		f = strings.TrimSpace(f)
		n, err := strconv.ParseInt(strings.ReplaceAll(f, "_", ""), 10, 64)
		if err != nil {
			v, ferr := strconv.ParseFloat(f, 64)
			if ferr != nil || v != float64(int64(v)) {
				return nil, fmt.Errorf("-n: %q is not a whole number of entries", f)
			}
			n = int64(v)
		}
		if n < 0 || n > maxCount {
			return nil, fmt.Errorf("-n: %s entries is out of range (0 to 1e12)", f)
		}
		counts = append(counts, n)
	}
	return counts, nil
}
