package typeparams_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"github.com/maplint/maplint/passes/internal/typeparams"
)

func TestCoreType(t *testing.T) {
	const src = `package p

type M map[string]int

func f[
	A ~map[string]int,
	B interface{ M | map[string]int },
	C interface{ ~map[string]int | ~map[int]int },
	D any,
](a A, b B, c C, d D, m M) {}
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Defs: make(map[*ast.Ident]types.Object)}
	if _, err := (&types.Config{Importer: importer.Default()}).Check("p", fset, []*ast.File{f}, info); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"a": "map[string]int", "b": "map[string]int", "c": "<nil>", "d": "<nil>", "m": "map[string]int"}
	for id, obj := range info.Defs {
		w, ok := want[id.Name]
		if !ok || obj == nil {
			continue
		}
		got := "<nil>"
		if ct := typeparams.CoreType(obj.Type()); ct != nil {
			got = ct.String()
		}
		if got != w {
			t.Errorf("CoreType(%s %s) = %s, want %s", id.Name, obj.Type(), got, w)
		}
	}
}
