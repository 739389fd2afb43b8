package feed

import (
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/feeds"
	"github.com/podfeed/podfeed/internal/xmlns"
)

// Namespaces declared on <rss>, from the one table in package xmlns.
const (
	nsContent = xmlns.Content
	nsItunes  = xmlns.Itunes
	nsPodcast = xmlns.Podcast
	nsAtom    = xmlns.Atom
	nsPsc     = xmlns.Psc
)

// rssRoot is <rss>: gorilla's root with the extra namespaces and our
// channel in place of its own.
type rssRoot struct {
	feeds.RssFeedXml
	NSItunes  string      `xml:"xmlns:itunes,attr"`
	NSPodcast string      `xml:"xmlns:podcast,attr"`
	NSAtom    string      `xml:"xmlns:atom,attr"`
	NSPsc     string      `xml:"xmlns:psc,attr"`
	Channel   *rssChannel `xml:"channel"`
}

// rssChannel is gorilla's channel with the iTunes, Podcasting 2.0 and
// atom:link elements.
type rssChannel struct {
	feeds.RssFeed
	AtomLinks        []atomSelfLink    `xml:"atom:link"`
	ItunesAuthor     string            `xml:"itunes:author,omitempty"`
	ItunesOwner      *itunesOwner      `xml:"itunes:owner"`
	ItunesImage      *itunesImage      `xml:"itunes:image"`
	ItunesCategories []*itunesCategory `xml:"itunes:category"`
	ItunesExplicit   string            `xml:"itunes:explicit"`
	ItunesType       string            `xml:"itunes:type,omitempty"`
	PodcastGUID      string            `xml:"podcast:guid,omitempty"`
	PodcastLocked    *podcastLocked    `xml:"podcast:locked"`
	PodcastFunding   []podcastFunding  `xml:"podcast:funding"`
	PodcastMedium    string            `xml:"podcast:medium,omitempty"`
	PodcastPodping   *podcastPodping   `xml:"podcast:podping"`
	// The items follow, streamed by writeXML.
}

// rssItem is gorilla's item with a link that may be absent, a CDATA
// description and the iTunes, Podcasting 2.0 and Podlove elements.
//
// Title, Link and Description replace gorilla's fields of the same names
// (an outer field wins over an embedded one); declared before the embedded
// item, they are also written first.
type rssItem struct {
	Title       string `xml:"title"`
	Link        string `xml:"link,omitempty"`
	Description *cdata `xml:"description"`
	feeds.RssItem
	ItunesTitle       string             `xml:"itunes:title,omitempty"`
	ItunesDuration    string             `xml:"itunes:duration,omitempty"`
	ItunesEpisode     int                `xml:"itunes:episode,omitempty"`
	ItunesSeason      int                `xml:"itunes:season,omitempty"`
	ItunesEpisodeType string             `xml:"itunes:episodeType,omitempty"`
	ItunesExplicit    string             `xml:"itunes:explicit"`
	ItunesImage       *itunesImage       `xml:"itunes:image"`
	ItunesKeywords    string             `xml:"itunes:keywords,omitempty"`
	PodcastEpisode    int                `xml:"podcast:episode,omitempty"`
	PodcastSeason     int                `xml:"podcast:season,omitempty"`
	PodcastPeople     []podcastPerson    `xml:"podcast:person"`
	PodcastTranscript *podcastTranscript `xml:"podcast:transcript"`
	PodcastChapters   *podcastChapters   `xml:"podcast:chapters"`
	PscChapters       *pscChapters       `xml:"psc:chapters"`
}

// atomSelfLink is one of the channel's atom:link elements: rel="self" and,
// for a paged feed, first, previous, next and last; and rel="hub" for each
// WebSub hub, without a type.
type atomSelfLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
}

// rfc822 formats t as RSS dates are written: RFC 1123 with a numeric zone.
func rfc822(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC1123Z)
}

func yesNo(b bool, yes, no string) string {
	if b {
		return yes
	}
	return no
}

