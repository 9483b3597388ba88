package lintcmd

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/token"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// The result cache keeps, per analyzed package, the findings maplint
// reported for it and the facts its analyzers exported (facts.go), so
// that a run over packages that did not change prints their findings
// without loading, type-checking or analyzing anything: the go command
// lists the packages and their files, maplint hashes them, and every
// package whose key is in the cache is done. The packages that changed
// are analyzed over their dependencies' cached facts (analyze.go).
//
// A package's key covers everything its findings and facts depend on:
// maplint itself (the executable's contents), the analyzers run and
// every analyzer flag (the configuration's thresholds and -layout
// included), the build (-tags, -test, GOOS and GOARCH through the file
// lists), the package's own files, byte for byte, and the keys of the
// packages it imports, so that an edit in a dependency, whose facts the
// package's analysis reads, invalidates the package and everything above
// it: no fact or finding is ever stale.
//
// Why a cache of maplint's own: go vet -vettool caches per package too,
// but it runs the tool once per package, dependencies included, each
// process loading export data and recomputing facts; measured on raft
// v1.8.0 on this project's two-core machines, a cold go vet -vettool run
// took 8.7-9.9 s against 5.2 s for maplint in one process, which a first
// commit and every CI run without a cache would pay. staticcheck's
// lintcmd/runner, tried with maplint's analyzers, took 129 s cold on
// etcd against 21.5 s. Both warm runs cost what this one does: one go
// list.
//
// An entry that cannot be read, or is corrupt, is a miss; a cache that
// cannot be written is used no further in the run. Either says so in one
// line on stderr, and the run goes on as a cold run would.
type resultCache struct {
	// mu guards the fields below: packages analyzed in parallel store
	// their entries at once.
	mu            sync.Mutex
	dir           string // "" when caching is off
	stderr        io.Writer
	warned        bool
	warnedCorrupt bool
	progress      *progress // erased before a line is printed
}

// cacheDirEnv names the environment variable that sets the cache
// directory; "off" turns caching off.
const cacheDirEnv = "MAPLINT_CACHE"

// entryVersion is written into every entry: bump it when the entry's
// format or the meaning of a key changes.
const entryVersion = "maplint-cache-1"

// openCache returns the cache named by $MAPLINT_CACHE, or maplint's
// directory in the user's cache directory, like staticcheck's.
func openCache(stderr io.Writer, prog *progress) *resultCache {
	c := &resultCache{stderr: stderr, progress: prog}
	dir := os.Getenv(cacheDirEnv)
	switch dir {
	case "off":
		return c
	case "":
		base, err := os.UserCacheDir()
		if err != nil {
			c.warn(fmt.Sprintf("no cache directory (%v); set %s", err, cacheDirEnv))
			return c
		}
		dir = filepath.Join(base, "maplint")
	}
	if err := os.MkdirAll(dir, 0o777); err != nil {
		c.warn(err.Error())
		return c
	}
	c.dir = dir
	c.trim(time.Now())
	return c
}

func (c *resultCache) enabled() bool { return c.directory() != "" }

func (c *resultCache) directory() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.dir
}

// warn prints the first problem with the cache, once.
func (c *resultCache) warn(msg string) {
	c.once(&c.warned, "cache unusable, analyzing without it: %s", msg)
}

// corrupt says, once per run, that an entry was corrupt and is ignored:
// its package is analyzed again and the entry rewritten.
func (c *resultCache) corrupt(name string) {
	c.once(&c.warnedCorrupt, "corrupt cache entries (%s, maybe others) ignored; their packages are analyzed afresh", name)
}

// once prints a line on stderr unless *said, which it sets: the cache
// may warn from the goroutines analyzing packages.
func (c *resultCache) once(said *bool, format string, args ...any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !*said {
		*said = true
		c.progress.clear()
		fmt.Fprintf(c.stderr, "maplint: "+format+"\n", args...)
	}
}

// A cacheKey identifies a package's findings; see resultCache.
type cacheKey [sha256.Size]byte

func (k cacheKey) String() string { return hex.EncodeToString(k[:]) }

// Each package has two entries under its key: its findings ("r") and
// the facts its analyzers exported ("f").
const (
	findingsKind = "r"
	factsKind    = "f"
)

