// Package imports builds the edits by which a suggested fix refers to a
// standard-library package the file may not import yet. x/tools' own
// analyzers use its internal refactor.AddImport, which packages outside
// x/tools cannot import; this is the same idea for maplint's passes.
package imports

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Add returns, for each standard-library import path in paths, the name
// by which code inserted at pos can refer to that package, and the edits
// that import the packages the file does not import yet. A package the
// file imports under a name visible at pos is used under that name; a
// missing one is imported under its own name, or under "std"+name when
// that name means something else at pos. Imports at the same place share
// one edit, so drivers never see two insertions at one position.
//
// It returns ok == false when pos has no scope (the file was not
// type-checked with info).
func Add(info *types.Info, file *ast.File, pos token.Pos, paths ...string) (names []string, edits []analysis.TextEdit, ok bool) {
	fileScope := info.Scopes[file]
	if fileScope == nil {
		return nil, nil, false
	}
	scope := fileScope.Innermost(pos)
	if scope == nil {
		return nil, nil, false
	}
	taken := make(map[string]bool) // names chosen for earlier paths
	var declSpecs []string         // specs for a new import declaration
	for _, path := range paths {
		name, existing := importedName(info, file, scope, pos, path)
		if !existing {
			name = freeName(scope, pos, path, taken)
			spec := strconv.Quote(path)
			if name != lastElem(path) {
				spec = name + " " + spec
			}
			if e, ok := groupEdit(file, path, spec); ok {
				edits = appendMerged(edits, e)
			} else {
				declSpecs = append(declSpecs, spec)
			}
		}
		taken[name] = true
		names = append(names, name)
	}
	switch len(declSpecs) {
	case 0:
	case 1:
		edits = append(edits, declEdit(file, "import "+declSpecs[0]))
	default:
		edits = append(edits, declEdit(file, "import (\n\t"+strings.Join(declSpecs, "\n\t")+"\n)"))
	}
	return names, edits, true
}

// declEdit adds an import declaration after the package clause.
func declEdit(file *ast.File, decl string) analysis.TextEdit {
	end := file.Name.End()
	return analysis.TextEdit{Pos: end, End: end, NewText: []byte("\n\n" + decl)}
}

// importedName returns the name under which file imports path, when that
// name refers to the import at pos.
func importedName(info *types.Info, file *ast.File, scope *types.Scope, pos token.Pos, path string) (string, bool) {
	for _, spec := range file.Imports {
		pkgName := info.PkgNameOf(spec)
		if pkgName == nil || pkgName.Imported().Path() != path {
			continue
		}
		if _, obj := scope.LookupParent(pkgName.Name(), pos); obj == pkgName {
			return pkgName.Name(), true
		}
	}
	return "", false
}

// freeName returns path's own name, or std+name, std+name+"2", ..., the
// first that nothing at pos and no name in taken already means.
func freeName(scope *types.Scope, pos token.Pos, path string, taken map[string]bool) string {
	base := lastElem(path)
	name := base
	for i := 1; ; i++ {
		if _, obj := scope.LookupParent(name, pos); obj == nil && !taken[name] {
			return name
		}
		name = "std" + base
		if i > 1 {
			name += strconv.Itoa(i)
		}
	}
}

func lastElem(path string) string {
	return path[strings.LastIndex(path, "/")+1:]
}

// appendMerged appends e, or joins it to an earlier insertion at the same
// position (which comes first in the file, as the paths were given).
func appendMerged(edits []analysis.TextEdit, e analysis.TextEdit) []analysis.TextEdit {
	for i := range edits {
		if edits[i].Pos == e.Pos && edits[i].End == e.End {
			edits[i].NewText = joinInsertions(edits[i].NewText, e.NewText)
			return edits
		}
	}
	return append(edits, e)
}

// joinInsertions combines two insertions at one point. Each has the form
// that specEdit gives it: "spec\n\t" (before an import), "\n\tspec" (after
// one), "spec\n\n\t" (before a group of third-party imports), "\tspec\n"
// (into an empty group) or "\n\nimport spec" (a new declaration).
func joinInsertions(a, b []byte) []byte {
	as, bs := string(a), string(b)
	switch {
	case strings.HasPrefix(as, "\n\nimport "):
		return []byte(as + "\n" + strings.TrimPrefix(bs, "\n\n"))
	case strings.HasPrefix(as, "\n\t"):
		return []byte(as + bs)
	case strings.HasSuffix(as, "\n\n\t"):
		return []byte(strings.TrimSuffix(as, "\n\t") + "\t" + bs)
	case strings.HasPrefix(as, "\t"):
		return []byte(as + bs)
	default: // "spec\n\t"
		return []byte(as + bs)
	}
}

// groupEdit adds an import spec for the standard-library package path
// into the file's first import group, among the standard library's
// imports in sorted position. ok is false when the file has no group.
func groupEdit(file *ast.File, path, spec string) (edit analysis.TextEdit, ok bool) {
	for _, decl := range file.Decls {
		gd, isGen := decl.(*ast.GenDecl)
		if !isGen || gd.Tok != token.IMPORT {
			break
		}
		if !gd.Lparen.IsValid() {
			continue
		}
		var lastStd *ast.ImportSpec
		for _, s := range gd.Specs {
			is := s.(*ast.ImportSpec)
			other, _ := strconv.Unquote(is.Path.Value)
			if strings.Contains(strings.Split(other, "/")[0], ".") {
				continue
			}
			if other > path {
				return analysis.TextEdit{Pos: is.Pos(), End: is.Pos(), NewText: []byte(spec + "\n\t")}, true
			}
			lastStd = is
		}
		if lastStd != nil {
			return analysis.TextEdit{Pos: lastStd.End(), End: lastStd.End(), NewText: []byte("\n\t" + spec)}, true
		}
		if len(gd.Specs) > 0 {
			return analysis.TextEdit{Pos: gd.Specs[0].Pos(), End: gd.Specs[0].Pos(), NewText: []byte(spec + "\n\n\t")}, true
		}
		return analysis.TextEdit{Pos: gd.Rparen, End: gd.Rparen, NewText: []byte("\t" + spec + "\n")}, true
	}
	return analysis.TextEdit{}, false
}
