// Package sarif writes maplint's diagnostics as SARIF 2.1.0, the format
// GitHub code scanning (github/codeql-action/upload-sarif) and other
// code-scanning dashboards read.
//
// Each analyzer is one rule, whose id is the analyzer's name, so that a
// rule id never changes between releases. Paths are relative to the
// working directory, under the uriBaseId %SRCROOT%, as code scanning
// expects when maplint runs at the repository root. Regions carry start
// and end positions in UTF-16 code units, SARIF's default column kind, and
// every suggested fix becomes a SARIF fix.
//
// Each result's level is its analyzer's severity (suite.SeverityOf):
// error, warning, or note for a suggestion.
package sarif

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"go/token"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"

	"github.com/maplint/maplint/passes/suite"
)

// Schema is the URI of the SARIF 2.1.0 schema, written as the log's $schema.
const Schema = "https://json.schemastore.org/sarif-2.1.0.json"

// srcRoot is the uriBaseId of every relative artifact location.
const srcRoot = "%SRCROOT%"

// The SARIF object model, as much of it as maplint writes. Field names
// follow the SARIF 2.1.0 specification (OASIS, 2020).
type (
	Log struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
		Runs    []Run  `json:"runs"`
	}
	Run struct {
		Tool               Tool                        `json:"tool"`
		Invocations        []Invocation                `json:"invocations"`
		OriginalURIBaseIDs map[string]ArtifactLocation `json:"originalUriBaseIds,omitempty"`
		ColumnKind         string                      `json:"columnKind"`
		Results            []Result                    `json:"results"`
	}
	Tool struct {
		Driver Driver `json:"driver"`
	}
	Driver struct {
		Name            string `json:"name"`
		InformationURI  string `json:"informationUri"`
		Version         string `json:"version,omitempty"`
		SemanticVersion string `json:"semanticVersion,omitempty"`
		Rules           []Rule `json:"rules"`
	}
	Rule struct {
		ID                   string        `json:"id"`
		Name                 string        `json:"name"`
		ShortDescription     Message       `json:"shortDescription"`
		FullDescription      Message       `json:"fullDescription"`
		Help                 *Message      `json:"help,omitempty"`
		HelpURI              string        `json:"helpUri,omitempty"`
		DefaultConfiguration Configuration `json:"defaultConfiguration"`
	}
	Configuration struct {
		Level string `json:"level"`
	}
	Invocation struct {
		ExecutionSuccessful        bool           `json:"executionSuccessful"`
		ToolExecutionNotifications []Notification `json:"toolExecutionNotifications,omitempty"`
	}
	Notification struct {
		Level     string     `json:"level"`
		Message   Message    `json:"message"`
		Locations []Location `json:"locations,omitempty"`
	}
	Result struct {
		RuleID           string     `json:"ruleId"`
		RuleIndex        int        `json:"ruleIndex"`
		Level            string     `json:"level"`
		Message          Message    `json:"message"`
		Locations        []Location `json:"locations"`
		RelatedLocations []Location `json:"relatedLocations,omitempty"`
		Fixes            []Fix      `json:"fixes,omitempty"`
		// PartialFingerprints identify a result across commits, for
		// uploads through the code-scanning API (which, unlike the
		// upload-sarif action, computes none).
		PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
	}
	Message struct {
		Text string `json:"text"`
	}
	Location struct {
		ID               *int             `json:"id,omitempty"`
		PhysicalLocation PhysicalLocation `json:"physicalLocation"`
		Message          *Message         `json:"message,omitempty"`
	}
	PhysicalLocation struct {
		ArtifactLocation ArtifactLocation `json:"artifactLocation"`
		Region           *Region          `json:"region,omitempty"`
	}
	ArtifactLocation struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	Region struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn"`
		EndLine     int `json:"endLine,omitempty"`
		EndColumn   int `json:"endColumn,omitempty"`
	}
	Fix struct {
		Description     Message          `json:"description"`
		ArtifactChanges []ArtifactChange `json:"artifactChanges"`
	}
	ArtifactChange struct {
		ArtifactLocation ArtifactLocation `json:"artifactLocation"`
		Replacements     []Replacement    `json:"replacements"`
	}
	Replacement struct {
		DeletedRegion   Region           `json:"deletedRegion"`
		InsertedContent *ArtifactContent `json:"insertedContent,omitempty"`
	}
	ArtifactContent struct {
		Text string `json:"text"`
	}
)

