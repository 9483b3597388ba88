// Package docexample is the example of doc.go; TestDocExample checks
// that doc.go quotes the analyzer's message on it word for word.
package docexample

import (
	"net/netip"
	"time"
)

type session struct {
	user    string
	addr    netip.AddrPort
	started time.Time
	stats   [16]int64
}

var sessions = make(map[string]session) // want `^map\[string\]session: session is \d+ B, stored out of line`

func active() (n int) {
	for _, s := range sessions { // want `^each iteration copies a \d+ B session into s`
		if !s.started.IsZero() {
			n++
		}
	}
	return n
}
