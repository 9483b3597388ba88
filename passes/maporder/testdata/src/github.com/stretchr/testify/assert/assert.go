// Package assert is the part of testify's assert that the tests use.
package assert

type TestingT interface {
	Errorf(format string, args ...any)
}

func ElementsMatch(t TestingT, listA, listB any, msgAndArgs ...any) bool { return true }
