package episodes

import (
	"fmt"
	"strconv"
	"time"

	"github.com/podfeed/podfeed/internal/timecode"
)

// secondsDuration converts a TOML number of seconds (int64 or float64) to a
// duration with millisecond precision.
func secondsDuration(v any) (time.Duration, error) {
	switch x := v.(type) {
	case int64:
		if x < 0 {
			return 0, fmt.Errorf("invalid timestamp %d: negative", x)
		}
		if x > int64(timecode.Max/time.Second) {
			return 0, timecode.TooLong(strconv.FormatInt(x, 10))
		}
		return time.Duration(x) * time.Second, nil
	case float64:
		s := strconv.FormatFloat(x, 'g', -1, 64)
		switch {
		case x != x: // NaN
			return 0, fmt.Errorf("invalid timestamp %s: not a number", s)
		case x < 0:
			return 0, fmt.Errorf("invalid timestamp %s: negative", s)
		case x > timecode.Max.Seconds():
			return 0, timecode.TooLong(s)
		}
		ms := int64(x*1000 + 0.5)
		return time.Duration(ms) * time.Millisecond, nil
	}
	return 0, fmt.Errorf("invalid timestamp: want a string or a number of seconds, got %T", v)
}
