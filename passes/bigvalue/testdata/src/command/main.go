// A command: nothing imports it, so exported names are no API.
package main

type Big struct{ Attrs [25]int64 }

type Registry map[string]Big // want `^map\[string\]Big: Big is 200 B`

var Default = make(map[string]Big) // want `^map\[string\]Big: Big is 200 B`

func main() {}
