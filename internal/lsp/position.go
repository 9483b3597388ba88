package lsp

import (
	"bytes"
	"net/url"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maplint's JSON output gives positions as "file:line:col", the column
// counting bytes from 1, and fix edits as byte offsets; the protocol
// counts lines from 0 and characters in UTF-16 code units. A mapper
// converts one file's positions, from the content that was analyzed.
type mapper struct {
	content    []byte
	lineStarts []int // byte offset of each line's first byte
}

func newMapper(content []byte) *mapper {
	m := &mapper{content: content, lineStarts: []int{0}}
	for i, b := range content {
		if b == '\n' {
			m.lineStarts = append(m.lineStarts, i+1)
		}
	}
	return m
}

// offset is the byte offset of a 1-based line and byte column, clamped
// to the file.
func (m *mapper) offset(line, col int) int {
	if line < 1 {
		return 0
	}
	if line > len(m.lineStarts) {
		return len(m.content)
	}
	off := m.lineStarts[line-1] + max(col, 1) - 1
	return min(off, len(m.content))
}

// position converts a byte offset to a protocol position.
func (m *mapper) position(off int) Position {
	off = max(0, min(off, len(m.content)))
	// The last line starting at or before off.
	lo, hi := 0, len(m.lineStarts)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if m.lineStarts[mid] <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	return Position{Line: lo, Character: utf16Len(m.content[m.lineStarts[lo]:off])}
}

// utf16Len counts the UTF-16 code units of b: two for a rune outside the
// Basic Multilingual Plane, one for any other rune or invalid byte.
func utf16Len(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
		b = b[size:]
	}
	return n
}

// posn is a parsed "file:line:col".
type posn struct {
	file      string
	line, col int
}

// parsePosn parses maplint's "file:line:col" (or "file:line"), taking the
// numbers from the right so that a file name with a colon survives.
func parsePosn(s string) (posn, bool) {
	rest, last, ok := cutLastNumber(s)
	if !ok {
		return posn{}, false
	}
	if file, line, ok := cutLastNumber(rest); ok {
		return posn{file, line, last}, file != ""
	}
	return posn{rest, last, 1}, rest != ""
}

func cutLastNumber(s string) (string, int, bool) {
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return s, 0, false
	}
	n, err := strconv.Atoi(s[i+1:])
	if err != nil || n < 0 {
		return s, 0, false
	}
	return s[:i], n, true
}

// rangeOf converts a diagnostic's start and optional end positions, both
// in the mapper's file. A missing or earlier end makes an empty range at
// the start.
func (m *mapper) rangeOf(start posn, end *posn) Range {
	s := m.offset(start.line, start.col)
	e := s
	if end != nil {
		e = max(s, m.offset(end.line, end.col))
	}
	return Range{m.position(s), m.position(e)}
}

// A file URI and a file name, both ways. Editors spell URIs differently
// (which characters they escape, the drive letter's case), so the server
// keys its state by file name and answers with the URI the editor used
// for a file when it has one.
func uriToPath(uri string) (string, bool) {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return "", false
	}
	p := u.Path
	if runtime.GOOS == "windows" {
		p = strings.TrimPrefix(p, "/") // /C:/x -> C:/x
	}
	if p == "" {
		return "", false
	}
	return filepath.Clean(filepath.FromSlash(p)), true
}

func pathToURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x -> /C:/x
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// sameContent reports whether an editor's text is the analyzed content.
func sameContent(text string, content []byte) bool {
	return bytes.Equal([]byte(text), content)
}
