package lsp

// These tests speak the protocol to a Server over pipes, as an editor
// does, with a maplint binary built from this checkout doing the
// analysis, and compare what the server publishes with what
// `maplint -format json` says about the same code.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/sourcegraph/jsonrpc2"

	"github.com/maplint/maplint/internal/lintcmd"
	"github.com/maplint/maplint/internal/maplinttest"
	"github.com/maplint/maplint/passes/suite"
)

var maplintBin string

func TestMain(m *testing.M) {
	os.Exit(maplinttest.Main(m, &maplintBin))
}

// testModule copies testdata/mod to a temporary directory, which the
// tests may edit, and returns its path.
func testModule(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	if err := os.CopyFS(dst, os.DirFS(filepath.Join("testdata", "mod"))); err != nil {
		t.Fatal(err)
	}
	// The symlink-free absolute path, as maplint prints it.
	dst, err := filepath.EvalSymlinks(dst)
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// client is the editor's end of the connection.
type client struct {
	t       *testing.T
	conn    *jsonrpc2.Conn
	served  chan error
	publish chan PublishDiagnosticsParams

	mu       sync.Mutex
	latest   map[string]PublishDiagnosticsParams // by URI
	count    map[string]int                      // publishes by URI
	logs     []string
	messages []string // window/showMessage
}

// start runs srv on one end of a pair of pipes and returns a client on
// the other, initialized with the given initializationOptions.
func start(t *testing.T, srv *Server, options any) *client {
	t.Helper()
	toServerR, toServerW := io.Pipe()
	toClientR, toClientW := io.Pipe()
	c := &client{
		t:       t,
		served:  make(chan error, 1),
		publish: make(chan PublishDiagnosticsParams, 1000),
		latest:  make(map[string]PublishDiagnosticsParams),
		count:   make(map[string]int),
	}
	go func() {
		c.served <- srv.Serve(context.Background(), pipeEnd{toServerR, toClientW})
		toClientW.Close()
	}()
	c.conn = jsonrpc2.NewConn(context.Background(),
		jsonrpc2.NewBufferedStream(pipeEnd{toClientR, toServerW}, jsonrpc2.VSCodeObjectCodec{}),
		jsonrpc2.HandlerWithError(c.handle))
	t.Cleanup(func() { c.conn.Close() })

	var init InitializeResult
	params := map[string]any{"processId": nil, "rootUri": nil, "capabilities": map[string]any{}}
	if options != nil {
		params["initializationOptions"] = options
	}
	c.call("initialize", params, &init)
	if init.ServerInfo.Name != "maplint" || init.Capabilities.TextDocumentSync.Change != syncFull ||
		!slices.Equal(init.Capabilities.CodeActionProvider.CodeActionKinds, []string{quickFix}) {
		t.Fatalf("initialize result %+v", init)
	}
	c.notify("initialized", map[string]any{})
	return c
}

type pipeEnd struct {
	*io.PipeReader
	*io.PipeWriter
}

func (p pipeEnd) Close() error {
	p.PipeReader.Close()
	return p.PipeWriter.Close()
}

func (c *client) handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
	switch req.Method {
	case "textDocument/publishDiagnostics":
		var p PublishDiagnosticsParams
		if err := json.Unmarshal(*req.Params, &p); err != nil {
			c.t.Errorf("publishDiagnostics: %v", err)
			return nil, nil
		}
		c.mu.Lock()
		c.latest[p.URI] = p
		c.count[p.URI]++
		c.mu.Unlock()
		c.publish <- p
	case "window/logMessage", "window/showMessage":
		var p ShowMessageParams
		json.Unmarshal(*req.Params, &p)
		c.mu.Lock()
		if req.Method == "window/showMessage" {
			c.messages = append(c.messages, p.Message)
		} else {
			c.logs = append(c.logs, p.Message)
		}
		c.mu.Unlock()
	default:
		c.t.Errorf("unexpected message from the server: %s", req.Method)
	}
	return nil, nil
}

