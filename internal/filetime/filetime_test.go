package filetime

import (
	"testing"
	"time"
)

func TestSettled(t *testing.T) {
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		mod  time.Time
		want bool
	}{
		{"an hour ago", now.Add(-time.Hour), true},
		{"just over the granularity ago", now.Add(-Granularity - time.Nanosecond), true},
		{"exactly the granularity ago", now.Add(-Granularity), false},
		{"a second ago", now.Add(-time.Second), false},
		{"now", now, false},
		{"in the future", now.Add(time.Hour), false},
	}
	for _, tt := range tests {
		if got := Settled(tt.mod, now); got != tt.want {
			t.Errorf("%s: Settled = %v, want %v", tt.name, got, tt.want)
		}
	}
}
