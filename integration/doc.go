// Package integration holds maplint's tests against the tools its users
// run it in: a custom golangci-lint built with the plugin from this
// checkout (integration/golangci) and pre-commit with this checkout as the
// hook repository (integration/precommit).
//
// They are run by `go test ./...`, as CI runs it, and are slow the first
// time on a machine: they install golangci-lint and build a custom one
// (minutes), caching both under the user cache directory
// ($XDG_CACHE_HOME/maplint-integration). `go test -short` skips them.
package integration
