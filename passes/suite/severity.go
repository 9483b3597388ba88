package suite

import (
	"fmt"
	"strings"
)

// Severity is how much a finding of an analyzer matters, as the command's
// text, JSON and SARIF output show it. It does not decide whether the run
// fails: -fail does (all analyzers by default).
type Severity int

const (
	// Suggestion is advice worth reading, such as memory use: SARIF "note".
	Suggestion Severity = iota
	// Warning is code that behaves differently from run to run: SARIF "warning".
	Warning
	// Error is code that crashes the process: SARIF "error".
	Error
)

func (s Severity) String() string {
	switch s {
	case Suggestion:
		return "suggestion"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

// SARIFLevel is the SARIF 2.1.0 result level of s.
func (s Severity) SARIFLevel() string {
	switch s {
	case Error:
		return "error"
	case Suggestion:
		return "note"
	}
	return "warning"
}

// severities are the analyzers' default severities, by analyzer name: a
// crash is an error, nondeterminism a warning, memory advice a suggestion.
// An analyzer missing here is a warning, so that adding one to the suite
// needs no entry.
var severities = map[string]Severity{
	"concwrite": Error,
	"rangemut":  Warning,
	"maporder":  Warning,
	"makehint":  Suggestion,
	"bigvalue":  Suggestion,
}

// SeverityOf returns the default severity of the analyzer named name.
func SeverityOf(name string) Severity {
	if s, ok := severities[name]; ok {
		return s
	}
	return Warning
}

// docURL returns the page that documents an analyzer whose URL is its
// package directory on GitHub (…/tree/main/passes/NAME): its doc.go,
// which a directory listing without a README does not show. Other URLs
// are kept.
func docURL(url string) string {
	const tree = "https://github.com/maplint/maplint/tree/main/passes/"
	if name, ok := strings.CutPrefix(url, tree); ok && name != "" && !strings.Contains(name, "/") {
		return "https://github.com/maplint/maplint/blob/main/passes/" + name + "/doc.go"
	}
	return url
}
