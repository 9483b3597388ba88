package b

//maplint:file-ignore toy this file's hazards are vetted by the fuzz tests

func hazard() int { return 0 }

func first() {
	hazard()
}

func second() {
	hazard()
}
