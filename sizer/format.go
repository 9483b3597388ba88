package sizer

import (
	"fmt"
	"math"
	"strconv"
)

// FormatBytes formats a byte count for people, as every maplint message
// and table prints one: exact below 1 kB ("48 B", or "29.6 B" for a
// fraction such as a per-entry cost), then decimal units with one digit
// after the point ("12.3 kB", "1.2 MB", "3.4 GB"). Decimal units, not
// KiB, because the figures are read, not parsed, and compare with
// runtime.MemStats printed the same way.
func FormatBytes(b float64) string {
	switch a := math.Abs(b); {
	case a < 999.5:
		if a == math.Trunc(a) {
			return fmt.Sprintf("%.0f B", b)
		}
		return fmt.Sprintf("%.1f B", b)
	case a < 999.95e3:
		return fmt.Sprintf("%.1f kB", b/1e3)
	case a < 999.95e6:
		return fmt.Sprintf("%.1f MB", b/1e6)
	default:
		return fmt.Sprintf("%.1f GB", b/1e9)
	}
}

// FormatCount formats n with thousands separators: 10000 is "10,000".
func FormatCount(n int64) string {
	s := strconv.FormatInt(n, 10)
	digits := s
	if n < 0 {
		digits = s[1:]
	}
	out := make([]byte, 0, len(s)+len(s)/3)
	if n < 0 {
		out = append(out, '-')
	}
	for i := range len(digits) {
		if i > 0 && (len(digits)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, digits[i])
	}
	return string(out)
}
