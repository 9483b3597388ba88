// Package getter_frozen is a table built once by its constructor and
// only read afterwards: its getter returns the map itself, and goroutines
// ranging over it read only.
package getter_frozen

import (
	"strings"
	"sync"
)

// Types maps file extensions to MIME types.
type Types struct {
	byExt map[string]string
}

// NewTypes builds the table from "ext type" lines.
func NewTypes(lines []string) *Types {
	t := &Types{byExt: make(map[string]string)}
	for _, l := range lines {
		if ext, typ, ok := strings.Cut(l, " "); ok {
			t.byExt[ext] = typ
		}
	}
	return t
}

// All returns the table; callers must not change it.
func (t *Types) All() map[string]string { return t.byExt }

// Lookup returns the type for ext.
func (t *Types) Lookup(ext string) string { return t.byExt[ext] }

func Run() {
	t := NewTypes([]string{".html text/html", ".css text/css", ".js text/javascript"})
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n := 0
			for ext := range t.All() {
				if t.Lookup(ext) != "" {
					n++
				}
			}
		}()
	}
	wg.Wait()
}
