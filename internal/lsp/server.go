// Package lsp is `maplint lsp`: a Language Server Protocol server over
// stdio that an editor runs beside gopls for Go files. gopls cannot load
// third-party analyzers, so this server gives editors what gopls would if
// it could load maplint's: its findings as diagnostics, on open and on
// save, and its suggested fixes as quick-fix code actions.
//
// The server does not analyze in its own process. For each package it
// runs maplint itself, `maplint -format json [settings] ./DIR`, in the
// package's module root, so that:
//   - a crash, or a package too large for memory, ends one run and not
//     the editor's session, and the server's own memory stays that of the
//     open files' findings however long the session;
//   - a newer save of a package supersedes its running analysis by
//     killing the process;
//   - maplint.toml is read exactly as on the command line, and what the
//     command caches between runs is used.
//
// A package that does not load or type-check (maplint's exit status 1)
// gets no maplint diagnostics: gopls reports its errors.
package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/sourcegraph/jsonrpc2"
)

// Server is a maplint language server. The zero value is not usable: set
// Maplint, or use Main.
type Server struct {
	// Maplint is the maplint executable run for each analysis.
	Maplint string
	// Version is reported to the editor as the server's version.
	Version string
	// Delay is how long an analysis waits before it starts, so that a
	// burst of opens or saves of one package starts one process.
	Delay time.Duration
	// Log receives the server's own problems (protocol errors); nil
	// discards them.
	Log io.Writer

	conn *jsonrpc2.Conn
	// runs limits how many maplint processes run at once: each already
	// uses every core to load and type-check.
	runs chan struct{}

	mu        sync.Mutex
	ctx       context.Context // cancelled at shutdown
	cancelAll context.CancelFunc
	flags     []string                 // from the settings
	docs      map[string]*document     // open documents, by file name
	pkgs      map[string]*packageState // by package directory
	shown     string                   // the last error shown to the user, not to repeat it
	shutdown  bool
	exited    chan struct{} // closed by the exit notification
	exitOnce  sync.Once
	// outbox holds the notifications to send, in order; they are sent by
	// flush without holding mu, so that an editor slow to read never
	// blocks the server's state.
	outbox []outMessage
	sendMu sync.Mutex // held while sending, so that batches keep their order
}

type outMessage struct {
	method string
	params any
}

// document is an open file, as the editor has it.
type document struct {
	uri     string
	version int
	text    string
}

// packageState is what the server knows of one package directory: its
// current analysis and its findings.
type packageState struct {
	gen    int                // incremented by each analysis started
	cancel context.CancelFunc // of the current analysis, nil when none runs
	// findings by file name, from the last analysis that finished.
	findings map[string][]*finding
	// published are the files the last analysis published to, to clear
	// them when their findings go away.
	published map[string]bool
}

// finding is one diagnostic and its fixes, converted for the protocol.
type finding struct {
	diag  Diagnostic
	fixes []fix
}

type fix struct {
	title string
	edits map[string][]TextEdit // by file name
	// content is each edited file's content as analyzed: a fix is offered
	// only while the editor's text (or the file) is still that content.
	content map[string][]byte
}

// Main runs the server on stdin and stdout until the editor exits it, and
// returns the exit status: 0 after shutdown and exit, 1 when the
// connection ends otherwise.
func Main(args []string, stdin io.Reader, stdout io.Writer, stderr io.Writer, version string) int {
	for _, a := range args {
		// Generic editor clients add --stdio; stdio is all there is.
		if a != "-stdio" && a != "--stdio" {
			fmt.Fprintf(stderr, "maplint lsp: unknown argument %q\nusage: maplint lsp   (a language server on stdin and stdout, for editors)\n", a)
			return 2
		}
	}
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintf(stderr, "maplint lsp: %v\n", err)
		return 1
	}
	s := &Server{Maplint: exe, Version: version, Delay: 100 * time.Millisecond, Log: stderr}
	if err := s.Serve(context.Background(), stdio{stdin, stdout}); err != nil {
		fmt.Fprintf(stderr, "maplint lsp: %v\n", err)
		return 1
	}
	return 0
}

