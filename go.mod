module github.com/maplint/maplint

go 1.26.0

// Why each direct dependency is here:
require (
	// Reads maplint.toml (internal/config): TOML is staticcheck.conf's
	// format; this is the parser staticcheck itself uses.
	github.com/BurntSushi/toml v1.5.0
	// golangci-lint v2's module-plugin interface, for plugin/golangci.
	github.com/golangci/plugin-module-register v0.1.2
	// Validates -format sarif output against the SARIF 2.1.0 schema, in
	// internal/sarif's tests only.
	github.com/santhosh-tekuri/jsonschema/v6 v6.0.3
	// JSON-RPC 2.0 with the LSP's Content-Length framing, for the
	// language server (internal/lsp, maplint lsp): one package with no
	// dependencies of its own (its websocket subpackage is not imported),
	// released in 2026, and what efm-langserver and sqls run on.
	// go.lsp.dev/protocol (last release 2022) would bring zap and
	// segmentio/encoding, tliron/glsp (2024) a dozen terminal and logging
	// modules; the server needs a handful of LSP message types, which
	// internal/lsp declares itself.
	github.com/sourcegraph/jsonrpc2 v0.2.3
	// The go/analysis framework: analyzers, drivers (multichecker,
	// unitchecker, checker), analysistest, go/packages, inspector, SSA.
	golang.org/x/tools v0.52.0
)

require (
	golang.org/x/mod v0.42.0 // indirect
	golang.org/x/sync v0.24.0 // indirect
	golang.org/x/text v0.14.0 // indirect
)
