package showfile

import (
	"strconv"
	"time"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/timecode"
	"github.com/podfeed/podfeed/podcast"
)

// The Podcasting 2.0 tags of package podcast, written as package podcast
// reads them: keys first (they must come before any table), tables after.

// blockKey writes block = true or block = ["id", …].
func (w *tomlWriter) blockKey(b podcast.Block) {
	switch {
	case b.All:
		w.boolean("block", true)
	case len(b.Platforms) > 0:
		w.inlineArray("block", b.Platforms)
	}
}

// licenseKeys writes license and license_url.
func (w *tomlWriter) licenseKeys(l *podcast.License) {
	if l != nil {
		w.strAlways("license", l.Identifier)
		w.str("license_url", l.URL)
	}
}

func (w *tomlWriter) clock(key string, d time.Duration) {
	w.strAlways(key, timecode.Format(d, timecode.Short))
}

// sharedTables writes the tables a show and an episode share.
func (w *tomlWriter) sharedTables(loc *podcast.Location, txt []podcast.Txt, imgs []podcast.Image, chat *podcast.Chat, v *podcast.Value) {
	if loc != nil {
		w.header("location", false)
		w.strAlways("name", loc.Name)
		w.str("rel", loc.Rel)
		w.str("geo", loc.Geo)
		w.str("osm", loc.OSM)
		w.str("country", loc.Country)
	}
	for _, x := range txt {
		w.header("txt", true)
		w.strAlways("text", x.Text)
		w.str("purpose", x.Purpose)
	}
	for _, i := range imgs {
		w.header("images", true)
		w.strAlways("url", i.URL)
		w.str("alt", i.Alt)
		w.str("aspect_ratio", i.AspectRatio)
		w.integer("width", int64(i.Width))
		w.integer("height", int64(i.Height))
		w.str("type", i.Type)
		w.str("purpose", i.Purpose)
	}
	if chat != nil {
		w.header("chat", false)
		w.strAlways("server", chat.Server)
		w.strAlways("protocol", chat.Protocol)
		w.str("account_id", chat.AccountID)
		w.str("space", chat.Space)
	}
	if v != nil {
		w.header("value", false)
		w.strAlways("type", v.Type)
		w.strAlways("method", v.Method)
		w.str("suggested", v.Suggested)
		w.recipients("value.recipients", v.Recipients)
		for _, s := range v.TimeSplits {
			w.header("value.time_splits", true)
			w.clock("start", s.Start)
			w.clock("duration", s.Duration)
			if s.RemoteStart > 0 {
				w.clock("remote_start", s.RemoteStart)
			}
			if s.RemotePercentage != 100 {
				w.raw("remote_percentage", strconv.Itoa(s.RemotePercentage))
			}
			if s.RemoteItem != nil {
				w.remoteItem("value.time_splits.remote_item", false, *s.RemoteItem)
			}
			w.recipients("value.time_splits.recipients", s.Recipients)
		}
	}
}

func (w *tomlWriter) recipients(name string, rs []podcast.Recipient) {
	for _, r := range rs {
		w.header(name, true)
		w.str("name", r.Name)
		w.strAlways("type", r.Type)
		w.strAlways("address", r.Address)
		w.raw("split", strconv.Itoa(r.Split))
		if r.Fee {
			w.boolean("fee", true)
		}
		w.str("custom_key", r.CustomKey)
		w.str("custom_value", r.CustomValue)
	}
}

func (w *tomlWriter) remoteItem(name string, array bool, r podcast.RemoteItem) {
	w.header(name, array)
	w.strAlways("feed_guid", r.FeedGUID)
	w.str("feed_url", r.FeedURL)
	w.str("item_guid", r.ItemGUID)
	w.str("medium", r.Medium)
	w.str("title", r.Title)
}

func (w *tomlWriter) people(ps []podcast.Person) {
	for _, p := range ps {
		w.header("people", true)
		w.strAlways("name", p.Name)
		w.str("role", p.Role)
		w.str("group", p.Group)
		w.str("href", p.Href)
		w.str("img", p.Img)
	}
}

