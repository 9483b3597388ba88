package sizer

import "testing"

func TestFormatBytes(t *testing.T) {
	for _, c := range []struct {
		b    float64
		want string
	}{
		{0, "0 B"}, {48, "48 B"}, {29.6, "29.6 B"}, {999, "999 B"},
		{999.5, "1.0 kB"}, {436_900, "436.9 kB"}, {999_949, "999.9 kB"},
		{999_950, "1.0 MB"}, {302_100_000, "302.1 MB"}, {3.4e9, "3.4 GB"},
		{-80_000, "-80.0 kB"},
	} {
		if got := FormatBytes(c.b); got != c.want {
			t.Errorf("FormatBytes(%v) = %q, want %q", c.b, got, c.want)
		}
	}
}

func TestFormatCount(t *testing.T) {
	for _, c := range []struct {
		n    int64
		want string
	}{
		{0, "0"}, {999, "999"}, {1000, "1,000"}, {10_034, "10,034"},
		{1_000_000, "1,000,000"}, {-1234567, "-1,234,567"},
	} {
		if got := FormatCount(c.n); got != c.want {
			t.Errorf("FormatCount(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}
