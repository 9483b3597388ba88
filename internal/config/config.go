// Package config reads maplint's configuration: maplint.toml files at the
// module root and, as staticcheck does with staticcheck.conf, in any
// directory below it, each inheriting from its parent directory's.
//
// The format is TOML, the format of staticcheck.conf, the configuration
// file Go teams already keep for the closest tool to maplint (and of
// go.work-adjacent tools such as golangci-lint's TOML form). The keys:
//
//	analyzers = ["all", "-makehint"]   # which analyzers report here
//	fail      = ["concwrite"]          # whose findings make the exit status non-zero
//	layout    = "classic"              # swiss (Go 1.24+, default) or classic (Go 1.23 and earlier)
//
//	[bigvalue]                         # one table per analyzer: its flags,
//	inline-floor = 128                 # as maplint -bigvalue.inline-floor=128
//
// Lists use staticcheck's syntax (see ResolveList); "inherit" stands for
// the parent directory's list. analyzers and fail may be set in any
// directory and apply to the findings in files below it. layout and the
// analyzer tables change how the analyzers run, which is once for the
// whole run, so they may be set only in the module root's file. Unknown
// keys are an error that names them. The golangci-lint plugin takes the
// same keys in its settings (see FromMap).
package config

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"golang.org/x/tools/go/analysis"
)

// FileName is the name of a configuration file.
const FileName = "maplint.toml"

// File is one configuration file (or the golangci-lint plugin's settings).
type File struct {
	Path      string   // where it was read from, for messages
	Analyzers []string // nil when not set
	Fail      []string // nil when not set
	Layout    string   // "" when not set
	// Flags are the analyzer tables: Flags["bigvalue"]["layout"] is the
	// command line's -bigvalue.layout.
	Flags map[string]map[string]string
}

// topKeys are the keys a File may have besides one table per analyzer.
var topKeys = []string{"analyzers", "fail", "layout"}

// FromMap reads a configuration decoded from TOML (or from the
// golangci-lint plugin's YAML settings): the keys analyzers, fail and
// layout, and a table per analyzer holding its flags. Unknown keys, unknown
// analyzers and flags an analyzer does not have are errors naming them.
func FromMap(m map[string]any, analyzers []*analysis.Analyzer) (*File, error) {
	f := &File{}
	byName := make(map[string]*analysis.Analyzer)
	for _, a := range analyzers {
		byName[a.Name] = a
	}
	var unknown []string
	var errs []error
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := m[k]
		switch {
		case k == "analyzers" || k == "fail":
			list, err := stringList(v)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %v", k, err))
				continue
			}
			if _, err := ResolveList(list, names(analyzers), names(analyzers)); err != nil {
				errs = append(errs, fmt.Errorf("%s: %v", k, err))
				continue
			}
			if k == "analyzers" {
				f.Analyzers = list
			} else {
				f.Fail = list
			}
		case k == "layout":
			s, ok := v.(string)
			if !ok || s != "swiss" && s != "classic" {
				errs = append(errs, fmt.Errorf("layout: %v is not a map layout; want \"swiss\" (Go 1.24 and later) or \"classic\" (Go 1.23 and earlier)", quoted(v)))
				continue
			}
			f.Layout = s
		case byName[k] != nil:
			table, ok := v.(map[string]any)
			if !ok {
				errs = append(errs, fmt.Errorf("%s: want a table of %s's flags, not %v", k, k, quoted(v)))
				continue
			}
			a := byName[k]
			for flagName, value := range table {
				if a.Flags.Lookup(flagName) == nil {
					var have []string
					a.Flags.VisitAll(func(fl *flag.Flag) { have = append(have, fl.Name) })
					errs = append(errs, fmt.Errorf("%s.%s: unknown key (%s has %s)", k, flagName, k, describe(have)))
					continue
				}
				if f.Flags == nil {
					f.Flags = make(map[string]map[string]string)
				}
				if f.Flags[k] == nil {
					f.Flags[k] = make(map[string]string)
				}
				f.Flags[k][flagName] = fmt.Sprint(value)
			}
		default:
			unknown = append(unknown, fmt.Sprintf("%q", k))
		}
	}
	if unknown != nil {
		errs = append([]error{fmt.Errorf("unknown key %s (the keys are %s, and a table per analyzer: %s)",
			strings.Join(unknown, ", "), strings.Join(topKeys, ", "), strings.Join(names(analyzers), ", "))}, errs...)
	}
	return f, errors.Join(errs...)
}

// Read reads and checks the configuration file at path.
func Read(path string, analyzers []*analysis.Analyzer) (*File, error) {
	var m map[string]any
	if _, err := toml.DecodeFile(path, &m); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	f, err := FromMap(m, analyzers)
	if err != nil {
		return nil, prefixLines(path+": ", err)
	}
	f.Path = path
	return f, nil
}

