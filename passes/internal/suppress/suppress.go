// Package suppress implements maplint's suppression comments:
//
//	//maplint:ignore NAME[,NAME...] reason
//
// placed on the line of a diagnostic or on the line above it drops that
// diagnostic of each named analyzer. The reason is required: a suppression
// is a claim that the code is safe, and the next reader needs to know why.
//
// The directive is checked by the analyzers it names, as part of their own
// run, so it works in every driver that runs them: the maplint command,
// `go vet -vettool`, `go fix -fixtool`, and golangci-lint (where
// `//nolint:maplint` also works, as for any linter). A directive that has
// no reason, or that suppresses nothing, is reported as a diagnostic of the
// analyzer it names, so stale suppressions do not pile up.
package suppress

import (
	"go/ast"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Prefix starts a suppression comment.
const Prefix = "//maplint:ignore"

// Wrap returns a copy of a whose run honours //maplint:ignore directives
// naming a. Flags, facts, requirements and results are shared with a.
func Wrap(a *analysis.Analyzer) *analysis.Analyzer {
	wrapped := *a
	run := a.Run
	name := a.Name
	wrapped.Run = func(pass *analysis.Pass) (any, error) {
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
					Message: "this //maplint:ignore directive needs a reason after the analyzer names, saying why the code is safe",
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
	pos, end token.Pos
	file     *token.File
	line     int // the comment's line; it covers this line and the next
	reason   string
	used     bool
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
		if d.file == file && (line == d.line || line == d.line+1) {
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
				names, reason, ok := Parse(c.Text)
				if !ok || !slices.Contains(names, name) {
					continue
				}
				ds = append(ds, &directive{
					pos:    c.Pos(),
					end:    c.End(),
					file:   file,
					line:   file.Line(c.Pos()),
					reason: reason,
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
	rest, ok := strings.CutPrefix(comment, Prefix)
	if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '\t') {
		return nil, "", false
	}
	fields := strings.Fields(rest)
	if len(fields) == 0 {
		return nil, "", true
	}
	for n := range strings.SplitSeq(fields[0], ",") {
		if n = strings.TrimSpace(n); n != "" {
			names = append(names, n)
		}
	}
	return names, strings.Join(fields[1:], " "), true
}
