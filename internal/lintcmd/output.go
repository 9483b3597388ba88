package lintcmd

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/maplint/maplint/internal/sarif"
)

// writeText prints each finding as staticcheck does, with its severity
// as compilers print theirs, so that editors' problem matchers (gcc's
// `file:line:col: severity: message`) read it:
//
//	path:line:col: severity: message (analyzer)
//
// followed by its related information, indented by a tab:
//
//	\tpath:line:col: message
func writeText(w io.Writer, cwd string, findings []*finding) error {
	var b strings.Builder
	for _, f := range findings {
		fmt.Fprintf(&b, "%s: %s: %s (%s)\n", f.posnString(cwd, f.posn), f.severity, oneLine(f.diag.Message), f.analyzer.Name)
		for _, rel := range f.diag.Related {
			fmt.Fprintf(&b, "\t%s: %s\n", f.posnString(cwd, f.fset.Position(rel.Pos)), oneLine(rel.Message))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// oneLine keeps a message on its line: a newline in a message would make
// it look like two findings.
func oneLine(s string) string {
	return strings.ReplaceAll(strings.TrimSpace(s), "\n", " ")
}

// The JSON format keeps the shape of x/tools' -json output, so that what
// reads `go vet -json` or a multichecker's -json reads maplint's: an
// object keyed by package ID, then by analyzer, holding a list of
// diagnostics. maplint adds each diagnostic's severity, makes paths
// relative to the working directory, and lists a finding once, under the
// first package (in ID order) that reported it.
type (
	// JSONOutput is the whole output: package ID, then analyzer name,
	// then its diagnostics. maplint lsp reads it.
	JSONOutput     map[string]map[string][]JSONDiagnostic
	JSONDiagnostic struct {
		Category       string             `json:"category,omitempty"`
		Posn           string             `json:"posn"`
		End            string             `json:"end,omitempty"`
		Severity       string             `json:"severity"`
		Message        string             `json:"message"`
		SuggestedFixes []JSONSuggestedFix `json:"suggested_fixes,omitempty"`
		Related        []JSONRelatedInfo  `json:"related,omitempty"`
	}
	JSONSuggestedFix struct {
		Message string     `json:"message"`
		Edits   []JSONEdit `json:"edits"`
	}
	JSONEdit struct {
		Filename string `json:"filename"`
		Start    int    `json:"start"`
		End      int    `json:"end"`
		New      string `json:"new"`
	}
	JSONRelatedInfo struct {
		Posn    string `json:"posn"`
		End     string `json:"end,omitempty"`
		Message string `json:"message"`
	}
)

func writeJSON(w io.Writer, cwd string, findings []*finding) error {
	tree := make(JSONOutput)
	for _, f := range findings {
		pkg := f.pkgID
		if tree[pkg] == nil {
			tree[pkg] = make(map[string][]JSONDiagnostic)
		}
		d := JSONDiagnostic{
			Category: f.diag.Category,
			Posn:     f.posnString(cwd, f.posn),
			Severity: f.severity.String(),
			Message:  f.diag.Message,
		}
		if f.end.IsValid() {
			d.End = f.posnString(cwd, f.end)
		}
		for _, fix := range f.diag.SuggestedFixes {
			jf := JSONSuggestedFix{Message: fix.Message, Edits: []JSONEdit{}}
			for _, e := range fix.TextEdits {
				tf := f.fset.File(e.Pos)
				if tf == nil {
					continue
				}
				end := e.End
				if !end.IsValid() {
					end = e.Pos
				}
				jf.Edits = append(jf.Edits, JSONEdit{relPath(cwd, tf.Name()), tf.Offset(e.Pos), tf.Offset(end), string(e.NewText)})
			}
			d.SuggestedFixes = append(d.SuggestedFixes, jf)
		}
		for _, rel := range f.diag.Related {
			r := JSONRelatedInfo{Posn: f.posnString(cwd, f.fset.Position(rel.Pos)), Message: rel.Message}
			if rel.End.IsValid() {
				r.End = f.posnString(cwd, f.fset.Position(rel.End))
			}
			d.Related = append(d.Related, r)
		}
		tree[pkg][f.analyzer.Name] = append(tree[pkg][f.analyzer.Name], d)
	}
	data, err := json.MarshalIndent(tree, "", "\t")
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}

// writeSARIF writes the findings, and the problems that kept maplint from
// analyzing some code, as one SARIF log.
func writeSARIF(w io.Writer, sw *sarif.Writer, findings []*finding) error {
	for _, f := range findings {
		sw.Add(f.analyzer, f.fset, f.diag)
	}
	_, err := sw.WriteTo(w)
	return err
}
