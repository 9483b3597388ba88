package analysisdoc

import (
	"strings"
	"testing"
)

const src = `// Package x does things.
//
// # Analyzer one
//
// one: finds the first thing
//
// More about one.
//
// # Analyzer onetwo
//
// onetwo: a name sharing a prefix
package x
`

func TestExtract(t *testing.T) {
	got, err := Extract(src, "one")
	if err != nil {
		t.Fatal(err)
	}
	if want := "finds the first thing\n\nMore about one."; got != want {
		t.Errorf("Extract(one) = %q, want %q", got, want)
	}
	got, err = Extract(src, "onetwo")
	if err != nil || got != "a name sharing a prefix" {
		t.Errorf("Extract(onetwo) = %q, %v", got, err)
	}
	if _, err := Extract(src, "three"); err == nil || !strings.Contains(err.Error(), "# Analyzer three") {
		t.Errorf("Extract(three) error = %v, want one naming the missing section", err)
	}
	if _, err := Extract("package x\n", "one"); err == nil {
		t.Error("Extract on a file without package comment: want error")
	}
}
