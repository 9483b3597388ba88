package a

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"maps"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"external"

	"github.com/stretchr/testify/assert"
)

// ---- Positives: a slice built in map order, then used in that order ----

func KeyList(m map[string]int) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k) // want `^keys is built in the iteration order of m, which varies from run to run, and is returned by KeyList at line \d+; range over slices.Sorted\(maps.Keys\(m\)\)$`
	}
	return keys
}

func ValueList(m map[string]int) []int {
	vals := make([]int, 0, len(m))
	for _, v := range m {
		vals = append(vals, v) // want `vals is built in the iteration order of m, .* and is returned`
	}
	return vals
}

func Joined(m map[string]bool) string {
	var parts []string
	for name, on := range m {
		if on {
			parts = append(parts, "+"+name) // want `parts is built in the iteration order of m, .* and is passed to strings.Join at line \d+`
		}
	}
	return strings.Join(parts, ",")
}

type Registry struct {
	handlers map[string]func()
	names    []string // sorted by sortNames
	order    []string
}

func (r *Registry) Refresh() {
	r.order = r.order[:0]
	for name := range r.handlers {
		r.order = append(r.order, name) // want `r.order is built in the iteration order of r.handlers, .* and is passed to strings.Join at line \d+`
	}
}

func (r *Registry) Describe() string { return strings.Join(r.order, ",") }

type Config struct {
	Names []string
}

func NewConfig(m map[string]bool) Config {
	var names []string
	for n := range m {
		names = append(names, n) // want `names is built in the iteration order of m, .* and is stored in Names, stored in exported Names at line \d+`
	}
	return Config{Names: names}
}

// keysOf's callers decide: Listing uses its result in order, Sorted sorts it.
func keysOf(m map[string]int) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k) // want `keys is built in the iteration order of m, .* and is returned by keysOf, then passed to strings.Join at line \d+`
	}
	return keys
}

func Listing(m map[string]int) string { return strings.Join(keysOf(m), " ") }

func idsOf(m map[int]bool) (n int, ids []int) {
	for id := range m {
		ids = append(ids, id)
	}
	return len(ids), ids
}

func SortedIDs(m map[int]bool) []int {
	_, ids := idsOf(m)
	sort.Ints(ids)
	return ids
}

func joinAll(parts []string) string { return strings.Join(parts, "/") }

func Path(m map[string]string) string {
	var parts []string
	for k, v := range m {
		parts = append(parts, k, v) // want `parts is built in the iteration order of m, .* and is passed to a.joinAll, where it is passed to strings.Join at line \d+`
	}
	return joinAll(parts)
}

func FirstOfKeys(m map[int]string) string {
	var ids []int
	for id := range maps.Keys(m) {
		ids = append(ids, id) // want `ids is built in the iteration order of m, .* and is indexed \(ids\[0\]\)`
	}
	if len(ids) == 0 {
		return ""
	}
	return m[ids[0]]
}

func Copied(m map[string]int) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k) // want `keys is built in the iteration order of m, .* and is returned by Copied at line \d+`
	}
	out := keys
	return out
}

func RangedToWrite(w io.Writer, m map[string]int) { // want RangedToWrite:"writes w"
	var keys []string
	for k := range m {
		keys = append(keys, k) // want `keys is built in the iteration order of m, .* and is ranged over in order, which writes to w`
	}
	for _, k := range keys {
		fmt.Fprintln(w, k)
	}
}

// ---- Positives: bytes written in map order ----

func Dump(w io.Writer, env map[string]string) { // want Dump:"writes w"
	for k, v := range env {
		fmt.Fprintf(w, "%s=%s\n", k, v) // want `^fmt.Fprintf\(w, "%s=%s\\n", k, v\) writes in the iteration order of env, which varies from run to run, so the bytes written differ between runs; range over slices.Sorted\(maps.Keys\(env\)\)$`
	}
}

func Fingerprint(labels map[string]string) [32]byte {
	h := sha256.New()
	for k, v := range labels {
		h.Write([]byte(k + "=" + v)) // want `writes in the iteration order of labels`
	}
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return sum
}

