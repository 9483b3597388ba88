// Package keys holds inserts whose keys are, or are not, provably in the
// map already, and parameters that do, or do not, hold their caller's
// argument.
package keys

import "strings"

func guarded(m map[string]int, k string) {
	if _, ok := m[k]; ok {
		m[k] = 1 // present: yes
	}
	if _, ok := m[k]; !ok {
		return
	}
	m[k] = 2 // present: yes
}

func unguarded(m map[string]int, k, other string) {
	if _, ok := m[other]; ok {
		m[k] = 1 // present: no
	}
	m[k] = 2 // present: no
}

func ranged(m map[string]int) {
	for k := range m {
		m[k] = 0 // present: yes
		key := k
		m[key] = 1   // present: yes
		m[k+"x"] = 2 // present: no
	}
}

func params(a, b, c string) {
	b = strings.TrimSpace(b)
	for {
		c = c[1:]
		if c == "" {
			break
		}
	}
	_, _, _ = a, b, c // holds: a b
}

func nilGuarded(m map[*int]bool, p *int) {
	if p == nil {
		return
	}
	m[p] = true // nil skipped: p
}
