package episodes

import (
	"strings"
	"testing"
	"time"
)

func dur(h, m, s, ms int) time.Duration {
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute +
		time.Duration(s)*time.Second + time.Duration(ms)*time.Millisecond
}

func TestParseTimestamp(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"00:00", 0},
		{"03:49", dur(0, 3, 49, 0)},
		{"3:49", dur(0, 3, 49, 0)},
		{"35:14", dur(0, 35, 14, 0)},
		{"75:30", dur(0, 75, 30, 0)}, // the first field may pass 59
		{"1:02:03", dur(1, 2, 3, 0)},
		{"01:02:03", dur(1, 2, 3, 0)},
		{"100:00:00", dur(100, 0, 0, 0)},
		{"1:02:03.5", dur(1, 2, 3, 500)},
		{"1:02:03.25", dur(1, 2, 3, 250)},
		{"1:02:03.250", dur(1, 2, 3, 250)},
		{"0:00:00.001", dur(0, 0, 0, 1)},
		{"03:49.7", dur(0, 3, 49, 700)},
		{"2114", dur(0, 35, 14, 0)},
		{"2114.5", dur(0, 35, 14, 500)},
		{"0", 0},
		{"0007", 7 * time.Second},
		{" 35:14 ", dur(0, 35, 14, 0)},
		{"1000:00:00", 1000 * time.Hour},
		{"3600000", 1000 * time.Hour},
		{"60000:00", 1000 * time.Hour},
	}
	for _, tt := range tests {
		got, err := ParseTimestamp(tt.in)
		if err != nil {
			t.Errorf("ParseTimestamp(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseTimestamp(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestParseTimestampErrors(t *testing.T) {
	tests := []struct {
		in   string
		want string // the whole error message
	}{
		{"", `invalid timestamp "": empty`},
		{"  ", `invalid timestamp "  ": empty`},
		{"-5", `invalid timestamp "-5": negative`},
		{"-0:05", `invalid timestamp "-0:05": negative`},
		{"+5", `invalid timestamp "+5": seconds must be digits, got "+5"`},
		{"1:60", `invalid timestamp "1:60": seconds must be below 60, got 60`},
		{"1:75:00", `invalid timestamp "1:75:00": minutes must be below 60, got 75`},
		{"1:05:99", `invalid timestamp "1:05:99": seconds must be below 60, got 99`},
		{"3:4", `invalid timestamp "3:4": seconds need two digits, got "4"`},
		{"1:2:03", `invalid timestamp "1:2:03": minutes need two digits, got "2"`},
		{"1:02:003", `invalid timestamp "1:02:003": seconds need two digits, got "003"`},
		{"1:02:03:04", `invalid timestamp "1:02:03:04": want MM:SS, H:MM:SS or seconds`},
		{":30", `invalid timestamp ":30": minutes are missing`},
		{"30:", `invalid timestamp "30:": seconds are missing`},
		{"1::30", `invalid timestamp "1::30": minutes are missing`},
		{"1:02:03.", `invalid timestamp "1:02:03.": want one to three digits after the dot (milliseconds)`},
		{"1:02:03.1234", `invalid timestamp "1:02:03.1234": want one to three digits after the dot (milliseconds)`},
		{"1.5:30", `invalid timestamp "1.5:30": want one to three digits after the dot (milliseconds)`},
		{".5", `invalid timestamp ".5": seconds are missing`},
		{"1e3", `invalid timestamp "1e3": seconds must be digits, got "1e3"`},
		{"1h30m", `invalid timestamp "1h30m": seconds must be digits, got "1h30m"`},
		{"35 14", `invalid timestamp "35 14": seconds must be digits, got "35 14"`},
		{"٣:٤٩", `invalid timestamp "٣:٤٩": minutes must be digits, got "٣"`},
		{"1000:00:01", `invalid timestamp "1000:00:01": longer than 1000 hours`},
		{"1000:00:00.001", `invalid timestamp "1000:00:00.001": longer than 1000 hours`},
		{"3600001", `invalid timestamp "3600001": longer than 1000 hours`},
		{"99999999999999999999999", `invalid timestamp "99999999999999999999999": longer than 1000 hours`},
		{"60001:00", `invalid timestamp "60001:00": longer than 1000 hours`},
	}
	for _, tt := range tests {
		got, err := ParseTimestamp(tt.in)
		if err == nil {
			t.Errorf("ParseTimestamp(%q) = %v, want error %q", tt.in, got, tt.want)
			continue
		}
		if err.Error() != tt.want {
			t.Errorf("ParseTimestamp(%q):\n got error %q\nwant error %q", tt.in, err, tt.want)
		}
	}
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

func TestFormatClock(t *testing.T) {
	tests := []struct {
		in   time.Duration
		want string
	}{
		{0, "00:00:00"},
		{dur(0, 3, 49, 0), "00:03:49"},
		{dur(0, 35, 14, 0), "00:35:14"},
		{dur(1, 2, 3, 0), "01:02:03"},
		{dur(1, 2, 3, 500), "01:02:03.500"},
		{dur(0, 0, 0, 1), "00:00:00.001"},
		{dur(0, 0, 59, 999) + 999*time.Microsecond, "00:00:59.999"}, // below ms dropped
		{time.Microsecond, "00:00:00"},
		{dur(123, 0, 0, 0), "123:00:00"},
		{-dur(0, 1, 0, 0), "-00:01:00"},
	}
	for _, tt := range tests {
		if got := FormatClock(tt.in); got != tt.want {
			t.Errorf("FormatClock(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzParseTimestamp(f *testing.F) {
	for _, s := range []string{"00:00", "03:49", "35:14", "1:02:03.5", "2114", "2114.5", "1000:00:00", "-1", "1:60", ""} {
		f.Add(s, int64(229000))
	}
	f.Fuzz(func(t *testing.T, s string, ms int64) {
		// Whatever parses formats and parses back to the same value.
		if d, err := ParseTimestamp(s); err == nil {
			if d < 0 || d > MaxTimestamp || d%time.Millisecond != 0 {
				t.Fatalf("ParseTimestamp(%q) = %v: out of range or below ms precision", s, d)
			}
			clock := FormatClock(d)
			back, err := ParseTimestamp(clock)
			if err != nil || back != d {
				t.Fatalf("ParseTimestamp(%q) = %v; FormatClock = %q; parsed back = %v, %v", s, d, clock, back, err)
			}
		} else if !strings.HasPrefix(err.Error(), "invalid timestamp ") {
			t.Fatalf("ParseTimestamp(%q): error %q lacks the common prefix", s, err)
		}

		// Every duration in range survives FormatClock → ParseTimestamp at
		// millisecond precision.
		if ms < 0 {
			ms = -(ms + 1)
		}
		d := time.Duration(ms%(int64(MaxTimestamp/time.Millisecond)+1)) * time.Millisecond
		d += time.Duration(ms % 1000) // sub-millisecond noise FormatClock drops
		clock := FormatClock(d)
		back, err := ParseTimestamp(clock)
		if err != nil || back != d.Truncate(time.Millisecond) {
			t.Fatalf("FormatClock(%v) = %q; parsed back = %v, %v", d, clock, back, err)
		}
	})
}
