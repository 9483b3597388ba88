package sizecmd

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"math/bits"
	"os"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/maplint/maplint/sizer"
)

// mapType is the resolved map type and the target it is laid out for.
type mapType struct {
	expr  string // as the user wrote it
	typ   *types.Map
	sizes types.Sizes
	arch  string
	qual  types.Qualifier
}

// resolveMapType parses src, a type expression, and type-checks it in a
// scope holding the universe, the package-level names of pkgPath (when
// given) and its imports, and any standard-library packages src names.
func resolveMapType(src, pkgPath, arch string) (*mapType, error) {
	sizes := types.SizesFor("gc", arch)
	if sizes == nil {
		return nil, fmt.Errorf("-arch: unknown GOARCH %q", arch)
	}
	expr, err := parser.ParseExpr(src)
	if err != nil {
		return nil, fmt.Errorf("cannot parse type %q: %v", src, err)
	}

	scopePkg := types.NewPackage("maplint/size", "size")
	scope := scopePkg.Scope()
	var target *types.Package
	if pkgPath != "" {
		target, err = loadPackage(pkgPath, arch)
		if err != nil {
			return nil, err
		}
		for _, name := range target.Scope().Names() {
			scope.Insert(target.Scope().Lookup(name))
		}
		// The package's own name qualifies its types too: p.T as well as T.
		if scope.Lookup(target.Name()) == nil {
			scope.Insert(types.NewPkgName(token.NoPos, scopePkg, target.Name(), target))
		}
		for _, imp := range target.Imports() {
			if scope.Lookup(imp.Name()) == nil {
				scope.Insert(types.NewPkgName(token.NoPos, scopePkg, imp.Name(), imp))
			}
		}
	}
	if missing := unresolvedQualifiers(expr, scope); len(missing) > 0 {
		std, err := loadStd(missing, arch)
		if err != nil {
			return nil, err
		}
		for _, p := range std {
			scope.Insert(types.NewPkgName(token.NoPos, scopePkg, p.Name(), p))
		}
	}

	fset := token.NewFileSet()
	info := &types.Info{Types: make(map[ast.Expr]types.TypeAndValue)}
	if err := types.CheckExpr(fset, scopePkg, token.NoPos, expr, info); err != nil {
		return nil, fmt.Errorf("type %q: %v", src, stripPosition(err))
	}
	tv := info.Types[expr]
	if !tv.IsType() {
		return nil, fmt.Errorf("%q is not a type", src)
	}
	m, ok := tv.Type.Underlying().(*types.Map)
	if !ok {
		return nil, fmt.Errorf("%q is %s, not a map type (want map[K]V)", src, tv.Type.Underlying())
	}
	qual := func(p *types.Package) string {
		if p == target {
			return ""
		}
		return p.Name()
	}
	limit := maxTypeSize(sizes)
	for _, part := range []struct {
		what string
		t    types.Type
	}{{"key", m.Key()}, {"value", m.Elem()}} {
		if size := sizes.Sizeof(part.t); size < 0 || size >= limit {
			return nil, fmt.Errorf("type %q: the %s type %s is larger than the address space of %s, and the compiler rejects it", src, part.what, part.t, arch)
		}
	}
	return &mapType{expr: src, typ: m, sizes: sizes, arch: arch, qual: qual}, nil
}

// maxTypeSize is the compiler's limit on the size of a type for the
// architecture: 1<<50 bytes on 64-bit targets, 1<<32-1 on 32-bit ones
// (cmd/compile's Arch.MAXWIDTH). Types this large or larger are "larger
// than address space".
func maxTypeSize(sizes types.Sizes) int64 {
	if sizes.Sizeof(types.Typ[types.Uintptr]) == 8 {
		return 1 << 50
	}
	return 1<<32 - 1
}

// checkCounts rejects entry counts whose keys and values alone exceed
// what the architecture can address, so that the sizer's figures, which
// fit in an int64 with room to spare below that bound, cannot overflow.
func checkCounts(mt *mapType, counts []int64) error {
	perEntry := uint64(mt.sizes.Sizeof(mt.typ.Key()) + mt.sizes.Sizeof(mt.typ.Elem()) + 1) // +1: a control byte, at least
	limit := uint64(maxTypeSize(mt.sizes))
	for _, n := range counts {
		hi, lo := bits.Mul64(uint64(n), perEntry)
		if hi != 0 || lo >= limit {
			return fmt.Errorf("-n %d: %s entries of %s would hold more than the address space of %s: too large", n, sizer.FormatCount(n), mt.expr, mt.arch)
		}
	}
	return nil
}

// stripPosition drops the meaningless "-: " position of an error in an
// expression checked outside any file.
func stripPosition(err error) string {
	var terr types.Error
	if errors.As(err, &terr) {
		return terr.Msg
	}
	return err.Error()
}

// unresolvedQualifiers returns the X of every X.Sel in expr whose X is not
// in scope: the packages the user expects us to find.
func unresolvedQualifiers(expr ast.Expr, scope *types.Scope) []string {
	seen := map[string]bool{}
	ast.Inspect(expr, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok {
				if _, obj := scope.LookupParent(id.Name, token.NoPos); obj == nil {
					seen[id.Name] = true
				}
			}
		}
		return true
	})
	names := make([]string, 0, len(seen))
	for name := range seen {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// loadMode is what resolving a name needs: the package's types, from
// export data.
const loadMode = packages.NeedName | packages.NeedTypes

// loadPackage loads the package named by -pkg, type-checked from source so
// that its unexported types can be named too.
func loadPackage(path, arch string) (*types.Package, error) {
	mode := loadMode | packages.NeedSyntax | packages.NeedTypesInfo
	cfg := &packages.Config{Mode: mode, Env: append(os.Environ(), "GOARCH="+arch)}
	pkgs, err := packages.Load(cfg, path)
	if err != nil {
		return nil, fmt.Errorf("-pkg %s: %v", path, err)
	}
	if len(pkgs) != 1 {
		return nil, fmt.Errorf("-pkg %s: matches %d packages, want one", path, len(pkgs))
	}
	p := pkgs[0]
	if len(p.Errors) > 0 {
		// A packages.Error prints as "Pos: Msg", and Pos is "-" for an
		// error with no position, such as a directory that does not exist.
		e := p.Errors[0]
		if e.Pos != "" && e.Pos != "-" {
			return nil, fmt.Errorf("-pkg %s: %s: %s", path, e.Pos, e.Msg)
		}
		return nil, fmt.Errorf("-pkg %s: %s", path, e.Msg)
	}
	if p.Types == nil || p.Types.Scope() == nil {
		return nil, fmt.Errorf("-pkg %s: no type information", path)
	}
	return p.Types, nil
}

// loadStd loads the standard-library packages with the given import paths
// (a qualifier such as time in time.Duration is its own import path).
func loadStd(paths []string, arch string) ([]*types.Package, error) {
	cfg := &packages.Config{Mode: loadMode, Env: append(os.Environ(), "GOARCH="+arch)}
	pkgs, err := packages.Load(cfg, paths...)
	if err != nil {
		return nil, fmt.Errorf("loading %s: %v", strings.Join(paths, ", "), err)
	}
	var out []*types.Package
	for _, p := range pkgs {
		if len(p.Errors) > 0 || p.Types == nil {
			return nil, fmt.Errorf("unknown package %q: name a standard-library package, or the package defining the type with -pkg", p.PkgPath)
		}
		out = append(out, p.Types)
	}
	return out, nil
}