func (c *client) call(method string, params, result any) {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := c.conn.Call(ctx, method, params, result); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

func (c *client) open(path string) {
	c.t.Helper()
	text, err := os.ReadFile(path)
	if err != nil {
		c.t.Fatal(err)
	}
	c.notify("textDocument/didOpen", DidOpenTextDocumentParams{TextDocument: TextDocumentItem{
		URI: pathToURI(path), LanguageID: "go", Version: 1, Text: string(text)}})
}

func (c *client) change(path string, version int, text string) {
	c.t.Helper()
	c.notify("textDocument/didChange", DidChangeTextDocumentParams{
		TextDocument:   VersionedTextDocumentIdentifier{URI: pathToURI(path), Version: version},
		ContentChanges: []TextDocumentContentChangeEvent{{Text: text}},
	})
}

func (c *client) save(path string) {
	c.t.Helper()
	c.notify("textDocument/didSave", DidSaveTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: pathToURI(path)}})
}

// waitFor waits for a publish to path's URI that satisfies ok, and
// returns its diagnostics.
func (c *client) waitFor(path string, ok func([]Diagnostic) bool) []Diagnostic {
	c.t.Helper()
	uri := pathToURI(path)
	timeout := time.After(2 * time.Minute)
	for {
		select {
		case p := <-c.publish:
			if p.URI == uri && ok(p.Diagnostics) {
				return p.Diagnostics
			}
		case <-timeout:
			c.mu.Lock()
			defer c.mu.Unlock()
			c.t.Fatalf("no suitable diagnostics published for %s; last: %+v\nlog: %q", path, c.latest[uri], c.logs)
		}
	}
}

// latestFor is the last publish to path's URI.
func (c *client) latestFor(path string) ([]Diagnostic, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.latest[pathToURI(path)]
	return p.Diagnostics, ok
}

// shutdown ends the session as an editor does and checks that the server
// returns cleanly.
func (c *client) shutdown() {
	c.t.Helper()
	c.call("shutdown", nil, nil)
	c.notify("exit", nil)
	select {
	case err := <-c.served:
		if err != nil {
			c.t.Errorf("Serve after shutdown and exit: %v", err)
		}
	case <-time.After(30 * time.Second):
		c.t.Fatal("Serve did not return after exit")
	}
}

func withCode(code string) func([]Diagnostic) bool {
	return func(d []Diagnostic) bool {
		return slices.ContainsFunc(d, func(x Diagnostic) bool { return x.Code == code })
	}
}

func without(code string) func([]Diagnostic) bool {
	return func(d []Diagnostic) bool {
		return !slices.ContainsFunc(d, func(x Diagnostic) bool { return x.Code == code })
	}
}

// maplintJSON runs `maplint -format json` on a pattern in the module, as
// a user would.
func maplintJSON(t *testing.T, module, pattern string) lintcmd.JSONOutput {
	t.Helper()
	cmd := exec.Command(maplintBin, "-format", "json", pattern)
	cmd.Dir = module
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 3) {
		t.Fatalf("maplint -format json %s: %v\n%s", pattern, err, stderr.Bytes())
	}
	var res lintcmd.JSONOutput
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("maplint -format json %s: %v\n%s", pattern, err, out)
	}
	return res
}

// The test's own conversions from maplint's positions to the protocol's,
// written independently of the server's (unicode/utf16 on the line's
// prefix).
func wantPosition(t *testing.T, content []byte, line, col int) Position {
	t.Helper()
	lines := strings.SplitAfter(string(content), "\n")
	if line < 1 || line > len(lines) || col < 1 || col-1 > len(lines[line-1]) {
		t.Fatalf("position %d:%d outside the file", line, col)
	}
	return Position{Line: line - 1, Character: len(utf16.Encode([]rune(lines[line-1][:col-1])))}
}

func wantOffsetPosition(t *testing.T, content []byte, offset int) Position {
	t.Helper()
	before := string(content[:offset])
	line := strings.Count(before, "\n")
	col := offset - (strings.LastIndex(before, "\n") + 1)
	return wantPosition(t, content, line+1, col+1)
}