// A Writer accumulates diagnostics into one SARIF run.
type Writer struct {
	root      string // absolute directory paths are made relative to
	rules     map[*analysis.Analyzer]int
	run       Run
	seen      map[resultKey]bool
	positions positions

	fingerprints map[string]int // occurrences of each fingerprint key so far

	notifications []Notification
}

type resultKey struct {
	analyzer   *analysis.Analyzer
	start, end token.Position
	message    string
}

// NewWriter returns a Writer for diagnostics of the given analyzers, one
// rule each, with paths relative to root (an absolute directory).
func NewWriter(analyzers []*analysis.Analyzer, root string) *Writer {
	w := &Writer{
		root:      root,
		rules:     make(map[*analysis.Analyzer]int),
		seen:      make(map[resultKey]bool),
		positions: positions{files: make(map[string][]byte), root: root},

		fingerprints: make(map[string]int),
	}
	w.run = Run{
		Tool: Tool{Driver: Driver{
			Name:           "maplint",
			InformationURI: "https://github.com/maplint/maplint",
			Rules:          []Rule{},
		}},
		OriginalURIBaseIDs: map[string]ArtifactLocation{
			srcRoot: {URI: (&url.URL{Scheme: "file", Path: filepath.ToSlash(root) + "/"}).String()},
		},
		ColumnKind: "utf16CodeUnits",
		Results:    []Result{},
	}
	if v := moduleVersion(); v != "" {
		w.run.Tool.Driver.Version = v
		if strings.HasPrefix(v, "v") {
			w.run.Tool.Driver.SemanticVersion = strings.TrimPrefix(v, "v")
		}
	}
	for _, a := range analyzers {
		w.rules[a] = len(w.run.Tool.Driver.Rules)
		w.run.Tool.Driver.Rules = append(w.run.Tool.Driver.Rules, rule(a))
	}
	return w
}

// SetToolVersion sets tool.driver.version, for builds whose module version
// is not a release (a checkout's "(devel) <vcs revision>"); a release
// version ("v1.2.3") also sets semanticVersion.
func (w *Writer) SetToolVersion(v string) {
	if v == "" {
		return
	}
	w.run.Tool.Driver.Version = v
	w.run.Tool.Driver.SemanticVersion = ""
	if strings.HasPrefix(v, "v") && !strings.ContainsAny(v, " ()") {
		w.run.Tool.Driver.SemanticVersion = strings.TrimPrefix(v, "v")
	}
}

// rule describes an analyzer: its Doc's first line is the short
// description, the rest the full one.
func rule(a *analysis.Analyzer) Rule {
	short, full, _ := strings.Cut(strings.TrimSpace(a.Doc), "\n")
	short = strings.TrimSpace(short)
	full = strings.TrimSpace(full)
	if full == "" {
		full = short
	}
	r := Rule{
		ID:                   a.Name,
		Name:                 a.Name,
		ShortDescription:     Message{Text: short},
		FullDescription:      Message{Text: full},
		HelpURI:              a.URL,
		DefaultConfiguration: Configuration{Level: suite.SeverityOf(a.Name).SARIFLevel()},
	}
	if doc := strings.TrimSpace(a.Doc); doc != "" {
		r.Help = &Message{Text: doc}
	}
	return r
}

