package lintcmd

import (
	"cmp"
	"go/ast"
	"go/token"
	"path/filepath"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/packages"

	"github.com/maplint/maplint/passes/suite"
)

// A finding is one diagnostic of one analyzer, once: a file analyzed both
// in its package and in the package's test variant yields one finding.
type finding struct {
	analyzer *analysis.Analyzer
	severity suite.Severity
	fset     *token.FileSet
	pkgID    string // the package that reported it
	// ownFiles are the reporting package's source files as on disk: a
	// fix may edit those, and no file the go command generated (cgo's
	// output).
	ownFiles []string
	diag     analysis.Diagnostic
	posn     token.Position // start, as the compiler would print it (//line directives honoured)
	end      token.Position
	fixed    bool // -fix applied its suggested fix
}

// newFinding makes a finding of d, reported by analyzer a on package pkg
// whose positions are in fset.
func newFinding(a *analysis.Analyzer, fset *token.FileSet, pkg *packages.Package, d analysis.Diagnostic) *finding {
	posn, end := fset.Position(d.Pos), token.Position{}
	if d.End.IsValid() {
		end = fset.Position(d.End)
	}
	return &finding{
		analyzer: a,
		severity: suite.SeverityOf(a.Name),
		fset:     fset,
		pkgID:    pkg.ID,
		ownFiles: slices.Concat(pkg.GoFiles, pkg.OtherFiles),
		diag:     d,
		posn:     posn,
		end:      end,
	}
}

// findingsOf returns the diagnostics analyzer a reported on pkg as
// findings, each diagnostic and related location reported at a point
// given the extent of what starts there.
func findingsOf(a *analysis.Analyzer, pkg *packages.Package, diags []analysis.Diagnostic) []*finding {
	var findings []*finding
	for _, d := range diags {
		if !d.End.IsValid() || d.End == d.Pos {
			d.End = extentEnd(pkg.Syntax, d.Pos)
		}
		d.Related = slices.Clone(d.Related)
		for i, r := range d.Related {
			if !r.End.IsValid() || r.End == r.Pos {
				d.Related[i].End = extentEnd(pkg.Syntax, r.Pos)
			}
		}
		findings = append(findings, newFinding(a, pkg.Fset, pkg, d))
	}
	return findings
}

// dedupeAndSort drops the findings that repeat an earlier one (the same
// analyzer, extent and message: a file analyzed in a package and in its
// test variant) and sorts the rest by file, position, analyzer and
// message.
func dedupeAndSort(findings []*finding) []*finding {
	type key struct {
		analyzer   string
		start, end token.Position
		message    string
	}
	// Keep the first in package ID order, as the JSON output promises.
	slices.SortStableFunc(findings, func(a, b *finding) int { return cmp.Compare(a.pkgID, b.pkgID) })
	seen := make(map[key]bool)
	var out []*finding
	for _, f := range findings {
		k := key{f.analyzer.Name, f.posn, f.end, f.diag.Message}
		if !seen[k] {
			seen[k] = true
			out = append(out, f)
		}
	}
	slices.SortStableFunc(out, func(a, b *finding) int {
		return cmp.Or(
			cmp.Compare(a.posn.Filename, b.posn.Filename),
			cmp.Compare(a.posn.Line, b.posn.Line),
			cmp.Compare(a.posn.Column, b.posn.Column),
			cmp.Compare(a.analyzer.Name, b.analyzer.Name),
			cmp.Compare(a.diag.Message, b.diag.Message),
		)
	})
	return out
}

// extentEnd returns the end of the outermost expression that starts at
// pos (hits[p] for a report at hits in hits[p]++), or of the keyword of
// a statement that starts there (go, for), so that a diagnostic or a
// related location reported at a point gets a region that code-scanning
// views can highlight; or pos itself when neither starts there.
func extentEnd(files []*ast.File, pos token.Pos) token.Pos {
	for _, f := range files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			path, _ := astutil.PathEnclosingInterval(f, pos, pos)
			end := pos
			for _, n := range path {
				if n.Pos() != pos {
					break
				}
				if _, ok := n.(ast.Expr); ok {
					end = n.End()
				}
			}
			if end == pos && len(path) > 0 && path[0].Pos() == pos {
				if kw := statementKeyword(path[0]); kw != token.ILLEGAL {
					end = pos + token.Pos(len(kw.String()))
				}
			}
			return end
		}
	}
	return pos
}

// statementKeyword is the keyword a statement starts with, or ILLEGAL.
func statementKeyword(n ast.Node) token.Token {
	switch n.(type) {
	case *ast.GoStmt:
		return token.GO
	case *ast.DeferStmt:
		return token.DEFER
	case *ast.ForStmt, *ast.RangeStmt:
		return token.FOR
	case *ast.IfStmt:
		return token.IF
	case *ast.SwitchStmt, *ast.TypeSwitchStmt:
		return token.SWITCH
	case *ast.SelectStmt:
		return token.SELECT
	case *ast.ReturnStmt:
		return token.RETURN
	}
	return token.ILLEGAL
}

// relPath returns filename relative to dir when it lies below dir, and
// unchanged otherwise.
func relPath(dir, filename string) string {
	if filename == "" || !filepath.IsAbs(filename) {
		return filename
	}
	if rel, err := filepath.Rel(dir, filename); err == nil && filepath.IsLocal(rel) {
		return rel
	}
	return filename
}

// posnString prints p as file:line:col, the file relative to cwd.
func (f *finding) posnString(cwd string, p token.Position) string {
	p.Filename = relPath(cwd, p.Filename)
	return p.String()
}