func Render(m map[string]int) string {
	var b strings.Builder
	for k, v := range m {
		b.WriteString(fmt.Sprintf("%s:%d;", k, v)) // want `writes in the iteration order of m`
	}
	return b.String()
}

func Concat(m map[string]bool) string {
	s := ""
	for k := range m {
		s += k + " " // want `s is concatenated in the iteration order of m`
	}
	return s
}

func EncodeEach(w io.Writer, m map[string]int) error {
	enc := json.NewEncoder(w)
	for k, v := range m {
		if err := enc.Encode([2]any{k, v}); err != nil { // want `writes in the iteration order of m`
			return err
		}
	}
	return nil
}

func ExamplePrint() {
	m := map[int]string{1: "one", 2: "two", 3: "three"}
	for _, v := range m {
		fmt.Println(v) // want `fmt.Println\(v\) prints in the iteration order of m, which varies from run to run, so the output differs between runs`
	}
}

func DebugPrint(m map[int]string) {
	for _, v := range m {
		fmt.Println(v) // printing outside a command or an example is logging
	}
}

// Members returns the names in no particular order.
func Members(m map[string]bool) []string {
	var names []string
	for n := range m {
		names = append(names, n)
	}
	return names
}

type printer struct {
	buf  bytes.Buffer
	seen map[string]bool
}

func (p *printer) entry(k string, v int) { // want entry:"writes p"
	fmt.Fprintf(&p.buf, "%s %d\n", k, v)
}

func (p *printer) All(m map[string]int) string { // want All:"writes p"
	for k, v := range m {
		p.entry(k, v) // want `p.entry\(k, v\) writes in the iteration order of m`
	}
	return p.buf.String()
}

func writeLine(w io.Writer, s string) { // want writeLine:"writes w"
	io.WriteString(w, s+"\n")
}

func ThroughHelper(m map[string]int) {
	for k := range m {
		writeLine(os.Stdout, k) // want `writeLine\(os.Stdout, k\) writes in the iteration order of m`
	}
}

// ---- Never reported ----

func Sum(m map[string]int) (total, n, maxV int) {
	for _, v := range m {
		total += v
		n++
		maxV = max(maxV, v)
	}
	return
}

func Invert(m map[string]int) map[int]string {
	inv := make(map[int]string, len(m))
	for k, v := range m {
		inv[v] = k
	}
	return inv
}

func Prune(m map[string]int) {
	for k, v := range m {
		if v == 0 {
			delete(m, k)
		}
	}
}

func Send(m map[string]int, ch chan<- string) {
	for k := range m {
		ch <- k
	}
}

func SortedAfter(m map[string]int) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func SlicesSorted(m map[string]int) []int {
	var vals []int
	for _, v := range m {
		vals = append(vals, v)
	}
	slices.Sort(vals)
	return vals
}

type byLen []string

func (b byLen) Len() int { return len(b) }
func (b byLen) Less(i, j int) bool {
	return len(b[i]) < len(b[j]) || len(b[i]) == len(b[j]) && b[i] < b[j]
}
func (b byLen) Swap(i, j int) { b[i], b[j] = b[j], b[i] }

func SortSort(m map[string]int) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Sort(byLen(keys))
	return keys
}

func SortFunc(m map[string]int) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, strings.Compare)
	return keys
}

func sortNames(names []string) {
	sort.Slice(names, func(i, j int) bool { return names[i] < names[j] })
}

func SortedByHelper(m map[string]int) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	finish(keys)
	return keys
}

func finish(s []string) { sortNames(s) }

func SortedRange(m map[string]int) []string {
	var keys []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		keys = append(keys, k)
	}
	return keys
}

func (r *Registry) SortedField() {
	for name := range r.handlers {
		r.names = append(r.names, name)
	}
	r.sortNames()
}

func (r *Registry) sortNames() { sort.Strings(r.names) }

type set struct{ items []string }

func (s *set) load(m map[string]bool) {
	for k := range m {
		s.items = append(s.items, k) // read only as a set
	}
}

func (s *set) has(x string) bool { return slices.Contains(s.items, x) }

func FromClosure(m map[string]int) func() []string {
	return func() []string {
		var keys []string
		for k := range m {
			keys = append(keys, k) // where the closure's result goes is unknown
		}
		return keys
	}
}