func wantRange(t *testing.T, module, posn, end string) (string, Range) {
	t.Helper()
	p, ok := parsePosn(posn)
	if !ok {
		t.Fatalf("bad posn %q", posn)
	}
	path := filepath.Join(module, p.file)
	content, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := Range{Start: wantPosition(t, content, p.line, p.col)}
	r.End = r.Start
	if end != "" {
		e, _ := parsePosn(end)
		r.End = wantPosition(t, content, e.line, e.col)
	}
	return path, r
}

// checkAgainstJSON checks that the diagnostics published for each file
// of the package are exactly maplint's JSON findings there.
func checkAgainstJSON(t *testing.T, c *client, module string, want lintcmd.JSONOutput) {
	t.Helper()
	wantByFile := make(map[string][]Diagnostic)
	for _, analyzers := range want {
		for analyzer, diags := range analyzers {
			for _, jd := range diags {
				path, r := wantRange(t, module, jd.Posn, jd.End)
				d := Diagnostic{
					Range:           r,
					Severity:        map[string]int{"error": 1, "warning": 2, "suggestion": 3}[jd.Severity],
					Code:            analyzer,
					CodeDescription: &CodeDescription{Href: analyzerURL(t, analyzer)},
					Source:          "maplint",
					Message:         jd.Message,
				}
				for _, rel := range jd.Related {
					rpath, rr := wantRange(t, module, rel.Posn, rel.End)
					d.RelatedInformation = append(d.RelatedInformation, DiagnosticRelatedInformation{
						Location: Location{URI: pathToURI(rpath), Range: rr}, Message: rel.Message})
				}
				wantByFile[path] = append(wantByFile[path], d)
			}
		}
	}
	if len(wantByFile) == 0 {
		t.Fatal("maplint -format json found nothing: the test module lost its findings")
	}
	for path, wantDiags := range wantByFile {
		got, ok := c.latestFor(path)
		if !ok {
			t.Errorf("nothing published for %s", path)
			continue
		}
		key := func(d Diagnostic) string { b, _ := json.Marshal(d); return string(b) }
		gotKeys, wantKeys := make([]string, 0), make([]string, 0)
		for _, d := range got {
			gotKeys = append(gotKeys, key(d))
		}
		for _, d := range wantDiags {
			wantKeys = append(wantKeys, key(d))
		}
		slices.Sort(gotKeys)
		slices.Sort(wantKeys)
		if !slices.Equal(gotKeys, wantKeys) {
			t.Errorf("%s: published\n%s\nmaplint -format json says\n%s", filepath.Base(path), strings.Join(gotKeys, "\n"), strings.Join(wantKeys, "\n"))
		}
	}
}

// applyEdits applies protocol edits (UTF-16 positions) to content, as an
// editor does.
func applyEdits(t *testing.T, content string, edits []TextEdit) string {
	t.Helper()
	offset := func(p Position) int {
		lines := strings.SplitAfter(content, "\n")
		off := 0
		for _, l := range lines[:p.Line] {
			off += len(l)
		}
		units := utf16.Encode([]rune(lines[p.Line]))
		return off + len(string(utf16.Decode(units[:p.Character])))
	}
	edits = slices.Clone(edits)
	slices.SortFunc(edits, func(a, b TextEdit) int { return comparePos(b.Range.Start, a.Range.Start) })
	for _, e := range edits {
		start, end := offset(e.Range.Start), offset(e.Range.End)
		content = content[:start] + e.NewText + content[end:]
	}
	return content
}

func goBuild(t *testing.T, module string) {
	t.Helper()
	cmd := exec.Command("go", "build", "./bugs")
	cmd.Dir = module
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./bugs after the fix: %v\n%s", err, out)
	}
}

