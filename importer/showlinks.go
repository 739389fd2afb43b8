package importer

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/address"
	"github.com/podfeed/podfeed/internal/showfile"
)

// nameFiles gives each episode its file name: NNN-slug, numbered by episode
// number when every episode has a distinct one, otherwise in order of
// publication. Episodes are sorted oldest first.
func nameFiles(eps []*episodes.Episode, showLink string) {
	// Feeds list the newest first: reverse before the stable sort so that
	// items with equal dates keep their publication order.
	slices.Reverse(eps)
	slices.SortStableFunc(eps, func(a, b *episodes.Episode) int {
		switch {
		case a.Published.IsZero() && !b.Published.IsZero():
			return 1
		case !a.Published.IsZero() && b.Published.IsZero():
			return -1
		}
		return a.Published.Compare(b.Published)
	})
	byNumber := true
	seen := map[int]bool{}
	for _, ep := range eps {
		if ep.Number == 0 || seen[ep.Number] {
			byNumber = false
			break
		}
		seen[ep.Number] = true
	}
	width, top := 3, len(eps)
	for _, ep := range eps {
		top = max(top, ep.Number)
	}
	if w := len(strconv.Itoa(top)); w > width {
		width = w
	}
	// A slug that several old links share names no page of its own
	// ("/episode?id=3"): those episodes are named by title.
	fromLink := map[string]int{}
	for _, ep := range eps {
		fromLink[linkSlug(ep.Link, showLink)]++
	}
	used := map[string]bool{}
	for i, ep := range eps {
		n := i + 1
		if byNumber {
			n = ep.Number
		}
		base := fmt.Sprintf("%0*d-%s", width, n, showfile.Slug(ep.Title))
		if old := linkSlug(ep.Link, showLink); old != "" && fromLink[old] == 1 {
			base = old
		}
		name := base
		for k := 2; used[name]; k++ {
			name = fmt.Sprintf("%s-%d", base, k)
		}
		used[name] = true
		ep.Slug = name
		ep.File = "episodes/" + name + ".toml"
	}
}

// dropOwnPages forgets the links that are the very pages the build makes
// for their episodes (an import of a feed podfeed wrote), so that the
// items link to the pages podfeed keeps up to date. Any other link stays,
// also one that only looks like podfeed's: a site whose feed is at
// /podcast.xml may well keep its pages at /episodes/41.
func dropOwnPages(eps []*episodes.Episode, feedURL string) {
	if feedURL == "" {
		return
	}
	for _, ep := range eps {
		if ep.Link != "" && ep.Link == address.SiblingURL(feedURL, address.PagePath(ep.Slug)) {
			ep.Link = ""
		}
	}
}

// linkSlug returns the slug of the old page an episode's link names, the
// last segment of its path without an extension (".../055-rust-in-production/"
// gives "055-rust-in-production"), so that the site can move without
// breaking shared links. It returns "" when the link is the show's own
// page, or has no path, or a path that ends in an id (digits, hex).
func linkSlug(link, showLink string) string {
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil || !u.IsAbs() {
		return ""
	}
	if s, err := url.Parse(strings.TrimSpace(showLink)); err == nil && s.Host == u.Host && strings.Trim(s.Path, "/") == strings.Trim(u.Path, "/") {
		return ""
	}
	seg := path.Base("/" + strings.Trim(u.Path, "/"))
	seg = strings.TrimSuffix(seg, path.Ext(seg))
	if !strings.ContainsFunc(seg, unicode.IsLetter) || hexID.MatchString(seg) {
		return ""
	}
	return showfile.Slug(seg)
}

// hexID matches a path segment that is a host's id, not a title.
var hexID = regexp.MustCompile(`^[0-9a-fA-F]*[0-9][0-9a-fA-F]*$`)

// splitShowLinks finds the show's own links among the episodes' and moves
// them into podcast.toml: podfeed writes show links after each episode's
// own. With two or more episodes, a link is the show's when at least half
// of the episodes, and at least two, carry it in the same group. With one
// episode, the show's are the trailing groups whose name mentions the
// author's or owner's first name or the show's title.
func splitShowLinks(eps []*episodes.Episode, show *config.Show) []config.Link {
	type key struct{ group, url string }
	var order []key
	first := map[key]episodes.Link{}
	count := map[key]int{}
	// Newest first: the show's links as they read today.
	for i := len(eps) - 1; i >= 0; i-- {
		seen := map[key]bool{}
		for _, l := range eps[i].Links {
			k := key{l.Group, l.URL}
			if seen[k] {
				continue
			}
			seen[k] = true
			if _, ok := first[k]; !ok {
				first[k] = l
				order = append(order, k)
			}
			count[k]++
		}
	}
	isShow := map[key]bool{}
	switch {
	case len(eps) >= 2:
		for k, n := range count {
			if n >= 2 && 2*n >= len(eps) {
				isShow[k] = true
			}
		}
	case len(eps) == 1:
		names := hostNames(show)
		links := eps[0].Links
		for i := len(links) - 1; i >= 0; i-- {
			if !mentionsAny(links[i].Group, names) {
				break
			}
			isShow[key{links[i].Group, links[i].URL}] = true
		}
	}
	if len(isShow) == 0 {
		return nil
	}
	var out []config.Link
	for _, k := range order {
		if isShow[k] {
			l := first[k]
			out = append(out, config.Link{Group: l.Group, Title: l.Title, URL: l.URL, Note: l.Note})
		}
	}
	for _, ep := range eps {
		ep.Links = slices.DeleteFunc(ep.Links, func(l episodes.Link) bool { return isShow[key{l.Group, l.URL}] })
		if len(ep.Links) == 0 {
			ep.Links = nil
		}
	}
	return out
}

// hostNames are the names whose mention marks a link group as the show's:
// the author's and owner's first names and the show's title.
func hostNames(show *config.Show) []string {
	var names []string
	for _, full := range []string{show.Author, show.Owner.Name} {
		if f := strings.Fields(full); len(f) > 0 && len([]rune(f[0])) >= 3 {
			names = append(names, f[0])
		}
	}
	if show.Title != "" {
		names = append(names, show.Title)
	}
	return names
}

// mentionsAny reports whether s contains one of names as whole words,
// ignoring case.
func mentionsAny(s string, names []string) bool {
	for _, n := range names {
		re, err := regexp.Compile(`(?i)(^|\W)` + regexp.QuoteMeta(n) + `($|\W)`)
		if err == nil && re.MatchString(s) {
			return true
		}
	}
	return false
}
