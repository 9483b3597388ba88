package lintcmd

import (
	"bytes"
	"cmp"
	"fmt"
	"go/format"
	"os"
	"slices"
)

// edit is a suggested fix's text edit as byte offsets in one file.
type edit struct {
	start, end int
	text       string
}

// fileEdits are the edits accepted for one file.
type fileEdits struct {
	size  int // the file's size when parsed; a file that changed since is left alone
	edits []edit
}

// planFixes chooses, in the findings' order, the suggested fix of each
// finding (maplint's analyzers offer at most one) whose edits neither
// overlap an edit already chosen nor touch a file analyzed in a form other
// than the one on disk; identical edits, such as two fixes adding the
// same import, are applied once. It marks the findings whose fix was
// chosen and returns the edits by file name.
func planFixes(findings []*finding) map[string]*fileEdits {
	files := make(map[string]*fileEdits)
	for _, f := range findings {
		if len(f.diag.SuggestedFixes) == 0 {
			continue
		}
		fix := f.diag.SuggestedFixes[0]
		type fileEdit struct {
			file string
			edit
			size int
		}
		var planned []fileEdit
		ok := len(fix.TextEdits) > 0
		for _, e := range fix.TextEdits {
			tf := f.fset.File(e.Pos)
			if tf == nil || !onDisk(f, tf.Name()) {
				ok = false
				break
			}
			end := e.End
			if !end.IsValid() {
				end = e.Pos
			}
			if int(end) < tf.Base() || int(end) > tf.Base()+tf.Size() {
				ok = false
				break
			}
			planned = append(planned, fileEdit{tf.Name(), edit{tf.Offset(e.Pos), tf.Offset(end), string(e.NewText)}, tf.Size()})
		}
		// Check the fix as a whole against what is already chosen, and
		// its own edits against each other.
		chosen := make(map[string][]edit)
		for _, p := range planned {
			if !ok {
				break
			}
			fe := files[p.file]
			if fe != nil && fe.size != p.size {
				ok = false
				break
			}
			existing := chosen[p.file]
			if fe != nil {
				existing = append(slices.Clone(fe.edits), existing...)
			}
			dup := false
			for _, e := range existing {
				if e == p.edit {
					dup = true
					break
				}
				if overlaps(e, p.edit) {
					ok = false
					break
				}
			}
			if ok && !dup {
				chosen[p.file] = append(chosen[p.file], p.edit)
			}
		}
		if !ok {
			continue
		}
		for _, p := range planned {
			if files[p.file] == nil {
				files[p.file] = &fileEdits{size: p.size}
			}
		}
		for file, edits := range chosen {
			files[file].edits = append(files[file].edits, edits...)
		}
		f.fixed = true
	}
	return files
}

// onDisk reports whether filename is one of the package's own source
// files, rather than one the go command generated (cgo's output).
func onDisk(f *finding, filename string) bool {
	return slices.Contains(f.ownFiles, filename)
}

// overlaps reports whether two edits conflict: they replace overlapping
// text, or insert at the same offset (whose order would be a guess).
func overlaps(a, b edit) bool {
	if a.start == a.end && b.start == b.end {
		return a.start == b.start
	}
	return a.start < b.end && b.start < a.end // also an insertion strictly inside the other
}

// apply returns src with the edits applied and gofmt'd.
func apply(src []byte, edits []edit) ([]byte, error) {
	edits = slices.Clone(edits)
	slices.SortFunc(edits, func(a, b edit) int { return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(a.end, b.end)) })
	var out bytes.Buffer
	last := 0
	for _, e := range edits {
		if e.start < last || e.end > len(src) {
			return nil, fmt.Errorf("edits overlap or lie outside the file")
		}
		out.Write(src[last:e.start])
		out.WriteString(e.text)
		last = e.end
	}
	out.Write(src[last:])
	formatted, err := format.Source(out.Bytes())
	if err != nil {
		return nil, fmt.Errorf("the fixed file does not parse: %v", err)
	}
	return formatted, nil
}

// fixResult is what applying (or, with -diff, showing) fixes produced.
type fixResult struct {
	diff   bytes.Buffer // unified diffs, with -diff
	failed []string     // files whose fixes could not be applied, with why
}

// applyFixes applies the planned edits: it writes the files, or with
// showDiff only prints a unified diff of each. A file that changed since
// it was analyzed, or whose fixed form does not parse, is left alone and
// its findings count as not fixed.
func applyFixes(findings []*finding, showDiff bool, cwd string) fixResult {
	var res fixResult
	plan := planFixes(findings)
	names := make([]string, 0, len(plan))
	for name := range plan {
		names = append(names, name)
	}
	slices.Sort(names)
	unfixable := make(map[string]bool)
	for _, name := range names {
		fe := plan[name]
		src, err := os.ReadFile(name)
		if err == nil && len(src) != fe.size {
			err = fmt.Errorf("changed since it was analyzed")
		}
		var fixed []byte
		if err == nil {
			fixed, err = apply(src, fe.edits)
		}
		if err == nil && !showDiff {
			err = os.WriteFile(name, fixed, 0o666)
		}
		if err != nil {
			res.failed = append(res.failed, fmt.Sprintf("maplint: not fixing %s: %v", relPath(cwd, name), err))
			unfixable[name] = true
			continue
		}
		if showDiff {
			rel := relPath(cwd, name)
			res.diff.WriteString(unifiedDiff(rel, src, fixed))
		}
	}
	if len(unfixable) > 0 {
		for _, f := range findings {
			if !f.fixed {
				continue
			}
			for _, e := range f.diag.SuggestedFixes[0].TextEdits {
				if tf := f.fset.File(e.Pos); tf != nil && unfixable[tf.Name()] {
					f.fixed = false
				}
			}
		}
	}
	return res
}
