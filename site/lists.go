package site

import (
	"fmt"
	"slices"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/episodes"
)

// The show's episode list is paged, PageSize episodes a page, so that a new
// episode changes index.html and no other page of the list:
//
//   - An episodic show lists its episodes newest first. index.html shows
//     the newest PageSize; the others are on archive pages of PageSize
//     each, counted from the oldest: page/1/index.html holds the oldest
//     PageSize, page/2/index.html the next, and so on, and each keeps what
//     it holds as episodes are added. The pages are numbered in the list
//     as they are shown, newest first: index.html is page 1, the newest
//     archive page 2. An archive page whose episodes are all on index.html
//     is left out; its episodes on index.html too are listed on both.
//   - A serial show, which is listened to in order, lists its episodes
//     oldest first: index.html the first PageSize, page/2/index.html the
//     next, and so on, so that a new episode joins the last page.

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
	serial := show.Type == config.TypeSerial
	if serial {
		slices.Reverse(sorted)
	}
	pages := listPages(len(sorted), serial)
	lists := make([]List, len(pages))
	for i, p := range pages {
		lists[i] = List{File: p.file(), Episodes: sorted[p.lo:p.hi]}
	}
	return lists
}

// listPage is a page of the list: its address relative to the site root
// ("" for index.html, "page/2/"), and which of the episodes, as the show
// lists them, it lists ([lo, hi)).
type listPage struct {
	path   string
	lo, hi int
}

// file is the page's file, relative to the site root.
func (p listPage) file() string { return p.path + "index.html" }

// listPages lays out n episodes on the pages of the list, as the show
// lists them (serial: oldest first, else newest first), in the order the
// list numbers its pages: index.html first, and always.
func listPages(n int, serial bool) []listPage {
	pages := []listPage{{lo: 0, hi: min(PageSize, n)}}
	if serial {
		for lo := PageSize; lo < n; lo += PageSize {
			pages = append(pages, listPage{path: archivePath(len(pages) + 1), lo: lo, hi: min(lo+PageSize, n)})
		}
		return pages
	}
	// Block b holds the episodes b*PageSize to (b+1)*PageSize-1 counted
	// from the oldest, when all of them are there; the newest blocks
	// first, down to the oldest, but those all on index.html.
	for b := n/PageSize - 1; b >= 0; b-- {
		lo, hi := n-(b+1)*PageSize, n-b*PageSize
		if hi > PageSize {
			pages = append(pages, listPage{path: archivePath(b + 1), lo: lo, hi: hi})
		}
	}
	return pages
}

// archivePath returns the address of archive page k, relative to the site
// root.
func archivePath(k int) string { return fmt.Sprintf("page/%d/", k) }