// TestProtocol drives a session: initialize, didOpen, the diagnostics of
// the whole package (also of a file that is not open), codeAction,
// applying the fix, didSave, settings, shutdown and exit.
func TestProtocol(t *testing.T) {
	module := testModule(t)
	hint := filepath.Join(module, "bugs", "hint.go")
	race := filepath.Join(module, "bugs", "race.go")
	c := start(t, &Server{Maplint: maplintBin}, nil)

	c.open(hint)
	hintDiags := c.waitFor(hint, withCode("makehint"))
	if _, ok := c.latestFor(race); !ok {
		c.waitFor(race, withCode("concwrite"))
	}
	checkAgainstJSON(t, c, module, maplintJSON(t, module, "./bugs"))
	raceDiags, _ := c.latestFor(race)
	if len(raceDiags) != 1 || len(raceDiags[0].RelatedInformation) == 0 || raceDiags[0].Severity != SeverityError {
		t.Errorf("race.go: want one concwrite error with related information, got %+v", raceDiags)
	}

	// The quick fix for the makehint finding: maplint's edit, converted.
	var mh Diagnostic
	for _, d := range hintDiags {
		if d.Code == "makehint" {
			mh = d
		}
	}
	codeAction := func() []CodeAction {
		var actions []CodeAction
		c.call("textDocument/codeAction", CodeActionParams{
			TextDocument: TextDocumentIdentifier{URI: pathToURI(hint)},
			Range:        Range{Start: Position{Line: mh.Range.Start.Line}, End: Position{Line: mh.Range.Start.Line}},
			Context:      CodeActionContext{Diagnostics: []Diagnostic{mh}, Only: []string{"quickfix"}},
		}, &actions)
		return actions
	}
	actions := codeAction()
	if len(actions) != 1 {
		t.Fatalf("code actions for the makehint finding: %+v, want one", actions)
	}
	a := actions[0]
	content, _ := os.ReadFile(hint)
	jf := maplintJSON(t, module, "./bugs")["example.com/lspmod/bugs"]["makehint"][0].SuggestedFixes[0]
	var wantEdits []TextEdit
	for _, e := range jf.Edits {
		wantEdits = append(wantEdits, TextEdit{Range{wantOffsetPosition(t, content, e.Start), wantOffsetPosition(t, content, e.End)}, e.New})
	}
	if a.Kind != "quickfix" || !a.IsPreferred || a.Title != jf.Message || len(a.Diagnostics) != 1 || a.Diagnostics[0].Message != mh.Message ||
		a.Edit == nil || len(a.Edit.Changes) != 1 || !slices.Equal(a.Edit.Changes[pathToURI(hint)], wantEdits) {
		t.Fatalf("code action %+v\nwant a preferred quickfix %q with edits %+v", a, jf.Message, wantEdits)
	}

	// Once the buffer differs from what was analyzed, the offsets no
	// longer hold: no fix until the next save.
	c.change(hint, 2, string(content)+"\n// an unsaved edit\n")
	if got := codeAction(); len(got) != 0 {
		t.Errorf("code actions on an edited buffer: %+v, want none", got)
	}
	c.change(hint, 3, string(content))
	if got := codeAction(); len(got) != 1 {
		t.Errorf("code actions once the buffer is back to the analyzed text: %+v, want one", got)
	}

	// Apply it as the editor would, save, and check the result.
	fixed := applyEdits(t, string(content), a.Edit.Changes[pathToURI(hint)])
	if !strings.Contains(fixed, "make(map[int]string, len(names))") {
		t.Fatalf("fixed file lacks the hint:\n%s", fixed)
	}
	if err := os.WriteFile(hint, []byte(fixed), 0o644); err != nil {
		t.Fatal(err)
	}
	goBuild(t, module)
	c.change(hint, 4, fixed)
	c.save(hint)
	if d := c.waitFor(hint, without("makehint")); len(d) != 0 {
		t.Errorf("hint.go after the fix: %+v, want no diagnostics", d)
	}
	if d, _ := c.latestFor(race); len(d) != 1 {
		t.Errorf("race.go after saving hint.go: %+v, want its concwrite finding", d)
	}

	// Settings: the keys of maplint.toml.
	c.notify("workspace/didChangeConfiguration", DidChangeConfigurationParams{Settings: json.RawMessage(`{"maplint": {"analyzers": ["-concwrite"]}}`)})
	c.waitFor(race, without("concwrite"))
	// null settings (a client that synchronises none) change nothing.
	c.notify("workspace/didChangeConfiguration", DidChangeConfigurationParams{Settings: json.RawMessage(`null`)})
	c.save(race)
	c.waitFor(race, without("concwrite"))
	c.notify("workspace/didChangeConfiguration", DidChangeConfigurationParams{Settings: json.RawMessage(`{}`)})
	c.waitFor(race, withCode("concwrite"))

	c.shutdown()
}