type stdio struct {
	io.Reader
	io.Writer
}

func (stdio) Close() error { return nil }

// errNoExit is Serve's error when the connection closes before an exit
// notification that follows a shutdown request.
var errNoExit = errors.New("the editor closed the connection without shutdown and exit")

// Serve speaks the protocol on rwc until the editor sends exit or closes
// the connection.
func (s *Server) Serve(ctx context.Context, rwc io.ReadWriteCloser) error {
	logw := s.logWriter()
	s.ctx, s.cancelAll = context.WithCancel(ctx)
	defer s.cancelAll()
	s.docs = make(map[string]*document)
	s.pkgs = make(map[string]*packageState)
	s.runs = make(chan struct{}, 1)
	s.exited = make(chan struct{})
	stream := jsonrpc2.NewBufferedStream(rwc, jsonrpc2.VSCodeObjectCodec{})
	// The handler runs requests one at a time, in order, so that a save
	// is seen after the changes before it; none of them waits for an
	// analysis, which runs in its own goroutine.
	// The connection's reader may call handle before NewConn returns:
	// handle and flush read s.conn under mu.
	s.mu.Lock()
	s.conn = jsonrpc2.NewConn(s.ctx, stream, jsonrpc2.HandlerWithError(s.handle),
		jsonrpc2.SetLogger(log.New(logw, "maplint lsp: ", 0)))
	s.mu.Unlock()
	select {
	case <-s.exited:
		s.conn.Close() // only Serve writes s.conn
		s.mu.Lock()
		defer s.mu.Unlock()
		if !s.shutdown {
			return errNoExit
		}
		return nil
	case <-s.conn.DisconnectNotify():
		s.mu.Lock()
		defer s.mu.Unlock()
		if !s.shutdown {
			return errNoExit
		}
		return nil
	}
}

