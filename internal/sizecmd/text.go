package sizecmd

import (
	"bufio"
	"fmt"
	"go/types"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/maplint/maplint/sizer"
)

// worthwhile is the share of the hinted map's live bytes an alternative
// must save before we suggest it.
const worthwhile = 0.10

// classicOverflowSpread is the most that measured classic maps of 1,000
// entries and more allocated over the sizer's best case (see the sizer's
// runtime comparison test).
const classicOverflowSpread = "17%"

func writeText(w io.Writer, mt *mapType, cfg config, reports []report) error {
	bw := bufio.NewWriter(w)
	m := sizer.Of(mt.typ.Key(), mt.typ.Elem(), mt.sizes)
	fmt.Fprintf(bw, "%s on %s\n", mt.typeString(mt.typ), mt.arch)
	describeOperand(bw, "K (key)  ", mt.typeString(mt.typ.Key()), m.Key, m.IndirectKey())
	describeOperand(bw, "V (value)", mt.typeString(mt.typ.Elem()), m.Elem, m.IndirectElem())
	for _, r := range reports {
		fmt.Fprintln(bw)
		writeReport(bw, mt, r)
	}
	return bw.Flush()
}

func describeOperand(w io.Writer, role, typ string, t sizer.Type, indirect bool) {
	var notes []string
	if t.HasPointers {
		notes = append(notes, "holds pointers")
	} else {
		notes = append(notes, "pointer-free")
	}
	if indirect {
		notes = append(notes, fmt.Sprintf("over %d B: stored out of line, one allocation per entry", sizer.MapMaxElemBytes))
	}
	fmt.Fprintf(w, "  %s %s: %s, %s\n", role, typ, sizer.FormatBytes(float64(t.Size)), strings.Join(notes, ", "))
}

func writeReport(w io.Writer, mt *mapType, r report) {
	m, alt := r.m, r.alt
	layout, _ := sizer.ParseLayout(r.Layout)
	switch layout {
	case sizer.Swiss:
		fmt.Fprintf(w, "Swiss tables (Go 1.24 and later), %s entries: slot %s, group of 8 slots %s\n",
			sizer.FormatCount(r.N), sizer.FormatBytes(float64(m.SwissSlotSize())), sizer.FormatBytes(float64(m.SwissGroupSize())))
	case sizer.Classic:
		fmt.Fprintf(w, "Classic buckets (Go 1.23 and earlier), %s entries: bucket of 8 entries %s\n",
			sizer.FormatCount(r.N), sizer.FormatBytes(float64(m.ClassicBucketSize())))
	}

	rows := []struct {
		name string
		f    sizer.Fill
	}{
		{fmt.Sprintf("make(M, %d)", r.N), alt.Hinted},
		{"make(M)", alt.Unhinted},
		{"maps.Clone", m.Clone(layout, r.N)},
	}
	width := 0
	for _, row := range rows {
		width = max(width, len(row.name))
	}
	fmt.Fprintf(w, "  %-*s  %10s  %10s  %10s  %10s\n", width, "", "allocated", "live", "objects", "live/entry")
	for _, row := range rows {
		fmt.Fprintf(w, "  %-*s  %10s  %10s  %10s  %10s\n", width, row.name, sizer.FormatBytes(float64(row.f.AllocBytes)),
			sizer.FormatBytes(float64(row.f.LiveBytes)), sizer.FormatCount(row.f.Mallocs), perEntry(row.f))
	}

	if r.N == 0 {
		fmt.Fprintln(w, "  An empty map costs only its header.")
		return
	}

	fmt.Fprintln(w)
	fmt.Fprintf(w, "  Where the %s of live memory goes (made with the hint):\n", sizer.FormatBytes(float64(alt.Hinted.LiveBytes)))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, p := range parts(layout, r.m, alt.Hinted.Breakdown) {
		if p.bytes == 0 {
			continue
		}
		fmt.Fprintf(tw, "    %s\t%s\t%s\n", p.name, leftPad(sizer.FormatBytes(float64(p.bytes)), 9), leftPad(percent(p.bytes, alt.Hinted.LiveBytes), 6))
	}
	tw.Flush()

	if m.Elem.Size > 0 {
		writeAlternatives(w, r)
	}

	fmt.Fprintln(w)
	fmt.Fprintln(w, "  What to do:")
	for _, line := range advice(mt, layout, r) {
		fmt.Fprintf(w, "    - %s\n", line)
	}
}

