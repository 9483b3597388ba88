package lintcmd

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// changes are the lines of a git work tree that changed since a revision,
// for -new-from-rev: golangci-lint's flag of that name, which reports only
// findings on those lines so that a linter can gate new code in a module
// with old findings.
type changes struct {
	// lines maps a file's absolute, symlink-free name to its changed
	// line ranges in the work tree; a file mapped to nil is new (untracked)
	// and changed everywhere.
	lines map[string][]lineRange
	canon map[string]string // cache of canonical file names
}

// lineRange is the lines first through last, inclusive.
type lineRange struct{ first, last int }

// gitChanges asks git, in the work tree containing dir, what changed
// since rev: `git diff -U0 rev` for tracked files (staged or not) and
// `git ls-files --others --exclude-standard` for untracked ones.
func gitChanges(dir, rev string) (*changes, error) {
	top, err := git(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, err
	}
	topDir := strings.TrimSpace(string(top))
	if _, err := git(topDir, "rev-parse", "--verify", "--quiet", rev+"^{commit}"); err != nil {
		if rev != "HEAD" || !unborn(topDir) {
			return nil, fmt.Errorf("-new-from-rev: %q is not a git revision here", rev)
		}
		// HEAD of a repository with no commit yet, as for the first
		// commit under a pre-commit hook: everything is new.
		rev = emptyTree
	}
	diff, err := git(topDir, "-c", "core.quotePath=off", "diff", "-U0", "--no-color", "--no-ext-diff", "--no-renames", rev, "--")
	if err != nil {
		return nil, err
	}
	c := &changes{canon: make(map[string]string)}
	c.lines, err = parseDiff(bytes.NewReader(diff), topDir)
	if err != nil {
		return nil, err
	}
	untracked, err := git(topDir, "ls-files", "--others", "--exclude-standard", "-z")
	if err != nil {
		return nil, err
	}
	for name := range strings.SplitSeq(string(untracked), "\x00") {
		if name != "" {
			c.lines[filepath.Join(topDir, filepath.FromSlash(name))] = nil
		}
	}
	return c, nil
}

// emptyTree is git's empty tree object, what a first commit is diffed
// against.
const emptyTree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"

// unborn reports whether the repository has no commit on its current
// branch.
func unborn(dir string) bool {
	_, headErr := git(dir, "rev-parse", "--verify", "--quiet", "HEAD")
	_, refErr := git(dir, "symbolic-ref", "--quiet", "HEAD")
	return headErr != nil && refErr == nil
}

func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("-new-from-rev: git %s: %s", args[0], msg)
	}
	return out, nil
}

// parseDiff reads a unified diff with no context lines (git diff -U0)
// and returns, for each file it changes, the line ranges of the new file
// that were added or modified. Paths are joined to top. Deleted files and
// pure deletions add nothing: no line of the work tree is new there.
func parseDiff(r io.Reader, top string) (map[string][]lineRange, error) {
	lines := make(map[string][]lineRange)
	var file string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 64*1024*1024)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "+++ "):
			name := strings.TrimPrefix(line, "+++ ")
			if strings.HasPrefix(name, `"`) {
				if u, err := strconv.Unquote(name); err == nil {
					name = u
				}
			}
			name = strings.TrimSuffix(name, "\t") // git appends a tab to names with spaces
			if name == "/dev/null" {
				file = ""
				continue
			}
			name = strings.TrimPrefix(name, "b/")
			file = filepath.Join(top, filepath.FromSlash(name))
			if _, ok := lines[file]; !ok {
				lines[file] = []lineRange{}
			}
		case strings.HasPrefix(line, "@@ ") && file != "":
			// @@ -old[,n] +new[,n] @@
			fields := strings.Fields(line)
			if len(fields) < 3 || !strings.HasPrefix(fields[2], "+") {
				return nil, fmt.Errorf("-new-from-rev: cannot parse git diff hunk header %q", line)
			}
			startStr, countStr, hasCount := strings.Cut(fields[2][1:], ",")
			start, err := strconv.Atoi(startStr)
			if err != nil {
				return nil, fmt.Errorf("-new-from-rev: cannot parse git diff hunk header %q", line)
			}
			count := 1
			if hasCount {
				if count, err = strconv.Atoi(countStr); err != nil {
					return nil, fmt.Errorf("-new-from-rev: cannot parse git diff hunk header %q", line)
				}
			}
			if count > 0 {
				lines[file] = append(lines[file], lineRange{start, start + count - 1})
			}
		}
	}
	return lines, sc.Err()
}

// changed reports whether line of filename (absolute) is new since the
// revision.
func (c *changes) changed(filename string, line int) bool {
	name, ok := c.canon[filename]
	if !ok {
		name = filename
		if dir, err := filepath.EvalSymlinks(filepath.Dir(filename)); err == nil {
			name = filepath.Join(dir, filepath.Base(filename))
		}
		c.canon[filename] = name
	}
	ranges, ok := c.lines[name]
	if !ok {
		return false
	}
	if ranges == nil {
		return true
	}
	for _, r := range ranges {
		if r.first <= line && line <= r.last {
			return true
		}
	}
	return false
}
