// Package floors holds two do-nothing go/analysis drivers that bench/run.sh
// measures maplint against: the floor under which no analyzer suite can
// run on a given codebase.
//
//   - noop loads, parses and type-checks every package (inspect only):
//     the go/packages and go/types floor;
//   - ssanoop does the same, then builds SSA for every package: the floor
//     for an SSA-based suite.
//
// They live in the project so that bench/run.sh works from a fresh clone.
package floors
