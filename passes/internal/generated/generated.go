// Package generated keeps maplint's diagnostics out of generated files.
//
// Generated code is still analyzed, so that the facts it exports (for
// example which maps a generated helper writes) reach the packages that
// import it; only its diagnostics are dropped. Nobody can act on a report
// in a file that the next `go generate` overwrites.
package generated

import (
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"
)

// Unreported wraps an analyzer's run function so that diagnostics whose
// position lies in a file marked `// Code generated ... DO NOT EDIT.` (as
// ast.IsGenerated recognises it) are never reported.
func Unreported(run func(*analysis.Pass) (any, error)) func(*analysis.Pass) (any, error) {
	return func(pass *analysis.Pass) (any, error) {
		files := generatedFiles(pass)
		if len(files) > 0 {
			report := pass.Report
			pass.Report = func(d analysis.Diagnostic) {
				if !files[pass.Fset.File(d.Pos)] {
					report(d)
				}
			}
		}
		return run(pass)
	}
}

func generatedFiles(pass *analysis.Pass) map[*token.File]bool {
	var files map[*token.File]bool
	for _, f := range pass.Files {
		if ast.IsGenerated(f) {
			if files == nil {
				files = make(map[*token.File]bool)
			}
			files[pass.Fset.File(f.FileStart)] = true
		}
	}
	return files
}
