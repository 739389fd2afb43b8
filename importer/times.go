package importer

import (
	"fmt"
	"strings"
	"time"

	"github.com/podfeed/podfeed/internal/timecode"
)

// zoneOffsets are the zone names RFC 822 defines, and a few more that feeds
// write, as offsets in seconds east of UTC. Go's time.Parse would give an
// unknown name a zero offset, silently moving the episode by hours.
var zoneOffsets = map[string]int{
	"UT": 0, "UTC": 0, "GMT": 0, "Z": 0,
	"EST": -5 * 3600, "EDT": -4 * 3600,
	"CST": -6 * 3600, "CDT": -5 * 3600,
	"MST": -7 * 3600, "MDT": -6 * 3600,
	"PST": -8 * 3600, "PDT": -7 * 3600,
	"BST": 1 * 3600, "CET": 1 * 3600, "CEST": 2 * 3600,
	"EET": 2 * 3600, "EEST": 3 * 3600,
	"AEST": 10 * 3600, "AEDT": 11 * 3600,
}

// dateLayouts are the forms of pubDate that feeds write, after the weekday
// is dropped and a zone name is replaced by its offset.
var dateLayouts = []string{
	"2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04 -0700",
	"2 January 2006 15:04:05 -0700",
	"2 Jan 06 15:04:05 -0700",
	"2 Jan 2006 15:04:05 -07:00",
	time.RFC3339,
	"2006-01-02T15:04:05-0700",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05Z07:00",
}

// parseDate reads an RSS pubDate (RFC 822 and its common variants, or
// RFC 3339), keeping the zone offset it was written with. A date without a
// zone, or with one it does not know, is not accepted.
func parseDate(s string) (time.Time, error) {
	orig := s
	s = dropWeekday(s)
	if f := strings.Fields(s); len(f) > 1 {
		last := f[len(f)-1]
		if off, ok := zoneOffsets[strings.ToUpper(last)]; ok {
			sign := '+'
			if off < 0 {
				sign, off = '-', -off
			}
			f[len(f)-1] = fmt.Sprintf("%c%02d%02d", sign, off/3600, off/60%60)
			s = strings.Join(f, " ")
		}
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("cannot read the date %q", orig)
}

// dropWeekday collapses white space and drops a leading weekday: it is
// redundant, and often wrong.
func dropWeekday(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if i := strings.IndexByte(s, ','); i >= 0 && i <= 10 && isLetters(s[:i]) {
		s = strings.TrimSpace(s[i+1:])
	}
	return s
}

// isLetters reports whether s is ASCII letters alone: a weekday, or a zone
// name.
func isLetters(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return (r < 'A' || r > 'Z') && (r < 'a' || r > 'z') }) < 0
}

// zonelessLayouts are the dates without a zone, or without a time, that
// feeds write; apps read them as UTC.
var zonelessLayouts = []string{
	"2 Jan 2006 15:04:05",
	"2 Jan 2006 15:04",
	"2 January 2006 15:04:05",
	"2 Jan 06 15:04:05",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2 Jan 2006",
	"2 January 2006",
	"January 2 2006",
	"Jan 2 2006",
	"2006-01-02",
}

// parseDateLenient reads what [parseDate] refuses as apps do: a date
// without a zone, or with a zone name it does not know, is taken as UTC.
func parseDateLenient(s string) (time.Time, bool) {
	s = strings.ReplaceAll(dropWeekday(s), ",", "")
	if f := strings.Fields(s); len(f) > 3 && isLetters(f[len(f)-1]) {
		s = strings.Join(f[:len(f)-1], " ") // a zone name: its offset is unknown
	}
	for _, layout := range zonelessLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// parseClock reads a duration or chapter start as feeds write them:
// seconds ("2114", "2114.5"), "MM:SS", "H:MM:SS" or "HH:MM:SS.mmm", more
// leniently than episode files must (one-digit fields are accepted). The
// result has millisecond precision.
func parseClock(s string) (time.Duration, error) { return timecode.Parse(s, timecode.Lenient) }