// rss renders feed.xml.
func (b *page) rss(w io.Writer) error {
	s := b.show
	ch := &rssChannel{
		RssFeed: feeds.RssFeed{
			Title:         s.Title,
			Link:          s.Link,
			Description:   s.Description,
			Language:      s.Language,
			Copyright:     s.Copyright,
			PubDate:       rfc822(b.updated),
			LastBuildDate: rfc822(b.updated),
			Generator:     b.opts.Generator,
		},
		ItunesAuthor:     s.Author,
		ItunesCategories: itunesCategories(s.Categories),
		ItunesExplicit:   yesNo(s.Explicit, "true", "false"),
		ItunesType:       s.Type,
		PodcastGUID:      s.GUID,
		PodcastMedium:    s.Medium,
	}
	if s.Image != "" {
		ch.Image = &feeds.RssImage{Url: s.Image, Title: s.Title, Link: s.Link}
		ch.ItunesImage = &itunesImage{Href: s.Image}
	}
	if s.FeedURL != "" {
		for _, l := range b.pageLinks(RSSFile) {
			ch.AtomLinks = append(ch.AtomLinks, atomSelfLink{Href: l.href, Rel: l.rel, Type: "application/rss+xml"})
		}
	}
	ch.AtomLinks = append(ch.AtomLinks, b.hubLinks()...)
	ch.PodcastPodping = podping(s.Notify)
	if s.Owner.Name != "" || s.Owner.Email != "" {
		ch.ItunesOwner = &itunesOwner{Name: s.Owner.Name, Email: s.Owner.Email}
	}
	if s.Locked != nil {
		ch.PodcastLocked = &podcastLocked{Owner: s.Locked.Owner, Value: yesNo(s.Locked.Locked, "yes", "no")}
	}
	for _, f := range s.Funding {
		ch.PodcastFunding = append(ch.PodcastFunding, podcastFunding{URL: f.URL, Text: f.Text})
	}
	root := &rssRoot{
		RssFeedXml: feeds.RssFeedXml{Version: "2.0", ContentNamespace: nsContent},
		NSItunes:   nsItunes,
		NSPodcast:  nsPodcast,
		NSAtom:     nsAtom,
		NSPsc:      nsPsc,
		Channel:    ch,
	}
	return writeXML(w, b.opts.Stylesheet, root, "</channel>", 1, len(b.entries), func(i int) any {
		return b.rssItem(b.entries[i])
	})
}

func (b *page) rssItem(e *entry) *rssItem {
	ep := e.ep
	it := &rssItem{
		Title: ep.Title,
		Link:  e.link,
		RssItem: feeds.RssItem{
			PubDate: rfc822(ep.Published),
			Guid:    &feeds.RssGuid{Id: ep.GUID, IsPermaLink: yesNo(isPermaLink(ep.GUID), "true", "false")},
			// Unlike gorilla's, our enclosure never vanishes: an unknown
			// length is written as 0, as the RSS best practices ask.
			Enclosure: &feeds.RssEnclosure{
				Url:    ep.Audio.URL,
				Length: strconv.FormatInt(ep.Audio.Length, 10),
				Type:   ep.Audio.Type,
			},
		},
		ItunesTitle:       ep.Title,
		ItunesEpisode:     ep.Number,
		ItunesSeason:      ep.Season,
		ItunesEpisodeType: ep.EpisodeType,
		ItunesExplicit:    yesNo(e.explicit, "true", "false"),
		ItunesKeywords:    strings.Join(ep.Keywords, ","),
		PodcastEpisode:    ep.Number,
		PodcastSeason:     ep.Season,
	}
	if it.ItunesEpisodeType == "" {
		it.ItunesEpisodeType = "full"
	}
	if e.description != "" {
		it.Description = &cdata{Text: e.description}
	}
	if e.content != "" {
		it.Content = &feeds.RssContent{Content: e.content}
	}
	if secs := ep.Audio.Duration.Round(time.Second) / time.Second; secs > 0 {
		it.ItunesDuration = strconv.FormatInt(int64(secs), 10)
	}
	if ep.Image != "" {
		it.ItunesImage = &itunesImage{Href: ep.Image}
	}
	for _, p := range ep.People {
		it.PodcastPeople = append(it.PodcastPeople, podcastPerson{Role: p.Role, Href: p.Href, Img: p.Img, Name: p.Name})
	}
	if t := ep.Transcript; t != nil {
		it.PodcastTranscript = &podcastTranscript{URL: t.URL, Type: t.Type}
	}
	if e.chaptersURL != "" {
		it.PodcastChapters = &podcastChapters{URL: e.chaptersURL, Type: chaptersType}
		it.PscChapters = newPscChapters(ep.Chapters)
	}
	return it
}

// marshalXML writes v as an indented XML document with a UTF-8 declaration
// and a final newline. A stylesheet address, when not empty, is written in
// an xml-stylesheet processing instruction after the declaration.
func stylesheetHref(href string) string {
	return stylesheetEscaper.Replace(cleanText(href))
}

var stylesheetEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
