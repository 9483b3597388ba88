package mapeffects

import (
	"fmt"
	"strconv"
	"strings"
)

// String describes a summary in one line, one clause per effect, as in
// "inserts into recv.names[p0 unless nil]; reads recv.items under
// recv.mu(r)": what tests match, and what a developer reads when a
// summary is not what they expected.
func (s *Summary) String() string {
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	for _, sa := range s.Accesses {
		m := Ref{Root: sa.Root, Path: sa.Path}.Key()
		var clause string
		switch {
		case sa.Insert:
			clause = "inserts into " + m
			var keys []string
			for _, k := range sa.Keys {
				key := "p" + strconv.Itoa(k.Param)
				if k.SkipsNil {
					key += " unless nil"
				}
				keys = append(keys, key)
			}
			if sa.OtherKeys && len(keys) > 0 {
				keys = append(keys, "other keys")
			}
			if len(keys) > 0 {
				clause += "[" + strings.Join(keys, ", ") + "]"
			}
		case sa.Write:
			clause = "writes " + m
		default:
			clause = "reads " + m
		}
		if len(sa.Held) > 0 {
			clause += " under " + sa.Held.String()
		}
		out = append(out, clause)
	}
	for _, sa := range s.Started {
		verb := "reads"
		if sa.Write {
			verb = "writes"
		}
		add("leaves running a goroutine that %s %s", verb, Ref{Root: sa.Root, Path: sa.Path}.Key())
	}
	for _, r := range s.Replaces {
		add("replaces %s", r.Key())
	}
	if len(s.Acquires) > 0 {
		add("returns holding %s", s.Acquires)
	}
	for _, r := range s.Releases {
		add("unlocks %s", r.Key())
	}
	for _, r := range s.Sends {
		add("sends on %s", r.Key())
	}
	for _, r := range s.Receives {
		add("receives from %s", r.Key())
	}
	for _, r := range s.Dones {
		add("calls Done on %s", r.Key())
	}
	if s.Waits {
		add("waits for goroutines")
	}
	for _, i := range s.GoParams {
		add("starts p%d", i)
	}
	for _, i := range s.CallsParams {
		add("calls p%d", i)
	}
	if s.Returns != nil {
		add("returns recv.%s", s.Returns.Path)
	}
	return strings.Join(out, "; ")
}