// Add records a diagnostic of analyzer a, whose positions are in fset.
// A diagnostic already added (the same file is analyzed both in a package
// and in its test variant) is dropped. It reports whether d was new.
func (w *Writer) Add(a *analysis.Analyzer, fset *token.FileSet, d analysis.Diagnostic) bool {
	start, end := w.positions.of(fset, d.Pos), w.positions.of(fset, d.End)
	key := resultKey{a, start, end, d.Message}
	if w.seen[key] {
		return false
	}
	w.seen[key] = true

	index, ok := w.rules[a]
	if !ok { // an analyzer outside the set given to NewWriter
		index = len(w.run.Tool.Driver.Rules)
		w.rules[a] = index
		w.run.Tool.Driver.Rules = append(w.run.Tool.Driver.Rules, rule(a))
	}
	res := Result{
		RuleID:    a.Name,
		RuleIndex: index,
		Level:     suite.SeverityOf(a.Name).SARIFLevel(),
		Message:   Message{Text: d.Message},
		Locations: []Location{w.location(fset, d.Pos, d.End)},
	}
	for i, rel := range d.Related {
		loc := w.location(fset, rel.Pos, rel.End)
		id := i + 1
		loc.ID = &id
		loc.Message = &Message{Text: rel.Message}
		res.RelatedLocations = append(res.RelatedLocations, loc)
	}
	for _, fix := range d.SuggestedFixes {
		res.Fixes = append(res.Fixes, w.fix(fset, fix))
	}
	res.PartialFingerprints = map[string]string{fingerprintKey: w.fingerprint(a.Name, start)}
	w.run.Results = append(w.run.Results, res)
	return true
}

// fingerprintKey names maplint's fingerprint; the /v1 changes if its
// recipe does.
const fingerprintKey = "maplintLineHash/v1"

// fingerprint identifies a result by what stays when code moves: the
// rule, the file, the text of the line (without its indentation) and how
// many earlier results of the rule in the file had the same line text. A
// finding keeps its fingerprint when lines are added above it, and gets a
// new one when its line changes.
func (w *Writer) fingerprint(rule string, start token.Position) string {
	line := strings.TrimSpace(w.positions.lineText(start))
	key := rule + "\x00" + w.artifact(start.Filename).URI + "\x00" + line
	n := w.fingerprints[key]
	w.fingerprints[key] = n + 1
	sum := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%d", key, n)))
	return hex.EncodeToString(sum[:16])
}

// Notify records a problem that kept maplint from analyzing some code: a
// package that did not load or type-check, or an analyzer that failed. It
// marks the run unsuccessful.
func (w *Writer) Notify(message string, pos token.Position) {
	n := Notification{Level: "error", Message: Message{Text: message}}
	if pos.IsValid() {
		n.Locations = []Location{{PhysicalLocation: PhysicalLocation{
			ArtifactLocation: w.artifact(pos.Filename),
			Region:           w.positions.region(pos, token.Position{}),
		}}}
	}
	w.notifications = append(w.notifications, n)
}

// Len reports the number of results added.
func (w *Writer) Len() int { return len(w.run.Results) }

// WriteTo writes the SARIF log as indented JSON.
func (w *Writer) WriteTo(out io.Writer) (int64, error) {
	run := w.run
	run.Invocations = []Invocation{{
		ExecutionSuccessful:        len(w.notifications) == 0,
		ToolExecutionNotifications: w.notifications,
	}}
	data, err := json.MarshalIndent(Log{Schema: Schema, Version: "2.1.0", Runs: []Run{run}}, "", "  ")
	if err != nil {
		return 0, err
	}
	n, err := out.Write(append(data, '\n'))
	return int64(n), err
}

func (w *Writer) location(fset *token.FileSet, pos, end token.Pos) Location {
	start := w.positions.of(fset, pos)
	return Location{PhysicalLocation: PhysicalLocation{
		ArtifactLocation: w.artifact(start.Filename),
		Region:           w.positions.region(start, w.positions.of(fset, end)),
	}}
}

func (w *Writer) fix(fset *token.FileSet, fix analysis.SuggestedFix) Fix {
	f := Fix{Description: Message{Text: fix.Message}, ArtifactChanges: []ArtifactChange{}}
	byFile := make(map[string]int) // filename -> index in ArtifactChanges
	for _, edit := range fix.TextEdits {
		start := w.positions.of(fset, edit.Pos)
		end := start
		if edit.End.IsValid() {
			end = w.positions.of(fset, edit.End)
		}
		i, ok := byFile[start.Filename]
		if !ok {
			i = len(f.ArtifactChanges)
			byFile[start.Filename] = i
			f.ArtifactChanges = append(f.ArtifactChanges, ArtifactChange{ArtifactLocation: w.artifact(start.Filename)})
		}
		region := w.positions.region(start, end)
		if region == nil {
			continue
		}
		r := Replacement{DeletedRegion: *region}
		if len(edit.NewText) > 0 {
			r.InsertedContent = &ArtifactContent{Text: string(edit.NewText)}
		}
		f.ArtifactChanges[i].Replacements = append(f.ArtifactChanges[i].Replacements, r)
	}
	return f
}

