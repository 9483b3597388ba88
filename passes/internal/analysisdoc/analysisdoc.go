// Package analysisdoc derives an analyzer's Doc string from the package
// comment of its doc.go, so that `go doc`, pkg.go.dev and `maplint help`
// all show one text. It mirrors x/tools' internal analyzerutil.ExtractDoc,
// which analyzers outside x/tools cannot import.
package analysisdoc

import (
	"fmt"
	"go/parser"
	"go/token"
	"strings"
)

// MustExtract returns the section of doc.go's package comment headed
// "# Analyzer NAME", from the "NAME: summary" line on, without "NAME: ".
// It panics when there is none: that is a programming error, caught by
// every test that loads the analyzer.
//
//	//go:embed doc.go
//	var doc string
//
//	var Analyzer = &analysis.Analyzer{Doc: analysisdoc.MustExtract(doc, "bigvalue"), ...}
func MustExtract(content, name string) string {
	doc, err := Extract(content, name)
	if err != nil {
		panic(err)
	}
	return doc
}

// Extract is MustExtract returning an error instead of panicking.
func Extract(content, name string) (string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", content, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		return "", fmt.Errorf("doc.go of %s: %v", name, err)
	}
	if f.Doc == nil {
		return "", fmt.Errorf("doc.go of %s has no package comment", name)
	}
	for section := range strings.SplitSeq(f.Doc.Text(), "\n# ") {
		body, ok := strings.CutPrefix(section, "Analyzer "+name)
		if !ok || (body != "" && body[0] != '\n') {
			continue
		}
		body = strings.TrimSpace(body)
		if rest, ok := strings.CutPrefix(body, name+":"); ok {
			return strings.TrimSpace(rest), nil
		}
		return "", fmt.Errorf("doc.go of %s: section must start with %q", name, name+": summary")
	}
	return "", fmt.Errorf("doc.go of %s has no %q section", name, "# Analyzer "+name)
}
