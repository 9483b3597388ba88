package fiximport

type atlas struct{ pages map[int]string }

func shadowed(maps atlas) {
	for n := range maps.pages {
		maps.pages[n+1] = "" // want `inserts into maps.pages`
	}
}
