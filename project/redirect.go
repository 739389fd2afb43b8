package project

import (
	"maps"
	"net/url"
	"slices"
	"strings"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/address"
	"github.com/podfeed/podfeed/internal/output"
	"github.com/podfeed/podfeed/internal/publish"
	"github.com/podfeed/podfeed/site"
)

// A page that once existed keeps its address. An episode's page lives at
// episodes/<slug>/, and its slug is its file's name: renaming the file
// moves the page. Each build records in its manifest which guid every
// episode address it published belongs to ([manifest.Pages]), as the feed
// keys episodes on guids; the next build leaves a redirect page at each
// address whose episode is still live under another slug, and records it
// again, so that it survives every later build and the stale-file cleanup
// never takes it. Without a manifest, the published feed's item links say
// where each guid's page was. An address whose episode left the feed goes
// with it.

// publishedAddresses returns the episode addresses published in an
// output folder, slug → guid: those the last build's manifest records
// (m, nil without one), and those the published feed's items link to, for
// a folder whose manifest is gone (deleting it is safe) or that holds only
// the live feed.xml, as in CI.
func publishedAddresses(feed *publish.Feed, cfg *config.Show, m *manifest) map[string]string {
	pages := make(map[string]string)
	if m != nil && m.Pages != nil {
		pages = maps.Clone(m.Pages) // sized at once
	}
	if feed == nil {
		return pages // unreadable: the guard reports it
	}
	prefix := address.SiblingURL(cfg.FeedURL, "episodes/")
	for _, it := range feed.Items {
		rest, ok := strings.CutPrefix(it.Link, prefix)
		escaped, ok2 := strings.CutSuffix(rest, "/")
		slug, err := url.PathUnescape(escaped)
		if !ok || !ok2 || err != nil || slug == "" || strings.Contains(slug, "/") || it.GUID == "" {
			continue
		}
		if _, known := pages[slug]; !known {
			pages[slug] = it.GUID
		}
	}
	return pages
}

// move is one redirect: the page at episodes/<From>/ sends visitors on to
// episodes/<To>/.
type move struct {
	From, To string
	Title    string // the episode's
}

// pageAddresses returns, from the addresses of earlier builds (prev, slug
// → guid), the redirects that the live episodes need, sorted by From, and
// the addresses this build publishes (slug → guid), pages and redirects.
// An old address that a live episode's page now uses, also in another
// case (case-insensitive file systems hold one of the two), is that page's.
func pageAddresses(prev map[string]string, live []*episodes.Episode) ([]move, map[string]string) {
	now := make(map[string]string, len(live))
	for _, e := range live {
		if e.Slug != "" {
			now[e.Slug] = e.GUID
		}
	}
	// Most old addresses are pages still: the maps that the others need
	// are made for them alone.
	var others []string
	for from := range prev {
		if _, ok := now[from]; !ok {
			others = append(others, from)
		}
	}
	if len(others) == 0 {
		return nil, now
	}
	slices.Sort(others)
	byGUID := make(map[string]*episodes.Episode, len(live))
	folded := make(map[string]bool, len(live))
	for _, e := range live {
		if e.Slug != "" {
			byGUID[e.GUID] = e
			folded[strings.ToLower(e.Slug)] = true
		}
	}
	var moves []move
	for _, from := range others {
		e := byGUID[prev[from]]
		if e == nil || folded[strings.ToLower(from)] {
			continue // gone from the feed, or the address of a page now
		}
		now[from] = e.GUID
		moves = append(moves, move{From: from, To: e.Slug, Title: e.Title})
	}
	return moves, now
}

// redirectPages renders the pages of moves.
func redirectPages(show *config.Show, moves []move) ([]output.File, error) {
	files := make([]output.File, 0, len(moves))
	for _, m := range moves {
		f, err := site.Redirect(show, m.From, m.To, m.Title)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	return files, nil
}
