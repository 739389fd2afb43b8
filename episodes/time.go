package episodes

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// MaxTimestamp is the longest duration or chapter start accepted: anything
// longer is a typo (seconds written where minutes were meant, an extra
// digit), not an episode.
const MaxTimestamp = 1000 * time.Hour

// ParseTimestamp parses a duration or chapter start written as "MM:SS",
// "H:MM:SS" or "HH:MM:SS", optionally followed by a fraction of one to three
// digits (".5", ".250"), or as plain seconds ("2114", "2114.5").
//
// The first field may be any number of digits ("75:30" is 75 minutes);
// every later field has exactly two digits and must be below 60. Negative
// values and values over [MaxTimestamp] are errors. Surrounding spaces are
// ignored. The result has millisecond precision.
func ParseTimestamp(s string) (time.Duration, error) {
	orig := s
	s = strings.TrimSpace(s)
	bad := func(format string, args ...any) error {
		return fmt.Errorf("invalid timestamp %q: %s", orig, fmt.Sprintf(format, args...))
	}
	if s == "" {
		return 0, bad("empty")
	}
	if s[0] == '-' {
		return 0, bad("negative")
	}

	// The fraction belongs to the last field only.
	var ms int64
	if i := strings.IndexByte(s, '.'); i >= 0 {
		frac := s[i+1:]
		s = s[:i]
		if frac == "" || len(frac) > 3 || !allDigits(frac) {
			return 0, bad("want one to three digits after the dot (milliseconds)")
		}
		n, _ := strconv.ParseInt(frac, 10, 64)
		for range 3 - len(frac) {
			n *= 10
		}
		ms = n
	}

	fields := strings.Split(s, ":")
	if len(fields) > 3 {
		return 0, bad("want MM:SS, H:MM:SS or seconds")
	}
	units := []string{"seconds", "minutes", "hours"}[:len(fields)]
	var total int64 // seconds
	for i, f := range fields {
		unit := units[len(fields)-1-i]
		if f == "" {
			return 0, bad("%s are missing", unit)
		}
		if !allDigits(f) {
			return 0, bad("%s must be digits, got %q", unit, f)
		}
		n, err := strconv.ParseInt(f, 10, 64)
		if err != nil || n > int64(MaxTimestamp/time.Second) {
			return 0, tooLong(strconv.Quote(orig))
		}
		if i > 0 {
			if len(f) != 2 {
				return 0, bad("%s need two digits, got %q", unit, f)
			}
			if n >= 60 {
				return 0, bad("%s must be below 60, got %d", unit, n)
			}
		}
		total = total*60 + n
		if total > int64(MaxTimestamp/time.Second) {
			return 0, tooLong(strconv.Quote(orig))
		}
	}
	d := time.Duration(total)*time.Second + time.Duration(ms)*time.Millisecond
	if d > MaxTimestamp {
		return 0, tooLong(strconv.Quote(orig))
	}
	return d, nil
}

// tooLong is the error for a value over MaxTimestamp; shown is the value
// as the message should quote it.
func tooLong(shown string) error {
	return fmt.Errorf("invalid timestamp %s: longer than %d hours", shown, int(MaxTimestamp/time.Hour))
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// secondsDuration converts a TOML number of seconds (int64 or float64) to a
// duration with millisecond precision.
func secondsDuration(v any) (time.Duration, error) {
	switch x := v.(type) {
	case int64:
		if x < 0 {
			return 0, fmt.Errorf("invalid timestamp %d: negative", x)
		}
		if x > int64(MaxTimestamp/time.Second) {
			return 0, tooLong(strconv.FormatInt(x, 10))
		}
		return time.Duration(x) * time.Second, nil
	case float64:
		s := strconv.FormatFloat(x, 'g', -1, 64)
		switch {
		case x != x: // NaN
			return 0, fmt.Errorf("invalid timestamp %s: not a number", s)
		case x < 0:
			return 0, fmt.Errorf("invalid timestamp %s: negative", s)
		case x > MaxTimestamp.Seconds():
			return 0, tooLong(s)
		}
		ms := int64(x*1000 + 0.5)
		return time.Duration(ms) * time.Millisecond, nil
	}
	return 0, fmt.Errorf("invalid timestamp: want a string or a number of seconds, got %T", v)
}

// FormatClock formats d as "HH:MM:SS" (always with hours, e.g. "00:03:49"),
// followed by ".mmm" only when d has milliseconds. Hours past 99 take as many
// digits as they need; anything below a millisecond is dropped; a negative d
// gets a leading minus sign.
//
// This is the form podcast apps turn into chapter jump links.
func FormatClock(d time.Duration) string {
	sign := ""
	ms := int64(d / time.Millisecond)
	if ms < 0 {
		sign, ms = "-", -ms
	}
	s := ms / 1000
	out := fmt.Sprintf("%s%02d:%02d:%02d", sign, s/3600, s/60%60, s%60)
	if ms%1000 != 0 {
		out += fmt.Sprintf(".%03d", ms%1000)
	}
	return out
}
