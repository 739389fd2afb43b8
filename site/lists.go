package site

import (
	"slices"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/episodes"
)

// The show's episode list is paged: PageSize episodes on index.html, the
// next on page/2/index.html, and so on, newest first, or oldest first for
// a serial show, which is listened to in order.

// List is one page of the show's episode list: its file, relative to the
// site root, and the episodes it lists, in order.
type List struct {
	File     string
	Episodes []*episodes.Episode
}

// Lists returns the pages of the show's episode list for the live
// episodes eps, as [Build] writes them: index.html first. An incremental
// build tells from them which pages an edit changes.
func Lists(show *config.Show, eps []*episodes.Episode) []List {
	sorted := slices.Clone(eps)
	slices.SortStableFunc(sorted, episodes.NewestFirst)
	if show.Type == config.TypeSerial {
		slices.Reverse(sorted)
	}
	lists := make([]List, listCount(len(sorted)))
	for i := range lists {
		lo, hi := listRange(i+1, len(sorted))
		lists[i] = List{File: listFile(i + 1), Episodes: sorted[lo:hi]}
	}
	return lists
}

// listCount is how many pages list n episodes: at least one.
func listCount(n int) int { return max(1, (n+PageSize-1)/PageSize) }

// listRange returns which of n episodes page i (from 1) lists.
func listRange(i, n int) (lo, hi int) {
	lo = min((i-1)*PageSize, n)
	return lo, min(lo+PageSize, n)
}

// listFile is the file of page i (from 1) of the list.
func listFile(i int) string { return listPath(i) + "index.html" }
