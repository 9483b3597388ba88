package a

func hazard() int { return 0 }

func unsuppressed() {
	hazard() // want "hazard called"
}

func sameLine() {
	hazard() //maplint:ignore toy the caller holds mu
}

func lineAbove() {
	//maplint:ignore toy the caller holds mu
	hazard()
}

func listed() {
	//maplint:ignore other,toy both are known to be fine here
	hazard()
}

func tooFarAbove() {
	/* want "suppresses no toy diagnostic" */ //maplint:ignore toy only covers the next line

	hazard() // want "hazard called"
}

func noReason() {
	/* want "needs a reason" */ //maplint:ignore toy
	hazard()
}

func stale() {
	/* want "suppresses no toy diagnostic" */ //maplint:ignore toy it used to race
	_ = 1
}

func otherAnalyzer() {
	//maplint:ignore other not this analyzer's business
	hazard() // want "hazard called"
}

func notADirective() {
	// maplint:ignore toy a space after the slashes makes it prose
	hazard() // want "hazard called"
	//maplint:ignoretoy glued words are not a directive
	hazard() // want "hazard called"
}
