package showfile

import (
	"testing"
	"time"
)

func TestFormatDate(t *testing.T) {
	tests := []struct {
		t    time.Time
		want string
	}{
		{time.Date(2025, 2, 4, 9, 0, 0, 0, time.UTC), "2025-02-04T09:00:00Z"},
		{time.Date(2025, 2, 4, 9, 0, 0, 0, time.FixedZone("GMT", 0)), "2025-02-04T09:00:00Z"},
		{time.Date(2025, 2, 4, 9, 0, 0, 0, time.FixedZone("", -5*3600)), "2025-02-04T09:00:00-05:00"},
		{time.Date(2025, 2, 4, 9, 0, 0, 5e8, time.UTC), "2025-02-04T09:00:00.500Z"},
	}
	for _, tt := range tests {
		if got := FormatDate(tt.t); got != tt.want {
			t.Errorf("FormatDate(%s) = %s, want %s", tt.t, got, tt.want)
		}
	}
}

func TestFormatClock(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, "00:00"},
		{229 * time.Second, "03:49"},
		{35*time.Minute + 14*time.Second, "35:14"},
		{time.Hour, "1:00:00"},
		{90*time.Second + 500*time.Millisecond, "01:30.500"},
		{100 * time.Hour, "100:00:00"},
	}
	for _, tt := range tests {
		if got := FormatClock(tt.d); got != tt.want {
			t.Errorf("FormatClock(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}