func entryPath(dir string, k cacheKey, kind string) string {
	s := k.String()
	return filepath.Join(dir, s[:2], s+"-"+kind)
}

// get returns the data stored under k and kind, or nil on a miss.
func (c *resultCache) get(k cacheKey, kind string) []byte {
	dir := c.directory()
	if dir == "" {
		return nil
	}
	name := entryPath(dir, k, kind)
	data, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		c.warn(err.Error())
		return nil
	}
	// An entry is "version sha256(payload)\n" then its payload: a
	// truncated or altered file is a miss, never a wrong answer.
	header, payload, _ := bytes.Cut(data, []byte("\n"))
	sum := sha256.Sum256(payload)
	if string(header) != entryVersion+" "+hex.EncodeToString(sum[:]) {
		c.corrupt(name)
		return nil
	}
	// Mark the entry used, for trim; as the go command's cache does, at
	// most once an hour, to spare the writes.
	if fi, err := os.Stat(name); err == nil && time.Since(fi.ModTime()) > time.Hour {
		now := time.Now()
		os.Chtimes(name, now, now) // best effort: a stale mtime only trims the entry early
	}
	return payload
}

// getFindings returns the findings entry stored under k, or nil.
func (c *resultCache) getFindings(k cacheKey) *cacheEntry {
	payload := c.get(k, findingsKind)
	if payload == nil {
		return nil
	}
	var e cacheEntry
	if err := json.Unmarshal(payload, &e); err != nil {
		c.corrupt(entryPath(c.directory(), k, findingsKind))
		return nil
	}
	return &e
}

// putFindings stores the findings entry e under k.
func (c *resultCache) putFindings(k cacheKey, e *cacheEntry) {
	payload, err := json.Marshal(e)
	if err != nil {
		c.warn(err.Error())
		return
	}
	c.put(k, findingsKind, payload)
}

// put stores payload under k and kind, atomically: readers see the old
// entry or the new one, never part of one.
func (c *resultCache) put(k cacheKey, kind string, payload []byte) {
	dir := c.directory()
	if dir == "" {
		return
	}
	sum := sha256.Sum256(payload)
	data := append([]byte(entryVersion+" "+hex.EncodeToString(sum[:])+"\n"), payload...)
	name := entryPath(dir, k, kind)
	err := os.MkdirAll(filepath.Dir(name), 0o777)
	if err == nil {
		err = writeFileAtomic(name, data)
	}
	if err != nil {
		c.warn(err.Error())
		c.mu.Lock()
		c.dir = "" // a cache that cannot be written is not tried again this run
		c.mu.Unlock()
	}
}

