package showfile

import (
	"fmt"
	"time"
)

// FormatDate writes t as a TOML offset date-time with its own offset, "Z"
// for UTC.
func FormatDate(t time.Time) string {
	if _, off := t.Zone(); off == 0 {
		t = t.UTC()
	}
	if t.Nanosecond() != 0 {
		return t.Format("2006-01-02T15:04:05.000Z07:00")
	}
	return t.Format("2006-01-02T15:04:05Z07:00")
}

// FormatClock writes a duration or chapter start as the example episode
// does: "MM:SS" below an hour, "H:MM:SS" above, with ".mmm" only when there
// are milliseconds.
func FormatClock(d time.Duration) string {
	ms := int64(d / time.Millisecond)
	s := ms / 1000
	var out string
	if s >= 3600 {
		out = fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	} else {
		out = fmt.Sprintf("%02d:%02d", s/60, s%60)
	}
	if ms%1000 != 0 {
		out += fmt.Sprintf(".%03d", ms%1000)
	}
	return out
}
