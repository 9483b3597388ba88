// Package golangci is maplint's golangci-lint v2 module plugin.
//
// Build a golangci-lint that includes it with `golangci-lint custom` and a
// .custom-gcl.yml naming this package:
//
//	version: v2.15.0
//	plugins:
//	  - module: github.com/maplint/maplint
//	    import: github.com/maplint/maplint/plugin/golangci
//	    version: v0.1.0
//
// then enable it in .golangci.yml:
//
//	linters:
//	  enable: [maplint]
//	  settings:
//	    custom:
//	      maplint:
//	        type: module
//	        settings:               # the keys of maplint.toml:
//	          analyzers: [all, -makehint]
//	          layout: classic       # the map layout memory figures are for: swiss (Go 1.24+) or classic
//	          bigvalue:             # any analyzer flag, as -NAME.FLAG=VALUE on the command line
//	            layout: classic
//	          # and, as before: enable: [...], disable: [...], flags: {bigvalue: {layout: classic}}
//
// All analyzers report under the linter name maplint, golangci-lint
// putting the analyzer's name before the message (concwrite: ...); a
// finding's related information is folded into its message, so that
// //nolint:maplint on the finding's line suppresses all of it. `//nolint:maplint` and maplint's own `//maplint:ignore NAME
// reason` both work.
package golangci

import (
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/maplint/maplint/internal/config"
	"github.com/maplint/maplint/passes/suite"
)

func init() {
	register.Plugin("maplint", New)
}

// Settings are the plugin's settings in .golangci.yml, under
// linters.settings.custom.maplint.settings, besides the keys of
// maplint.toml (internal/config): analyzers, layout, and a table of flags
// per analyzer. Unknown keys are an error.
type Settings struct {
	// Enable, if not empty, runs only these analyzers.
	Enable []string `json:"enable"`
	// Disable removes these analyzers from the set run.
	Disable []string `json:"disable"`
	// Flags sets analyzer flags: Flags["bigvalue"]["layout"] = "classic" is
	// the command line's -bigvalue.layout=classic (and maplint.toml's
	// [bigvalue] layout = "classic").
	Flags map[string]map[string]any `json:"flags"`
}

// settingsKeys are the keys Settings decodes; the others are maplint.toml's.
var settingsKeys = []string{"enable", "disable", "flags"}

// New is the plugin's constructor, called by golangci-lint with the
// settings from .golangci.yml.
func New(conf any) (register.LinterPlugin, error) {
	return newPlugin(conf, suite.Analyzers())
}

type plugin struct {
	analyzers []*analysis.Analyzer
}

func newPlugin(conf any, all []*analysis.Analyzer) (*plugin, error) {
	// Split the settings: the plugin's own keys, and maplint.toml's.
	own, shared := map[string]any{}, map[string]any{}
	if conf != nil {
		m, ok := conf.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("maplint settings: want a mapping of settings, not %T", conf)
		}
		for k, v := range m {
			if slices.Contains(settingsKeys, k) {
				own[k] = v
			} else {
				shared[k] = v
			}
		}
	}
	if _, ok := shared["fail"]; ok {
		return nil, errors.New("maplint settings: fail: golangci-lint decides what fails its run (its severity and issues settings); maplint's fail applies to the maplint command")
	}
	s, err := register.DecodeSettings[Settings](own)
	if err != nil {
		return nil, fmt.Errorf("maplint settings: %w", err)
	}
	file, err := config.FromMap(shared, all)
	if err != nil {
		return nil, fmt.Errorf("maplint settings: %w", err)
	}
	if err := file.Apply(all); err != nil {
		return nil, fmt.Errorf("maplint settings: %w", err)
	}
	analyzers, err := s.apply(all, file.Analyzers)
	if err != nil {
		return nil, fmt.Errorf("maplint settings: %w", err)
	}
	for i, a := range analyzers {
		analyzers[i] = foldRelated(a)
	}
	return &plugin{analyzers: analyzers}, nil
}