func writeFileAtomic(name string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(name), filepath.Base(name)+".tmp*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// Entries not used for trimAge are removed, checking at most once per
// trimInterval (the go command's cache uses 5 days and 1 day too).
const (
	trimAge      = 5 * 24 * time.Hour
	trimInterval = 24 * time.Hour
)

func (c *resultCache) trim(now time.Time) {
	stamp := filepath.Join(c.dir, "trim.txt")
	if fi, err := os.Stat(stamp); err == nil && now.Sub(fi.ModTime()) < trimInterval {
		return
	}
	if err := os.WriteFile(stamp, []byte(now.Format(time.RFC3339)+"\n"), 0o666); err != nil {
		return // a read-only cache: get says so when it matters
	}
	subdirs, _ := os.ReadDir(c.dir)
	for _, sub := range subdirs {
		if !sub.IsDir() || len(sub.Name()) != 2 {
			continue
		}
		entries, _ := os.ReadDir(filepath.Join(c.dir, sub.Name()))
		for _, e := range entries {
			if fi, err := e.Info(); err == nil && now.Sub(fi.ModTime()) > trimAge {
				os.Remove(filepath.Join(c.dir, sub.Name(), e.Name()))
			}
		}
	}
}

// keys returns the cache key of every package listed and of every
// package below them, by package ID; none when caching is off. A package
// whose files cannot be read has no key, nor have its importers.
func (c *resultCache) keys(listed []*packages.Package, analyzers []*analysis.Analyzer, buildFlags []string, tests bool) map[string]cacheKey {
	if !c.enabled() {
		return nil
	}
	base, err := runKey(analyzers, buildFlags, tests)
	if err != nil {
		c.warn(err.Error())
		c.mu.Lock()
		c.dir = ""
		c.mu.Unlock()
		return nil
	}
	kr := &keyer{base: base, keys: make(map[*packages.Package]cacheKey), files: make(map[string][]byte)}
	keys := make(map[string]cacheKey)
	packages.Visit(listed, nil, func(p *packages.Package) {
		if k, err := kr.key(p); err == nil {
			keys[p.ID] = k
		}
	})
	return keys
}

// keyer computes packages' cache keys.
type keyer struct {
	base  []byte // the key of the run: maplint, analyzers, flags, build
	keys  map[*packages.Package]cacheKey
	files map[string][]byte // content hash by file name, each file read once
}

// runKey is what every key of a run shares. maplint is identified by its
// executable's contents, as go vet identifies a vet tool by -V=full.
func runKey(analyzers []*analysis.Analyzer, buildFlags []string, tests bool) ([]byte, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	f, err := os.Open(exe)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if _, err := io.Copy(h, f); err != nil {
		return nil, err
	}
	fmt.Fprintf(h, "\n%s %s/%s tests=%v build=%q\n", entryVersion, runtime.GOOS, runtime.GOARCH, tests, buildFlags)
	for _, a := range analyzers {
		fmt.Fprintf(h, "analyzer %s\n", a.Name)
		a.Flags.VisitAll(func(fl *flag.Flag) { fmt.Fprintf(h, "  -%s=%s\n", fl.Name, fl.Value) })
	}
	for _, name := range envAffectingBuild {
		fmt.Fprintf(h, "env %s=%q\n", name, os.Getenv(name))
	}
	return h.Sum(nil), nil
}

// envAffectingBuild are the variables that change what the go command
// lists beyond the file lists themselves (the toolchain and the module
// graph: a go.mod edit changes the importer's files only through them).
var envAffectingBuild = []string{"GOFLAGS", "GOTOOLCHAIN", "GOEXPERIMENT", "CGO_ENABLED", "GOOS", "GOARCH"}

// key returns p's key: the run's, p's identity and files, and its
// imports' keys.
func (kr *keyer) key(p *packages.Package) (cacheKey, error) {
	if k, ok := kr.keys[p]; ok {
		return k, nil
	}
	h := sha256.New()
	h.Write(kr.base)
	fmt.Fprintf(h, "package %s %s %s\n", p.ID, p.PkgPath, p.Name)
	if p.Module != nil {
		fmt.Fprintf(h, "module %s %s %s\n", p.Module.Path, p.Module.Version, p.Module.GoVersion)
	}
	files := slices.Concat(p.CompiledGoFiles, p.OtherFiles)
	for _, name := range files {
		sum, err := kr.fileHash(name)
		if err != nil {
			return cacheKey{}, err
		}
		fmt.Fprintf(h, "file %s %x\n", name, sum)
	}
	paths := make([]string, 0, len(p.Imports))
	for path := range p.Imports {
		paths = append(paths, path)
	}
	slices.Sort(paths)
	for _, path := range paths {
		k, err := kr.key(p.Imports[path])
		if err != nil {
			return cacheKey{}, err
		}
		fmt.Fprintf(h, "import %s %s\n", path, k)
	}
	var k cacheKey
	h.Sum(k[:0])
	kr.keys[p] = k
	return k, nil
}

func (kr *keyer) fileHash(name string) ([]byte, error) {
	if sum, ok := kr.files[name]; ok {
		return sum, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, err
	}
	sum := h.Sum(nil)
	kr.files[name] = sum
	return sum, nil
}

// A cacheEntry is what a package's analysis reported, in a form that
// outlives the run: positions as offsets in files whose line tables are
// kept, so that a later run rebuilds them into a token.FileSet and prints
// them exactly as the analysis would.
type cacheEntry struct {
	Findings []cachedFinding
	Files    []cachedFile
}

type cachedFile struct {
	Name  string
	Size  int
	Lines []int
}

type cachedFinding struct {
	Analyzer string
	Category string `json:",omitempty"`
	Message  string
	Pos, End cachedPos
	Related  []cachedRelated `json:",omitempty"`
	Fixes    []cachedFix     `json:",omitempty"`
}

// A cachedPos is an offset in Files[File], or File -1 for no position.
type cachedPos struct{ File, Offset int }

type cachedRelated struct {
	Pos, End cachedPos
	Message  string
}

type cachedFix struct {
	Message string
	Edits   []cachedEdit
}

type cachedEdit struct {
	Pos, End cachedPos
	New      string
}

// newEntry encodes the findings of one package, or reports false when
// they cannot be kept: a position in a file mapped by //line directives,
// which a cachedFile does not record.
func newEntry(findings []*finding) (*cacheEntry, bool) {
	e := new(cacheEntry)
	index := make(map[*token.File]int)
	ok := true
	pos := func(fset *token.FileSet, p token.Pos) cachedPos {
		if !p.IsValid() {
			return cachedPos{-1, 0}
		}
		tf := fset.File(p)
		if tf == nil || fset.Position(p) != fset.PositionFor(p, false) {
			ok = false
			return cachedPos{-1, 0}
		}
		i, seen := index[tf]
		if !seen {
			i = len(e.Files)
			index[tf] = i
			e.Files = append(e.Files, cachedFile{Name: tf.Name(), Size: tf.Size(), Lines: tf.Lines()})
		}
		return cachedPos{i, tf.Offset(p)}
	}
	for _, f := range findings {
		d := f.diag
		cf := cachedFinding{
			Analyzer: f.analyzer.Name,
			Category: d.Category,
			Message:  d.Message,
			Pos:      pos(f.fset, d.Pos),
			End:      pos(f.fset, d.End),
		}
		for _, r := range d.Related {
			cf.Related = append(cf.Related, cachedRelated{pos(f.fset, r.Pos), pos(f.fset, r.End), r.Message})
		}
		for _, fix := range d.SuggestedFixes {
			cfix := cachedFix{Message: fix.Message}
			for _, te := range fix.TextEdits {
				cfix.Edits = append(cfix.Edits, cachedEdit{pos(f.fset, te.Pos), pos(f.fset, te.End), string(te.NewText)})
			}
			cf.Fixes = append(cf.Fixes, cfix)
		}
		e.Findings = append(e.Findings, cf)
	}
	return e, ok
}

// findings decodes the entry's findings for package pkg, adding its
// files to fset. It reports false if the entry names an analyzer not in
// byName or a position outside its files: a miss, not a wrong answer.
func (e *cacheEntry) findings(fset *token.FileSet, pkg *packages.Package, byName map[string]*analysis.Analyzer) ([]*finding, bool) {
	files := make([]*token.File, len(e.Files))
	for i, cf := range e.Files {
		tf := fset.AddFile(cf.Name, -1, cf.Size)
		if !tf.SetLines(cf.Lines) {
			return nil, false
		}
		files[i] = tf
	}
	ok := true
	pos := func(p cachedPos) token.Pos {
		if p.File == -1 {
			return token.NoPos
		}
		if p.File < 0 || p.File >= len(files) || p.Offset < 0 || p.Offset > files[p.File].Size() {
			ok = false
			return token.NoPos
		}
		return files[p.File].Pos(p.Offset)
	}
	var findings []*finding
	for _, cf := range e.Findings {
		a := byName[cf.Analyzer]
		if a == nil {
			return nil, false
		}
		d := analysis.Diagnostic{Pos: pos(cf.Pos), End: pos(cf.End), Category: cf.Category, Message: cf.Message}
		for _, r := range cf.Related {
			d.Related = append(d.Related, analysis.RelatedInformation{Pos: pos(r.Pos), End: pos(r.End), Message: r.Message})
		}
		for _, fix := range cf.Fixes {
			sf := analysis.SuggestedFix{Message: fix.Message}
			for _, ed := range fix.Edits {
				sf.TextEdits = append(sf.TextEdits, analysis.TextEdit{Pos: pos(ed.Pos), End: pos(ed.End), NewText: []byte(ed.New)})
			}
			d.SuggestedFixes = append(d.SuggestedFixes, sf)
		}
		findings = append(findings, newFinding(a, fset, pkg, d))
	}
	return findings, ok
}