// writeAlternatives lists the usual other ways to store the entries.
func writeAlternatives(w io.Writer, r report) {
	alt := r.alt
	fmt.Fprintln(w)
	fmt.Fprintln(w, "  Alternatives (made with the hint):")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, a := range []struct {
		name string
		f    sizer.Fill
	}{
		{"map[K]*V + one V per entry", alt.PointerElem},
		{"map[K]int32 + []V", alt.IndexIntoSlice},
	} {
		fmt.Fprintf(tw, "    %s\t%s live\t%s objects\t%s\n", a.name, leftPad(sizer.FormatBytes(float64(a.f.LiveBytes)), 9),
			leftPad(sizer.FormatCount(a.f.Mallocs), 9), comparison(a.f, alt.Hinted))
	}
	tw.Flush()
}

// part is one line of the breakdown.
type part struct {
	name  string
	bytes int64
}

func parts(layout sizer.Layout, m sizer.Map, b sizer.Breakdown) []part {
	header, control := "map header (maps.Map)", "control words"
	if layout == sizer.Classic {
		header, control = "map header (hmap)", "tophash bytes"
	}
	entries := "keys and values in slots"
	switch {
	case m.IndirectKey() && m.IndirectElem():
		entries = "key and value pointers in slots"
	case m.IndirectKey():
		entries = "key pointers and values in slots"
	case m.IndirectElem():
		entries = "keys and value pointers in slots"
	}
	return []part{
		{entries, b.Entries},
		{"empty slots (load-factor slack)", b.EmptySlot},
		{"alignment padding", b.Padding},
		{control, b.Control},
		{"out-of-line keys and values", b.OutOfLine},
		{"overflow pointers, spare buckets", b.Overflow},
		{"old buckets being evacuated", b.Evacuating},
		{"table directory", b.Directory},
		{"table structs", b.Tables},
		{header, b.Header},
		{"size-class rounding", b.Rounding},
		{"malloc headers", b.MallocHeaders},
	}
}

// advice says what, if anything, to change, with the figure for each.
func advice(mt *mapType, layout sizer.Layout, r report) []string {
	alt := r.alt
	var lines []string
	h, u := alt.Hinted, alt.Unhinted
	if saved := u.AllocBytes - h.AllocBytes; saved > 0 {
		line := fmt.Sprintf("If the size is known up front, make(M, %d) allocates %s instead of %s while filling (%s objects instead of %s, %s avoided)",
			r.N, sizer.FormatBytes(float64(h.AllocBytes)), sizer.FormatBytes(float64(u.AllocBytes)), sizer.FormatCount(h.Mallocs), sizer.FormatCount(u.Mallocs), plural(u.Growths-h.Growths, "growth"))
		switch d := u.LiveBytes - h.LiveBytes; {
		case d == 0:
			line += "; the live size is the same."
		case 100*abs(d) < h.LiveBytes:
			line += "; the live size is about the same."
		case d > 0:
			line += fmt.Sprintf(" and keeps %s less live.", sizer.FormatBytes(float64(d)))
		default:
			line += fmt.Sprintf(", though it keeps %s more live.", sizer.FormatBytes(float64(-d)))
		}
		lines = append(lines, line)
	}

	if r.m.Elem.Size > 0 { // a set has no value to store elsewhere
		lines = append(lines, alternativeAdvice(r)...)
	}

	if slotPadding := slotPadding(layout, r.m); slotPadding > 0 && 4*h.Breakdown.Padding >= h.LiveBytes {
		lines = append(lines, fmt.Sprintf("Alignment padding is %s of the live bytes: every slot carries %s of it, so a value up to %s larger would cost nothing more.",
			percent(h.Breakdown.Padding, h.LiveBytes), sizer.FormatBytes(float64(slotPadding)), sizer.FormatBytes(float64(slotPadding))))
	}

	payload := r.N * (r.m.Key.Size + r.m.Elem.Size)
	lines = append(lines, fmt.Sprintf("The keys and values themselves are %s of the live bytes (%s per entry); the rest is the map's own structure.",
		percent(payload, h.LiveBytes), sizer.FormatBytes(float64(r.m.Key.Size+r.m.Elem.Size))))

	if layout == sizer.Classic {
		lines = append(lines, "Classic figures are a best case: overflow buckets depend on the hash seed; maps of 1,000 entries and more measured on Go 1.23 allocated up to "+
			classicOverflowSpread+" more (small maps up to about 40% more).")
	}
	return lines
}

