package importer

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/podfeed/podfeed/internal/timecode"
)

// zoneOffsets are the zone names RFC 822 defines, and more that feeds
// write and that name one offset each, in seconds east of UTC. Go's time.Parse would give an
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
	"AKST": -9 * 3600, "AKDT": -8 * 3600, "HST": -10 * 3600,
	"WET": 0, "WEST": 1 * 3600, "MEZ": 1 * 3600, "MESZ": 2 * 3600,
	"MSK": 3 * 3600, "SAST": 2 * 3600, "SGT": 8 * 3600, "HKT": 8 * 3600,
	"AWST": 8 * 3600, "JST": 9 * 3600, "KST": 9 * 3600,
	"ACST": 9*3600 + 1800, "ACDT": 10*3600 + 1800, "NZST": 12 * 3600, "NZDT": 13 * 3600,
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
			f[len(f)-1] = offsetString(off)
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

// zonedLayouts are the forms of a date with a zone offset that
// [parseDateLenient] reads after [normalDate], beyond dateLayouts.
var zonedLayouts = []string{
	"2 Jan 06 15:04 -0700",
	"Jan 2 2006 15:04:05 -0700",
	"Jan 2 2006 15:04 -0700",
	"2 Jan 2006 3:04:05 PM -0700",
	"2 Jan 2006 3:04 PM -0700",
	"Jan 2 2006 3:04:05 PM -0700",
	"Jan 2 2006 3:04 PM -0700",
	"2006-01-02 15:04 -0700",
}

// zonelessLayouts are the dates without a zone, or without a time, that
// feeds write; apps read them as UTC.
var zonelessLayouts = []string{
	"2 Jan 2006 15:04:05",
	"2 Jan 2006 15:04",
	"2 Jan 06 15:04:05",
	"2 Jan 06 15:04",
	"Jan 2 2006 15:04:05",
	"Jan 2 2006 15:04",
	"2 Jan 2006 3:04:05 PM",
	"2 Jan 2006 3:04 PM",
	"Jan 2 2006 3:04:05 PM",
	"Jan 2 2006 3:04 PM",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2 Jan 2006",
	"Jan 2 2006",
	"2006-01-02",
}

// ambiguousZones are zone names that stand for more than one offset.
var ambiguousZones = map[string]string{
	"IST": "India +05:30, Ireland +01:00 or Israel +02:00",
	"AST": "Atlantic -04:00 or Arabia +03:00",
	"SST": "Samoa -11:00 or Singapore +08:00",
}

// months are the month names feeds write, lower case, by the name Go's
// layouts read: full names, and "sept".
var months = map[string]string{
	"january": "Jan", "february": "Feb", "march": "Mar", "april": "Apr", "may": "May", "june": "Jun",
	"july": "Jul", "august": "Aug", "september": "Sep", "sept": "Sep", "october": "Oct",
	"november": "Nov", "december": "Dec",
}

var weekdays = map[string]bool{
	"mon": true, "tue": true, "tues": true, "wed": true, "thu": true, "thur": true, "thurs": true,
	"fri": true, "sat": true, "sun": true, "monday": true, "tuesday": true, "wednesday": true,
	"thursday": true, "friday": true, "saturday": true, "sunday": true,
}

// zoneSuffix is an offset written after GMT or UTC: "GMT+1", "UTC-05:00".
var zoneSuffix = regexp.MustCompile(`^(?i:GMT|UTC)([+-])(\d{1,2})(?::?(\d{2}))?$`)

// normalDate rewrites a malformed date in the forms the layouts read: no
// weekday and no commas, month names as Go's layouts read them ("Sep" for
// "September", "Sept" or "Sept."), "am"/"pm" as AM/PM, and a zone name or
// "GMT+1" as its offset. An ambiguous or unknown zone name is dropped, so
// the date reads as UTC; note says so.
func normalDate(s string) (out, note string) {
	f := strings.Fields(strings.ReplaceAll(dropWeekday(s), ",", " "))
	if len(f) > 0 && weekdays[strings.ToLower(strings.TrimSuffix(f[0], "."))] {
		f = f[1:]
	}
	for i, w := range f {
		key := strings.ToLower(strings.TrimSuffix(w, "."))
		switch {
		case months[key] != "":
			f[i] = months[key]
		case len(key) == 3 && isLetters(key):
			f[i] = strings.TrimSuffix(w, ".") // "Feb.": Go reads month names in any case
		case key == "am" || key == "pm":
			f[i] = strings.ToUpper(key)
		}
	}
	if len(f) <= 3 {
		return strings.Join(f, " "), ""
	}
	last := f[len(f)-1]
	up := strings.ToUpper(last)
	if m := zoneSuffix.FindStringSubmatch(last); m != nil {
		h, _ := strconv.Atoi(m[2])
		min, _ := strconv.Atoi(cmp.Or(m[3], "0"))
		f[len(f)-1] = fmt.Sprintf("%s%02d%02d", m[1], h, min)
	} else if off, ok := zoneOffsets[up]; ok {
		f[len(f)-1] = offsetString(off)
	} else if isLetters(last) && up != "AM" && up != "PM" && months[strings.ToLower(last)] == "" {
		f = f[:len(f)-1]
		if where := ambiguousZones[up]; where != "" {
			note = fmt.Sprintf("its zone %s may be %s: read as UTC", up, where)
		} else {
			note = fmt.Sprintf("its zone %q is unknown: read as UTC", last)
		}
	}
	return strings.Join(f, " "), note
}

// offsetString writes an offset in seconds east of UTC as "+hhmm".
func offsetString(off int) string {
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("%c%02d%02d", sign, off/3600, off/60%60)
}

// parseDateLenient reads what [parseDate] refuses, as apps do: month
// names in full or as "Sept", a weekday without comma, two-digit years,
// 12-hour times, a time without seconds, and zone names; a date without a
// zone, or with an ambiguous or unknown zone name, is taken as UTC. note
// says what was assumed.
func parseDateLenient(s string) (t time.Time, note string, ok bool) {
	n, note := normalDate(s)
	for _, layout := range slices.Concat(dateLayouts, zonedLayouts) {
		if t, err := time.Parse(layout, n); err == nil {
			return t, "", true
		}
	}
	for _, layout := range zonelessLayouts {
		if t, err := time.Parse(layout, n); err == nil {
			return t, cmp.Or(note, "it has no time zone: read as UTC"), true
		}
	}
	return time.Time{}, "", false
}

// parseClock reads a duration or chapter start as feeds write them:
// seconds ("2114", "2114.5"), "MM:SS", "H:MM:SS" or "HH:MM:SS.mmm", more
// leniently than episode files must (one-digit fields are accepted). The
// result has millisecond precision.
func parseClock(s string) (time.Duration, error) { return timecode.Parse(s, timecode.Lenient) }