func (s *Server) handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) (result any, err error) {
	defer s.flush()
	defer func() {
		// A bug in the server fails the one request, not the session.
		if r := recover(); r != nil {
			fmt.Fprintf(s.logWriter(), "maplint lsp: panic handling %s: %v\n%s", req.Method, r, debug.Stack())
			result, err = nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInternalError, Message: fmt.Sprintf("maplint lsp: %s: %v", req.Method, r)}
		}
	}()
	params := json.RawMessage("null")
	if req.Params != nil {
		params = *req.Params
	}
	decode := func(v any) error {
		if err := json.Unmarshal(params, v); err != nil {
			return &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidParams, Message: err.Error()}
		}
		return nil
	}
	switch req.Method {
	case "initialize":
		var p InitializeParams
		if err := decode(&p); err != nil {
			return nil, err
		}
		s.configure(p.InitializationOptions)
		return InitializeResult{
			Capabilities: ServerCapabilities{
				TextDocumentSync:   TextDocumentSyncOptions{OpenClose: true, Change: syncFull, Save: SaveOptions{}},
				CodeActionProvider: CodeActionOptions{CodeActionKinds: []string{quickFix}},
			},
			ServerInfo: ServerInfo{Name: "maplint", Version: s.Version},
		}, nil
	case "initialized":
		return nil, nil
	case "shutdown":
		s.mu.Lock()
		s.shutdown = true
		for _, st := range s.pkgs {
			if st.cancel != nil {
				st.cancel()
				st.cancel = nil
			}
		}
		s.mu.Unlock()
		return nil, nil
	case "exit":
		s.exitOnce.Do(func() { close(s.exited) })
		return nil, nil
	case "textDocument/didOpen":
		var p DidOpenTextDocumentParams
		if err := decode(&p); err != nil {
			return nil, err
		}
		if path, ok := goFile(p.TextDocument.URI); ok {
			s.mu.Lock()
			s.docs[path] = &document{uri: p.TextDocument.URI, version: p.TextDocument.Version, text: p.TextDocument.Text}
			s.analyzeLocked(filepath.Dir(path))
			s.mu.Unlock()
		}
		return nil, nil
	case "textDocument/didChange":
		var p DidChangeTextDocumentParams
		if err := decode(&p); err != nil {
			return nil, err
		}
		if path, ok := goFile(p.TextDocument.URI); ok && len(p.ContentChanges) > 0 {
			s.mu.Lock()
			if d := s.docs[path]; d != nil {
				d.version = p.TextDocument.Version
				d.text = p.ContentChanges[len(p.ContentChanges)-1].Text // full sync
			}
			s.mu.Unlock()
		}
		return nil, nil
	case "textDocument/didSave":
		var p DidSaveTextDocumentParams
		if err := decode(&p); err != nil {
			return nil, err
		}
		if path, ok := goFile(p.TextDocument.URI); ok {
			s.mu.Lock()
			s.analyzeLocked(filepath.Dir(path))
			s.mu.Unlock()
		}
		return nil, nil
	case "textDocument/didClose":
		var p DidCloseTextDocumentParams
		if err := decode(&p); err != nil {
			return nil, err
		}
		if path, ok := goFile(p.TextDocument.URI); ok {
			s.mu.Lock()
			delete(s.docs, path)
			s.forgetIfClosedLocked(filepath.Dir(path))
			s.mu.Unlock()
		}
		return nil, nil
	case "workspace/didChangeConfiguration":
		var p DidChangeConfigurationParams
		if err := decode(&p); err != nil {
			return nil, err
		}
		// Clients that synchronise no settings send null: that changes
		// nothing, and keeps the initialization options in force.
		if settings := bytes.TrimSpace(p.Settings); len(settings) > 0 && string(settings) != "null" && s.configure(settings) {
			s.mu.Lock()
			for dir := range s.pkgs {
				s.analyzeLocked(dir)
			}
			s.mu.Unlock()
		}
		return nil, nil
	case "textDocument/codeAction":
		var p CodeActionParams
		if err := decode(&p); err != nil {
			return nil, err
		}
		return s.codeActions(p), nil
	}
	if req.Notif || strings.HasPrefix(req.Method, "$/") {
		return nil, nil // notifications the server need not understand
	}
	return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeMethodNotFound, Message: "maplint lsp does not implement " + req.Method}
}

func (s *Server) logWriter() io.Writer {
	if s.Log == nil {
		return io.Discard
	}
	return s.Log
}

// goFile is the file name of a Go file's URI.
func goFile(uri string) (string, bool) {
	path, ok := uriToPath(uri)
	return path, ok && strings.HasSuffix(path, ".go")
}

// configure applies the editor's settings and reports whether they
// changed; settings maplint would not accept are shown to the user and
// leave the previous ones in force.
func (s *Server) configure(raw json.RawMessage) bool {
	flags, err := settingsFlags(raw)
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil {
		s.showErrorLocked("maplint: settings: " + err.Error())
		return false
	}
	changed := strings.Join(flags, "\x00") != strings.Join(s.flags, "\x00")
	s.flags = flags
	return changed
}

// forgetIfClosedLocked drops a package once none of its files is open: its
// analysis is cancelled and its diagnostics cleared, so that the server
// keeps nothing for files the editor no longer shows.
func (s *Server) forgetIfClosedLocked(dir string) {
	for path := range s.docs {
		if filepath.Dir(path) == dir {
			return
		}
	}
	st := s.pkgs[dir]
	if st == nil {
		return
	}
	if st.cancel != nil {
		st.cancel()
	}
	delete(s.pkgs, dir)
	for path := range st.published {
		s.publishLocked(path, nil, nil)
	}
}

