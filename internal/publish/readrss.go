package publish

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/podfeed/podfeed/internal/xmlns"
	"github.com/podfeed/podfeed/internal/xmltree"
)

// Item is what the guard knows of one episode in a feed: the keys podcast
// apps use to recognise it.
type Item struct {
	GUID         string
	Title        string
	EnclosureURL string
	// Link is the item's <link>: the address of the episode's page. The
	// guard ignores it; a build reads the pages' addresses back from it.
	Link string
}

// Feed is what the guard knows of a published feed.
type Feed struct {
	ShowGUID string // the channel's <podcast:guid>; "" without one
	Items    []Item
}

// ReadRSSItems reads an RSS 2.0 feed and returns its items, in feed order
// (see [ReadRSS]).
func ReadRSSItems(r io.Reader) ([]Item, error) {
	f, err := ReadRSS(r)
	if err != nil {
		return nil, err
	}
	return f.Items, nil
}

// ReadRSS reads an RSS 2.0 feed: the channel's <podcast:guid> and its
// items, in feed order. Only <rss><channel><item> elements count, and of
// each item only its un-namespaced <guid>, <title>, <link> and <enclosure url>,
// with surrounding white space trimmed; other namespaced elements (itunes:,
// content: …) and unknown ones are skipped. A document whose root element
// is not <rss> is an error, so that a wrong file is never mistaken for an
// empty feed.
//
// The feed must be well-formed XML, in UTF-8 or any encoding it declares
// that package xmltree reads.
func ReadRSS(r io.Reader) (*Feed, error) {
	src, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read rss: %w", err)
	}
	doc, err := xmltree.Parse(src, xmltree.Strict)
	switch {
	case errors.Is(err, xmltree.ErrNoRoot):
		return nil, errors.New("read rss: no <rss> element")
	case err != nil:
		return nil, fmt.Errorf("read rss: %w", err)
	case doc.Root.Space != "" || doc.Root.Local != "rss":
		return nil, fmt.Errorf("read rss: root element is <%s>, not <rss>", doc.Name(doc.Root))
	}
	var feed Feed
	for _, ch := range doc.Root.Children("", "channel") {
		if g := ch.Child(xmlns.Podcast, "guid"); g != nil {
			feed.ShowGUID = strings.TrimSpace(g.Text)
		}
		for _, it := range ch.Children("", "item") {
			item := Item{GUID: it.ChildText("", "guid"), Title: it.ChildText("", "title"), Link: it.ChildText("", "link")}
			if enc := it.Child("", "enclosure"); enc != nil {
				item.EnclosureURL = enc.AttrValue("url")
			}
			feed.Items = append(feed.Items, item)
		}
	}
	return &feed, nil
}
