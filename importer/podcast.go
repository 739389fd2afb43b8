package importer

import (
	"strconv"
	"strings"
	"time"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/podcast"
)

// Readers of the Podcasting 2.0 tags into package podcast's model, the
// channel's and the item's alike. Values are kept as the feed writes them
// (trimmed); podfeed check validates what the import wrote.

// podcastHandled are the Podcasting 2.0 and iTunes elements these readers
// keep, on the channel and on the item.
var podcastHandled = map[[2]string]bool{
	{nsPodcast, "location"}: true, {nsPodcast, "license"}: true, {nsPodcast, "txt"}: true,
	{nsPodcast, "image"}: true, {nsPodcast, "chat"}: true, {nsPodcast, "value"}: true,
}

func (r *reader) location(n *node) *podcast.Location {
	l := n.Child(nsPodcast, "location")
	if l == nil {
		return nil
	}
	return &podcast.Location{Name: clean(l.Text), Rel: l.AttrValue("rel"), Geo: l.AttrValue("geo"), OSM: l.AttrValue("osm"), Country: l.AttrValue("country")}
}

func (r *reader) license(n *node) *podcast.License {
	l := n.Child(nsPodcast, "license")
	if l == nil {
		return nil
	}
	return &podcast.License{Identifier: clean(l.Text), URL: r.abs(l.AttrValue("url"))}
}

func (r *reader) txt(n *node) []podcast.Txt {
	var out []podcast.Txt
	for _, t := range n.Children(nsPodcast, "txt") {
		out = append(out, podcast.Txt{Text: strings.TrimSpace(t.Text), Purpose: t.AttrValue("purpose")})
	}
	return out
}

func (r *reader) images(n *node) []podcast.Image {
	var out []podcast.Image
	for _, i := range n.Children(nsPodcast, "image") {
		out = append(out, podcast.Image{
			URL: r.abs(i.AttrValue("href")), Alt: i.AttrValue("alt"), AspectRatio: i.AttrValue("aspect-ratio"),
			Width: atoi(i.AttrValue("width")), Height: atoi(i.AttrValue("height")),
			Type: i.AttrValue("type"), Purpose: i.AttrValue("purpose"),
		})
	}
	return out
}

func (r *reader) chat(n *node) *podcast.Chat {
	c := n.Child(nsPodcast, "chat")
	if c == nil {
		return nil
	}
	return &podcast.Chat{Server: c.AttrValue("server"), Protocol: c.AttrValue("protocol"), AccountID: c.AttrValue("accountId"), Space: c.AttrValue("space")}
}

func (r *reader) value(n *node) *podcast.Value {
	v := n.Child(nsPodcast, "value")
	if v == nil {
		return nil
	}
	out := &podcast.Value{Type: v.AttrValue("type"), Method: v.AttrValue("method"), Suggested: v.AttrValue("suggested"), Recipients: recipients(v)}
	for _, s := range v.Children(nsPodcast, "valueTimeSplit") {
		ts := podcast.TimeSplit{
			Start:            secondsAttr(s.AttrValue("startTime")),
			Duration:         secondsAttr(s.AttrValue("duration")),
			RemoteStart:      secondsAttr(s.AttrValue("remoteStartTime")),
			RemotePercentage: 100,
			Recipients:       recipients(s),
		}
		if p := s.AttrValue("remotePercentage"); p != "" {
			ts.RemotePercentage = atoi(p)
		}
		if ri := s.Child(nsPodcast, "remoteItem"); ri != nil {
			item := r.remoteItem(ri)
			ts.RemoteItem = &item
		}
		out.TimeSplits = append(out.TimeSplits, ts)
	}
	return out
}

func recipients(n *node) []podcast.Recipient {
	var out []podcast.Recipient
	for _, v := range n.Children(nsPodcast, "valueRecipient") {
		out = append(out, podcast.Recipient{
			Name: v.AttrValue("name"), Type: v.AttrValue("type"), Address: v.AttrValue("address"),
			Split: atoi(v.AttrValue("split")), Fee: strings.EqualFold(v.AttrValue("fee"), "true"),
			CustomKey: v.AttrValue("customKey"), CustomValue: v.AttrValue("customValue"),
		})
	}
	return out
}

func (r *reader) remoteItem(n *node) podcast.RemoteItem {
	return podcast.RemoteItem{
		FeedGUID: n.AttrValue("feedGuid"), FeedURL: r.abs(n.AttrValue("feedUrl")),
		ItemGUID: n.AttrValue("itemGuid"), Medium: n.AttrValue("medium"), Title: clean(n.Text),
	}
}

func (r *reader) remoteItems(n *node) []podcast.RemoteItem {
	var out []podcast.RemoteItem
	if n == nil {
		return nil
	}
	for _, ri := range n.Children(nsPodcast, "remoteItem") {
		out = append(out, r.remoteItem(ri))
	}
	return out
}

// transcripts reads every podcast:transcript of an item.
func (r *reader) transcripts(n *node) []podcast.Transcript {
	var out []podcast.Transcript
	for _, t := range n.Children(nsPodcast, "transcript") {
		out = append(out, podcast.Transcript{
			URL: r.abs(t.AttrValue("url")), Type: strings.ToLower(t.AttrValue("type")),
			Language: t.AttrValue("language"), Captions: strings.EqualFold(t.AttrValue("rel"), "captions"),
		})
	}
	return out
}

