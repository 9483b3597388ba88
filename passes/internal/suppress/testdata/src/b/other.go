package b

// A file-wide directive covers its own file only.
func third() {
	hazard() // want "hazard called"
}
