package mapcost

import (
	"flag"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"testing"

	"github.com/maplint/maplint/sizer"
)

func TestBytes(t *testing.T) {
	for _, tc := range []struct {
		in   float64
		want string
	}{
		{0, "0 B"},
		{302.4, "302 B"},
		{181.5, "182 B"},
		{999.4, "999 B"},
		{999.6, "1.0 kB"},
		{12_345, "12.3 kB"},
		{1_234_567, "1.2 MB"},
		{999_960, "1.0 MB"},
		{3.4e9, "3.4 GB"},
	} {
		if got := Bytes(tc.in); got != tc.want {
			t.Errorf("Bytes(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

const sizeSrc = `package p

const n = 500

var (
	a = make(map[int]int, 64)
	b = make(map[int]int, n*2)
	c = make(map[int]int)
	d = make(map[int]int, len(x))
	e = make(map[int]int, 0)
	f = make(map[int]int, -0)
	g = make([]int, 3)
	x []int
)

func shadow() {
	make := func(m map[int]int, n int) map[int]int { return m }
	_ = make(nil, 5)
}
`

func TestSizeOf(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", sizeSrc, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Uses: map[*ast.Ident]types.Object{}}
	if _, err := (&types.Config{Importer: importer.Default()}).Check("p", fset, []*ast.File{f}, info); err != nil {
		t.Fatal(err)
	}
	got := map[string]Size{}
	var shadowed *ast.CallExpr
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ValueSpec:
			if len(n.Values) == 0 {
				break
			}
			if call, ok := n.Values[0].(*ast.CallExpr); ok {
				got[n.Names[0].Name] = SizeOf(info, call)
			}
		case *ast.CallExpr:
			if id, ok := n.Fun.(*ast.Ident); ok && id.Name == "make" && len(n.Args) == 2 {
				if _, ok := n.Args[0].(*ast.Ident); ok {
					shadowed = n
				}
			}
		}
		return true
	})
	want := map[string]Size{
		"a": {64, true},
		"b": {1000, true},
		"c": {RepresentativeEntries, false},
		"d": {RepresentativeEntries, false},
		"e": {RepresentativeEntries, false},
		"f": {RepresentativeEntries, false},
		"g": {3, true}, // SizeOf trusts its caller to pass a map's make
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("SizeOf(%s) = %+v, want %+v", name, got[name], w)
		}
	}
	if shadowed == nil {
		t.Fatal("no call to the shadowing make found")
	}
	if s := SizeOf(info, shadowed); s.Hinted {
		t.Errorf("SizeOf(shadowed make) = %+v, want no hint", s)
	}
	if s := SizeOf(info, nil); s != (Size{RepresentativeEntries, false}) {
		t.Errorf("SizeOf(nil) = %+v", s)
	}
}

func TestSizeString(t *testing.T) {
	for _, tc := range []struct {
		in   Size
		want string
	}{
		{Size{10_000, false}, "10,000 entries, a representative size"},
		{Size{500, true}, "500 entries, the make hint"},
		{Size{1, true}, "1 entry, the make hint"},
	} {
		if got := tc.in.String(); got != tc.want {
			t.Errorf("%+v.String() = %q, want %q", tc.in, got, tc.want)
		}
	}
}

const sizedSrc = `package p

type big struct{ a [20]int64 }
type pair[T any] struct{ x, y T }
type bad struct{ b bad }

func f[T any]() {
	var (
		v1 T
		v2 pair[T]
		v3 [4]T
		v4 *T
		v5 []T
		v6 map[int]T
		v7 pair[int]
		v8 big
		v9 struct{ b big; t T }
		v10 func(T) T
		v11 interface{ M(T) }
	)
	_, _, _, _, _, _, _, _, _, _, _ = v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11
}

var (
	w1 bad
	w2 undefined
	w3 [1 << 62]int64
)
`

func TestSized(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", sizedSrc, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Defs: map[*ast.Ident]types.Object{}}
	conf := &types.Config{Importer: importer.Default(), Error: func(error) {}}
	conf.Check("p", fset, []*ast.File{f}, info) // type errors expected
	sizes := types.SizesFor("gc", "amd64")
	want := map[string]bool{
		"v1": false, "v2": false, "v3": false, "v4": true, "v5": true, "v6": true,
		"v7": true, "v8": true, "v9": false, "v10": true, "v11": true,
		"w1": false, "w2": false, "w3": false,
	}
	seen := 0
	for id, obj := range info.Defs {
		w, ok := want[id.Name]
		if !ok || obj == nil {
			continue
		}
		seen++
		if got := Sized(obj.Type(), sizes); got != w {
			t.Errorf("Sized(%s %s) = %v, want %v", id.Name, obj.Type(), got, w)
		}
	}
	if seen != len(want) {
		t.Errorf("checked %d variables, want %d", seen, len(want))
	}
}

func TestLayoutFlag(t *testing.T) {
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	layout := LayoutFlag{Layout: sizer.Swiss}
	fs.Var(&layout, "layout", LayoutFlagUsage)
	if err := fs.Parse([]string{"-layout", "classic"}); err != nil {
		t.Fatal(err)
	}
	if layout.Layout != sizer.Classic || layout.String() != "classic" {
		t.Errorf("after -layout classic: %v", layout.Layout)
	}
	if err := fs.Parse([]string{"-layout=hashed"}); err == nil {
		t.Error("-layout=hashed accepted")
	}
	if err := fs.Parse([]string{"-layout=swiss"}); err != nil || layout.Layout != sizer.Swiss {
		t.Errorf("-layout=swiss: %v, %v", err, layout.Layout)
	}
}
