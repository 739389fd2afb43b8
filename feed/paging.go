package feed

import "github.com/podfeed/podfeed/internal/address"

// PageName returns the file name of page i (from 0) of the feed named
// base; see [address.PageName], which it calls.
func PageName(base string, i int) string { return address.PageName(base, i) }

// pageCount is how many pages n items fill at max per page (max 0: one).
func pageCount(n, max int) int {
	if max <= 0 || n <= max {
		return 1
	}
	return (n + max - 1) / max
}

// pageLink is one RFC 5005 paging link.
type pageLink struct{ rel, href string }

// pageLinks returns the links of the current page of the feed named base,
// self first; a feed of one page has only self. RSS's first page keeps the
// show's feed_url as self, whatever its file is called.
func (b *page) pageLinks(base string) []pageLink {
	self := b.sibling(PageName(base, b.page))
	if base == RSSFile && b.page == 0 && b.show.FeedURL != "" {
		self = b.show.FeedURL
	}
	links := []pageLink{{"self", self}}
	if b.pages <= 1 {
		return links
	}
	links = append(links, pageLink{"first", b.sibling(PageName(base, 0))})
	if b.page > 0 {
		links = append(links, pageLink{"previous", b.sibling(PageName(base, b.page-1))})
	}
	if b.page < b.pages-1 {
		links = append(links, pageLink{"next", b.sibling(PageName(base, b.page+1))})
	}
	return append(links, pageLink{"last", b.sibling(PageName(base, b.pages-1))})
}
