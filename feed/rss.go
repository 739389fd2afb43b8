package feed

import (
	"encoding/xml"
	"io"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/feeds"
	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/xmlns"
	"github.com/podfeed/podfeed/podcast"
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

	ItunesNewFeedURL       string                  `xml:"itunes:new-feed-url,omitempty"`
	ItunesBlock            string                  `xml:"itunes:block,omitempty"`
	ItunesComplete         string                  `xml:"itunes:complete,omitempty"`
	PodcastBlock           []podcastBlock          `xml:"podcast:block"`
	PodcastPeople          []podcastPerson         `xml:"podcast:person"`
	PodcastTrailers        []podcastTrailer        `xml:"podcast:trailer"`
	PodcastUpdateFrequency *podcastUpdateFrequency `xml:"podcast:updateFrequency"`
	PodcastPodroll         *podcastRemoteList      `xml:"podcast:podroll"`
	PodcastPublisher       *podcastRemoteList      `xml:"podcast:publisher"`
	PodcastRemoteItems     []podcastRemoteItem     `xml:"podcast:remoteItem"`
	podcastTags
	LiveItems []*rssLiveItem `xml:"podcast:liveItem"`
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
	ItunesTitle       string              `xml:"itunes:title,omitempty"`
	ItunesDuration    string              `xml:"itunes:duration,omitempty"`
	ItunesEpisode     int                 `xml:"itunes:episode,omitempty"`
	ItunesSeason      int                 `xml:"itunes:season,omitempty"`
	ItunesEpisodeType string              `xml:"itunes:episodeType,omitempty"`
	ItunesExplicit    string              `xml:"itunes:explicit"`
	ItunesImage       *itunesImage        `xml:"itunes:image"`
	ItunesKeywords    string              `xml:"itunes:keywords,omitempty"`
	PodcastEpisode    int                 `xml:"podcast:episode,omitempty"`
	PodcastSeason     int                 `xml:"podcast:season,omitempty"`
	PodcastPeople     []podcastPerson     `xml:"podcast:person"`
	PodcastTranscript []podcastTranscript `xml:"podcast:transcript"`
	PodcastChapters   *podcastChapters    `xml:"podcast:chapters"`
	PscChapters       *pscChapters        `xml:"psc:chapters"`

	ItunesBlock                string                      `xml:"itunes:block,omitempty"`
	PodcastSoundbites          []podcastSoundbite          `xml:"podcast:soundbite"`
	PodcastAlternateEnclosures []podcastAlternateEnclosure `xml:"podcast:alternateEnclosure"`
	PodcastSocialInteract      []podcastSocialInteract     `xml:"podcast:socialInteract"`
	podcastTags
}

// rssLiveItem is podcast:liveItem: an item with its live window.
type rssLiveItem struct {
	XMLName xml.Name `xml:"podcast:liveItem"` // over the embedded item's own
	Status  string   `xml:"status,attr"`
	Start   string   `xml:"start,attr"`
	End     string   `xml:"end,attr"`
	*rssItem
	ContentLink *podcastContentLink `xml:"podcast:contentLink"`
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
	b.channelTags(ch)
	root := &rssRoot{
		RssFeedXml: feeds.RssFeedXml{Version: "2.0", ContentNamespace: nsContent},
		NSItunes:   nsItunes,
		NSPodcast:  nsPodcast,
		NSAtom:     nsAtom,
		NSPsc:      nsPsc,
		Channel:    ch,
	}
	its := b.items(func(e *entry) any { return b.rssItem(e) }, func(f *Fragments) *Span { return &f.RSS }, &b.rssSpans)
	return writeXML(w, b.opts.Stylesheet, root, "</channel>", 1, its)
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
	if d := e.description(); d != "" {
		it.Description = &cdata{Text: d}
	}
	if c := e.content(); c != "" {
		it.Content = &feeds.RssContent{Content: c}
	}
	if secs := ep.Audio.Duration.Round(time.Second) / time.Second; secs > 0 {
		it.ItunesDuration = strconv.FormatInt(int64(secs), 10)
	}
	if ep.Image != "" {
		it.ItunesImage = &itunesImage{Href: ep.Image}
	}
	it.PodcastPeople = newPeople(ep.People)
	if e.chaptersURL != "" {
		it.PodcastChapters = &podcastChapters{URL: e.chaptersURL, Type: chaptersType}
		it.PscChapters = newPscChapters(ep.Chapters)
	}
	itemTags(it, ep)
	return it
}

