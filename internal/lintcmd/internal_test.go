package lintcmd

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/packages"
)

func TestUnifiedDiff(t *testing.T) {
	before := "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\n"
	after := "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn\n"
	want := `--- f.go
+++ f.go
@@ -1,5 +1,5 @@
 a
-b
+B
 c
 d
 e
@@ -11,3 +11,4 @@
 k
 l
 m
+n
`
	if got := unifiedDiff("f.go", []byte(before), []byte(after)); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got := unifiedDiff("f.go", []byte(before), []byte(before)); got != "" {
		t.Errorf("equal files: %q", got)
	}
	if got := unifiedDiff("f.go", nil, []byte("x\n")); got != "--- f.go\n+++ f.go\n@@ -0,0 +1 @@\n+x\n" {
		t.Errorf("from empty: %q", got)
	}
}

func TestParseDiff(t *testing.T) {
	diff := `diff --git a/p/a.go b/p/a.go
index 1..2 100644
--- a/p/a.go
+++ b/p/a.go
@@ -3 +3 @@ func f() {
-	old()
+	new()
@@ -10,0 +11,2 @@
+	added()
+	added()
@@ -20,2 +21,0 @@
-	deleted()
-	deleted()
diff --git a/gone.go b/gone.go
--- a/gone.go
+++ /dev/null
@@ -1,3 +0,0 @@
-package gone
`
	got, err := parseDiff(strings.NewReader(diff), "/top")
	if err != nil {
		t.Fatal(err)
	}
	if want := []lineRange{{3, 3}, {11, 12}}; !slices.Equal(got["/top/p/a.go"], want) || len(got) != 1 {
		t.Errorf("parseDiff = %v, want only /top/p/a.go: %v", got, want)
	}
	c := &changes{lines: got, canon: map[string]string{}}
	for line, want := range map[int]bool{2: false, 3: true, 4: false, 11: true, 12: true, 13: false, 21: false} {
		if c.changed("/top/p/a.go", line) != want {
			t.Errorf("line %d changed = %v, want %v", line, !want, want)
		}
	}
}

func TestPlanFixesSkipsOverlaps(t *testing.T) {
	a, b, c := edit{0, 5, "x"}, edit{3, 8, "y"}, edit{8, 8, "z"}
	if !overlaps(a, b) || overlaps(a, c) || overlaps(b, c) || !overlaps(c, c) || !overlaps(edit{4, 4, ""}, a) {
		t.Error("overlaps")
	}
	got, err := apply([]byte("package p\n\nvar x = 1\n"), []edit{{19, 20, "2"}, {0, 0, "// doc\n"}})
	if err != nil || string(got) != "// doc\npackage p\n\nvar x = 2\n" {
		t.Errorf("apply = %q, %v", got, err)
	}
}

func TestExtentEnd(t *testing.T) {
	src := "package p\n\nvar hits = map[int]int{}\n\nfunc f(n int) {\n\tgo func() { hits[n]++ }()\n}\n"
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	tf := fset.File(f.FileStart)
	at := func(s string) token.Pos { return tf.Pos(strings.Index(src, s)) }
	for _, tc := range []struct{ at, want string }{
		{"hits[n]++", "hits[n]"}, // the outermost expression starting there
		{"go func", "go"},        // a statement's keyword
		{"{ hits", ""},           // a block: nothing to extend to
	} {
		pos := at(tc.at)
		end := extentEnd([]*ast.File{f}, pos)
		if got := src[tf.Offset(pos):tf.Offset(end)]; got != tc.want {
			t.Errorf("extent at %q = %q, want %q", tc.at, got, tc.want)
		}
	}
}

// TestInParallelOrder checks that every package is analyzed once, after
// the packages of the set it imports, also when they are only stand-ins
// with the same ID (packages loaded without their dependencies).
func TestInParallelOrder(t *testing.T) {
	var pkgs []*packages.Package
	for i := range 50 {
		p := &packages.Package{ID: fmt.Sprint(i), Imports: make(map[string]*packages.Package)}
		for j := range i {
			if (i*7+j)%5 == 0 {
				p.Imports[fmt.Sprint(j)] = &packages.Package{ID: fmt.Sprint(j)} // a stand-in
			}
		}
		pkgs = append(pkgs, p)
	}
	var mu sync.Mutex
	done := make(map[string]bool)
	inParallel(pkgs, func(p *packages.Package) {
		mu.Lock()
		defer mu.Unlock()
		if done[p.ID] {
			t.Errorf("%s analyzed twice", p.ID)
		}
		for id := range p.Imports {
			if !done[id] {
				t.Errorf("%s analyzed before its import %s", p.ID, id)
			}
		}
		done[p.ID] = true
	})
	if len(done) != len(pkgs) {
		t.Errorf("%d of %d packages analyzed", len(done), len(pkgs))
	}
}