func (r *reader) soundbites(n *node) []podcast.Soundbite {
	var out []podcast.Soundbite
	for _, s := range n.Children(nsPodcast, "soundbite") {
		out = append(out, podcast.Soundbite{Start: secondsAttr(s.AttrValue("startTime")), Duration: secondsAttr(s.AttrValue("duration")), Title: clean(s.Text)})
	}
	return out
}

func (r *reader) alternateEnclosures(n *node) []podcast.AlternateEnclosure {
	var out []podcast.AlternateEnclosure
	for _, a := range n.Children(nsPodcast, "alternateEnclosure") {
		ae := podcast.AlternateEnclosure{
			Type: a.AttrValue("type"), Height: atoi(a.AttrValue("height")), Language: a.AttrValue("lang"),
			Title: a.AttrValue("title"), Rel: a.AttrValue("rel"), Codecs: a.AttrValue("codecs"),
			Default: strings.EqualFold(a.AttrValue("default"), "true"),
		}
		ae.Length, _ = strconv.ParseInt(a.AttrValue("length"), 10, 64)
		ae.Bitrate, _ = strconv.ParseFloat(a.AttrValue("bitrate"), 64)
		for _, s := range a.Children(nsPodcast, "source") {
			ae.Sources = append(ae.Sources, podcast.Source{URL: strings.TrimSpace(s.AttrValue("uri")), ContentType: s.AttrValue("contentType")})
		}
		if in := a.Child(nsPodcast, "integrity"); in != nil {
			ae.Integrity = &podcast.Integrity{Type: in.AttrValue("type"), Value: in.AttrValue("value")}
		}
		out = append(out, ae)
	}
	return out
}

func (r *reader) socialInteract(n *node) []podcast.SocialInteract {
	var out []podcast.SocialInteract
	for _, s := range n.Children(nsPodcast, "socialInteract") {
		out = append(out, podcast.SocialInteract{
			URL: r.abs(s.AttrValue("uri")), Protocol: s.AttrValue("protocol"), AccountID: s.AttrValue("accountId"),
			AccountURL: r.abs(s.AttrValue("accountUrl")), Priority: atoi(s.AttrValue("priority")),
		})
	}
	return out
}

func (r *reader) trailers(n *node) []podcast.Trailer {
	var out []podcast.Trailer
	for _, t := range n.Children(nsPodcast, "trailer") {
		tr := podcast.Trailer{Title: clean(t.Text), URL: r.abs(t.AttrValue("url")), Type: t.AttrValue("type"), Season: atoi(t.AttrValue("season"))}
		tr.Length, _ = strconv.ParseInt(t.AttrValue("length"), 10, 64)
		if tm, err := parseDate(t.AttrValue("pubdate")); err == nil {
			tr.Published = tm
		} else {
			r.probs.Warn(r.pos(t), "podcast:trailer pubdate: %v", err).WithHint("set published in its [[trailers]] table")
		}
		out = append(out, tr)
	}
	return out
}

func (r *reader) updateFrequency(n *node) *podcast.UpdateFrequency {
	u := n.Child(nsPodcast, "updateFrequency")
	if u == nil {
		return nil
	}
	out := &podcast.UpdateFrequency{Text: clean(u.Text), RRule: u.AttrValue("rrule"), Complete: strings.EqualFold(u.AttrValue("complete"), "true")}
	if d := u.AttrValue("dtstart"); d != "" {
		if tm, err := time.Parse(time.RFC3339, d); err == nil {
			out.Start = tm
		}
	}
	return out
}

// block reads itunes:block and podcast:block.
func (r *reader) block(n *node) podcast.Block {
	var b podcast.Block
	if yes(n.ChildText(nsItunes, "block")) {
		b.All = true
	}
	for _, pb := range n.Children(nsPodcast, "block") {
		if !yes(pb.Text) {
			continue
		}
		if id := pb.AttrValue("id"); id != "" {
			b.Platforms = append(b.Platforms, id)
		} else {
			b.All = true
		}
	}
	if b.All {
		b.Platforms = nil
	}
	return b
}

// podping reads podcast:podping: the feed announces its changes through
// podping (usesPodping="true"; the element alone says as much).
func (r *reader) podping(n *node) bool {
	p := n.Child(nsPodcast, "podping")
	return p != nil && !strings.EqualFold(strings.TrimSpace(p.AttrValue("usesPodping")), "false")
}

func yes(s string) bool { return strings.EqualFold(strings.TrimSpace(s), "yes") }

// secondsAttr reads an attribute of seconds ("229", "90.25"); anything
// else is 0.
func secondsAttr(s string) time.Duration {
	d, err := parseClock(s)
	if err != nil {
		return 0
	}
	return d
}

func atoi(s string) int {
	n, _ := strconv.Atoi(strings.TrimSpace(s))
	return n
}

// liveItem reads a podcast:liveItem as an episode with its live window.
func (r *reader) liveItem(n *node, show *config.Show) *episodes.Episode {
	ep := r.item(n, show)
	ep.Live = &episodes.Live{}
	for _, a := range []struct {
		name string
		t    *time.Time
	}{{"start", &ep.Live.Start}, {"end", &ep.Live.End}} {
		tm, err := time.Parse(time.RFC3339, n.AttrValue(a.name))
		if err != nil {
			r.probs.Warn(r.pos(n), "podcast:liveItem %s %q is not an RFC 3339 date-time", a.name, n.AttrValue(a.name)).
				WithHint("set %s in the episode's [live] table", a.name)
			continue
		}
		*a.t = tm
	}
	if cl := n.Child(nsPodcast, "contentLink"); cl != nil {
		ep.Live.ContentLink = r.abs(cl.AttrValue("href"))
	}
	return ep
}
