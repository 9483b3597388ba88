package lsp

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/maplint/maplint/internal/config"
	"github.com/maplint/maplint/passes/suite"
)

// settingsFlags translates the editor's settings (initializationOptions,
// or workspace/didChangeConfiguration's settings) into maplint's command
// line. The settings have the keys of maplint.toml:
//
//	{"analyzers": ["all", "-makehint"], "layout": "classic",
//	 "bigvalue": {"inline-floor": 128}}
//
// either at the top level or under "maplint" (editors that send all of
// a workspace's settings nest each server's under its name). maplint
// reads maplint.toml itself, and the settings override it as the command
// line does: an analyzers list that only removes ("-makehint") turns
// those off and keeps the files' choice of the others; any other list
// chooses exactly the analyzers it selects. "fail" is accepted and
// ignored: it decides maplint's exit status, which no editor shows.
// Empty or null settings mean no flags.
func settingsFlags(raw json.RawMessage) ([]string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var m map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber() // 128 stays "128" when it becomes a flag value
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("settings are not a JSON object: %v", err)
	}
	if nested, ok := m["maplint"].(map[string]any); ok {
		m = nested
	}
	all := suite.Analyzers()
	f, err := config.FromMap(m, all)
	if err != nil {
		return nil, err
	}
	var flags []string
	if f.Analyzers != nil {
		af, err := analyzerFlags(f.Analyzers, all)
		if err != nil {
			return nil, err
		}
		flags = append(flags, af...)
	}
	if f.Layout != "" {
		flags = append(flags, "-layout="+f.Layout)
	}
	var tables []string
	for name, table := range f.Flags {
		for key, value := range table {
			tables = append(tables, "-"+name+"."+key+"="+value)
		}
	}
	sort.Strings(tables)
	return append(flags, tables...), nil
}

// analyzerFlags is the -NAME flags for an analyzers list.
func analyzerFlags(list []string, all []*analysis.Analyzer) ([]string, error) {
	var names []string
	for _, a := range all {
		names = append(names, a.Name)
	}
	removalsOnly := true
	for i, item := range list {
		item = strings.TrimSpace(item)
		if !strings.HasPrefix(item, "-") && !(i == 0 && item == "inherit") && item != "" {
			removalsOnly = false
		}
	}
	if removalsOnly {
		// -NAME=false alone: what the configuration files enable, less these.
		var flags []string
		for _, item := range list {
			if name, ok := strings.CutPrefix(strings.TrimSpace(item), "-"); ok {
				if name == "all" {
					return falseFlags(names), nil
				}
				flags = append(flags, "-"+name+"=false")
			}
		}
		return flags, nil
	}
	selected, err := config.ResolveList(list, names, names)
	if err != nil {
		return nil, err
	}
	// -NAME for each selected analyzer runs exactly those; -NAME=false for
	// the others keeps an empty selection from meaning "all".
	var flags []string
	for _, n := range names {
		if slices.Contains(selected, n) {
			flags = append(flags, "-"+n)
		} else {
			flags = append(flags, "-"+n+"=false")
		}
	}
	return flags, nil
}

func falseFlags(names []string) []string {
	var flags []string
	for _, n := range names {
		flags = append(flags, "-"+n+"=false")
	}
	return flags
}