// channelTags adds the iTunes tags of a moved, blocked or complete show
// and the channel's Podcasting 2.0 tags, and the live items on the first
// page.
func (b *page) channelTags(ch *rssChannel) {
	s := b.show
	ch.ItunesNewFeedURL = s.NewFeedURL
	ch.ItunesBlock = yesNo(s.Block.All, "Yes", "")
	ch.ItunesComplete = yesNo(s.Complete, "Yes", "")
	ch.PodcastBlock = newBlocks(s.Block)
	ch.PodcastPeople = newPeople(s.People)
	for _, t := range s.Trailers {
		ch.PodcastTrailers = append(ch.PodcastTrailers, podcastTrailer{
			PubDate: rfc822(t.Published), URL: t.URL, Length: t.Length, Type: t.Type, Season: t.Season, Title: t.Title,
		})
	}
	if u := s.UpdateFrequency; u != nil {
		ch.PodcastUpdateFrequency = &podcastUpdateFrequency{Complete: yesNo(u.Complete, "true", ""), RRule: u.RRule, Text: u.Text}
		if !u.Start.IsZero() {
			ch.PodcastUpdateFrequency.DTStart = u.Start.UTC().Format("2006-01-02T15:04:05.000Z")
		}
	}
	if len(s.Podroll) > 0 {
		ch.PodcastPodroll = &podcastRemoteList{Items: newRemoteItems(s.Podroll)}
	}
	if s.Publisher != nil {
		ch.PodcastPublisher = &podcastRemoteList{Items: newRemoteItems([]podcast.RemoteItem{*s.Publisher})}
	}
	ch.PodcastRemoteItems = newRemoteItems(s.RemoteItems)
	ch.podcastTags = newPodcastTags(s.Location, s.License, s.Txt, s.Images, s.Chat, s.Value)
	if b.page == 0 {
		for _, e := range b.live {
			l := e.ep.Live
			li := &rssLiveItem{
				Status:  l.Status(b.opts.Now),
				Start:   l.Start.Format(time.RFC3339),
				End:     l.End.Format(time.RFC3339),
				rssItem: b.rssItem(e),
			}
			if l.ContentLink != "" {
				li.ContentLink = &podcastContentLink{Href: l.ContentLink, Text: e.ep.Title}
			}
			ch.LiveItems = append(ch.LiveItems, li)
		}
	}
}

// itemTags adds the item's transcripts, Podcasting 2.0 tags and itunes:block.
func itemTags(it *rssItem, ep *episodes.Episode) {
	for _, t := range ep.Transcripts {
		it.PodcastTranscript = append(it.PodcastTranscript, podcastTranscript{
			URL: t.URL, Type: t.Type, Language: t.Language, Rel: yesNo(t.Captions, "captions", ""),
		})
	}
	it.ItunesBlock = yesNo(ep.Block, "Yes", "")
	for _, sb := range ep.Soundbites {
		it.PodcastSoundbites = append(it.PodcastSoundbites, podcastSoundbite{StartTime: seconds(sb.Start), Duration: seconds(sb.Duration), Title: sb.Title})
	}
	for _, a := range ep.AlternateEnclosures {
		pa := podcastAlternateEnclosure{
			Type: a.Type, Length: a.Length, Height: a.Height, Lang: a.Language, Title: a.Title,
			Rel: a.Rel, Codecs: a.Codecs, Default: yesNo(a.Default, "true", ""),
		}
		if a.Bitrate > 0 {
			pa.Bitrate = strconv.FormatFloat(a.Bitrate, 'f', -1, 64)
		}
		if in := a.Integrity; in != nil {
			pa.Integrity = &podcastIntegrity{Type: in.Type, Value: in.Value}
		}
		for _, src := range a.Sources {
			pa.Sources = append(pa.Sources, podcastSource{URI: src.URL, ContentType: src.ContentType})
		}
		it.PodcastAlternateEnclosures = append(it.PodcastAlternateEnclosures, pa)
	}
	for _, si := range ep.SocialInteract {
		it.PodcastSocialInteract = append(it.PodcastSocialInteract, podcastSocialInteract{
			URI: si.URL, Protocol: si.Protocol, AccountID: si.AccountID, AccountURL: si.AccountURL, Priority: si.Priority,
		})
	}
	it.podcastTags = newPodcastTags(ep.Location, ep.License, ep.Txt, ep.Images, ep.Chat, ep.Value)
}

// marshalXML writes v as an indented XML document with a UTF-8 declaration
// and a final newline. A stylesheet address, when not empty, is written in
// an xml-stylesheet processing instruction after the declaration.
func stylesheetHref(href string) string {
	return stylesheetEscaper.Replace(cleanText(href))
}

// stylesheetType is the type of the stylesheet at href, by its extension:
// text/css for .css (what browsers keep), else text/xsl.
func stylesheetType(href string) string {
	if u, err := url.Parse(href); err == nil && strings.EqualFold(path.Ext(u.Path), ".css") {
		return "text/css"
	}
	return "text/xsl"
}

var stylesheetEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
