package lintcmd

import (
	"cmp"
	"go/ast"
	"go/token"
	"path/filepath"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/ast/astutil"

	"github.com/maplint/maplint/passes/suite"
)

// A finding is one diagnostic of one analyzer, once: a file analyzed both
// in its package and in the package's test variant yields one finding.
type finding struct {
	analyzer *analysis.Analyzer
	severity suite.Severity
	fset     *token.FileSet
	pkg      *checker.Action // the action that reported it, for fixes
	diag     analysis.Diagnostic
	posn     token.Position // start, as the compiler would print it (//line directives honoured)
	end      token.Position
	fixed    bool // -fix applied its suggested fix
}

// collect returns the root actions' diagnostics, deduplicated and sorted
// by file, position, analyzer and message.
func collect(graph *checker.Graph) []*finding {
	type key struct {
		analyzer   *analysis.Analyzer
		start, end token.Position
		message    string
	}
	seen := make(map[key]bool)
	var findings []*finding
	for act := range graph.All() {
		if !act.IsRoot || act.Err != nil {
			continue
		}
		fset := act.Package.Fset
		for _, d := range act.Diagnostics {
			if !d.End.IsValid() || d.End == d.Pos {
				d.End = extentEnd(act.Package.Syntax, d.Pos)
			}
			d.Related = slices.Clone(d.Related)
			for i, r := range d.Related {
				if !r.End.IsValid() || r.End == r.Pos {
					d.Related[i].End = extentEnd(act.Package.Syntax, r.Pos)
				}
			}
			posn, end := fset.Position(d.Pos), token.Position{}
			if d.End.IsValid() {
				end = fset.Position(d.End)
			}
			k := key{act.Analyzer, posn, end, d.Message}
			if seen[k] {
				continue
			}
			seen[k] = true
			findings = append(findings, &finding{
				analyzer: act.Analyzer,
				severity: suite.SeverityOf(act.Analyzer.Name),
				fset:     fset,
				pkg:      act,
				diag:     d,
				posn:     posn,
				end:      end,
			})
		}
	}
	slices.SortFunc(findings, func(a, b *finding) int {
		return cmp.Or(
			cmp.Compare(a.posn.Filename, b.posn.Filename),
			cmp.Compare(a.posn.Line, b.posn.Line),
			cmp.Compare(a.posn.Column, b.posn.Column),
			cmp.Compare(a.analyzer.Name, b.analyzer.Name),
			cmp.Compare(a.diag.Message, b.diag.Message),
		)
	})
	return findings
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
