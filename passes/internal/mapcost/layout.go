package mapcost

import "github.com/maplint/maplint/sizer"

// LayoutFlag is the -layout flag of the memory analyzers: the runtime map
// implementation whose costs a message quotes. Register it with
//
//	var layout = mapcost.LayoutFlag{Layout: sizer.Swiss}
//	Analyzer.Flags.Var(&layout, "layout", mapcost.LayoutFlagUsage)
type LayoutFlag struct {
	Layout sizer.Layout
}

// LayoutFlagUsage is the usage text of a LayoutFlag.
const LayoutFlagUsage = "map implementation to cost maps for: swiss (Go 1.24 and later) or classic (Go 1.23 and earlier)"

// String implements flag.Value.
func (f *LayoutFlag) String() string {
	if f == nil {
		return sizer.Swiss.String()
	}
	return f.Layout.String()
}

// Set implements flag.Value.
func (f *LayoutFlag) Set(s string) error {
	l, err := sizer.ParseLayout(s)
	if err != nil {
		return err
	}
	f.Layout = l
	return nil
}
