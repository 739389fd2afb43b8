package importer

import (
	"fmt"
	"strings"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/internal/address"
	"github.com/podfeed/podfeed/internal/xmlns"
)

// channelHandled are the channel elements read into podcast.toml, or
// rebuilt by podfeed, keyed by namespace and local name.
var channelHandled = map[[2]string]bool{
	{"", "title"}: true, {"", "link"}: true, {"", "description"}: true, {"", "language"}: true,
	{"", "copyright"}: true, {"", "image"}: true, {"", "item"}: true, {"", "pubDate"}: true,
	{"", "lastBuildDate"}: true, {"", "generator"}: true, {"", "docs"}: true, {"", "ttl"}: true,
	{nsItunes, "author"}: true, {nsItunes, "owner"}: true, {nsItunes, "image"}: true,
	{nsItunes, "category"}: true, {nsItunes, "explicit"}: true, {nsItunes, "type"}: true,
	{nsPodcast, "guid"}: true, {nsPodcast, "locked"}: true, {nsPodcast, "funding"}: true,
	{nsPodcast, "medium"}: true, {nsPodcast, "person"}: true,
	{nsItunes, "new-feed-url"}: true, {nsItunes, "block"}: true, {nsItunes, "complete"}: true,
	{nsPodcast, "block"}: true, {nsPodcast, "trailer"}: true, {nsPodcast, "updateFrequency"}: true,
	{nsPodcast, "podroll"}: true, {nsPodcast, "publisher"}: true, {nsPodcast, "remoteItem"}: true,
	{nsPodcast, "liveItem"}: true, {nsPodcast, "podping"}: true,
}

// channel reads the show, one reader per part of the channel as gofeed
// does: the RSS core, iTunes, Podcasting 2.0, the feed's addresses, and
// what is left over.
func (r *reader) channel(ch *node, imp *Import) *config.Show {
	s := config.Default()
	r.channelCore(ch, &s)
	r.channelCategories(ch, &s)
	r.channelItunes(ch, &s)
	r.channelLocked(ch, &s)
	r.channelPodcast(ch, &s)
	r.channelAddress(ch, &s, imp)
	r.channelRest(ch, &s)
	return &s
}

// channelCore reads title, description, link, language, author and image.
func (r *reader) channelCore(ch *node, s *config.Show) {
	s.Title = clean(ch.ChildText("", "title"))
	if s.Title == "" {
		s.Title = clean(ch.ChildText(xmlns.DublinCore, "title"))
	}
	if s.Title == "" {
		r.probs.Warn(r.pos(ch), "the channel has no <title>").WithHint("set title in podcast.toml")
	}
	s.Description = r.plainText(ch.ChildText("", "description"))
	if s.Description == "" {
		s.Description = r.plainText(ch.ChildText(nsItunes, "summary"))
	}
	if s.Description == "" {
		r.channelDescriptionFallback(ch, s)
	}
	s.Link = r.abs(ch.ChildText("", "link"))
	r.channelLanguage(ch, s)
	s.Author = clean(ch.ChildText(nsItunes, "author"))
	if img := ch.Child(nsItunes, "image"); img != nil && img.AttrValue("href") != "" {
		s.Image = r.abs(img.AttrValue("href"))
	} else if img := ch.Child("", "image"); img != nil {
		s.Image = r.abs(img.ChildText("", "url"))
	}
}

// channelDescriptionFallback gives a show whose feed has neither
// <description> nor itunes:summary the description podcast.toml needs:
// its itunes:subtitle, else its title, as apps show in their place.
func (r *reader) channelDescriptionFallback(ch *node, s *config.Show) {
	from := "<itunes:subtitle>"
	s.Description = r.plainText(ch.ChildText(nsItunes, "subtitle"))
	if s.Description == "" {
		from, s.Description = "<title>", s.Title
	}
	if s.Description == "" {
		return
	}
	at := ch.Child("", "description")
	if at == nil {
		at = ch
	}
	r.probs.Warn(r.pos(at), "the channel has no <description> nor <itunes:summary>: description is its %s, %q", from, s.Description).
		WithHint("write a few sentences about the show as description in podcast.toml: apps and directories show them")
}