func Logged(t *testing.T, m map[string]int) {
	buf := bytes.NewBuffer(nil)
	for k, v := range m {
		fmt.Fprintf(buf, "%s=%d\n", k, v)
	}
	t.Log(buf.String())
}

func PassedAway(m map[string]int) {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	external.Consume(keys) // what another package does with the order is unknown
}

func MarshalMap(m map[string]int) ([]byte, error) {
	return json.Marshal(m) // encoding/json sorts the keys
}

func CountOnly(m map[string]int) int {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	return len(keys)
}

func Membership(m map[string]int, x string) bool {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	return slices.Contains(keys, x)
}

func RangedToDelete(m map[string]int) {
	var stale []string
	for k, v := range m {
		if v < 0 {
			stale = append(stale, k)
		}
	}
	for _, k := range stale {
		delete(m, k)
	}
}

func Single(m map[string]int) []string {
	var out []string
	for k := range m {
		out = append(out, k)
		break
	}
	return out
}

func FirstMatch(w io.Writer, m map[string]int) { // want FirstMatch:"writes w"
	for k, v := range m {
		if v > 10 {
			fmt.Fprintln(w, k)
			return
		}
	}
}

func PerKeyWriter(files map[string]*os.File, data map[string][]byte) {
	for name, f := range files {
		f.Write(data[name])
	}
}

func BufferPerIteration(m map[string]int) {
	for k, v := range m {
		var b strings.Builder
		fmt.Fprintf(&b, "%s=%d", k, v)
		_ = b.String()
	}
}

func ConstantWrites(w io.Writer, m map[string]int) { // want ConstantWrites:"writes w"
	for range m {
		io.WriteString(w, ".")
	}
}

func UnreadBuffer(m map[string]int) int {
	var b bytes.Buffer
	for k := range m {
		b.WriteString(k)
	}
	return b.Len()
}

func InGoroutine(w io.Writer, m map[string]int) {
	for k := range m {
		go func() {
			fmt.Fprintln(w, k)
		}()
	}
}

func AnyElement(m map[string]int) string {
	for k := range m {
		return k
	}
	return ""
}

func ElementsMatch(t assert.TestingT, want []string, m map[string]int) {
	var got []string
	for k := range m {
		got = append(got, k)
	}
	assert.ElementsMatch(t, want, got)
}

func PerGroup(m map[string]string) map[string][]string {
	groups := make(map[string][]string)
	for k := range m {
		groups[k] = append(groups[k], k)
	}
	return groups
}

func SliceRange(w io.Writer, s []string) { // want SliceRange:"writes w"
	for _, x := range s {
		fmt.Fprintln(w, x) // a slice's order is its own
	}
}

// A repeated field of a protocol buffer built from a map: protobuf treats
// the order as insignificant (its own map fields serialize at random).
func ToProto(m map[string]int) *external.Msg {
	var items []string
	for k := range m {
		items = append(items, k)
	}
	return &external.Msg{Items: items}
}

type Set struct{ m map[string]bool }

// Keys is a map-like type's maps.Keys.
func (s *Set) Keys() []string {
	var keys []string
	for k := range s.m {
		keys = append(keys, k)
	}
	return keys
}

func LoggedJoin(t *testing.T, m map[string]int) {
	var seen []string
	for k := range m {
		seen = append(seen, k)
	}
	t.Logf("functions seen: %s", strings.Join(seen, " "))
}

func ErrorList(m map[string]bool) error {
	var missing []string
	for k, ok := range m {
		if !ok {
			missing = append(missing, k)
		}
	}
	return fmt.Errorf("missing: %s", strings.Join(missing, ", "))
}

func Diagnose(m map[string]int) {
	for k, v := range m {
		fmt.Fprintf(os.Stderr, "%s: %d\n", k, v)
	}
}

// Constructors for the runtime check (testdata/runtime/main.go).
func NewRegistry(h map[string]func()) *Registry { return &Registry{handlers: h} }
func NewPrinter() *printer                      { return &printer{} }

// ---- The entry visited last ----

