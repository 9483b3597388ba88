// Package typeparams answers what the passes need to know about type
// parameters: the type a generic function's operations see.
package typeparams

import "go/types"

// CoreType returns t's underlying type, or for a type parameter the
// underlying type shared by every type in its type set (nil if none): a
// map-typed type parameter ([M ~map[K]V]) is ranged and indexed as a map.
func CoreType(t types.Type) types.Type {
	if t == nil {
		return nil
	}
	tp, ok := types.Unalias(t).(*types.TypeParam)
	if !ok {
		return t.Underlying()
	}
	iface, ok := tp.Constraint().Underlying().(*types.Interface)
	if !ok {
		return nil
	}
	var core types.Type
	for i := range iface.NumEmbeddeds() {
		var terms []types.Type
		switch e := iface.EmbeddedType(i).(type) {
		case *types.Union:
			for j := range e.Len() {
				terms = append(terms, e.Term(j).Type())
			}
		default:
			terms = append(terms, e)
		}
		for _, term := range terms {
			u := term.Underlying()
			if _, isIface := u.(*types.Interface); isIface {
				continue
			}
			if core == nil {
				core = u
			} else if !types.Identical(core, u) {
				return nil
			}
		}
	}
	return core
}
