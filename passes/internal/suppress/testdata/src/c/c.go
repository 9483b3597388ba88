package c

func hazard() int { return 0 }

func misspelt() {
	/* want `names "tyo", which is no maplint analyzer: did you mean toy\?` */ //maplint:ignore tyo the caller holds mu
	hazard()                                                                   // want "hazard called"
}

func noName() {
	/* want "names no analyzer" */ //maplint:ignore
	hazard()                       // want "hazard called"
}

func otherKnown() {
	//maplint:ignore other another analyzer of the suite: not misspelt
	hazard() // want "hazard called"
}

func farFromAll() {
	// Reported by the analyzer of the suite closest to the name: other.
	//maplint:ignore otter a typo for other
	hazard() // want "hazard called"
}

func lazy() {
	hazard() // want "hazard called"
}
