package a

import "testing"

func TestF(t *testing.T) {
	f()
	_ = hazard("in a test")
}
