package feed

import (
	"encoding/json"
	"io"
	"time"

	"github.com/gorilla/feeds"
)

const jsonFeedVersion = "https://jsonfeed.org/version/1.1"

// jsonFeed is gorilla's JSON Feed with our items, written even when empty.
type jsonFeed struct {
	feeds.JSONFeed
	Items []*jsonItem `json:"items"` // always empty: writeJSON streams the items into it
}

// jsonItem is gorilla's item with attachments as JSON Feed 1.1 defines
// them (gorilla's have a 32-bit "size").
type jsonItem struct {
	feeds.JSONItem
	Attachments []jsonAttachment `json:"attachments,omitempty"`
}

type jsonAttachment struct {
	URL               string      `json:"url"`
	MIMEType          string      `json:"mime_type"`
	SizeInBytes       int64       `json:"size_in_bytes,omitempty"`
	DurationInSeconds json.Number `json:"duration_in_seconds,omitempty"`
}

// jsonFeed renders feed.json (JSON Feed 1.1).
func (b *page) jsonFeed(w io.Writer) error {
	s := b.show
	f := &jsonFeed{
		JSONFeed: feeds.JSONFeed{
			Version:     jsonFeedVersion,
			Title:       s.Title,
			Language:    s.Language,
			HomePageUrl: s.Link,
			FeedUrl:     b.sibling(JSONFile),
			Description: s.Description,
			Icon:        s.Image,
		},
		Items: []*jsonItem{},
	}
	if b.page < b.pages-1 {
		f.NextUrl = b.sibling(PageName(JSONFile, b.page+1))
	}
	if name := authorName(s); name != "" {
		f.Authors = []*feeds.JSONAuthor{{Name: name, Url: s.Link}}
	}
	its := b.items(func(e *entry) any { return jsonFeedItem(e) }, func(f *Fragments) *Span { return &f.JSON }, &b.jsonSpans)
	return writeJSON(w, f, its)
}

// jsonFeedItem is e as a JSON Feed item: its notes as content_html, or,
// when it has none, content_text (JSON Feed 1.1 requires one of them).
func jsonFeedItem(e *entry) *jsonItem {
	ep := e.ep
	it := &jsonItem{JSONItem: feeds.JSONItem{
		Id:          ep.GUID,
		Url:         e.link,
		Title:       ep.Title,
		ContentHTML: e.content(),
		ContentText: e.contentText, // only without content_html
		Summary:     e.summaryText(),
		Image:       ep.Image,
		Tags:        ep.Keywords,
	}}
	if !ep.Published.IsZero() {
		t := ep.Published
		it.PublishedDate = &t
	}
	if ep.Audio.URL != "" {
		a := jsonAttachment{URL: ep.Audio.URL, MIMEType: ep.Audio.Type, SizeInBytes: ep.Audio.Length}
		if d := ep.Audio.Duration; d > 0 {
			a.DurationInSeconds = json.Number(seconds(d.Round(time.Millisecond)))
		}
		it.Attachments = []jsonAttachment{a}
	}
	return it
}
