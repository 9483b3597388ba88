// Package suppress implements maplint's suppression comments:
//
//	//maplint:ignore NAME[,NAME...] reason
//
// placed on the line of a diagnostic or on the line above it drops that
// diagnostic of each named analyzer, and
//
//	//maplint:file-ignore NAME[,NAME...] reason
//
// anywhere in a file drops every diagnostic of the named analyzers in that
// file. The reason is required: a suppression is a claim that the code is
// safe, and the next reader needs to know why.
//
// The directive is checked by the analyzers it names, as part of their own
// run, so it works in every driver that runs them: the maplint command,
// `go vet -vettool`, `go fix -fixtool`, and golangci-lint (where
// `//nolint:maplint` also works, as for any linter). A directive that has
// no reason, or that suppresses nothing, is reported as a diagnostic of the
// analyzer it names, so stale suppressions do not pile up; one that names
// no analyzer of the suite (a misspelling) is reported by the analyzer
// whose name is closest, which is the one it meant.
package suppress

import (
	"go/ast"
	"go/token"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Prefix starts a suppression comment; FilePrefix a file-wide one.
const (
	Prefix     = "//maplint:ignore"
	FilePrefix = "//maplint:file-ignore"
)

// Wrap returns a copy of a whose run honours //maplint:ignore directives
// naming a. Flags, facts, requirements and results are shared with a.
// suite lists the names of every analyzer of the suite: a directive naming
// none of them is reported by the analyzer of suite whose name is closest
// (nil: no such check).
func Wrap(a *analysis.Analyzer, suite []string) *analysis.Analyzer {
	wrapped := *a
	run := a.Run
	name := a.Name
	wrapped.Run = func(pass *analysis.Pass) (any, error) {
		for _, m := range misspelt(pass, name, suite) {
			pass.Report(m)
		}
		directives := parseDirectives(pass, name)
		if len(directives) == 0 {
			return run(pass)
		}
		report := pass.Report
		pass.Report = func(d analysis.Diagnostic) {
			if dir := directives.covering(pass.Fset, d.Pos); dir != nil {
				dir.used = true
				return
			}
			report(d)
		}
		result, err := run(pass)
		pass.Report = report
		if err != nil {
			return result, err
		}
		for _, dir := range directives {
			switch {
			case dir.reason == "":
				pass.Report(analysis.Diagnostic{
					Pos:     dir.pos,
					End:     dir.end,
					Message: "this " + dir.prefix + " directive needs a reason after the analyzer names, saying why the code is safe",
				})
			case !dir.used && dir.wholeFile:
				pass.Report(analysis.Diagnostic{
					Pos:     dir.pos,
					End:     dir.end,
					Message: "this //maplint:file-ignore directive suppresses no " + name + " diagnostic in this file; remove " + name + " from it",
				})
			case !dir.used:
				pass.Report(analysis.Diagnostic{
					Pos:     dir.pos,
					End:     dir.end,
					Message: "this //maplint:ignore directive suppresses no " + name + " diagnostic on its line or the next; remove " + name + " from it",
				})
			}
		}
		return result, nil
	}
	return &wrapped
}

// A directive is one //maplint:ignore comment that names the analyzer.
type directive struct {
	pos, end  token.Pos
	file      *token.File
	line      int  // the comment's line; it covers this line and the next
	wholeFile bool // //maplint:file-ignore: it covers the file
	prefix    string
	reason    string
	used      bool
}

type directives []*directive

// covering returns the directive that suppresses a diagnostic at pos, if any.
func (ds directives) covering(fset *token.FileSet, pos token.Pos) *directive {
	if !pos.IsValid() {
		return nil
	}
	file := fset.File(pos)
	if file == nil {
		return nil
	}
	line := file.Line(pos)
	for _, d := range ds {
		if d.file == file && (d.wholeFile || line == d.line || line == d.line+1) {
			return d
		}
	}
	return nil
}

// parseDirectives returns the directives in the package's files that name
// the analyzer. Directives in generated files are ignored: their
// diagnostics are never reported, so the directives could only look stale.
func parseDirectives(pass *analysis.Pass, name string) directives {
	var ds directives
	for _, f := range pass.Files {
		if ast.IsGenerated(f) {
			continue
		}
		file := pass.Fset.File(f.FileStart)
		for _, group := range f.Comments {
			for _, c := range group.List {
				names, reason, wholeFile, ok := parse(c.Text)
				if !ok || !slices.Contains(names, name) {
					continue
				}
				prefix := Prefix
				if wholeFile {
					prefix = FilePrefix
				}
				ds = append(ds, &directive{
					pos:       c.Pos(),
					end:       c.End(),
					file:      file,
					line:      file.Line(c.Pos()),
					wholeFile: wholeFile,
					prefix:    prefix,
					reason:    reason,
				})
			}
		}
	}
	return ds
}

// Parse splits the text of a comment of the form
// "//maplint:ignore NAME[,NAME...] reason" into the analyzer names and
// the reason. ok is false when the comment is not such a directive.
func Parse(comment string) (names []string, reason string, ok bool) {
	names, reason, _, ok = parse(comment)
	return names, reason, ok
}

// parse is Parse for both forms; wholeFile is set for //maplint:file-ignore.
func parse(comment string) (names []string, reason string, wholeFile, ok bool) {
	rest, ok := strings.CutPrefix(comment, Prefix)
	if !ok {
		rest, ok = strings.CutPrefix(comment, FilePrefix)
		wholeFile = ok
	}
	if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '\t') {
		return nil, "", false, false
	}
	fields := strings.Fields(rest)
	if len(fields) == 0 {
		return nil, "", wholeFile, true
	}
	for n := range strings.SplitSeq(fields[0], ",") {
		if n = strings.TrimSpace(n); n != "" {
			names = append(names, n)
		}
	}
	return names, strings.Join(fields[1:], " "), wholeFile, true
}

// misspelt returns the diagnostics, for the analyzer name, about
// directives that name no analyzer of suite: each is reported once, by the
// analyzer of suite whose name is closest to the unknown one (for a
// directive with no name at all, the first of the shortest names).
func misspelt(pass *analysis.Pass, name string, suite []string) []analysis.Diagnostic {
	if len(suite) == 0 {
		return nil
	}
	var out []analysis.Diagnostic
	for _, f := range pass.Files {
		if ast.IsGenerated(f) {
			continue
		}
		for _, group := range f.Comments {
			for _, c := range group.List {
				names, _, wholeFile, ok := parse(c.Text)
				if !ok {
					continue
				}
				prefix := Prefix
				if wholeFile {
					prefix = FilePrefix
				}
				if len(names) == 0 {
					if closest("", suite) == name {
						out = append(out, analysis.Diagnostic{Pos: c.Pos(), End: c.End(),
							Message: "this " + prefix + " directive names no analyzer: write " + prefix + " NAME reason, with NAME one of " + strings.Join(suite, ", ")})
					}
					continue
				}
				for _, n := range names {
					if slices.Contains(suite, n) || closest(n, suite) != name {
						continue
					}
					out = append(out, analysis.Diagnostic{Pos: c.Pos(), End: c.End(),
						Message: "this " + prefix + " directive names " + strconv.Quote(n) + ", which is no maplint analyzer: did you mean " + name + "? (the analyzers are " + strings.Join(suite, ", ") + ")"})
				}
			}
		}
	}
	return out
}

// closest returns the name in names nearest to s by edit distance, the
// first such in order.
func closest(s string, names []string) string {
	best, bestD := "", -1
	for _, n := range names {
		if d := editDistance(s, n); bestD < 0 || d < bestD {
			best, bestD = n, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
