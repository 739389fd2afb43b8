package importer

import (
	"bytes"
	"fmt"

	"github.com/podfeed/podfeed/internal/diag"
)

// notAFeed returns an error saying what src turned out to be when it is
// plainly not an RSS feed: empty, JSON or an HTML page. It returns nil for
// anything that may be XML, which the reader then judges.
func notAFeed(name string, src []byte) error {
	s := bytes.TrimSpace(bytes.TrimPrefix(src, []byte("\xef\xbb\xbf")))
	switch {
	case len(s) == 0:
		return fmt.Errorf("%s is empty: podfeed imports an RSS podcast feed", name)
	case s[0] == '{' || s[0] == '[':
		if bytes.Contains(s, []byte("jsonfeed.org/version")) {
			return fmt.Errorf("%s is a JSON Feed: podfeed imports RSS podcast feeds; ask the host for the show's RSS address", name)
		}
		return fmt.Errorf("%s is JSON, not a feed: podfeed imports RSS podcast feeds", name)
	case isHTML(s):
		return fmt.Errorf("%s is an HTML page, not a feed: import the RSS address the page links to "+
			"(<link rel=\"alternate\" type=\"application/rss+xml\">, or the RSS button at the host)", name)
	}
	return nil
}

// htmlStarts are how an HTML page or fragment opens, after any XML
// declaration and comments: a full page, or a fragment a site serves
// (a <head> without <html>, as some generators write).
var htmlStarts = []string{"<!doctype html", "<html", "<head", "<body"}

// isHTML reports whether s opens as HTML, after an XML declaration and
// comments, such as "<!-- generated -->".
func isHTML(s []byte) bool {
	for {
		s = bytes.TrimLeft(s, " \t\r\n")
		var end []byte
		switch {
		case bytes.HasPrefix(s, []byte("<?")):
			end = []byte("?>")
		case bytes.HasPrefix(s, []byte("<!--")):
			end = []byte("-->")
		}
		if end == nil {
			break
		}
		i := bytes.Index(s, end)
		if i < 0 {
			return false
		}
		s = s[i+len(end):]
	}
	lower := bytes.ToLower(s[:min(len(s), 16)])
	for _, start := range htmlStarts {
		if rest, ok := bytes.CutPrefix(lower, []byte(start)); ok && (len(rest) == 0 || !isNameByte(rest[0])) {
			return true
		}
	}
	return false
}

// isNameByte reports whether c may continue a tag name: "<header" is not
// "<head".
func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == ':' || c == '.'
}

// leadingSpace warns about white space before the XML declaration, which
// browsers and apps skip but XML forbids (a byte order mark is allowed).
func (r *reader) leadingSpace(src []byte) {
	rest := bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimLeft(rest, " \t\r\n")
	if len(trimmed) == len(rest) || !bytes.HasPrefix(trimmed, []byte("<?xml")) {
		return
	}
	r.probs.Warn(diag.Pos{File: r.file, Line: 1}, "white space before the XML declaration").
		WithHint("apps read it, strict XML readers refuse it; the feed podfeed writes starts with the declaration")
}

// hasEnclosure reports whether an item of the channel has an enclosure
// with an address, or the channel a podcast:liveItem.
func hasEnclosure(channel *node) bool {
	if len(channel.Children(nsPodcast, "liveItem")) > 0 {
		return true
	}
	for _, it := range channel.Children("", "item") {
		if e := it.Child("", "enclosure"); e != nil && e.AttrValue("url") != "" {
			return true
		}
	}
	return false
}
