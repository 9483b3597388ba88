// Package external stands for code in another package.
package external

func Consume(s []string) {}
