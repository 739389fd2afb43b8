package showfile

import (
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