// channelCategories reads itunes:category, one subcategory each.
func (r *reader) channelCategories(ch *node, s *config.Show) {
	var cats []config.Category
	var at []*node
	for _, c := range ch.Children(nsItunes, "category") {
		cat := config.Category{Name: strings.TrimSpace(c.AttrValue("text"))}
		subs := c.Children(nsItunes, "category")
		if len(subs) > 0 {
			cat.Sub = strings.TrimSpace(subs[0].AttrValue("text"))
		}
		for _, extra := range subs[min(1, len(subs)):] {
			r.lost(extra, fmt.Sprintf("second subcategory %q of %q is not kept", extra.AttrValue("text"), cat.Name),
				`podcast.toml names one subcategory per category: add it as "Parent/Sub" to categories`)
		}
		if cat.Name != "" {
			cats, at = append(cats, cat), append(at, c)
		}
	}
	s.Categories = r.mapCategories(cats, at)
}

// channelItunes reads itunes:explicit, itunes:type, the copyright and
// itunes:owner.
func (r *reader) channelItunes(ch *node, s *config.Show) {
	if v, ok := parseExplicit(ch.ChildText(nsItunes, "explicit")); ok {
		s.Explicit = v
	}
	if t := strings.ToLower(ch.ChildText(nsItunes, "type")); t == config.TypeEpisodic || t == config.TypeSerial {
		s.Type = t
	}
	s.Copyright = clean(ch.ChildText("", "copyright"))
	if o := ch.Child(nsItunes, "owner"); o != nil {
		s.Owner = config.Owner{Name: clean(o.ChildText(nsItunes, "name")), Email: strings.TrimSpace(o.ChildText(nsItunes, "email"))}
	}
}

// channelLocked reads podcast:locked, whose owner is the [owner] email.
func (r *reader) channelLocked(ch *node, s *config.Show) {
	l := ch.Child(nsPodcast, "locked")
	if l == nil {
		return
	}
	v := strings.ToLower(strings.TrimSpace(l.Text))
	s.Locked = &config.Locked{Locked: v == "yes" || v == "true", Owner: l.AttrValue("owner")}
	switch owner := l.AttrValue("owner"); {
	case owner == "":
	case s.Owner.Email == "":
		s.Owner.Email = owner
	case !strings.EqualFold(owner, s.Owner.Email):
		r.lost(l, fmt.Sprintf("podcast:locked owner %q is not kept: podfeed names the [owner] email %q", owner, s.Owner.Email),
			"set [owner] email to the address that may move the feed")
	}
	s.Locked.Owner = s.Owner.Email
}

// channelPodcast reads podcast:funding, podcast:medium and the channel's
// podcast:person.
func (r *reader) channelPodcast(ch *node, s *config.Show) {
	for _, f := range ch.Children(nsPodcast, "funding") {
		s.Funding = append(s.Funding, config.Funding{URL: r.abs(f.AttrValue("url")), Text: clean(f.Text)})
	}
	s.Medium = strings.TrimSpace(ch.ChildText(nsPodcast, "medium"))
	s.People = r.people(ch)
	s.NewFeedURL = r.abs(ch.ChildText(nsItunes, "new-feed-url"))
	s.Block = r.block(ch)
	s.Complete = yes(ch.ChildText(nsItunes, "complete"))
	s.Trailers = r.trailers(ch)
	s.UpdateFrequency = r.updateFrequency(ch)
	s.Podroll = r.remoteItems(ch.Child(nsPodcast, "podroll"))
	if pub := r.remoteItems(ch.Child(nsPodcast, "publisher")); len(pub) > 0 {
		s.Publisher = &pub[0]
	}
	s.RemoteItems = r.remoteItems(ch)
	s.Location, s.License, s.Txt, s.Images = r.location(ch), r.license(ch), r.txt(ch), r.images(ch)
	s.Chat, s.Value = r.chat(ch), r.value(ch)
	s.Notify.Podping = r.podping(ch)
}