// artifact locates a file: relative to the root under %SRCROOT% when it
// lies below the root, by absolute file URI otherwise.
func (w *Writer) artifact(filename string) ArtifactLocation {
	if !filepath.IsAbs(filename) {
		// go list reports some errors with paths relative to the
		// directory it ran in, the working directory.
		filename = filepath.Join(w.root, filename)
	}
	if rel, err := filepath.Rel(w.root, filename); err == nil && filepath.IsLocal(rel) {
		return ArtifactLocation{URI: (&url.URL{Path: filepath.ToSlash(rel)}).String(), URIBaseID: srcRoot}
	}
	return ArtifactLocation{URI: (&url.URL{Scheme: "file", Path: filepath.ToSlash(filename)}).String()}
}

// positions converts token positions to physical file positions with
// UTF-16 columns, reading each file once.
type positions struct {
	files map[string][]byte
	root  string
}

// of returns pos in its file as written, ignoring //line directives: code
// scanning links to the file in the repository, not to its generator's
// input. A file the go command generated outside the repository (cgo's
// output, in the build cache) is the exception: there the file its
// //line directives name, in the repository, is the one to link to.
func (p positions) of(fset *token.FileSet, pos token.Pos) token.Position {
	if !pos.IsValid() {
		return token.Position{}
	}
	f := fset.File(pos)
	if f == nil {
		return token.Position{}
	}
	written := f.PositionFor(pos, false)
	if !p.inRoot(written.Filename) {
		if adjusted := f.PositionFor(pos, true); p.inRoot(adjusted.Filename) {
			adjusted.Offset = -1 // an offset in the generated file: columns stay in bytes
			return adjusted
		}
	}
	return written
}

func (p positions) inRoot(filename string) bool {
	rel, err := filepath.Rel(p.root, filename)
	return err == nil && filepath.IsLocal(rel)
}

// region returns the SARIF region from start to end (end may be invalid,
// for a point), or nil when start is invalid.
func (p positions) region(start, end token.Position) *Region {
	if !start.IsValid() {
		return nil
	}
	r := &Region{StartLine: start.Line, StartColumn: p.column(start)}
	if !end.IsValid() || end.Filename != start.Filename || end.Offset < start.Offset {
		end = start
	}
	r.EndLine = end.Line
	r.EndColumn = p.column(end)
	return r
}

// lineText returns the text of pos's line, or "" without the file.
func (p positions) lineText(pos token.Position) string {
	content := p.content(pos.Filename)
	lineStart := pos.Offset - (pos.Column - 1)
	if content == nil || lineStart < 0 || pos.Offset > len(content) {
		return ""
	}
	line, _, _ := strings.Cut(string(content[lineStart:]), "\n")
	return line
}

func (p positions) content(filename string) []byte {
	content, ok := p.files[filename]
	if !ok {
		content, _ = os.ReadFile(filename)
		p.files[filename] = content
	}
	return content
}

// column converts pos's byte column to a 1-based column in UTF-16 code
// units, SARIF's default columnKind. Without the file's content the byte
// column is the best guess, and exact for ASCII lines.
func (p positions) column(pos token.Position) int {
	content := p.content(pos.Filename)
	lineStart := pos.Offset - (pos.Column - 1)
	if content == nil || lineStart < 0 || pos.Offset > len(content) {
		return pos.Column
	}
	units := 0
	for prefix := content[lineStart:pos.Offset]; len(prefix) > 0; {
		r, size := utf8.DecodeRune(prefix)
		prefix = prefix[size:]
		if n := utf16.RuneLen(r); n > 0 {
			units += n
		} else {
			units++ // invalid UTF-8 decodes to U+FFFD, one unit
		}
	}
	return units + 1
}

// moduleVersion is maplint's version: the module version when installed
// with go install ...@version, empty for a development build.
func moduleVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	for _, dep := range append([]*debug.Module{&info.Main}, info.Deps...) {
		if dep.Path == "github.com/maplint/maplint" && dep.Version != "" && dep.Version != "(devel)" {
			return dep.Version
		}
	}
	return ""
}