// TestBrokenPackage: a package that does not type-check gets no maplint
// diagnostics, though maplint's JSON has a finding in it, and the server
// goes on working.
func TestBrokenPackage(t *testing.T) {
	module := testModule(t)
	broken := filepath.Join(module, "broken", "broken.go")
	hint := filepath.Join(module, "bugs", "hint.go")
	if out := maplintJSON2(t, module, "./broken"); !strings.Contains(out, "makehint") {
		t.Fatalf("maplint -format json ./broken has no finding to hold back:\n%s", out)
	}
	c := start(t, &Server{Maplint: maplintBin}, nil)

	c.open(broken)
	if d := c.waitFor(broken, func([]Diagnostic) bool { return true }); len(d) != 0 {
		t.Errorf("broken.go: %+v, want no diagnostics", d)
	}
	var actions []CodeAction
	c.call("textDocument/codeAction", CodeActionParams{
		TextDocument: TextDocumentIdentifier{URI: pathToURI(broken)},
		Range:        Range{End: Position{Line: 20}},
	}, &actions)
	if len(actions) != 0 {
		t.Errorf("code actions in broken.go: %+v, want none", actions)
	}

	// Other packages are analyzed as before...
	c.open(hint)
	c.waitFor(hint, withCode("makehint"))
	// ...and once the package type-checks again, it is too.
	content, _ := os.ReadFile(broken)
	os.WriteFile(broken, bytes.Replace(content, []byte("return undefinedName"), []byte("return pos"), 1), 0o644)
	c.save(broken)
	c.waitFor(broken, withCode("makehint"))

	c.mu.Lock()
	logged := strings.Join(c.logs, "\n")
	c.mu.Unlock()
	if !strings.Contains(logged, "does not load or type-check") || !strings.Contains(logged, "undefinedName") {
		t.Errorf("the log does not say why broken.go got no diagnostics:\n%s", logged)
	}
	c.shutdown()
}

// maplintJSON2 is maplint's raw JSON output for a pattern, whatever its
// exit status.
func maplintJSON2(t *testing.T, module, pattern string) string {
	cmd := exec.Command(maplintBin, "-format", "json", pattern)
	cmd.Dir = module
	out, _ := cmd.Output()
	return string(out)
}

