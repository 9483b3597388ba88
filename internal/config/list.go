package config

import (
	"fmt"
	"slices"
	"strings"
)

// ResolveList evaluates a list of analyzer names in staticcheck's syntax
// (its -checks and -fail flags and checks key): "all" adds every analyzer,
// a name adds that analyzer, "-name" removes it, and "inherit" adds what
// inherited holds (the parent directory's value). Items apply in order. A
// list whose first item removes ("-makehint") starts from inherited, so
// that "all but one" needs no "all". It returns the selected names in the
// order of all; an unknown name is an error that names it.
func ResolveList(items []string, all []string, inherited []string) ([]string, error) {
	selected := make(map[string]bool)
	if len(items) > 0 && strings.HasPrefix(items[0], "-") {
		for _, n := range inherited {
			selected[n] = true
		}
	}
	var unknown []string
	for _, item := range items {
		item = strings.TrimSpace(item)
		name, remove := strings.CutPrefix(item, "-")
		switch {
		case name == "all":
			for _, n := range all {
				selected[n] = !remove
			}
		case name == "inherit" && !remove:
			for _, n := range inherited {
				selected[n] = true
			}
		case slices.Contains(all, name):
			selected[name] = !remove
		case item == "":
			// "a,,b" or a trailing comma: nothing to do
		default:
			unknown = append(unknown, fmt.Sprintf("%q", item))
		}
	}
	if unknown != nil {
		return nil, fmt.Errorf("unknown analyzer %s (maplint's analyzers are %s; also all, inherit and -NAME)",
			strings.Join(unknown, ", "), strings.Join(all, ", "))
	}
	var names []string
	for _, n := range all {
		if selected[n] {
			names = append(names, n)
		}
	}
	return names, nil
}

// SplitList splits a command-line list, "concwrite,rangemut" or
// "all,-makehint".
func SplitList(s string) []string {
	if strings.TrimSpace(s) == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}
