// Command toycmd is a multichecker with one analyzer wrapped by
// suppress.Wrap, for testing //maplint:ignore under the drivers maplint
// runs in: standalone, go vet -vettool and go fix -fixtool.
package main

import (
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/maplint/maplint/passes/internal/suppress"
	"github.com/maplint/maplint/passes/internal/suppress/internal/toy"
)

func main() { multichecker.Main(suppress.Wrap(toy.Analyzer, nil)) }