// TestSupersede: a save while an analysis of the same package runs kills
// that analysis, and only the newer one publishes.
func TestSupersede(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the stand-in for a slow maplint is a shell script")
	}
	module := testModule(t)
	hint := filepath.Join(module, "bugs", "hint.go")
	race := filepath.Join(module, "bugs", "race.go")
	dir := t.TempDir()
	hold := filepath.Join(dir, "hold")
	started := filepath.Join(dir, "started")
	// A maplint that, while the hold file exists, never finishes: the
	// stand-in for an analysis of a huge package.
	script := filepath.Join(dir, "slow-maplint")
	os.WriteFile(script, []byte(fmt.Sprintf(`#!/bin/sh
echo $$ >> %q
if [ -e %q ]; then
	while :; do sleep 0.05; done
fi
exec %q "$@"
`, started, hold, maplintBin)), 0o755)
	os.WriteFile(hold, nil, 0o644)

	c := start(t, &Server{Maplint: script}, nil)
	c.open(hint)
	var firstPID int
	deadline := time.Now().Add(time.Minute)
	for firstPID == 0 && time.Now().Before(deadline) {
		if data, err := os.ReadFile(started); err == nil {
			fmt.Sscan(string(data), &firstPID)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if firstPID == 0 {
		t.Fatal("the first analysis did not start")
	}

	// The user fixes the finding and saves while the first analysis hangs.
	os.Remove(hold)
	content, _ := os.ReadFile(hint)
	os.WriteFile(hint, bytes.Replace(content, []byte("make(map[int]string)"), []byte("make(map[int]string, len(names))"), 1), 0o644)
	begin := time.Now()
	c.save(hint)
	if d := c.waitFor(hint, func([]Diagnostic) bool { return true }); len(d) != 0 {
		t.Errorf("hint.go after the superseding save: %+v, want none (the fixed file)", d)
	}
	c.waitFor(race, withCode("concwrite"))
	t.Logf("the superseding analysis published after %v", time.Since(begin))

	// The first process was killed, and it published nothing.
	for {
		p, err := os.FindProcess(firstPID)
		if err != nil || p.Signal(syscall.Signal(0)) != nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the superseded maplint (pid %d) still runs", firstPID)
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond)
	c.mu.Lock()
	n := c.count[pathToURI(hint)]
	c.mu.Unlock()
	if n != 1 {
		t.Errorf("hint.go was published %d times, want once (by the superseding analysis)", n)
	}
	c.shutdown()
}

func TestSettingsFlags(t *testing.T) {
	for _, tc := range []struct {
		settings string
		want     []string
		err      string
	}{
		{settings: ``},
		{settings: `null`},
		{settings: `{}`},
		{
			settings: `{"maplint": {"analyzers": ["-makehint"], "layout": "classic", "bigvalue": {"inline-floor": 128, "min-saving": 0.5}}}`,
			want:     []string{"-makehint=false", "-layout=classic", "-bigvalue.inline-floor=128", "-bigvalue.min-saving=0.5"},
		},
		{
			settings: `{"analyzers": ["concwrite", "maporder"], "fail": ["concwrite"]}`,
			want:     []string{"-concwrite", "-rangemut=false", "-makehint=false", "-bigvalue=false", "-maporder"},
		},
		{
			settings: `{"analyzers": ["all", "-bigvalue"]}`,
			want:     []string{"-concwrite", "-rangemut", "-makehint", "-bigvalue=false", "-maporder"},
		},
		{settings: `{"analyzers": ["inherit", "-bigvalue"]}`, want: []string{"-bigvalue=false"}},
		{settings: `{"fails": ["concwrite"]}`, err: `unknown key "fails"`},
		{settings: `{"analyzers": ["concwrit"]}`, err: `unknown analyzer "concwrit"`},
		{settings: `{"makehint": {"min-entrie": 4}}`, err: `makehint.min-entrie: unknown key`},
		{settings: `[1]`, err: `not a JSON object`},
	} {
		got, err := settingsFlags(json.RawMessage(tc.settings))
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: error %v, want one containing %q", tc.settings, err, tc.err)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("%s: %q, %v; want %q", tc.settings, got, err, tc.want)
		}
	}
}

func TestParsePosn(t *testing.T) {
	for s, want := range map[string]posn{
		"a/b.go:3:7":    {"a/b.go", 3, 7},
		"c:/x/b.go:3:7": {"c:/x/b.go", 3, 7},
		"b.go:3":        {"b.go", 3, 1},
	} {
		if got, ok := parsePosn(s); !ok || got != want {
			t.Errorf("parsePosn(%q) = %v, %v; want %v", s, got, ok, want)
		}
	}
	for _, s := range []string{"", "b.go", ":3:4"} {
		if got, ok := parsePosn(s); ok {
			t.Errorf("parsePosn(%q) = %v, want failure", s, got)
		}
	}
}