// transcripts writes one transcript as [transcript], several as
// [[transcripts]].
func (w *tomlWriter) transcripts(ts []podcast.Transcript) {
	for _, t := range ts {
		if len(ts) == 1 {
			w.header("transcript", false)
		} else {
			w.header("transcripts", true)
		}
		if t.URL != "" || t.File == "" {
			w.strAlways("url", t.URL)
		}
		w.str("file", t.File)
		w.str("type", t.Type)
		w.str("language", t.Language)
		if t.Captions {
			w.boolean("captions", true)
		}
	}
}

// episodeTables writes the item's Podcasting 2.0 tables and its live
// window.
func (w *tomlWriter) episodeTables(ep *episodes.Episode) {
	w.transcripts(ep.Transcripts)
	for _, s := range ep.Soundbites {
		w.header("soundbites", true)
		w.clock("start", s.Start)
		w.clock("duration", s.Duration)
		w.str("title", s.Title)
	}
	for _, a := range ep.AlternateEnclosures {
		w.header("alternate_enclosures", true)
		w.strAlways("type", a.Type)
		w.integer("length", a.Length)
		if a.Bitrate > 0 {
			w.raw("bitrate", strconv.FormatFloat(a.Bitrate, 'f', -1, 64))
		}
		w.integer("height", int64(a.Height))
		w.str("language", a.Language)
		w.str("title", a.Title)
		w.str("rel", a.Rel)
		w.str("codecs", a.Codecs)
		if a.Default {
			w.boolean("default", true)
		}
		for _, s := range a.Sources {
			w.header("alternate_enclosures.sources", true)
			w.strAlways("url", s.URL)
			w.str("type", s.ContentType)
		}
		if in := a.Integrity; in != nil {
			w.header("alternate_enclosures.integrity", false)
			w.strAlways("type", in.Type)
			w.strAlways("value", in.Value)
		}
	}
	for _, s := range ep.SocialInteract {
		w.header("social_interact", true)
		w.strAlways("protocol", s.Protocol)
		w.str("url", s.URL)
		w.str("account_id", s.AccountID)
		w.str("account_url", s.AccountURL)
		w.integer("priority", int64(s.Priority))
	}
	w.sharedTables(ep.Location, ep.Txt, ep.Images, ep.Chat, ep.Value)
	if l := ep.Live; l != nil {
		w.header("live", false)
		w.raw("start", FormatDate(l.Start))
		w.raw("end", FormatDate(l.End))
		w.str("content_link", l.ContentLink)
	}
}

// showKeys writes the show's keys of a moved, blocked or complete show and
// its license.
func (w *tomlWriter) showKeys(s *config.Show) {
	w.str("new_feed_url", s.NewFeedURL)
	w.blockKey(s.Block)
	if s.Complete {
		w.boolean("complete", true)
	}
	w.licenseKeys(s.License)
}

// showTables writes the channel's Podcasting 2.0 tables.
func (w *tomlWriter) showTables(s *config.Show) {
	w.people(s.People)
	for _, t := range s.Trailers {
		w.header("trailers", true)
		w.strAlways("title", t.Title)
		w.strAlways("url", t.URL)
		w.raw("published", FormatDate(t.Published))
		w.integer("length", t.Length)
		w.str("type", t.Type)
		w.integer("season", int64(t.Season))
	}
	if u := s.UpdateFrequency; u != nil {
		w.header("update_frequency", false)
		w.strAlways("text", u.Text)
		w.str("rrule", u.RRule)
		if u.Complete {
			w.boolean("complete", true)
		}
		if !u.Start.IsZero() {
			w.raw("start", FormatDate(u.Start))
		}
	}
	for _, r := range s.Podroll {
		w.remoteItem("podroll", true, r)
	}
	if s.Publisher != nil {
		w.remoteItem("publisher", false, *s.Publisher)
	}
	for _, r := range s.RemoteItems {
		w.remoteItem("remote_items", true, r)
	}
	w.sharedTables(s.Location, s.Txt, s.Images, s.Chat, s.Value)
}
