package concwrite

import (
	"github.com/maplint/maplint/passes/internal/mapeffects"
)

// checkHandlers reports handlers racing with themselves or with the
// other handlers of their server.
func (a *checker) checkHandlers() {
	for _, g := range a.Handlers {
		perRequest := func(th *mapeffects.HandlerThread, r mapeffects.Ref) bool {
			if !r.IsLocal() {
				return false
			}
			if th.Lit == nil {
				return false // a local of the registering function: the registered value
			}
			v := g.Scope.LocalVar(r.Root)
			return v == nil || (th.Lit.Pos() <= v.Pos() && v.Pos() < th.Lit.End())
		}
		shared := func(th *mapeffects.HandlerThread, ls mapeffects.Lockset) mapeffects.Lockset {
			var out mapeffects.Lockset
			for _, h := range ls {
				if !perRequest(th, h.Lock) {
					out = append(out, h)
				}
			}
			return out
		}
		for _, x := range g.Threads {
			done := make(map[string]bool) // one report per map per handler
			for i := range x.Body {
				acc := &x.Body[i]
				if perRequest(x, acc.Ref) || done[acc.Ref.Key()] {
					continue
				}
				ax := shared(x, acc.Held)
				if acc.Write && !mapeffects.Excludes(ax, ax) {
					a.reportRace(acc, acc, x.Self, nil, x.From)
					done[acc.Ref.Key()] = true
					continue
				}
			others:
				for _, y := range g.Threads {
					for j := range y.Body {
						o := &y.Body[j]
						if o.Ref.Key() != acc.Ref.Key() || !(acc.Write || o.Write) || mapeffects.Excludes(ax, shared(y, o.Held)) {
							continue
						}
						switch {
						case o == acc:
							a.reportRace(acc, o, y.Self, nil, y.From)
						case x == y && !acc.Write:
							continue // the write is reported
						case len(acc.Held.Must()) > 0 && len(o.Held) == 0:
							continue // the other access, which holds no lock, is the one reported
						default:
							a.reportRace(acc, o, y.Desc, nil, y.From)
						}
						done[acc.Ref.Key()] = true
						break others
					}
				}
			}
		}
	}
}
