package lintcmd

import (
	"fmt"
	"io"
	"os"
	"sync"
)

// A progress line shows a long run's advance on a terminal: which phase
// it is in and, while analyzing, how many of the packages are done. It
// prints nothing when stderr is not a terminal (CI logs, pre-commit's
// captured output, editors), where a line rewritten in place is noise.
type progress struct {
	mu    sync.Mutex
	w     io.Writer // nil when stderr is not a terminal
	shown bool
}

func newProgress(stderr io.Writer) *progress {
	p := new(progress)
	if f, ok := stderr.(*os.File); ok && isTerminal(f) && os.Getenv("TERM") != "dumb" {
		p.w = f
	}
	return p
}

// isTerminal reports whether f is a character device, as a terminal is.
func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// phase shows msg in place of the previous line.
func (p *progress) phase(msg string) {
	if p == nil || p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.w, "\r\033[Kmaplint: %s", msg)
	p.shown = true
}

// clear erases the progress line before the output is written.
func (p *progress) clear() {
	if p == nil || p.w == nil {
		return
	}
	p.mu.Lock() // the cache warns from the goroutines analyzing packages
	defer p.mu.Unlock()
	if !p.shown {
		return
	}
	fmt.Fprint(p.w, "\r\033[K")
	p.shown = false
}