// TestBadConfiguration: settings maplint would not accept, and a
// maplint.toml it rejects, are shown to the user; the server goes on.
func TestBadConfiguration(t *testing.T) {
	module := testModule(t)
	hint := filepath.Join(module, "bugs", "hint.go")
	c := start(t, &Server{Maplint: maplintBin}, map[string]any{"fails": []string{"concwrite"}})
	shown := func(substr string) bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		return slices.ContainsFunc(c.messages, func(m string) bool { return strings.Contains(m, substr) })
	}
	// The rejected settings left none in force: the file is analyzed.
	c.open(hint)
	c.waitFor(hint, withCode("makehint"))
	if !shown(`settings: unknown key "fails"`) {
		t.Errorf("bad initializationOptions not shown; messages: %q", c.messages)
	}

	if err := os.WriteFile(filepath.Join(module, "maplint.toml"), []byte("layout = \"square\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.save(hint)
	if d := c.waitFor(hint, without("makehint")); len(d) != 0 {
		t.Errorf("hint.go under a broken maplint.toml: %+v, want no diagnostics", d)
	}
	if !shown(`maplint.toml: layout: "square" is not a map layout`) {
		t.Errorf("the broken maplint.toml is not shown; messages: %q", c.messages)
	}

	// Fixed, it applies: makehint turned off there stays off.
	os.WriteFile(filepath.Join(module, "maplint.toml"), []byte("analyzers = [\"all\", \"-makehint\"]\n"), 0o644)
	race := filepath.Join(module, "bugs", "race.go")
	c.save(hint)
	c.waitFor(race, withCode("concwrite"))
	if d, _ := c.latestFor(hint); len(d) != 0 {
		t.Errorf("hint.go with makehint off in maplint.toml: %+v", d)
	}
	c.shutdown()
}

func TestMainArguments(t *testing.T) {
	var stderr bytes.Buffer
	if got := Main([]string{"-verbose"}, strings.NewReader(""), io.Discard, &stderr, "test"); got != 2 || !strings.Contains(stderr.String(), `unknown argument "-verbose"`) {
		t.Errorf("Main(-verbose) = %d, %q; want 2 and the argument named", got, stderr.String())
	}
	// --stdio, which generic clients add, is accepted; a connection that
	// ends without shutdown and exit is status 1.
	stderr.Reset()
	if got := Main([]string{"--stdio"}, strings.NewReader(""), io.Discard, &stderr, "test"); got != 1 {
		t.Errorf("Main(--stdio) on an empty stdin = %d, want 1; stderr %q", got, stderr.String())
	}
}

// TestCrash: a maplint that panics (exit status 2, like bad flags) is
// reported as a crash, and the server goes on.
func TestCrash(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the crashing stand-in for maplint is a shell script")
	}
	module := testModule(t)
	hint := filepath.Join(module, "bugs", "hint.go")
	script := filepath.Join(t.TempDir(), "crashing-maplint")
	os.WriteFile(script, []byte("#!/bin/sh\nprintf 'panic: runtime error: index out of range [3] with length 3\\n\\ngoroutine 1 [running]:\\nmain.main()\\n' >&2\nexit 2\n"), 0o755)
	c := start(t, &Server{Maplint: script}, nil)
	c.open(hint)
	if d := c.waitFor(hint, func([]Diagnostic) bool { return true }); len(d) != 0 {
		t.Errorf("diagnostics from a crashed run: %+v", d)
	}
	c.mu.Lock()
	messages, logs := strings.Join(c.messages, "\n"), strings.Join(c.logs, "\n")
	c.mu.Unlock()
	if !strings.Contains(messages, "crashed: panic: runtime error: index out of range") || strings.Contains(messages, "goroutine 1") {
		t.Errorf("shown: %q, want the panic's first line", messages)
	}
	if !strings.Contains(logs, "goroutine 1 [running]") {
		t.Errorf("logged: %q, want the trace", logs)
	}
	c.shutdown()
}

// analyzerURL is the documentation URL analyzer declares, which SARIF's
// rules and maplint help give too.
func analyzerURL(t *testing.T, analyzer string) string {
	t.Helper()
	for _, a := range suite.Analyzers() {
		if a.Name == analyzer && a.URL != "" {
			return a.URL
		}
	}
	t.Fatalf("no analyzer %s with a URL in the suite", analyzer)
	return ""
}
