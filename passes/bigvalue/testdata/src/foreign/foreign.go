// Package foreign uses maps whose types another module decides.
package foreign

import "example.com/vendorlib/lib"

func sum(cfg lib.Config, r lib.Registry) (n int64) {
	for _, v := range cfg.Items { // want `^each iteration copies a 200 B lib.Big into v: range over the keys and read fields in place \(one lookup each\); the map's type is decided in another module$`
		n += v.Attrs[0]
	}
	for _, v := range r { // want `the map's type is decided in another module$`
		n += v.Attrs[0]
	}
	loaded := lib.Load()
	for _, v := range loaded { // want `the map's type is decided in another module$`
		n += v.Attrs[0]
	}
	withErr, _ := lib.LoadErr()
	for _, v := range withErr { // want `the map's type is decided in another module$`
		n += v.Attrs[0]
	}
	return n
}

// A map of the user's own, of another module's values: the user can
// store pointers.
var cache = map[string]lib.Big{} // want `^map\[string\]lib.Big: lib.Big is 200 B, stored out of line.*map\[string\]\*lib.Big costs`

func sumCache() (n int64) {
	for _, v := range cache { // want `^each iteration copies a 200 B lib.Big into v: store \*lib.Big in the map, or range over the keys`
		n += v.Attrs[0]
	}
	return n
}

// Handed to another module's function: its parameter type decides.
func process(keys []string) {
	m := make(map[string]lib.Big, len(keys))
	for _, k := range keys {
		m[k] = lib.Big{}
	}
	lib.Process(m)
	lib.Process(make(map[string]lib.Big))
}

// Made here and kept here: the user's to change.
func local() int {
	m := make(map[string]lib.Big) // want `^map\[string\]lib.Big: lib.Big is 200 B`
	return len(m)
}
