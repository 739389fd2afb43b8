package site

import (
	"fmt"
	"testing"
)

// TestListPages lays out shows of n episodes, episodic and serial, on the
// pages of the list.
func TestListPages(t *testing.T) {
	type page struct {
		path   string
		lo, hi int
	}
	for _, tc := range []struct {
		n      int
		serial bool
		want   []page
	}{
		{0, false, []page{{"", 0, 0}}},
		{1, false, []page{{"", 0, 1}}},
		{50, false, []page{{"", 0, 50}}},
		{51, false, []page{{"", 0, 50}, {"page/1/", 1, 51}}},
		{100, false, []page{{"", 0, 50}, {"page/1/", 50, 100}}},
		{101, false, []page{{"", 0, 50}, {"page/2/", 1, 51}, {"page/1/", 51, 101}}},
		{175, false, []page{{"", 0, 50}, {"page/3/", 25, 75}, {"page/2/", 75, 125}, {"page/1/", 125, 175}}},
		{0, true, []page{{"", 0, 0}}},
		{50, true, []page{{"", 0, 50}}},
		{51, true, []page{{"", 0, 50}, {"page/2/", 50, 51}}},
		{120, true, []page{{"", 0, 50}, {"page/2/", 50, 100}, {"page/3/", 100, 120}}},
	} {
		t.Run(fmt.Sprintf("%d serial %v", tc.n, tc.serial), func(t *testing.T) {
			var got []page
			for _, p := range listPages(tc.n, tc.serial) {
				got = append(got, page{p.path, p.lo, p.hi})
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

// TestListPagesKeepTheirEpisodes: every episode is on a page, and a new
// episode changes no page of the list but the first: each other page
// lists the same episodes, counted from the oldest (episodic) or the
// first (serial), as before.
func TestListPagesKeepTheirEpisodes(t *testing.T) {
	for _, serial := range []bool{false, true} {
		held := map[string][2]int{} // path → episodes, counted from the oldest, of the show before
		for n := 0; n <= 260; n++ {
			listed := make([]bool, n)
			now := map[string][2]int{}
			for _, p := range listPages(n, serial) {
				for i := p.lo; i < p.hi; i++ {
					listed[i] = true
				}
				lo, hi := p.lo, p.hi
				if !serial {
					lo, hi = n-p.hi, n-p.lo
				}
				now[p.path] = [2]int{lo, hi}
				if p.hi-p.lo > PageSize {
					t.Errorf("serial %v, %d episodes: %q lists %d", serial, n, p.path, p.hi-p.lo)
				}
				if was, ok := held[p.path]; ok && p.path != "" && was != now[p.path] && (!serial || was[1]-was[0] == PageSize) {
					t.Errorf("serial %v, a new episode after %d: %q listed %v, now %v", serial, n-1, p.path, was, now[p.path])
				}
			}
			for i, ok := range listed {
				if !ok {
					t.Errorf("serial %v, %d episodes: episode %d is on no page", serial, n, i)
				}
			}
			held = now
		}
	}
}
