// Package address is the one table of where a show's outputs live: the
// file names of the feeds and their archive pages, the chapters folder, the
// paths of the episode and embed pages, and the public address of each,
// which is always beside feed.xml, in the folder of the show's feed_url.
//
// Package feed writes these addresses into the feeds and package site into
// the pages; neither needs the other to know where a file is.
package address

import (
	"fmt"
	"net/url"
	"path"
	"strings"
)

// File names of the outputs, relative to the output folder. The Atom and
// JSON feeds and the chapters are addressed relative to the show's feed_url,
// which is where feed.xml is served.
const (
	RSSFile  = "feed.xml"
	AtomFile = "atom.xml"
	JSONFile = "feed.json"

	ChaptersDir = "chapters"
)

// PageName returns the file name of page i (from 0) of the feed named
// base: base itself for the first page, then "feed-2.xml", "feed-3.xml", …
func PageName(base string, i int) string {
	if i == 0 {
		return base
	}
	ext := path.Ext(base)
	return fmt.Sprintf("%s-%d%s", strings.TrimSuffix(base, ext), i+1, ext)
}

// SiblingURL returns the public address of name (a slash-separated path,
// already escaped) in the folder that holds feed.xml, the directory of
// feedURL: the address of every other output, since they are all published
// beside feed.xml.
func SiblingURL(feedURL, name string) string { return NewSiblings(feedURL).URL(name) }

// Siblings gives the public addresses of files in the folder that holds
// feed.xml, as [SiblingURL] does, with feed.xml's address looked at once:
// a build asks for the addresses of every episode's page, embed and
// chapters, and looking at it each time took a sixth of the CPU of the
// site's episodes after an edit of 10,000.
type Siblings struct {
	feedURL, dir string
	plain        bool // dir is feedURL's folder, and plain (see plainDir)
}

// NewSiblings returns the Siblings of the feed at feedURL.
func NewSiblings(feedURL string) Siblings {
	dir, ok := plainDir(feedURL)
	return Siblings{feedURL: feedURL, dir: dir, plain: ok}
}

// URL returns the public address of name (a slash-separated path,
// already escaped) beside feed.xml.
func (s Siblings) URL(name string) string {
	// For plain names, a string's work instead of two parses.
	if s.plain && plainPath(name) {
		return s.dir + name
	}
	return resolveSibling(s.feedURL, name)
}

// resolveSibling is SiblingURL by the book: name resolved against feedURL
// as a reference.
func resolveSibling(feedURL, name string) string {
	base, err := url.Parse(feedURL)
	if err != nil || base.Scheme == "" {
		dir, _ := path.Split(feedURL)
		return dir + name
	}
	ref := &url.URL{Path: name}
	if u, err := url.Parse(name); err == nil {
		ref = u
	}
	return base.ResolveReference(ref).String()
}

// plainDir returns the folder of u, up to its last slash, when u is an
// http or https address that parsing and resolving against leave as it is:
// a host of letters, digits, dots and hyphens with an optional port, and a
// plain path (see plainPath). Resolving against it is then appending.
func plainDir(u string) (string, bool) {
	rest, ok := strings.CutPrefix(u, "https://")
	if !ok {
		if rest, ok = strings.CutPrefix(u, "http://"); !ok {
			return "", false
		}
	}
	host, p, slash := strings.Cut(rest, "/")
	name, port, hasPort := strings.Cut(host, ":")
	if name == "" || strings.Trim(name, "abcdefghijklmnopqrstuvwxyz0123456789.-") != "" ||
		hasPort && (port == "" || strings.Trim(port, "0123456789") != "") {
		return "", false
	}
	switch {
	case !slash:
		return u + "/", true
	case p == "":
		return u, true
	case !plainPath(p):
		return "", false
	}
	return u[:strings.LastIndexByte(u, '/')+1], true
}

// plainPath reports whether p is a relative path of unreserved characters
// (RFC 3986: letters, digits, "-", ".", "_", "~") and slashes, without an
// empty, "." or ".." segment but for an empty last one: a path that is
// neither escaped nor cleaned.
func plainPath(p string) bool {
	if p == "" {
		return false
	}
	for seg := range strings.SplitSeq(p, "/") {
		if seg == "." || seg == ".." {
			return false
		}
		for i := range len(seg) {
			switch c := seg[i]; {
			case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '.', c == '_', c == '~':
			default:
				return false
			}
		}
	}
	return !strings.Contains(p, "//") && p[0] != '/'
}

// PagePath returns the address of the page of the episode with slug,
// relative to the site root ("episodes/<slug>/", escaped), or "" for an
// episode without a slug.
func PagePath(slug string) string {
	if slug == "" {
		return ""
	}
	return "episodes/" + url.PathEscape(slug) + "/"
}

// EmbedPath returns the address of the embed page of the episode with
// slug, relative to the site root: "embed/<slug>.html", escaped.
func EmbedPath(slug string) string {
	return "embed/" + url.PathEscape(slug) + ".html"
}

// PageFile returns the file name of the page of the episode with slug,
// relative to the output folder: "episodes/<slug>/index.html", unescaped.
func PageFile(slug string) string { return "episodes/" + slug + "/index.html" }

// EmbedFile returns the file name of the embed page of the episode with
// slug, relative to the output folder: "embed/<slug>.html", unescaped.
func EmbedFile(slug string) string { return "embed/" + slug + ".html" }

// ChaptersFile returns the file name of the chapters of the episode with
// slug, relative to the output folder: "chapters/<slug>.json", unescaped.
func ChaptersFile(slug string) string {
	return ChaptersDir + "/" + slug + ".json"
}

// ChaptersURL returns the public address of the chapters file of the
// episode with slug, for a show whose feed.xml is at feedURL.
func ChaptersURL(feedURL, slug string) string { return NewSiblings(feedURL).ChaptersURL(slug) }

// ChaptersURL is [ChaptersURL] beside this feed.
func (s Siblings) ChaptersURL(slug string) string {
	return s.URL(ChaptersDir + "/" + url.PathEscape(slug) + ".json")
}

// LocalFile reports whether v, the value of an image key, names a file in
// the show folder ("artwork.jpg", "art/cover.png") rather than an address,
// and returns its slash-separated path. An absolute path, a path that
// leaves the folder and anything with a scheme or host are not local files.
func LocalFile(v string) (string, bool) {
	if v == "" || strings.Contains(v, "\\") || strings.HasPrefix(v, "/") {
		return "", false
	}
	u, err := url.Parse(v)
	if err != nil || u.Scheme != "" || u.Host != "" || u.RawQuery != "" || u.Fragment != "" {
		return "", false
	}
	clean := path.Clean(v)
	if clean != v || clean == "." || clean == ".." || strings.HasPrefix(clean, "../") {
		return "", false
	}
	return clean, true
}