// Apply sets the analyzers' flags from the file's layout and analyzer
// tables: layout first, for every analyzer with a layout flag, then the
// tables, so that [bigvalue] layout = "classic" overrides it for one.
func (f *File) Apply(analyzers []*analysis.Analyzer) error {
	if f == nil {
		return nil
	}
	if f.Layout != "" {
		for _, a := range analyzers {
			if fl := a.Flags.Lookup("layout"); fl != nil {
				if err := fl.Value.Set(f.Layout); err != nil {
					return fmt.Errorf("%slayout: %v", f.where(), err)
				}
			}
		}
	}
	for _, a := range analyzers {
		flags := f.Flags[a.Name]
		keys := make([]string, 0, len(flags))
		for k := range flags {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if err := a.Flags.Set(k, flags[k]); err != nil {
				return fmt.Errorf("%s%s.%s: invalid value %q: %v", f.where(), a.Name, k, flags[k], err)
			}
		}
	}
	return nil
}

func (f *File) where() string {
	if f.Path == "" {
		return ""
	}
	return f.Path + ": "
}

// Settings are the per-directory settings: the analyzers that report in a
// directory and those whose findings fail the run, by name.
type Settings struct {
	Analyzers []string
	Fail      []string
}

// Tree is the configuration of a module: the file at its root and those
// in directories below, read as they are needed.
type Tree struct {
	root      string // the module root, absolute and clean
	analyzers []*analysis.Analyzer
	rootFile  *File
	dirs      map[string]dirResult
}

type dirResult struct {
	settings Settings
	err      error
}

// Load reads the configuration file at root (an absolute directory, the
// module root), if there is one. Files below root are read by For.
func Load(root string, analyzers []*analysis.Analyzer) (*Tree, error) {
	t := &Tree{root: filepath.Clean(root), analyzers: analyzers, dirs: make(map[string]dirResult)}
	f, err := readIfExists(filepath.Join(t.root, FileName), analyzers)
	if err != nil {
		return nil, err
	}
	t.rootFile = f
	return t, nil
}

// ModuleRoot is the directory of the go.mod governing dir, where a
// module's configuration file lies, or dir itself outside any module.
func ModuleRoot(dir string) string {
	for d := dir; ; {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return dir
		}
		d = parent
	}
}

// Root returns the file at the module root, or nil.
func (t *Tree) Root() *File { return t.rootFile }

// For returns the settings for files in dir (absolute): the root's,
// overridden in turn by each maplint.toml from the root down to dir.
// Directories outside the module get the root's.
func (t *Tree) For(dir string) (Settings, error) {
	dir = filepath.Clean(dir)
	if r, ok := t.dirs[dir]; ok {
		return r.settings, r.err
	}
	s, err := t.compute(dir)
	t.dirs[dir] = dirResult{s, err}
	return s, err
}

func (t *Tree) compute(dir string) (Settings, error) {
	all := names(t.analyzers)
	if dir == t.root || !within(t.root, dir) {
		s := Settings{Analyzers: all, Fail: all}
		return s.override(t.rootFile, all)
	}
	parent, err := t.For(filepath.Dir(dir))
	if err != nil {
		return Settings{}, err
	}
	f, err := readIfExists(filepath.Join(dir, FileName), t.analyzers)
	if err != nil {
		return Settings{}, err
	}
	if f != nil && (f.Layout != "" || len(f.Flags) > 0) {
		return Settings{}, fmt.Errorf("%s: layout and analyzer tables change how the analyzers run, once for the whole run: set them in the module root's %s", f.Path, filepath.Join(t.root, FileName))
	}
	return parent.override(f, all)
}

func (s Settings) override(f *File, all []string) (Settings, error) {
	if f == nil {
		return s, nil
	}
	out := s
	var err error
	if f.Analyzers != nil {
		if out.Analyzers, err = ResolveList(f.Analyzers, all, s.Analyzers); err != nil {
			return Settings{}, fmt.Errorf("%s: analyzers: %v", f.Path, err)
		}
	}
	if f.Fail != nil {
		if out.Fail, err = ResolveList(f.Fail, all, s.Fail); err != nil {
			return Settings{}, fmt.Errorf("%s: fail: %v", f.Path, err)
		}
	}
	return out, nil
}

func readIfExists(path string, analyzers []*analysis.Analyzer) (*File, error) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	return Read(path, analyzers)
}

func within(root, dir string) bool {
	rel, err := filepath.Rel(root, dir)
	return err == nil && filepath.IsLocal(rel)
}

func names(analyzers []*analysis.Analyzer) []string {
	var ns []string
	for _, a := range analyzers {
		ns = append(ns, a.Name)
	}
	return ns
}

func stringList(v any) ([]string, error) {
	switch v := v.(type) {
	case string:
		return SplitList(v), nil
	case []string:
		return v, nil
	case []any:
		var list []string
		for _, e := range v {
			s, ok := e.(string)
			if !ok {
				return nil, fmt.Errorf("want a list of analyzer names, found %v", quoted(e))
			}
			list = append(list, s)
		}
		if list == nil {
			list = []string{}
		}
		return list, nil
	}
	return nil, fmt.Errorf("want a list of analyzer names, found %v", quoted(v))
}

func quoted(v any) string {
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprint(v)
}

func describe(flags []string) string {
	if len(flags) == 0 {
		return "no settings"
	}
	slices.Sort(flags)
	return strings.Join(flags, ", ")
}

// prefixLines puts prefix before each error line of err.
func prefixLines(prefix string, err error) error {
	lines := strings.Split(err.Error(), "\n")
	for i := range lines {
		lines[i] = prefix + lines[i]
	}
	return errors.New(strings.Join(lines, "\n"))
}
