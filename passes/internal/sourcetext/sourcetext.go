// Package sourcetext renders syntax as its source spells it, for
// messages: d+"/" where go/types would print d + "/".
package sourcetext

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// A Reader renders the expressions of one pass's files, reading each
// file once.
type Reader struct {
	pass  *analysis.Pass
	files map[string][]byte
}

// New returns a Reader for pass.
func New(pass *analysis.Pass) *Reader {
	return &Reader{pass: pass, files: make(map[string][]byte)}
}

// Expr returns e as written in its file, or as go/types prints it when the
// file cannot be read or e spans several lines.
func (r *Reader) Expr(e ast.Expr) string {
	if text, ok := r.text(e); ok {
		return text
	}
	return types.ExprString(e)
}

func (r *Reader) text(e ast.Expr) (string, bool) {
	tf := r.pass.Fset.File(e.Pos())
	if tf == nil || !e.End().IsValid() || tf != r.pass.Fset.File(e.End()) {
		return "", false
	}
	name := tf.Name()
	content, ok := r.files[name]
	if !ok {
		var err error
		if r.pass.ReadFile != nil {
			content, err = r.pass.ReadFile(name)
		}
		if err != nil {
			content = nil
		}
		r.files[name] = content
	}
	start, end := tf.Offset(e.Pos()), tf.Offset(e.End())
	if content == nil || start < 0 || end > len(content) || start >= end || tf.Size() != len(content) {
		return "", false
	}
	text := string(content[start:end])
	if strings.ContainsAny(text, "\n\r") {
		return "", false
	}
	return text, true
}
