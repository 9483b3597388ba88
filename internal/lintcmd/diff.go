package lintcmd

import (
	"fmt"
	"strings"
)

// unifiedDiff returns the unified diff (three lines of context) that
// turns before into after, for the file name, or "" when they are equal.
// It diffs lines with Myers' O(ND) algorithm: fixes change few lines, so D
// is small even in large files.
func unifiedDiff(name string, before, after []byte) string {
	a, b := splitLines(string(before)), splitLines(string(after))
	ops := myers(a, b)
	if ops == nil {
		return ""
	}
	var out strings.Builder
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", name, name)
	const context = 3
	// Group the edit script into hunks: runs of changes whose gaps of
	// equal lines are at most 2*context.
	for i := 0; i < len(ops); {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		start := max(i-context, 0)
		for start < i && ops[start].kind != ' ' {
			start++
		}
		end := i
		for j := i; j < len(ops); j++ {
			if ops[j].kind != ' ' {
				end = j + 1
				continue
			}
			if j-end >= 2*context {
				break
			}
		}
		stop := min(end+context, len(ops))
		hunk := ops[start:stop]
		aStart, bStart := hunk[0].aLine, hunk[0].bLine
		var aLen, bLen int
		for _, op := range hunk {
			if op.kind != '+' {
				aLen++
			}
			if op.kind != '-' {
				bLen++
			}
		}
		fmt.Fprintf(&out, "@@ -%s +%s @@\n", hunkRange(aStart, aLen), hunkRange(bStart, bLen))
		for _, op := range hunk {
			out.WriteByte(op.kind)
			out.WriteString(op.text)
			if !strings.HasSuffix(op.text, "\n") {
				out.WriteString("\n\\ No newline at end of file\n")
			}
		}
		i = stop
	}
	return out.String()
}

func hunkRange(start, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", start)
	}
	if n == 1 {
		return fmt.Sprint(start + 1)
	}
	return fmt.Sprintf("%d,%d", start+1, n)
}

// lineOp is one line of an edit script: ' ' kept, '-' deleted, '+'
// inserted; aLine and bLine are the 0-based lines of before and after it
// stands at.
type lineOp struct {
	kind         byte
	text         string
	aLine, bLine int
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// myers returns the shortest edit script from a to b, or nil when they
// are equal.
func myers(a, b []string) []lineOp {
	n, m := len(a), len(b)
	maxD := n + m
	offset := maxD + 1
	v := make([]int, 2*maxD+3)
	var trace [][]int
	found := false
	for d := 0; d <= maxD && !found; d++ {
		trace = append(trace, append([]int(nil), v...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || k != d && v[offset+k-1] < v[offset+k+1] {
				x = v[offset+k+1]
			} else {
				x = v[offset+k-1] + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			v[offset+k] = x
			if x >= n && y >= m {
				found = true
				break
			}
		}
	}
	if len(trace) == 1 && n == m {
		return nil // d = 0: equal
	}
	// Walk back through the trace to recover the script.
	var ops []lineOp
	x, y := n, m
	for d := len(trace) - 1; d >= 0; d-- {
		vd := trace[d]
		k := x - y
		var prevK int
		if k == -d || k != d && vd[offset+k-1] < vd[offset+k+1] {
			prevK = k + 1
		} else {
			prevK = k - 1
		}
		prevX := vd[offset+prevK]
		prevY := prevX - prevK
		for x > prevX && y > prevY && d > 0 {
			x--
			y--
			ops = append(ops, lineOp{' ', a[x], x, y})
		}
		if d == 0 {
			for x > 0 && y > 0 {
				x--
				y--
				ops = append(ops, lineOp{' ', a[x], x, y})
			}
			break
		}
		if x == prevX {
			y--
			ops = append(ops, lineOp{'+', b[y], x, y})
		} else {
			x--
			ops = append(ops, lineOp{'-', a[x], x, y})
		}
	}
	for i, j := 0, len(ops)-1; i < j; i, j = i+1, j-1 {
		ops[i], ops[j] = ops[j], ops[i]
	}
	return ops
}
