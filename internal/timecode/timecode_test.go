package timecode

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

func dur(h, m, s, ms int) time.Duration {
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute +
		time.Duration(s)*time.Second + time.Duration(ms)*time.Millisecond
}

func TestParseStrict(t *testing.T) {
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
		got, err := Parse(tt.in, Strict)
		if err != nil {
			t.Errorf("Parse(%q, Strict): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Parse(%q, Strict) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestParseStrictErrors(t *testing.T) {
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
		got, err := Parse(tt.in, Strict)
		if err == nil {
			t.Errorf("Parse(%q, Strict) = %v, want error %q", tt.in, got, tt.want)
			continue
		}
		if err.Error() != tt.want {
			t.Errorf("Parse(%q, Strict):\n got error %q\nwant error %q", tt.in, err, tt.want)
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
		if got := Format(tt.in, Clock); got != tt.want {
			t.Errorf("Format(%v, Clock) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"00:00", "03:49", "35:14", "1:02:03.5", "2114", "2114.5", "1000:00:00", "-1", "1:60", ""} {
		f.Add(s, int64(229000))
	}
	f.Fuzz(func(t *testing.T, s string, ms int64) {
		// Whatever parses formats and parses back to the same value.
		if d, err := Parse(s, Strict); err == nil {
			if d < 0 || d > Max || d%time.Millisecond != 0 {
				t.Fatalf("Parse(%q, Strict) = %v: out of range or below ms precision", s, d)
			}
			clock := Format(d, Clock)
			back, err := Parse(clock, Strict)
			if err != nil || back != d {
				t.Fatalf("Parse(%q, Strict) = %v; Format = %q; parsed back = %v, %v", s, d, clock, back, err)
			}
		} else if !strings.HasPrefix(err.Error(), "invalid timestamp ") {
			t.Fatalf("Parse(%q, Strict): error %q lacks the common prefix", s, err)
		}

		// Every duration in range survives Format → Parse at
		// millisecond precision.
		if ms < 0 {
			ms = -(ms + 1)
		}
		d := time.Duration(ms%(int64(Max/time.Millisecond)+1)) * time.Millisecond
		d += time.Duration(ms % 1000) // sub-millisecond noise Format drops
		clock := Format(d, Clock)
		back, err := Parse(clock, Strict)
		if err != nil || back != d.Truncate(time.Millisecond) {
			t.Fatalf("Format(%v, Clock) = %q; parsed back = %v, %v", d, clock, back, err)
		}
	})
}

func TestFormatShortAndSeconds(t *testing.T) {
	tests := []struct {
		in             time.Duration
		short, seconds string
	}{
		{0, "00:00", "0"},
		{dur(0, 3, 49, 0), "03:49", "229"},
		{dur(0, 3, 49, 250), "03:49.250", "229.25"},
		{dur(0, 59, 59, 999), "59:59.999", "3599.999"},
		{dur(1, 2, 3, 0), "1:02:03", "3723"},
		{dur(1, 2, 3, 500), "1:02:03.500", "3723.5"},
		{dur(123, 0, 0, 0), "123:00:00", "442800"},
		{time.Microsecond, "00:00", "0"},
		{-dur(0, 1, 30, 500), "-01:30.500", "-90.5"},
	}
	for _, tt := range tests {
		if got := Format(tt.in, Short); got != tt.short {
			t.Errorf("Format(%v, Short) = %q, want %q", tt.in, got, tt.short)
		}
		if got := Format(tt.in, Seconds); got != tt.seconds {
			t.Errorf("Format(%v, Seconds) = %q, want %q", tt.in, got, tt.seconds)
		}
	}
}

// Format writes what it wrote with fmt, which it no longer calls, in every
// layout: around each field's carry, past 99 and 999 hours, below a
// millisecond, negative, and at random up to Max.
func TestFormatAsFmt(t *testing.T) {
	withFmt := func(d time.Duration, l Layout) string {
		sign := ""
		ms := int64(d / time.Millisecond)
		if ms < 0 {
			sign, ms = "-", -ms
		}
		s := ms / 1000
		var out string
		switch {
		case l == Seconds:
			if ms%1000 == 0 {
				return sign + fmt.Sprint(s)
			}
			return strings.TrimRight(fmt.Sprintf("%s%d.%03d", sign, s, ms%1000), "0")
		case l == Clock || s >= 3600:
			h := "%02d"
			if l == Short {
				h = "%d"
			}
			out = fmt.Sprintf("%s"+h+":%02d:%02d", sign, s/3600, s/60%60, s%60)
		default:
			out = fmt.Sprintf("%s%02d:%02d", sign, s/60, s%60)
		}
		if ms%1000 != 0 {
			out += fmt.Sprintf(".%03d", ms%1000)
		}
		return out
	}
	var ds []time.Duration
	for _, h := range []int{0, 1, 9, 10, 99, 100, 999, 1000} {
		for _, m := range []int{0, 1, 9, 10, 59} {
			for _, s := range []int{0, 1, 9, 10, 59} {
				for _, ms := range []int{0, 1, 9, 10, 99, 100, 120, 500, 999} {
					ds = append(ds, dur(h, m, s, ms), -dur(h, m, s, ms))
				}
			}
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 10000 {
		ds = append(ds, time.Duration(r.Int64N(int64(Max))))
	}
	ds = append(ds, time.Microsecond, -time.Microsecond, Max)
	for _, d := range ds {
		for _, l := range []Layout{Clock, Short, Seconds} {
			if got, want := Format(d, l), withFmt(d, l); got != want {
				t.Fatalf("Format(%v, %d) = %q, want %q", d, l, got, want)
			}
		}
	}
}

func TestParseLenient(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		err  string
	}{
		{"2114", dur(0, 35, 14, 0), ""},
		{"2114.5", dur(0, 35, 14, 500), ""},
		{" 1:2:3 ", dur(1, 2, 3, 0), ""},
		{"01:02:03.2504", dur(1, 2, 3, 250), ""},
		{"01:02:03.2505", dur(1, 2, 3, 251), ""},
		{"0:59.9996", dur(0, 1, 0, 0), ""},
		{"5.", dur(0, 0, 5, 0), ""},
		{".5", dur(0, 0, 0, 500), ""},
		{"75:30", dur(0, 75, 30, 0), ""},
		{"", 0, "empty time"},
		{"-5", 0, `cannot read the time "-5"`},
		{"1:60", 0, `cannot read the time "1:60"`},
		{"1:2:3:4", 0, `cannot read the time "1:2:3:4"`},
		{"1e3", 0, `cannot read the time "1e3"`},
		{"abc", 0, `cannot read the time "abc"`},
		{"1000:00:01", 0, `the time "1000:00:01" is longer than 1000 hours`},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in, Lenient)
		switch {
		case tt.err != "" && (err == nil || err.Error() != tt.err):
			t.Errorf("Parse(%q, Lenient) error = %v, want %q", tt.in, err, tt.err)
		case tt.err == "" && (err != nil || got != tt.want):
			t.Errorf("Parse(%q, Lenient) = %v, %v, want %v", tt.in, got, err, tt.want)
		}
	}
}

// AppendFormat appends what Format returns, after what the slice holds,
// in every layout.
func TestAppendFormat(t *testing.T) {
	for _, d := range []time.Duration{0, dur(0, 3, 49, 250), dur(0, 0, 10, 100), dur(1, 2, 3, 0), -dur(0, 1, 30, 500), dur(123, 0, 0, 7)} {
		for _, l := range []Layout{Clock, Short, Seconds} {
			if got, want := string(AppendFormat([]byte("at 10"), d, l)), "at 10"+Format(d, l); got != want {
				t.Errorf("AppendFormat(%q, %v, %v) = %q, want %q", "at 10", d, l, got, want)
			}
		}
	}
}
