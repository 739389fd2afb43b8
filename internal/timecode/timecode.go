// Package timecode is the one home of durations and clock times as podfeed
// reads and writes them: chapter starts and episode durations, "03:49",
// "1:02:03.250" or plain seconds "229.25". [Parse] reads them, strictly as
// episode files must write them or leniently as feeds and show notes do;
// [Format] writes them in one of a few layouts. Every value has millisecond
// precision and is at most [Max].
package timecode

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Max is the longest duration or chapter start accepted: anything longer
// is a typo (seconds written where minutes were meant, an extra digit), not
// an episode.
const Max = 1000 * time.Hour

// Layout is a way of writing a duration, for [Format].
type Layout int

const (
	// Clock is "HH:MM:SS", always with hours ("00:03:49"), followed by
	// ".mmm" only when there are milliseconds: the form podcast apps turn
	// into chapter jump links. Hours past 99 take the digits they need.
	Clock Layout = iota
	// Short is "MM:SS" below an hour ("03:49") and "H:MM:SS" above
	// ("1:02:03"), followed by ".mmm" only when there are milliseconds: as
	// people read a time, and as the example episode writes it.
	Short
	// Seconds is a number of seconds, whole ("229") or with up to three
	// decimals ("229.25"), as JSON chapters and the site's seek links
	// give it.
	Seconds
)

// Format writes d in the layout l. Anything below a millisecond is dropped;
// a negative d gets a leading minus sign.
func Format(d time.Duration, l Layout) string {
	// Appended into a small array, not with fmt: every chapter line of
	// every item and page is written with it.
	var buf [32]byte
	return string(AppendFormat(buf[:0], d, l))
}

// AppendFormat appends d as [Format] writes it to b: the show notes write
// every chapter's start five times per episode, without a string each.
func AppendFormat(b []byte, d time.Duration, l Layout) []byte {
	ms := int64(d / time.Millisecond)
	if ms < 0 {
		b, ms = append(b, '-'), -ms
	}
	s := ms / 1000
	switch {
	case l == Seconds:
		b = strconv.AppendInt(b, s, 10)
		if ms%1000 == 0 {
			return b
		}
		b = pad(append(b, '.'), ms%1000, 3)
		return bytes.TrimRight(b, "0")
	case l == Clock || s >= 3600:
		if l == Short {
			b = strconv.AppendInt(b, s/3600, 10)
		} else {
			b = pad(b, s/3600, 2)
		}
		b = append(b, ':')
		b = pad(b, s/60%60, 2)
	default:
		b = pad(b, s/60, 2)
	}
	b = append(b, ':')
	b = pad(b, s%60, 2)
	if ms%1000 != 0 {
		b = append(b, '.')
		b = pad(b, ms%1000, 3)
	}
	return b
}

// pad appends n, not negative, in at least width digits, with leading
// zeros: fmt's %02d and %03d.
func pad(b []byte, n int64, width int) []byte {
	for w, p := width, int64(1); w > 1; w-- {
		if p *= 10; n < p {
			b = append(b, '0')
		}
	}
	return strconv.AppendInt(b, n, 10)
}

// Mode is how strictly [Parse] reads.
type Mode int

const (
	// Strict reads a time as an episode file must write it: "MM:SS",
	// "H:MM:SS" or "HH:MM:SS", optionally followed by a fraction of one to
	// three digits (".5", ".250"), or plain seconds ("2114", "2114.5"). The
	// first field may be any number of digits ("75:30" is 75 minutes);
	// every later field has exactly two digits and is below 60. Its errors
	// say what is wrong: "invalid timestamp "1:2": minutes need two digits…".
	Strict Mode = iota
	// Lenient reads a time as feeds and show notes write it: like Strict,
	// but later fields may have one digit ("1:2:3"), the fraction any
	// number of digits (rounded to the millisecond), and either side of
	// the dot may be empty ("5.", ".5"). Its errors only say that the time
	// cannot be read.
	Lenient
)

