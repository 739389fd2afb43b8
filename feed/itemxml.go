package feed

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/podfeed/podfeed/internal/escape"
)

// The feeds' items as Go writes them. encoding/xml reaches every field of
// an item through reflection and allocates as it goes: at N = 10,000 it
// took a twentieth of a full build's CPU and a tenth of its allocations.
// An RSS item or Atom entry that has only the elements most items have is
// written by its appendXML instead, with the bytes encoding/xml writes
// for it; one with anything more (soundbites, alternate enclosures, the
// Podcasting 2.0 tags beyond people, transcripts and chapters) is left to
// encoding/xml. TestItemXMLMatchesEncodingXML and FuzzItemXML hold the
// two to the same bytes.

// xmlItem is an item that may write itself as encoding/xml writes it.
type xmlItem interface {
	// appendXML writes the item into b as an xml.Encoder indented with
	// prefix and xmlIndent writes it after an element of its own level,
	// new line first, and reports whether it did; false when it wrote
	// nothing, leaving the item to encoding/xml.
	appendXML(b *bytes.Buffer, prefix string) bool
}

// xmlOut writes elements as encoding/xml does with an indenting encoder.
type xmlOut struct {
	b      *bytes.Buffer
	prefix string
}

// line starts a new line at depth levels below the item.
func (x xmlOut) line(depth int) {
	x.b.WriteByte('\n')
	x.b.WriteString(x.prefix)
	for range depth {
		x.b.WriteString(xmlIndent)
	}
}

// text writes s escaped as encoding/xml escapes text and attribute values.
func (x xmlOut) text(s string) {
	escape.WriteXML(x.b, s)
}

// element writes <name>text</name> on a line of its own.
func (x xmlOut) element(depth int, name, text string) {
	x.line(depth)
	x.b.WriteString("<" + name + ">")
	x.text(text)
	x.b.WriteString("</" + name + ">")
}

// optional writes element unless text is empty (omitempty).
func (x xmlOut) optional(depth int, name, text string) {
	if text != "" {
		x.element(depth, name, text)
	}
}

// number writes an int element unless it is 0 (omitempty).
func (x xmlOut) number(depth int, name string, n int) {
	if n != 0 {
		x.element(depth, name, strconv.Itoa(n))
	}
}

// cdataElement writes <name> with text as a CDATA section.
func (x xmlOut) cdataElement(depth int, name, text string) {
	x.line(depth)
	x.b.WriteString("<" + name + ">")
	x.cdata(text)
	x.b.WriteString("</" + name + ">")
}

// cdata writes text as a field tagged ",cdata" is written: in a CDATA
// section, split where it holds "]]>"; nothing for empty text.
func (x xmlOut) cdata(text string) {
	if text == "" {
		return
	}
	x.b.WriteString("<![CDATA[")
	for {
		before, after, ok := strings.Cut(text, "]]>")
		if !ok {
			break
		}
		x.b.WriteString(before)
		x.b.WriteString("]]]]><![CDATA[>")
		text = after
	}
	x.b.WriteString(text)
	x.b.WriteString("]]>")
}

// start writes a start tag's name: attributes and the closing ">" follow.
func (x xmlOut) start(depth int, name string) {
	x.line(depth)
	x.b.WriteString("<" + name)
}

// attr writes an attribute.
func (x xmlOut) attr(name, value string) {
	x.b.WriteString(" " + name + `="`)
	x.text(value)
	x.b.WriteByte('"')
}

// optionalAttr writes an attribute unless its value is empty (omitempty).
func (x xmlOut) optionalAttr(name, value string) {
	if value != "" {
		x.attr(name, value)
	}
}

// end closes a start tag with its text and end tag.
func (x xmlOut) end(name, text string) {
	x.b.WriteByte('>')
	x.text(text)
	x.b.WriteString("</" + name + ">")
}