// channelAddress reads the feed's own address, its podcast:guid, and sets
// the new address.
func (r *reader) channelAddress(ch *node, s *config.Show, imp *Import) {
	for _, l := range ch.Children(nsAtom, "link") {
		if l.AttrValue("rel") == "self" && imp.OldFeedURL == "" {
			imp.OldFeedURL = r.abs(l.AttrValue("href"))
		}
	}
	if imp.OldFeedURL == "" && r.opts.URL != "" {
		imp.OldFeedURL = r.opts.URL
	}
	s.FeedURL = imp.OldFeedURL
	if r.opts.FeedURL != "" {
		s.FeedURL = r.opts.FeedURL
	}
	if s.NewFeedURL == s.FeedURL {
		s.NewFeedURL = "" // the feed names its own address: nothing moves
	}
	if s.Link == "" && s.FeedURL != "" {
		s.Link = address.SiblingURL(s.FeedURL, "")
		r.probs.Warn(r.pos(ch.Child("", "link")), "the channel has no <link>: link is podfeed's site beside the feed, %s", s.Link).
			WithHint("set link in podcast.toml to the show's website")
	}
	s.GUID = strings.TrimSpace(ch.ChildText(nsPodcast, "guid"))
	if s.GUID == "" && imp.OldFeedURL != "" {
		// Apps that know podcast:guid derived it from the old address: keep
		// it, so that changing feed_url later does not change the show.
		s.GUID = config.PodcastGUID(imp.OldFeedURL)
	}
	if s.GUID == "" && s.FeedURL != "" {
		// No old address to derive it from: pin the one of the new feed,
		// as init does, so that a later move keeps the show's identity.
		s.GUID = config.PodcastGUID(s.FeedURL)
	}
}

// channelRest reports the channel's elements podcast.toml does not keep.
func (r *reader) channelRest(ch *node, s *config.Show) {
	for _, k := range ch.Kids {
		key := [2]string{k.Space, k.Local}
		switch {
		case channelHandled[key], podcastHandled[key]:
		case k.Space == nsAtom && k.Local == "link" && k.AttrValue("rel") == "self":
		case k.Space == nsItunes && k.Local == "summary":
			if s.Description != "" && r.plainText(k.Text) != s.Description {
				r.notKept(k, "podcast.toml has one description; the channel's <description> was kept")
			}
		case k.Space == nsItunes && k.Local == "subtitle" && r.plainText(k.Text) == s.Description:
			// Taken as the description.
		case k.Space == nsItunes && k.Local == "title":
			if clean(k.Text) != s.Title {
				r.notKept(k, "podcast.toml has one title; the channel's <title> was kept")
			}
		default:
			r.notKept(k, "")
		}
	}
}

// parseExplicit reads itunes:explicit in its old and new forms.
func parseExplicit(s string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "yes", "explicit":
		return true, true
	case "false", "no", "clean":
		return false, true
	}
	return false, false
}

// plainText turns HTML or plain text into plain text: paragraphs separated
// by a blank line, links written as "text (address)".
func (r *reader) plainText(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || !looksLikeHTML(s) {
		return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
	}
	var b strings.Builder
	for i, bl := range htmlBlocks(s, r.base) {
		if i > 0 {
			if bl.brk {
				b.WriteString("\n")
			} else {
				b.WriteString("\n\n")
			}
		}
		for _, run := range bl.runs {
			b.WriteString(run.text)
			if run.href != "" && !looksLikeAddress(run.text, run.href) {
				b.WriteString(" (" + run.href + ")")
			}
		}
	}
	return strings.TrimSpace(b.String())
}
