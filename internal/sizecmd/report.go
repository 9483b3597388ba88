package sizecmd

import (
	"encoding/json"
	"io"
	"math"

	"github.com/maplint/maplint/sizer"
)

// report is the cost of one map type at one entry count on one layout.
type report struct {
	Layout       string       `json:"layout"`
	Arch         string       `json:"arch"`
	Type         string       `json:"type"`
	N            int64        `json:"n"`
	Hinted       fill         `json:"hinted"`
	Unhinted     fill         `json:"unhinted"`
	Breakdown    breakdown    `json:"breakdown"` // of the hinted fill
	Clone        fill         `json:"clone"`
	Alternatives alternatives `json:"alternatives"`

	m   sizer.Map
	alt sizer.Alternatives
}

// fill is sizer.Fill for JSON.
type fill struct {
	AllocBytes        int64     `json:"alloc_bytes"`
	LiveBytes         int64     `json:"live_bytes"`
	Mallocs           int64     `json:"mallocs"`
	LiveObjects       int64     `json:"live_objects"`
	Growths           int       `json:"growths"`
	LiveBytesPerEntry float64   `json:"live_bytes_per_entry"`
	Breakdown         breakdown `json:"breakdown"`
}

// breakdown is sizer.Breakdown for JSON.
type breakdown struct {
	Header        int64 `json:"header"`
	Directory     int64 `json:"directory"`
	Tables        int64 `json:"tables"`
	Control       int64 `json:"control"`
	Entries       int64 `json:"entries"`
	EmptySlots    int64 `json:"empty_slots"`
	Padding       int64 `json:"padding"`
	Overflow      int64 `json:"overflow"`
	Evacuating    int64 `json:"evacuating"`
	OutOfLine     int64 `json:"out_of_line"`
	Rounding      int64 `json:"rounding"`
	MallocHeaders int64 `json:"malloc_headers"`
}

// alternatives are the usual other ways to store the same entries.
type alternatives struct {
	PointerElem    alternative `json:"pointer_elem"`
	IndexIntoSlice alternative `json:"index_into_slice"`
}

// alternative is one other way to store the entries, and how it compares
// with the hinted map.
type alternative struct {
	Type string `json:"type"`
	fill
	LiveSaving    int64 `json:"live_saving_bytes"`  // positive: fewer live bytes than the hinted map
	AllocSaving   int64 `json:"alloc_saving_bytes"` // positive: fewer bytes allocated
	MallocsSaving int64 `json:"mallocs_saving"`
}

func buildReports(mt *mapType, cfg config) []report {
	m := sizer.Of(mt.typ.Key(), mt.typ.Elem(), mt.sizes)
	var reports []report
	for _, layout := range cfg.layouts {
		for _, n := range cfg.counts {
			alt := m.Alternatives(layout, n)
			r := report{
				Layout:   layout.String(),
				Arch:     mt.arch,
				Type:     mt.expr,
				N:        n,
				Hinted:   toFill(alt.Hinted),
				Unhinted: toFill(alt.Unhinted),
				Clone:    toFill(m.Clone(layout, n)),
				m:        m,
				alt:      alt,
			}
			r.Breakdown = r.Hinted.Breakdown
			r.Alternatives = alternatives{
				PointerElem:    toAlternative(mt.pointerElemType(), alt.PointerElem, alt.Hinted),
				IndexIntoSlice: toAlternative(mt.indexType(), alt.IndexIntoSlice, alt.Hinted),
			}
			reports = append(reports, r)
		}
	}
	return reports
}

func toFill(f sizer.Fill) fill {
	b := f.Breakdown
	return fill{
		AllocBytes:        f.AllocBytes,
		LiveBytes:         f.LiveBytes,
		Mallocs:           f.Mallocs,
		LiveObjects:       f.LiveObjects,
		Growths:           f.Growths,
		LiveBytesPerEntry: math.Round(f.LiveBytesPerEntry()*100) / 100,
		Breakdown: breakdown{
			Header: b.Header, Directory: b.Directory, Tables: b.Tables, Control: b.Control,
			Entries: b.Entries, EmptySlots: b.EmptySlot, Padding: b.Padding, Overflow: b.Overflow,
			Evacuating: b.Evacuating, OutOfLine: b.OutOfLine, Rounding: b.Rounding, MallocHeaders: b.MallocHeaders,
		},
	}
}

func toAlternative(typ string, f, base sizer.Fill) alternative {
	return alternative{
		Type:          typ,
		fill:          toFill(f),
		LiveSaving:    base.LiveBytes - f.LiveBytes,
		AllocSaving:   base.AllocBytes - f.AllocBytes,
		MallocsSaving: base.Mallocs - f.Mallocs,
	}
}

func writeJSON(w io.Writer, reports []report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if reports == nil {
		reports = []report{}
	}
	return enc.Encode(reports)
}