// Parse reads a duration or chapter start in the mode m. Surrounding
// spaces are ignored; negative values and values over [Max] are errors.
// The result has millisecond precision.
func Parse(s string, m Mode) (time.Duration, error) {
	p := parser{orig: s, s: strings.TrimSpace(s), lenient: m == Lenient}
	return p.parse()
}

type parser struct {
	orig, s string
	lenient bool
}

// bad is the error for a value that cannot be read; detail says why (in
// Strict mode).
func (p *parser) bad(format string, args ...any) error {
	if p.lenient {
		return fmt.Errorf("cannot read the time %q", p.s)
	}
	return fmt.Errorf("invalid timestamp %q: %s", p.orig, fmt.Sprintf(format, args...))
}

// tooLong is the error for a value over Max.
func (p *parser) tooLong() error {
	if p.lenient {
		return fmt.Errorf("the time %q is longer than %d hours", p.s, int(Max/time.Hour))
	}
	return TooLong(strconv.Quote(p.orig))
}

// TooLong is the error for a value over [Max]; shown is the value as the
// message should quote it. Readers of numbers of seconds use it too.
func TooLong(shown string) error {
	return fmt.Errorf("invalid timestamp %s: longer than %d hours", shown, int(Max/time.Hour))
}

func (p *parser) parse() (time.Duration, error) {
	s := p.s
	if s == "" {
		if p.lenient {
			return 0, fmt.Errorf("empty time")
		}
		return 0, p.bad("empty")
	}
	if s[0] == '-' {
		return 0, p.bad("negative")
	}

	// The fraction belongs to the last field only.
	var ms int64
	hasFrac := false
	if i := strings.IndexByte(s, '.'); i >= 0 {
		frac := s[i+1:]
		s = s[:i]
		hasFrac = frac != ""
		n, ok := p.fraction(frac)
		if !ok {
			return 0, p.bad("want one to three digits after the dot (milliseconds)")
		}
		ms = n
	}

	fields := strings.Split(s, ":")
	if len(fields) > 3 {
		return 0, p.bad("want MM:SS, H:MM:SS or seconds")
	}
	units := []string{"seconds", "minutes", "hours"}[:len(fields)]
	var total int64 // seconds
	for i, f := range fields {
		unit := units[len(fields)-1-i]
		if f == "" && p.lenient && hasFrac && i == len(fields)-1 {
			f = "0" // ".5", "1:.5"
		}
		if f == "" {
			return 0, p.bad("%s are missing", unit)
		}
		if !allDigits(f) {
			return 0, p.bad("%s must be digits, got %q", unit, f)
		}
		n, err := strconv.ParseInt(f, 10, 64)
		if err != nil || n > int64(Max/time.Second) {
			return 0, p.tooLong()
		}
		if i > 0 {
			if len(f) != 2 && !p.lenient {
				return 0, p.bad("%s need two digits, got %q", unit, f)
			}
			if n >= 60 {
				return 0, p.bad("%s must be below 60, got %d", unit, n)
			}
		}
		total = total*60 + n
		if total > int64(Max/time.Second) {
			return 0, p.tooLong()
		}
	}
	d := time.Duration(total)*time.Second + time.Duration(ms)*time.Millisecond
	if d > Max {
		return 0, p.tooLong()
	}
	return d, nil
}

// fraction reads the digits after the dot as milliseconds: one to three
// digits in Strict mode; any number, rounded, in Lenient mode, where it
// may also be empty ("5.").
func (p *parser) fraction(frac string) (int64, bool) {
	if !p.lenient && (frac == "" || len(frac) > 3) {
		return 0, false
	}
	if frac != "" && !allDigits(frac) {
		return 0, false
	}
	digits := frac + "000"
	n, _ := strconv.ParseInt(digits[:3], 10, 64)
	if len(frac) > 3 && frac[3] >= '5' {
		n++ // may reach 1000: a whole second more
	}
	return n, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