func Newest(m map[string]int) string {
	var last string
	for k := range m {
		last = k // want `^last is set on every iteration over m and keeps the entry visited last, which varies from run to run, and is returned at line \d+; range over slices.Sorted\(maps.Keys\(m\)\)$`
	}
	return last
}

func OnlyEntry(m map[string]int) string {
	if len(m) != 1 {
		return ""
	}
	var name string
	for k := range m {
		name = k // one entry: the choice is unique
	}
	return name
}

func Largest(m map[string]int) int {
	best := 0
	for _, v := range m {
		best = max(best, v)
	}
	return best
}

func LastMatch(m map[string]int) string {
	var found string
	for k, v := range m {
		if v > 0 {
			found = k // conditional: the heuristic stays silent
		}
	}
	return found
}

func FirstAny(m map[string]int) string {
	var any string
	for k := range m {
		any = k
		break // an explicit pick of any entry
	}
	return any
}

func AnyClient(m map[*strings.Builder]bool) int {
	var b *strings.Builder
	for c := range m {
		b = c
	}
	if b == nil {
		return 0
	}
	return b.Len() // any entry will do
}

func SingleImplicit(m map[string]int) string {
	if len(m) > 1 {
		return "ambiguous"
	}
	got := ""
	for k := range m {
		got += k // at most one entry
	}
	return got
}

func CloseHang(m map[string]int) {
	var buf strings.Builder
	for k, v := range m {
		fmt.Fprintf(&buf, "%s %d\n", k, v)
	}
	log.Print(buf.String())
}

func dumpState(m map[string]int) string {
	var sb strings.Builder
	for k, v := range m {
		fmt.Fprintf(&sb, "%s=%d\n", k, v)
	}
	return sb.String()
}

func Check(m map[string]int) error {
	if len(m) > 100 {
		return fmt.Errorf("too many entries:\n%s", dumpState(m))
	}
	return nil
}

func (p *printer) String() string {
	var sb strings.Builder
	for k := range p.seen {
		sb.WriteString(k) // want `sb.WriteString\(k\) writes in the iteration order of p.seen`
	}
	return sb.String()
}

type reply struct{ warnings, rows []string }

// A dispatch on known keys: each case runs for one key at most.
func Parse(data map[string][]string) reply {
	var r reply
	for k, v := range data {
		switch k {
		case "warning":
			for _, w := range v {
				r.warnings = append(r.warnings, w)
			}
		case "rows", "results":
			r.rows = append(r.rows, v...) // want `r.rows is built in the iteration order of data, .* and is passed to strings.Join`
		}
		if k == "extra" {
			r.rows = append(r.rows, v...)
		}
	}
	return r
}

func (r reply) Warnings() string { return strings.Join(r.warnings, ";") }
func (r reply) Rows() string     { return strings.Join(r.rows, ";") }

type options struct{ ciphers, hosts []string }

func parseOptions(m map[string][]string) options {
	var o options
	for k, v := range m {
		switch strings.ToLower(k) {
		case "cipher_suites", "ciphers":
			for _, c := range v {
				o.ciphers = append(o.ciphers, c)
			}
		case "hosts":
			o.hosts = append(o.hosts, v...)
		}
	}
	return o
}

func (o options) String() string { return strings.Join(o.ciphers, ",") + strings.Join(o.hosts, ",") }

func parseAny(data map[any][]string) options {
	var o options
	for k, v := range data {
		key, ok := k.(string)
		if !ok {
			continue
		}
		switch key {
		case "hosts":
			o.hosts = append(o.hosts, v...)
		}
	}
	return o
}

type hybrid struct{ raw []string }

func (h *hybrid) read(m map[string]string, fallback []string, isMap bool) {
	var data []string
	if isMap {
		for k, v := range m {
			data = append(data, k, v)
		}
	} else {
		data = fallback
		h.raw = data // the other branch: not the loop's slice
	}
	_ = len(data)
}

func (h *hybrid) Raw() string { return strings.Join(h.raw, ",") }

type Logger struct{}

func (Logger) Errorf(format string, args ...any) {}

func ReportLeaks(l Logger, m map[string]int) {
	all := ""
	for k := range m {
		all += k
	}
	l.Errorf("leaked: %s", all)
}