// appendXML writes the item unless it has elements that only some items
// have, which encoding/xml writes.
func (it *rssItem) appendXML(b *bytes.Buffer, prefix string) bool {
	if it.Author != "" || it.Category != "" || it.Comments != "" || it.Source != "" ||
		it.Enclosure == nil || it.Guid == nil || it.ItunesBlock != "" ||
		len(it.PodcastSoundbites) > 0 || len(it.PodcastAlternateEnclosures) > 0 || len(it.PodcastSocialInteract) > 0 ||
		it.podcastTags.Location != nil || it.podcastTags.License != nil || len(it.podcastTags.Txt) > 0 ||
		len(it.podcastTags.Images) > 0 || it.podcastTags.Chat != nil || it.podcastTags.Value != nil {
		return false
	}
	x := xmlOut{b, prefix}
	x.line(0)
	b.WriteString("<item>")
	x.element(1, "title", it.Title)
	x.optional(1, "link", it.Link)
	if it.Description != nil {
		x.cdataElement(1, "description", it.Description.Text)
	}
	if it.Content != nil {
		x.cdataElement(1, "content:encoded", it.Content.Content)
	}
	x.start(1, "enclosure")
	x.attr("url", it.Enclosure.Url)
	x.attr("length", it.Enclosure.Length)
	x.attr("type", it.Enclosure.Type)
	x.end("enclosure", "")
	x.start(1, "guid")
	x.optionalAttr("isPermaLink", it.Guid.IsPermaLink)
	x.end("guid", it.Guid.Id)
	x.optional(1, "pubDate", it.PubDate)
	x.optional(1, "itunes:title", it.ItunesTitle)
	x.optional(1, "itunes:duration", it.ItunesDuration)
	x.number(1, "itunes:episode", it.ItunesEpisode)
	x.number(1, "itunes:season", it.ItunesSeason)
	x.optional(1, "itunes:episodeType", it.ItunesEpisodeType)
	x.element(1, "itunes:explicit", it.ItunesExplicit)
	if it.ItunesImage != nil {
		x.start(1, "itunes:image")
		x.attr("href", it.ItunesImage.Href)
		x.end("itunes:image", "")
	}
	x.optional(1, "itunes:keywords", it.ItunesKeywords)
	x.number(1, "podcast:episode", it.PodcastEpisode)
	x.number(1, "podcast:season", it.PodcastSeason)
	for _, p := range it.PodcastPeople {
		x.start(1, "podcast:person")
		x.optionalAttr("role", p.Role)
		x.optionalAttr("group", p.Group)
		x.optionalAttr("href", p.Href)
		x.optionalAttr("img", p.Img)
		x.end("podcast:person", p.Name)
	}
	for _, t := range it.PodcastTranscript {
		x.start(1, "podcast:transcript")
		x.attr("url", t.URL)
		x.attr("type", t.Type)
		x.optionalAttr("language", t.Language)
		x.optionalAttr("rel", t.Rel)
		x.end("podcast:transcript", "")
	}
	if c := it.PodcastChapters; c != nil {
		x.start(1, "podcast:chapters")
		x.attr("url", c.URL)
		x.attr("type", c.Type)
		x.end("podcast:chapters", "")
	}
	if c := it.PscChapters; c != nil {
		x.start(1, "psc:chapters")
		x.attr("version", c.Version)
		b.WriteByte('>')
		for _, ch := range c.Chapters {
			x.start(2, "psc:chapter")
			x.attr("start", ch.Start)
			x.attr("title", ch.Title)
			x.optionalAttr("href", ch.Href)
			x.optionalAttr("image", ch.Image)
			x.end("psc:chapter", "")
		}
		if len(c.Chapters) > 0 {
			x.line(1)
		}
		b.WriteString("</psc:chapters>")
	}
	x.line(0)
	b.WriteString("</item>")
	return true
}

// appendXML writes the entry unless it has elements newAtomEntry does not
// give it, which encoding/xml writes.
func (x *atomEntry) appendXML(b *bytes.Buffer, prefix string) bool {
	e := x.AtomEntry
	if e == nil || e.Xmlns != "" || e.Category != "" || e.Rights != "" || e.Source != "" || e.Contributor != nil || e.Author != nil {
		return false
	}
	o := xmlOut{b, prefix}
	o.line(0)
	b.WriteString("<entry>")
	o.element(1, "title", e.Title)
	o.element(1, "updated", e.Updated)
	o.element(1, "id", e.Id)
	o.optional(1, "published", e.Published)
	for _, l := range e.Links {
		o.start(1, "link")
		o.attr("href", l.Href)
		o.optionalAttr("rel", l.Rel)
		o.optionalAttr("type", l.Type)
		o.optionalAttr("length", l.Length)
		o.end("link", "")
	}
	for _, h := range []struct {
		name string
		text *atomHTML
	}{{"content", x.Content}, {"summary", x.Summary}} {
		if h.text == nil {
			continue
		}
		o.start(1, h.name)
		o.attr("type", h.text.Type)
		b.WriteByte('>')
		o.cdata(h.text.Text)
		b.WriteString("</" + h.name + ">")
	}
	o.line(0)
	b.WriteString("</entry>")
	return true
}
