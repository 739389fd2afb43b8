package episodes

import (
	"strings"
	"testing"
	"time"
)

func TestSelect(t *testing.T) {
	at := func(day, hour int) time.Time { return time.Date(2025, 3, day, hour, 0, 0, 0, time.UTC) }
	ep := func(file string, published time.Time, draft bool) *Episode {
		return &Episode{File: file, Slug: file, Published: published, Draft: draft}
	}
	now := at(10, 12)
	tests := []struct {
		name           string
		eps            []*Episode
		live, schedule string // files in order, space separated
	}{
		{"empty", nil, "", ""},
		{"newest first", []*Episode{ep("a", at(1, 0), false), ep("c", at(3, 0), false), ep("b", at(2, 0), false)}, "c b a", ""},
		{"ties by slug", []*Episode{ep("b", at(1, 0), false), ep("a", at(1, 0), false), ep("c", at(1, 0), false)}, "a b c", ""},
		{"then by guid", []*Episode{{File: "2", GUID: "y", Published: at(1, 0)}, {File: "1", GUID: "x", Published: at(1, 0)}}, "1 2", ""},
		{"published exactly now is live", []*Episode{ep("a", now, false)}, "a", ""},
		{"a nanosecond later is scheduled", []*Episode{ep("a", now.Add(1), false)}, "", "a"},
		{"scheduled soonest first", []*Episode{ep("late", at(20, 0), false), ep("soon", at(11, 0), false), ep("live", at(9, 0), false)}, "live", "soon late"},
		{"scheduled ties by file name", []*Episode{ep("y", at(11, 0), false), ep("x", at(11, 0), false)}, "", "x y"},
		{"drafts in neither", []*Episode{ep("past", at(1, 0), true), ep("future", at(20, 0), true), ep("a", at(2, 0), false)}, "a", ""},
		{"nil skipped", []*Episode{nil, ep("a", at(2, 0), false)}, "a", ""},
		{"zones compared as instants", []*Episode{
			ep("berlin", time.Date(2025, 3, 10, 13, 30, 0, 0, time.FixedZone("CET", 3600)), false), // 12:30 UTC
			ep("utc", at(10, 12).Add(15*time.Minute), false),
		}, "", "utc berlin"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := files(tt.eps)
			live, scheduled := Select(tt.eps, now)
			if got := files(live); got != tt.live {
				t.Errorf("live = %q, want %q", got, tt.live)
			}
			if got := files(scheduled); got != tt.schedule {
				t.Errorf("scheduled = %q, want %q", got, tt.schedule)
			}
			if after := files(tt.eps); after != before {
				t.Errorf("input reordered: %q, was %q", after, before)
			}
		})
	}
}

func files(eps []*Episode) string {
	var names []string
	for _, e := range eps {
		if e == nil {
			names = append(names, "<nil>")
			continue
		}
		names = append(names, e.File)
	}
	return strings.Join(names, " ")
}