// foldRelated returns a copy of a whose diagnostics carry their related
// information in the message ("... (racy.go:12: the goroutine is started
// here)") instead of as related information. golangci-lint reports each
// piece of related information as an issue of its own, on its own line,
// where the finding's //nolint:maplint does not reach it: a suppressed
// race would still fail the run through its "goroutine started here".
func foldRelated(a *analysis.Analyzer) *analysis.Analyzer {
	folded := *a
	run := a.Run
	folded.Run = func(pass *analysis.Pass) (any, error) {
		report := pass.Report
		pass.Report = func(d analysis.Diagnostic) {
			if len(d.Related) > 0 {
				var notes []string
				for _, r := range d.Related {
					p := pass.Fset.Position(r.Pos)
					notes = append(notes, fmt.Sprintf("%s:%d: %s", filepath.Base(p.Filename), p.Line, strings.TrimSpace(r.Message)))
				}
				d.Message += " (" + strings.Join(notes, "; ") + ")"
				d.Related = nil
			}
			report(d)
		}
		return run(pass)
	}
	return &folded
}

// BuildAnalyzers returns the analyzers the settings selected.
func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return p.analyzers, nil
}

// GetLoadMode reports that maplint's analyzers need type information.
func (p *plugin) GetLoadMode() string {
	return register.LoadModeTypesInfo
}

// apply selects the analyzers, from the list in maplint.toml's syntax
// (nil: all) and Enable and Disable, and sets their flags.
func (s Settings) apply(all []*analysis.Analyzer, list []string) ([]*analysis.Analyzer, error) {
	listed := analyzerNamesOf(all)
	if list != nil {
		var err error
		if listed, err = config.ResolveList(list, listed, listed); err != nil {
			return nil, fmt.Errorf("analyzers: %v", err)
		}
	}
	byName := make(map[string]*analysis.Analyzer, len(all))
	for _, a := range all {
		byName[a.Name] = a
	}
	known := func(setting string, given []string) error {
		var unknown []string
		for _, n := range given {
			if byName[n] == nil {
				unknown = append(unknown, n)
			}
		}
		if unknown != nil {
			return fmt.Errorf("%s: unknown analyzer %s (maplint's analyzers are %s)",
				setting, strings.Join(quote(unknown), ", "), strings.Join(analyzerNamesOf(all), ", "))
		}
		return nil
	}
	if err := known("enable", s.Enable); err != nil {
		return nil, err
	}
	if err := known("disable", s.Disable); err != nil {
		return nil, err
	}
	var selected []*analysis.Analyzer
	for _, a := range all {
		if slices.Contains(listed, a.Name) && (len(s.Enable) == 0 || slices.Contains(s.Enable, a.Name)) && !slices.Contains(s.Disable, a.Name) {
			selected = append(selected, a)
		}
	}
	if len(selected) == 0 && (len(s.Enable)+len(s.Disable) > 0 || list != nil) {
		return nil, errors.New("analyzers, enable and disable leave no analyzer to run")
	}

	analyzerNames := make([]string, 0, len(s.Flags))
	for n := range s.Flags {
		analyzerNames = append(analyzerNames, n)
	}
	sort.Strings(analyzerNames)
	if err := known("flags", analyzerNames); err != nil {
		return nil, err
	}
	for _, n := range analyzerNames {
		a := byName[n]
		flagNames := make([]string, 0, len(s.Flags[n]))
		for f := range s.Flags[n] {
			flagNames = append(flagNames, f)
		}
		sort.Strings(flagNames)
		for _, f := range flagNames {
			if a.Flags.Lookup(f) == nil {
				var have []string
				a.Flags.VisitAll(func(fl *flag.Flag) { have = append(have, fl.Name) })
				return nil, fmt.Errorf("flags.%s: unknown flag %q (%s has %s)", n, f, n, describe(have))
			}
			if err := a.Flags.Set(f, fmt.Sprint(s.Flags[n][f])); err != nil {
				return nil, fmt.Errorf("flags.%s.%s: %v", n, f, err)
			}
		}
	}
	return selected, nil
}

func analyzerNamesOf(as []*analysis.Analyzer) []string {
	var ns []string
	for _, a := range as {
		ns = append(ns, a.Name)
	}
	return ns
}

func quote(ss []string) []string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return q
}

func describe(flags []string) string {
	if len(flags) == 0 {
		return "no flags"
	}
	return "flags " + strings.Join(flags, ", ")
}
