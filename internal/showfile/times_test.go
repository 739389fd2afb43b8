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