// alternativeAdvice suggests the alternatives worth their cost: those that
// keep at least 10% fewer live bytes, and, when values are already out of
// line, the index into a slice that drops the per-entry allocations.
func alternativeAdvice(r report) []string {
	h, index, ptr := r.alt.Hinted, r.alt.IndexIntoSlice, r.alt.PointerElem
	saves := func(f sizer.Fill) bool {
		return h.LiveBytes > 0 && float64(h.LiveBytes-f.LiveBytes) >= worthwhile*float64(h.LiveBytes)
	}
	var lines []string
	if saves(index) {
		lines = append(lines, fmt.Sprintf("Keep the values in a []V and map each key to its index (map[K]int32 + []V): %s less live (%s) and no allocation per entry; deletes then need a free list or compaction.",
			sizer.FormatBytes(float64(h.LiveBytes-index.LiveBytes)), percent(index.LiveBytes-h.LiveBytes, h.LiveBytes)))
	}
	if saves(ptr) {
		line := fmt.Sprintf("Store pointers (map[K]*V): %s less live (%s)", sizer.FormatBytes(float64(h.LiveBytes-ptr.LiveBytes)), percent(ptr.LiveBytes-h.LiveBytes, h.LiveBytes))
		if extra := ptr.Mallocs - h.Mallocs; extra > 0 {
			line += fmt.Sprintf(", but %s more heap %s for the GC to track", sizer.FormatCount(extra), pluralWord(extra, "object"))
		}
		lines = append(lines, line+".")
	}
	if len(lines) > 0 {
		return lines
	}
	if h.Mallocs-index.Mallocs >= max(100, h.Mallocs/2) && index.LiveBytes <= h.LiveBytes+h.LiveBytes/20 {
		return []string{fmt.Sprintf("Values over %d B cost an allocation each: map[K]int32 + []V keeps about the same live bytes (%s) in %s heap objects instead of %s, less work for the GC.",
			sizer.MapMaxElemBytes, sizer.FormatBytes(float64(index.LiveBytes)), sizer.FormatCount(index.Mallocs), sizer.FormatCount(h.Mallocs))}
	}
	return []string{fmt.Sprintf("Neither map[K]*V nor map[K]int32 + []V would save %.0f%% of the live bytes: the layout is fine as it is.", worthwhile*100)}
}

// slotPadding is the padding inside one slot (Swiss) or, for classic
// buckets, per entry.
func slotPadding(layout sizer.Layout, m sizer.Map) int64 {
	key, elem := m.Key.Size, m.Elem.Size
	if m.IndirectKey() {
		key = m.PtrSize
	}
	if m.IndirectElem() {
		elem = m.PtrSize
	}
	if layout == sizer.Classic {
		return (m.ClassicBucketSize()-8-m.PtrSize)/8 - key - elem
	}
	return m.SwissSlotSize() - key - elem
}

func comparison(f, base sizer.Fill) string {
	d := base.LiveBytes - f.LiveBytes
	switch {
	case d > 0:
		return fmt.Sprintf("saves %s live (%s)", sizer.FormatBytes(float64(d)), percent(-d, base.LiveBytes))
	case d < 0:
		return fmt.Sprintf("costs %s more live (%s)", sizer.FormatBytes(float64(-d)), percent(-d, base.LiveBytes))
	}
	return "same live size"
}

// pointerElemType is map[K]*V.
func (mt *mapType) pointerElemType() string {
	return fmt.Sprintf("map[%s]*%s + one %s per entry", mt.typeString(mt.typ.Key()), mt.typeString(mt.typ.Elem()), mt.typeString(mt.typ.Elem()))
}

// indexType is map[K]int32 indexing a []V.
func (mt *mapType) indexType() string {
	return fmt.Sprintf("map[%s]int32 + []%s", mt.typeString(mt.typ.Key()), mt.typeString(mt.typ.Elem()))
}

func (mt *mapType) typeString(t types.Type) string { return types.TypeString(t, mt.qual) }

func perEntry(f sizer.Fill) string {
	if f.N == 0 {
		return "-"
	}
	return sizer.FormatBytes(f.LiveBytesPerEntry())
}

func percent(part, whole int64) string {
	if whole == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(part)/float64(whole))
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return sizer.FormatCount(int64(n)) + " " + what + "s"
}

func pluralWord(n int64, what string) string {
	if n == 1 {
		return what
	}
	return what + "s"
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

func leftPad(s string, width int) string {
	if len(s) >= width {
		return s
	}
	return strings.Repeat(" ", width-len(s)) + s
}
