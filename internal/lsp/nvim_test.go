package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestNeovim drives `maplint lsp` through a real editor: Debian's Neovim,
// headless, with the configuration in testdata/nvim/init.lua (the
// README's), opens a file of the test module, receives maplint's
// diagnostics, asks for the makehint finding's quick fix through
// vim.lsp.buf.code_action, applies it and writes the file; the file must
// then have the hint and build, and the finding be gone.
//
// Without nvim the test is skipped, except under CI (CI set), where
// .ci/run installs it and its absence is a failure.
func TestNeovim(t *testing.T) {
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("nvim is not installed; .ci/run installs Debian's neovim package")
		}
		t.Skip("nvim is not installed (apt-get install neovim): the editor test needs it")
	}
	module := testModule(t)
	hint := filepath.Join(module, "bugs", "hint.go")
	want := maplintJSON(t, module, "./bugs")["example.com/lspmod/bugs"]
	if len(want["makehint"]) != 1 || len(want["makehint"][0].SuggestedFixes) != 1 {
		t.Fatalf("maplint -format json: want one makehint finding with one fix, got %+v", want["makehint"])
	}
	wantHint := want["makehint"][0]

	testdata, err := filepath.Abs(filepath.Join("testdata", "nvim"))
	if err != nil {
		t.Fatal(err)
	}
	home := t.TempDir()
	resultFile := filepath.Join(home, "result.json")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, nvim, "--headless", "-n", "-i", "NONE",
		"-u", filepath.Join(testdata, "init.lua"),
		"-c", "luafile "+filepath.Join(testdata, "steps.lua"),
		hint)
	cmd.Dir = module
	// A home of its own, so that no user configuration, plugin or state
	// takes part.
	cmd.Env = append(os.Environ(),
		"MAPLINT="+maplintBin, "MAPLINT_LSP_RESULT="+resultFile,
		"HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, "config"),
		"XDG_DATA_HOME="+filepath.Join(home, "data"), "XDG_STATE_HOME="+filepath.Join(home, "state"),
		"XDG_CACHE_HOME="+filepath.Join(home, "cache"))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	begin := time.Now()
	runErr := cmd.Run()
	t.Logf("nvim ran for %v", time.Since(begin).Round(time.Millisecond))
	data, err := os.ReadFile(resultFile)
	if err != nil {
		t.Fatalf("nvim wrote no result (%v): %v\n%s", runErr, err, out.Bytes())
	}
	type nvimDiagnostic struct {
		Lnum, Col, EndLnum, EndCol int
		Code, Message, Href        string
		Severity, Related          int
	}
	var result struct {
		Error       string
		Diagnostics []nvimDiagnostic
		Choices     []string
		After       []nvimDiagnostic
	}
	// Neovim's json_encode writes the keys as the Lua table has them.
	data = bytes.ReplaceAll(bytes.ReplaceAll(data, []byte(`"end_lnum"`), []byte(`"endlnum"`)), []byte(`"end_col"`), []byte(`"endcol"`))
	if err := json.Unmarshal(data, &result); err != nil {
		t.Fatalf("nvim's result %s: %v", data, err)
	}
	if result.Error != "" {
		t.Fatalf("in nvim: %s\n%s", result.Error, out.Bytes())
	}

	// Neovim turns the protocol's UTF-16 positions back into byte
	// columns, so its diagnostics must sit exactly at maplint's
	// positions, although a four-byte character precedes the finding.
	var got *nvimDiagnostic
	for i, d := range result.Diagnostics {
		if d.Code == "makehint" {
			got = &result.Diagnostics[i]
		}
	}
	start, _ := parsePosn(wantHint.Posn)
	end, _ := parsePosn(wantHint.End)
	if got == nil || got.Lnum+1 != start.line || got.Col+1 != start.col || got.EndLnum+1 != end.line || got.EndCol+1 != end.col ||
		got.Message != wantHint.Message || got.Href != analyzerURL(t, "makehint") ||
		got.Related != len(wantHint.Related) {
		t.Errorf("Neovim's makehint diagnostic %+v\nwant at %s-%s: %q with %d related", got, wantHint.Posn, wantHint.End, wantHint.Message, len(wantHint.Related))
	}
	if !slices.Equal(result.Choices, []string{wantHint.SuggestedFixes[0].Message}) {
		t.Errorf("code action menu %q, want just %q", result.Choices, wantHint.SuggestedFixes[0].Message)
	}
	if slices.ContainsFunc(result.After, func(d nvimDiagnostic) bool { return d.Code == "makehint" }) {
		t.Errorf("diagnostics after the fix was written: %+v", result.After)
	}

	fixed, err := os.ReadFile(hint)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(fixed), "𝑥pos := make(map[int]string, len(names)) // makehint") {
		t.Errorf("the file Neovim wrote lacks the hint:\n%s", fixed)
	}
	goBuild(t, module)
}
