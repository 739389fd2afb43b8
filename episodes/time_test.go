package episodes

import (
	"testing"
	"time"
)

func dur(h, m, s, ms int) time.Duration {
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute +
		time.Duration(s)*time.Second + time.Duration(ms)*time.Millisecond
}

func TestSecondsDuration(t *testing.T) {
	tests := []struct {
		in      any
		want    time.Duration
		wantErr string
	}{
		{int64(2114), dur(0, 35, 14, 0), ""},
		{int64(0), 0, ""},
		{2114.5, dur(0, 35, 14, 500), ""},
		{0.0004, 0, ""},
		{0.0005, time.Millisecond, ""},
		{int64(-1), 0, "invalid timestamp -1: negative"},
		{-0.5, 0, "invalid timestamp -0.5: negative"},
		{int64(3600001), 0, "invalid timestamp 3600001: longer than 1000 hours"},
		{1e300, 0, "invalid timestamp 1e+300: longer than 1000 hours"},
	}
	for _, tt := range tests {
		got, err := secondsDuration(tt.in)
		switch {
		case tt.wantErr != "" && (err == nil || err.Error() != tt.wantErr):
			t.Errorf("secondsDuration(%v) error = %v, want %q", tt.in, err, tt.wantErr)
		case tt.wantErr == "" && err != nil:
			t.Errorf("secondsDuration(%v): %v", tt.in, err)
		case tt.wantErr == "" && got != tt.want:
			t.Errorf("secondsDuration(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
