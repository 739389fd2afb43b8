package episodes

import (
	"cmp"
	"slices"
	"time"
)

// Select splits eps by what a build at now publishes. Drafts are in
// neither result. An episode published after now is scheduled: it stays out
// of the feed until a build runs at or after its time. The rest are live.
//
// live is sorted as the outputs list it (see [NewestFirst]), scheduled
// soonest first, equal times by file name. eps itself is not reordered; nil entries are
// skipped.
func Select(eps []*Episode, now time.Time) (live, scheduled []*Episode) {
	for _, e := range eps {
		switch {
		case e == nil || e.Draft:
		case e.Published.After(now):
			scheduled = append(scheduled, e)
		default:
			live = append(live, e)
		}
	}
	slices.SortStableFunc(live, NewestFirst)
	slices.SortStableFunc(scheduled, func(a, b *Episode) int {
		if c := a.Published.Compare(b.Published); c != 0 {
			return c
		}
		return cmp.Compare(a.File, b.File)
	})
	return live, scheduled
}

// NewestFirst orders episodes as every output lists them: newest first,
// then by slug, then by guid. It is a comparison function for
// slices.SortStableFunc.
func NewestFirst(a, b *Episode) int {
	if c := b.Published.Compare(a.Published); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Slug, b.Slug); c != 0 {
		return c
	}
	return cmp.Compare(a.GUID, b.GUID)
}
