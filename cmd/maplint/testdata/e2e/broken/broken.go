// Package broken does not type-check.
package broken

var m map[string]int = "not a map"