// codeActions offers the fixes of the findings on the requested lines
// whose files still have the content that was analyzed.
func (s *Server) codeActions(p CodeActionParams) []CodeAction {
	actions := []CodeAction{}
	if len(p.Context.Only) > 0 && !onlyAllows(p.Context.Only, quickFix) {
		return actions
	}
	path, ok := goFile(p.TextDocument.URI)
	if !ok {
		return actions
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.pkgs[filepath.Dir(path)]
	if st == nil {
		return actions
	}
	for _, f := range st.findings[path] {
		r := f.diag.Range
		if r.End.Line < p.Range.Start.Line || r.Start.Line > p.Range.End.Line {
			continue
		}
		for _, fx := range f.fixes {
			if !s.currentLocked(fx.content) {
				continue // edited since the analysis: the offsets no longer hold
			}
			edit := &WorkspaceEdit{Changes: make(map[string][]TextEdit)}
			for file, edits := range fx.edits {
				edit.Changes[s.uriLocked(file)] = edits
			}
			actions = append(actions, CodeAction{
				Title:       fx.title,
				Kind:        quickFix,
				Diagnostics: []Diagnostic{f.diag},
				IsPreferred: len(f.fixes) == 1,
				Edit:        edit,
			})
		}
	}
	return actions
}

// onlyAllows reports whether a code action kind is among those asked
// for: "quickfix" is allowed by "quickfix" and by "" (every kind).
func onlyAllows(only []string, kind string) bool {
	for _, k := range only {
		if k == "" || k == kind || strings.HasPrefix(kind, k+".") {
			return true
		}
	}
	return false
}

// currentLocked reports whether each file has the given content in the
// editor, or on disk when it is not open.
func (s *Server) currentLocked(contents map[string][]byte) bool {
	for path, content := range contents {
		if d := s.docs[path]; d != nil {
			if !sameContent(d.text, content) {
				return false
			}
			continue
		}
		disk, err := os.ReadFile(path)
		if err != nil || string(disk) != string(content) {
			return false
		}
	}
	return true
}

// uriLocked is the URI the editor uses for a file, or one made from its
// name.
func (s *Server) uriLocked(path string) string {
	if d := s.docs[path]; d != nil {
		return d.uri
	}
	return pathToURI(path)
}

// publishLocked sends a file's diagnostics, with the open document's
// version when its text is the analyzed content.
func (s *Server) publishLocked(path string, diags []Diagnostic, content []byte) {
	p := PublishDiagnosticsParams{URI: s.uriLocked(path), Diagnostics: diags}
	if p.Diagnostics == nil {
		p.Diagnostics = []Diagnostic{}
	}
	if d := s.docs[path]; d != nil && content != nil && sameContent(d.text, content) {
		v := d.version
		p.Version = &v
	}
	s.outbox = append(s.outbox, outMessage{"textDocument/publishDiagnostics", p})
}

// flush sends the notifications queued so far. Call it without mu held.
func (s *Server) flush() {
	s.sendMu.Lock()
	defer s.sendMu.Unlock()
	s.mu.Lock()
	batch := s.outbox
	s.outbox = nil
	conn := s.conn
	s.mu.Unlock()
	for _, m := range batch {
		// Notify fails only once the connection is closed, when there is
		// no one left to tell.
		_ = conn.Notify(context.Background(), m.method, m.params)
	}
}

// showErrorLocked shows a problem to the user once, until a different one
// or a success follows, and logs it every time.
func (s *Server) showErrorLocked(msg string) {
	if msg != s.shown {
		s.outbox = append(s.outbox, outMessage{"window/showMessage", ShowMessageParams{Type: messageError, Message: msg}})
	}
	s.shown = msg
	s.outbox = append(s.outbox, outMessage{"window/logMessage", ShowMessageParams{Type: messageError, Message: msg}})
}

func (s *Server) logfLocked(format string, args ...any) {
	s.outbox = append(s.outbox, outMessage{"window/logMessage", ShowMessageParams{Type: messageLog, Message: fmt.Sprintf(format, args...)}})
}
