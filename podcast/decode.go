package podcast

import (
	"fmt"
	"math"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/github/go-spdx/v2/spdxexp"
	"github.com/google/uuid"
	"github.com/teambition/rrule-go"
	"golang.org/x/text/language"

	"github.com/podfeed/podfeed/internal/address"
	"github.com/podfeed/podfeed/internal/timecode"
	"github.com/podfeed/podfeed/internal/tomlx"
)

// Each Read function reads one tag from its table (or key) of t and
// reports, at the key, every wrong value with a hint. A table is finished
// (its unknown keys reported) by the function that reads it.

// ReadValue reads the [value] table of t, or returns nil without one.
func ReadValue(t *tomlx.Table) *Value {
	vt := t.Table("value")
	if vt == nil {
		return nil
	}
	v := &Value{
		Type:   requiredString(vt, "type", `add type = "lightning"`),
		Method: requiredString(vt, "method", `add method = "keysend" (or "lnaddress" for Lightning addresses)`),
	}
	if v.Type != "" && !slices.Contains(valueTypes, v.Type) {
		vt.Warnf("type", "%q is not a value type apps know", v.Type).WithHint("apps pay with %s", strings.Join(valueTypes, ", "))
	}
	if s, ok := vt.OptionalString("suggested"); ok {
		if f, err := strconv.ParseFloat(s, 64); err != nil || f < 0 {
			vt.Errorf("suggested", "%q is not an amount", s).WithHint(`write the amount per minute as a decimal string, such as "0.00000005000"`)
		} else {
			v.Suggested = s
		}
	}
	v.Recipients = readRecipients(vt, "recipients", true)
	for _, st := range vt.Tables("time_splits") {
		v.TimeSplits = append(v.TimeSplits, readTimeSplit(st))
	}
	vt.Finish()
	return v
}

// valueTypes are the value types of the namespace's value registry.
var valueTypes = []string{"lightning", "hive", "webmonetization"}

// readRecipients reads the [[key]] recipients of t and checks their
// splits: at least one recipient that is not a fee when need is set, and
// fees that leave something for the others.
func readRecipients(t *tomlx.Table, key string, need bool) []Recipient {
	var rs []Recipient
	fees, shares := 0, 0
	for _, rt := range t.Tables(key) {
		r := Recipient{
			Type:    requiredString(rt, "type", `add type = "node" (a Lightning node's public key) or "lnaddress"`),
			Address: requiredString(rt, "address", `add address = "…", the node's public key or the Lightning address`),
		}
		r.Name, _ = rt.OptionalString("name")
		r.CustomKey, _ = rt.OptionalString("custom_key")
		r.CustomValue, _ = rt.OptionalString("custom_value")
		if (r.CustomKey == "") != (r.CustomValue == "") {
			rt.Errorf("custom_key", "custom_key and custom_value go together").WithHint("set both, or neither")
		}
		if b := rt.Bool("fee"); b != nil {
			r.Fee = *b
		}
		if n, ok := rt.Int("split"); ok {
			switch {
			case n <= 0:
				rt.Errorf("split", "must be a positive number of shares, got %d", n).
					WithHint("splits are shares: 90 and 10 give the first nine tenths; leave a recipient out to give it nothing")
			case r.Fee && n > 100:
				rt.Errorf("split", "a fee is a percentage of the whole, got %d", n).WithHint("write at most 100")
			case n > math.MaxInt32:
				rt.Errorf("split", "%d is too large", n)
			default:
				r.Split = int(n)
			}
		} else if !rt.Has("split") {
			rt.Missing("split").WithHint("add split = 100, this recipient's shares")
		}
		if r.Fee {
			fees += r.Split
		} else {
			shares += r.Split
		}
		rt.Finish()
		rs = append(rs, r)
	}
	switch {
	case need && len(rs) == 0:
		t.Missing(key).WithHint(`add a [[%s]] table with type, address and split`, t.KeyPath(key))
	case len(rs) > 0 && shares == 0:
		t.Errorf(key, "every recipient is a fee: nobody else is paid").WithHint("add a recipient without fee = true")
	case fees >= 100:
		t.Errorf(key, "fees take %d%% of every payment, leaving nothing for the others", fees).WithHint("make the fees' splits add up to less than 100")
	}
	return rs
}

// readTimeSplit reads one [[value.time_splits]] table.
func readTimeSplit(t *tomlx.Table) TimeSplit {
	s := TimeSplit{RemotePercentage: 100}
	s.Start, _ = readDuration(t, "start", true)
	if d, ok := readDuration(t, "duration", true); ok {
		if d <= 0 {
			t.Errorf("duration", "must be longer than zero").WithHint("give the length of the stretch that the split covers")
		}
		s.Duration = d
	}
	s.RemoteStart, _ = readDuration(t, "remote_start", false)
	if n, ok := t.Int("remote_percentage"); ok {
		if n < 0 || n > 100 {
			t.Errorf("remote_percentage", "must be 0 to 100, got %d", n).WithHint("the percentage of the payments that goes to the remote item")
		} else {
			s.RemotePercentage = int(n)
		}
	}
	s.RemoteItem = ReadRemoteItem(t, "remote_item")
	s.Recipients = readRecipients(t, "recipients", false)
	switch {
	case s.RemoteItem == nil && len(s.Recipients) == 0:
		t.Errorf("remote_item", "a time split pays a remote item or its own recipients, and names neither").
			WithHint("add a [remote_item] with feed_guid (and item_guid), or [[recipients]]")
	case s.RemoteItem != nil && len(s.Recipients) > 0:
		t.Errorf("recipients", "a time split pays a remote item or its own recipients, not both").
			WithHint("keep one of [remote_item] and [[recipients]]")
	}
	t.Finish()
	return s
}

// ReadRemoteItems reads the [[key]] remote items of t (podroll, a list
// feed's items).
func ReadRemoteItems(t *tomlx.Table, key string) []RemoteItem {
	var out []RemoteItem
	for _, rt := range t.Tables(key) {
		out = append(out, readRemoteItem(rt))
	}
	return out
}

// ReadRemoteItem reads the [key] table of t as a remote item, or returns
// nil without one.
func ReadRemoteItem(t *tomlx.Table, key string) *RemoteItem {
	rt := t.Table(key)
	if rt == nil {
		return nil
	}
	r := readRemoteItem(rt)
	return &r
}

// ReadPublisher reads the [publisher] table of t, or returns nil without
// one: the publisher feed the show belongs to, a remote item whose medium
// is "publisher" (written when left out), naming a feed and no item.
func ReadPublisher(t *tomlx.Table) *RemoteItem {
	pt := t.Table("publisher")
	if pt == nil {
		return nil
	}
	r := readRemoteItem(pt)
	switch {
	case r.Medium == "" && !pt.Has("medium"):
		r.Medium = "publisher"
	case r.Medium != "" && r.Medium != "publisher":
		pt.Errorf("medium", "the publisher feed's medium is \"publisher\", not %q", r.Medium).
			WithHint(`leave medium out, or write medium = "publisher"; the show's own medium is the medium key at the top`)
		r.Medium = "publisher"
	}
	if r.ItemGUID != "" {
		pt.Errorf("item_guid", "names an episode, and the publisher is a whole feed").
			WithHint("leave item_guid out: feed_guid and feed_url name the publisher feed")
	}
	if r.FeedURL == "" && !pt.Has("feed_url") {
		pt.Warnf("feed_url", "not set; apps that do not look feeds up by guid find the publisher feed by its address").
			WithHint(`add feed_url = "https://…", the address of the publisher feed`)
	}
	return &r
}

func readRemoteItem(t *tomlx.Table) RemoteItem {
	r := RemoteItem{FeedGUID: requiredString(t, "feed_guid", `add feed_guid = "…", the other show's podcast:guid`)}
	if r.FeedGUID != "" {
		if _, err := uuid.Parse(r.FeedGUID); err != nil {
			t.Errorf("feed_guid", "%q is not a UUID", r.FeedGUID).WithHint("copy the other show's podcast:guid, such as 917393e3-1b1e-5cef-ace4-edaa54e1f810")
		}
	}
	r.FeedURL = readURL(t, "feed_url", false)
	r.ItemGUID, _ = t.OptionalString("item_guid")
	r.Title, _ = t.OptionalString("title")
	if m, ok := t.OptionalString("medium"); ok {
		if !slices.Contains(Mediums, m) {
			t.EnumError("medium", m, Mediums, "medium is one of "+strings.Join(Mediums, ", "))
		} else {
			r.Medium = m
		}
	}
	t.Finish()
	return r
}

// Mediums are the values of podcast:medium: each medium, its list variant
// (suffixed "L") and "mixed", which exists only as a list.
var Mediums = []string{
	"podcast", "music", "video", "film", "audiobook", "newsletter", "blog", "publisher", "course",
	"podcastL", "musicL", "videoL", "filmL", "audiobookL", "newsletterL", "blogL", "publisherL", "courseL",
	"mixed",
}

var (
	geoURI  = regexp.MustCompile(`^geo:-?\d{1,3}(\.\d+)?,-?\d{1,3}(\.\d+)?(,-?\d+(\.\d+)?)?(;[a-z]+=[^;]+)*$`)
	osmID   = regexp.MustCompile(`^[NWR]\d+(#\d+)?$`)
	ratioRe = regexp.MustCompile(`^\d+/\d+$`)
)

// ReadLocation reads the [location] table of t.
func ReadLocation(t *tomlx.Table) *Location {
	lt := t.Table("location")
	if lt == nil {
		return nil
	}
	l := &Location{Name: requiredString(lt, "name", `add name = "…", the place as listeners read it, such as "Austin, TX"`)}
	if n := len([]rune(l.Name)); n > 128 {
		lt.Errorf("name", "%d characters, more than the 128 the tag allows", n).WithHint("shorten it; geo and osm can be exact")
	}
	if rel, ok := lt.OptionalString("rel"); ok {
		if rel != "subject" && rel != "creator" {
			lt.EnumError("rel", rel, []string{"subject", "creator"}, `rel is "subject" (what the show is about, the default) or "creator" (where it is made)`)
		} else {
			l.Rel = rel
		}
	}
	if g, ok := lt.OptionalString("geo"); ok {
		if !validGeo(g) {
			lt.Errorf("geo", "%q is not an RFC 5870 geo URI", g).WithHint(`write "geo:LATITUDE,LONGITUDE", such as "geo:30.2672,-97.7431"`)
		} else {
			l.Geo = g
		}
	}
	if o, ok := lt.OptionalString("osm"); ok {
		if !osmID.MatchString(o) {
			lt.Errorf("osm", "%q is not an OpenStreetMap object", o).WithHint(`write its type (N, W or R) and number, such as "R113314"`)
		} else {
			l.OSM = o
		}
	}
	if c, ok := lt.OptionalString("country"); ok {
		if r, err := language.ParseRegion(c); err != nil || !r.IsCountry() || len(c) != 2 {
			lt.Errorf("country", "%q is not an ISO 3166-1 country code", c).WithHint(`write two letters, such as "US" or "DE"`)
		} else {
			l.Country = strings.ToUpper(c)
		}
	}
	lt.Finish()
	return l
}

// validGeo reports whether g is a geo URI with a latitude of -90 to 90 and
// a longitude of -180 to 180.
func validGeo(g string) bool {
	if !geoURI.MatchString(g) {
		return false
	}
	coords := strings.Split(strings.SplitN(strings.TrimPrefix(g, "geo:"), ";", 2)[0], ",")
	lat, err1 := strconv.ParseFloat(coords[0], 64)
	lon, err2 := strconv.ParseFloat(coords[1], 64)
	return err1 == nil && err2 == nil && math.Abs(lat) <= 90 && math.Abs(lon) <= 180
}

// ReadLicense reads license (an SPDX identifier, or a name) and
// license_url of t.
func ReadLicense(t *tomlx.Table) *License {
	id, ok := t.OptionalString("license")
	if !ok {
		if t.Has("license_url") {
			t.Errorf("license_url", "license_url without license").WithHint(`add license = "…", the license's name`)
		}
		return nil
	}
	l := &License{Identifier: strings.TrimSpace(id), URL: readURL(t, "license_url", false)}
	if l.Identifier == "" {
		t.Errorf("license", "must not be empty").WithHint(`write an SPDX identifier such as "CC-BY-4.0"`)
		return nil
	}
	if active, _ := spdxexp.ActiveLicense(l.Identifier); !active && l.URL == "" {
		t.Errorf("license", "%q is not an SPDX license identifier", l.Identifier).
			WithHint(`write one such as "CC-BY-4.0" or "CC-BY-NC-ND-4.0", or add license_url = "https://…" with the license's text`)
	}
	return l
}

// ReadTxt reads the [[txt]] tables of t.
func ReadTxt(t *tomlx.Table) []Txt {
	var out []Txt
	for _, tt := range t.Tables("txt") {
		x := Txt{Text: requiredString(tt, "text", `add text = "…"`)}
		if n := len([]rune(x.Text)); n > 4000 {
			tt.Errorf("text", "%d characters, more than the 4000 the tag allows", n)
		}
		if p, ok := tt.OptionalString("purpose"); ok {
			if len([]rune(p)) > 128 || strings.ContainsAny(p, " \t") {
				tt.Errorf("purpose", "%q is not a purpose", p).WithHint(`write one word of at most 128 characters, such as "verify" or "applepodcastsverify"`)
			} else {
				x.Purpose = p
			}
		}
		tt.Finish()
		out = append(out, x)
	}
	return out
}

// ReadImages reads the [[images]] tables of t.
func ReadImages(t *tomlx.Table) []Image {
	var out []Image
	for _, it := range t.Tables("images") {
		img := Image{URL: readURL(it, "url", true)}
		if !it.Has("url") {
			it.Missing("url").WithHint(`add url = "https://…/artwork.jpg"`)
		}
		img.Alt, _ = it.OptionalString("alt")
		if r, ok := it.OptionalString("aspect_ratio"); ok {
			if !ratioRe.MatchString(r) {
				it.Errorf("aspect_ratio", "%q is not a ratio", r).WithHint(`write width/height, such as "1/1" or "16/9"`)
			} else {
				img.AspectRatio = r
			}
		}
		img.Width = positive(it, "width")
		img.Height = positive(it, "height")
		if ty, ok := it.OptionalString("type"); ok {
			if !strings.HasPrefix(ty, "image/") {
				it.Errorf("type", "%q is not an image type", ty).WithHint(`write image/jpeg, image/png, image/webp …`)
			} else {
				img.Type = ty
			}
		}
		img.Purpose, _ = it.OptionalString("purpose")
		it.Finish()
		out = append(out, img)
	}
	return out
}

// ReadChat reads the [chat] table of t.
func ReadChat(t *tomlx.Table) *Chat {
	ct := t.Table("chat")
	if ct == nil {
		return nil
	}
	c := &Chat{
		Server:   requiredString(ct, "server", `add server = "irc.zeronode.net", the chat's server`),
		Protocol: requiredString(ct, "protocol", `add protocol = "irc" (or xmpp, nostr, matrix)`),
	}
	c.AccountID, _ = ct.OptionalString("account_id")
	c.Space, _ = ct.OptionalString("space")
	if c.Protocol != "" && !slices.Contains(chatProtocols, c.Protocol) {
		ct.EnumError("protocol", c.Protocol, chatProtocols, "protocol is one of "+strings.Join(chatProtocols, ", "))
		c.Protocol = ""
	}
	ct.Finish()
	return c
}

var chatProtocols = []string{"irc", "xmpp", "nostr", "matrix"}

// ReadSocialInteract reads the [[social_interact]] tables of t.
func ReadSocialInteract(t *tomlx.Table) []SocialInteract {
	var out []SocialInteract
	for _, st := range t.Tables("social_interact") {
		s := SocialInteract{Protocol: requiredString(st, "protocol", `add protocol = "activitypub" (or atproto, twitter, lightning, disabled)`)}
		if s.Protocol != "" && !slices.Contains(socialProtocols, s.Protocol) {
			st.EnumError("protocol", s.Protocol, socialProtocols, "protocol is one of "+strings.Join(socialProtocols, ", "))
		}
		if s.Protocol != "disabled" {
			s.URL = readURL(st, "url", false)
			if !st.Has("url") {
				st.Missing("url").WithHint(`add url = "https://…", the post whose replies are the episode's comments`)
			}
		}
		s.AccountID, _ = st.OptionalString("account_id")
		s.AccountURL = readURL(st, "account_url", false)
		s.Priority = positive(st, "priority")
		st.Finish()
		out = append(out, s)
	}
	return out
}

var socialProtocols = []string{"disabled", "activitypub", "twitter", "lightning", "atproto", "nostr", "matrix", "hive"}

// ReadSoundbites reads the [[soundbites]] tables of t.
func ReadSoundbites(t *tomlx.Table) []Soundbite {
	var out []Soundbite
	for _, st := range t.Tables("soundbites") {
		var s Soundbite
		s.Start, _ = readDuration(st, "start", true)
		if d, ok := readDuration(st, "duration", true); ok {
			switch {
			case d <= 0:
				st.Errorf("duration", "must be longer than zero").WithHint("a soundbite lasts 15 to 120 seconds")
			case d > 120*time.Second || d < 15*time.Second:
				st.Warnf("duration", "%s; apps expect a soundbite of 15 to 120 seconds", timecode.Format(d, timecode.Short)).
					WithHint("apps may not play it as a clip")
			}
			s.Duration = d
		}
		s.Title, _ = st.OptionalString("title")
		if n := len([]rune(s.Title)); n > 128 {
			st.Errorf("title", "%d characters, more than the 128 the tag allows", n)
		}
		st.Finish()
		out = append(out, s)
	}
	return out
}

// Transcript types by file extension: what a transcript's type is when its
// file says it.
var transcriptTypes = map[string]string{
	".vtt": "text/vtt", ".srt": "application/x-subrip", ".json": "application/json",
	".html": "text/html", ".htm": "text/html", ".txt": "text/plain",
}

// TranscriptTypes are the transcript types apps read.
var TranscriptTypes = []string{"text/vtt", "application/x-subrip", "application/srt", "application/json", "text/html", "text/plain"}

// ReadTranscript reads one transcript table: url and file (at least one),
// type (inferred from the extension of the address, else of the file,
// when left out), language and captions.
func ReadTranscript(t *tomlx.Table) Transcript {
	var tr Transcript
	if s, ok := t.OptionalString("url"); ok {
		if name, local := address.LocalFile(s); local {
			// A file named where the address goes.
			t.Errorf("url", "want an absolute http(s) URL, got %q", s).
				WithHint("for a transcript in the show folder, write file = %q: podfeed publishes it beside the feed", name)
			tr.URL = s
		} else {
			tr.URL = readURL(t, "url", false)
		}
	}
	tr.File = readFile(t, "file", "transcripts/001.vtt")
	if !t.Has("url") && !t.Has("file") {
		t.Missing("url").WithHint(`add url = "https://…/transcript.vtt", or file = "transcripts/001.vtt" for a file in the show folder`)
	}
	if ty, ok := t.OptionalString("type"); ok {
		if !slices.Contains(TranscriptTypes, ty) {
			t.Errorf("type", "unsupported transcript type %q", ty).WithHint("use one of %s", strings.Join(TranscriptTypes, ", "))
		} else {
			tr.Type = ty
		}
	} else if tr.URL != "" || tr.File != "" {
		what := "the address does not"
		if u, err := url.Parse(tr.URL); err == nil && tr.URL != "" {
			tr.Type = transcriptTypes[strings.ToLower(path.Ext(u.Path))]
		}
		if tr.Type == "" && tr.File != "" {
			tr.Type = transcriptTypes[strings.ToLower(path.Ext(tr.File))]
			what = "neither the address nor the file does"
			if tr.URL == "" {
				what = "the file does not"
			}
		}
		if tr.Type == "" {
			t.Missing("type").WithHint("%s end in .vtt, .srt, .json or .html: add type, one of %s", what, strings.Join(TranscriptTypes, ", "))
		}
	}
	tr.Language = readLanguage(t)
	if b := t.Bool("captions"); b != nil {
		tr.Captions = *b
		if *b && tr.Type != "" && tr.Type != "text/vtt" && tr.Type != "application/x-subrip" && tr.Type != "application/srt" {
			t.Errorf("captions", "captions are timed: a %s transcript has no times", tr.Type).WithHint("set captions on a VTT or SRT transcript")
		}
	}
	t.Finish()
	return tr
}

// ReadAlternateEnclosures reads the [[alternate_enclosures]] tables of t.
func ReadAlternateEnclosures(t *tomlx.Table) []AlternateEnclosure {
	var out []AlternateEnclosure
	defaults := 0
	for _, at := range t.Tables("alternate_enclosures") {
		a := AlternateEnclosure{Type: requiredString(at, "type", `add type = "audio/opus" (the MIME type of this version)`)}
		if a.Type != "" && !strings.HasPrefix(a.Type, "audio/") && !strings.HasPrefix(a.Type, "video/") && !strings.HasPrefix(a.Type, "application/") {
			at.Errorf("type", "%q is not a media type", a.Type).WithHint("write audio/…, video/… or application/x-mpegURL")
		}
		if n, ok := at.Int("length"); ok {
			if n < 0 {
				at.Errorf("length", "must be the size in bytes, got %d", n).WithHint("leave length out when it is unknown")
			} else {
				a.Length = n
			}
		}
		if raw, ok := at.Raw("bitrate"); ok {
			switch v := raw.(type) {
			case int64:
				a.Bitrate = float64(v)
			case float64:
				a.Bitrate = v
			default:
				at.Errorf("bitrate", "want a number of bits per second, got %s", tomlx.Describe(raw)).WithHint("write bitrate = 64000 for 64 kbps")
			}
			if a.Bitrate < 0 {
				at.Errorf("bitrate", "must not be negative").WithHint("write bitrate = 64000 for 64 kbps")
				a.Bitrate = 0
			}
		}
		a.Height = positive(at, "height")
		a.Language = readLanguage(at)
		a.Title, _ = at.OptionalString("title")
		if n := len([]rune(a.Title)); n > 32 {
			at.Errorf("title", "%d characters, more than the 32 the tag allows", n).WithHint(`a short name apps show in a menu, such as "Opus, 64 kbps"`)
		}
		a.Rel, _ = at.OptionalString("rel")
		a.Codecs, _ = at.OptionalString("codecs")
		if b := at.Bool("default"); b != nil {
			a.Default = *b
			if *b {
				defaults++
				if defaults == 2 {
					at.Errorf("default", "a second default alternate enclosure").WithHint("mark one of them default = true")
				}
			}
		}
		for _, st := range at.Tables("sources") {
			s := Source{URL: readURL(st, "url", false)}
			if !st.Has("url") {
				st.Missing("url").WithHint(`add url = "https://…", where this version is served`)
			}
			s.ContentType, _ = st.OptionalString("type")
			st.Finish()
			a.Sources = append(a.Sources, s)
		}
		if len(a.Sources) == 0 && !at.Has("sources") {
			at.Missing("sources").WithHint(`add a [[%s]] table with url = "https://…"`, at.KeyPath("sources"))
		}
		if it := at.Table("integrity"); it != nil {
			in := &Integrity{Type: requiredString(it, "type", `add type = "sri" (or "pgp-signature")`), Value: requiredString(it, "value", `add value = "sha384-…"`)}
			if in.Type != "" && in.Type != "sri" && in.Type != "pgp-signature" {
				it.EnumError("type", in.Type, []string{"sri", "pgp-signature"}, `type is "sri" (a hash such as sha384-…) or "pgp-signature"`)
			}
			if in.Type == "sri" && in.Value != "" && !sriValue.MatchString(in.Value) {
				it.Errorf("value", "%q is not a subresource integrity hash", in.Value).WithHint(`write sha256-, sha384- or sha512- and the base64 hash`)
			}
			it.Finish()
			a.Integrity = in
		}
		at.Finish()
		out = append(out, a)
	}
	return out
}

var sriValue = regexp.MustCompile(`^sha(256|384|512)-[A-Za-z0-9+/]+={0,2}$`)

// ReadTrailers reads the [[trailers]] tables of t.
func ReadTrailers(t *tomlx.Table) []Trailer {
	var out []Trailer
	for _, tt := range t.Tables("trailers") {
		tr := Trailer{
			Title: requiredString(tt, "title", `add title = "…"`),
			URL:   readURL(tt, "url", false),
		}
		if !tt.Has("url") {
			tt.Missing("url").WithHint(`add url = "https://…/trailer.mp3"`)
		}
		if n := len([]rune(tr.Title)); n > 128 {
			tt.Errorf("title", "%d characters, more than the 128 the tag allows", n)
		}
		if tm, ok := tt.Time("published"); ok {
			tr.Published = tm
		} else if !tt.Has("published") {
			tt.Missing("published").WithHint("add published = 2025-01-01T09:00:00Z")
		}
		if n, ok := tt.Int("length"); ok && n >= 0 {
			tr.Length = n
		} else if ok {
			tt.Errorf("length", "must be the size in bytes, got %d", n).WithHint("leave length out when it is unknown")
		}
		tr.Type, _ = tt.OptionalString("type")
		tr.Season = positive(tt, "season")
		tt.Finish()
		out = append(out, tr)
	}
	return out
}

// ReadUpdateFrequency reads the [update_frequency] table of t.
func ReadUpdateFrequency(t *tomlx.Table) *UpdateFrequency {
	ut := t.Table("update_frequency")
	if ut == nil {
		return nil
	}
	u := &UpdateFrequency{Text: requiredString(ut, "text", `add text = "Weekly", how listeners read the schedule`)}
	if r, ok := ut.OptionalString("rrule"); ok {
		if _, err := rrule.StrToROption(r); err != nil || !strings.Contains(strings.ToUpper(r), "FREQ=") {
			ut.Errorf("rrule", "%q is not an RFC 5545 recurrence rule", r).WithHint(`write one such as "FREQ=WEEKLY;BYDAY=TU"`)
		} else {
			u.RRule = r
		}
	}
	if b := ut.Bool("complete"); b != nil {
		u.Complete = *b
	}
	if tm, ok := ut.Time("start"); ok {
		u.Start = tm
	}
	ut.Finish()
	return u
}

// ReadBlock reads block of t: true for every platform, or a list of
// platform ids.
func ReadBlock(t *tomlx.Table) Block {
	raw, ok := t.Raw("block")
	if !ok {
		return Block{}
	}
	switch v := raw.(type) {
	case bool:
		return Block{All: v}
	case []any:
		var b Block
		for _, id := range t.Strings("block") {
			if !platformID.MatchString(id) {
				t.Errorf("block", "%q is not a platform id", id).WithHint(`write ids from the namespace's service list in lower case, such as "spotify" or "google"`)
				continue
			}
			b.Platforms = append(b.Platforms, id)
		}
		return b
	}
	t.Errorf("block", "want true, false or a list of platforms, got %s", tomlx.Describe(raw)).
		WithHint(`block = true keeps the show out of every directory; block = ["spotify"] out of the ones named`)
	return Block{}
}

var platformID = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// ReadBool reads the optional boolean key of t.
func ReadBool(t *tomlx.Table, key string) bool {
	b := t.Bool(key)
	return b != nil && *b
}

// readURL reads an optional absolute http(s) address at key; https says
// that only https will do (artwork).
func readURL(t *tomlx.Table, key string, https bool) string {
	s, ok := t.OptionalString(key)
	if !ok {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.ContainsAny(s, " \t\n") {
		t.Errorf(key, "want an absolute http(s) URL, got %q", s).WithHint("write the full address, starting with https://")
		return s
	}
	if https && u.Scheme != "https" {
		t.Warnf(key, "image should use https, got %q", s).
			WithHint("Apple Podcasts and some apps do not load artwork over plain http: serve it over https")
	}
	return s
}

// readFile reads an optional key that names a file in the show folder: a
// path relative to it that stays inside it. It returns the path cleaned,
// with forward slashes, or "" when the key is absent or wrong; example is
// such a path, for the hints.
func readFile(t *tomlx.Table, key, example string) string {
	s, ok := t.OptionalString(key)
	if !ok {
		return ""
	}
	slashed := strings.ReplaceAll(s, `\`, "/")
	clean := path.Clean(slashed)
	switch {
	case strings.TrimSpace(s) == "":
		t.Errorf(key, "must not be empty").WithHint("leave %s out, or name the file, e.g. %q", key, example)
	case strings.HasPrefix(slashed, "/") || (len(slashed) >= 2 && slashed[1] == ':'):
		t.Errorf(key, "%q is an absolute path", s).WithHint("give a path relative to the show folder, e.g. %q", example)
	case slices.Contains(strings.Split(slashed, "/"), ".."):
		t.Errorf(key, "%q leaves the show folder", s).WithHint(`give a path inside the show folder without "..", e.g. %q`, example)
	case clean == ".":
		t.Errorf(key, "%q names the show folder, not a file", s)
	default:
		if u, err := url.Parse(s); err == nil && u.Scheme != "" && len(u.Scheme) > 1 {
			t.Errorf(key, "%q is an address, not a file", s).WithHint("write an address as url, and a file in the show folder as %s", key)
			return ""
		}
		return clean
	}
	return ""
}

// readDuration reads a time (a string timecode.Parse reads strictly, or a
// number of seconds) at key, reporting its absence when required.
func readDuration(t *tomlx.Table, key string, required bool) (time.Duration, bool) {
	raw, ok := t.Raw(key)
	if !ok {
		if required {
			t.Missing(key).WithHint(`add %s = "MM:SS" (or a number of seconds)`, key)
		}
		return 0, false
	}
	var (
		d   time.Duration
		err error
	)
	switch v := raw.(type) {
	case string:
		d, err = timecode.Parse(v, timecode.Strict)
	case int64:
		d, err = time.Duration(v)*time.Second, nil
		if v < 0 || v > int64(timecode.Max/time.Second) {
			err = fmt.Errorf("%d seconds is out of range", v)
		}
	case float64:
		if v < 0 || v > timecode.Max.Seconds() || math.IsNaN(v) {
			err = fmt.Errorf("%g seconds is out of range", v)
		} else {
			d = time.Duration(math.Round(v*1000)) * time.Millisecond
		}
	default:
		t.Errorf(key, "want a time such as \"35:14\" or a number of seconds, got %s", tomlx.Describe(raw))
		return 0, false
	}
	if err != nil {
		t.Errorf(key, "%v", err).WithHint(`write "MM:SS", "H:MM:SS" or seconds, e.g. "35:14" or 2114`)
		return 0, false
	}
	return d, true
}

// readLanguage reads the optional language tag at "language".
func readLanguage(t *tomlx.Table) string {
	l, ok := t.OptionalString("language")
	if !ok {
		return ""
	}
	if _, err := language.Parse(l); err != nil {
		t.Errorf("language", "%q is not a language tag", l).WithHint(`write a code such as "en" or "es-MX"`)
		return ""
	}
	return l
}

// positive reads an optional positive integer at key.
func positive(t *tomlx.Table, key string) int {
	n, ok := t.Int(key)
	if !ok {
		return 0
	}
	if n <= 0 || n > math.MaxInt32 {
		t.Errorf(key, "must be a positive integer, got %d", n).WithHint("leave %s out when it is unknown", key)
		return 0
	}
	return int(n)
}

// requiredString reads a string that must be there and not be blank.
func requiredString(t *tomlx.Table, key, hint string) string {
	s, ok := t.OptionalString(key)
	switch {
	case !t.Has(key):
		t.Missing(key).WithHint("%s", hint)
	case ok && strings.TrimSpace(s) == "":
		t.Errorf(key, "must not be empty").WithHint("%s", hint)
	}
	return s
}

// ReadPeople reads the [[key]] people of t.
func ReadPeople(t *tomlx.Table, key string) []Person {
	var out []Person
	for _, pt := range t.Tables(key) {
		p := Person{
			Name: requiredString(pt, "name", `add name = "…"`),
			Href: readURL(pt, "href", false),
			Img:  readURL(pt, "img", true),
			Role: DefaultRole,
		}
		r, roleGiven := pt.OptionalString("role")
		if roleGiven {
			if strings.TrimSpace(r) == "" {
				pt.Errorf("role", "must not be empty").WithHint(`leave role out for "host", or write e.g. "guest"`)
			} else {
				p.Role = r
			}
		}
		if g, ok := pt.OptionalString("group"); ok {
			if strings.TrimSpace(g) == "" {
				pt.Errorf("group", "must not be empty").WithHint(`leave group out for "cast", or write e.g. "writing"`)
			} else {
				p.Group = g
			}
		}
		if n := len([]rune(p.Name)); n > 128 {
			pt.Errorf("name", "%d characters, more than the 128 the tag allows", n).WithHint("shorten it")
		}
		if strings.TrimSpace(r) != "" || !pt.Has("role") {
			checkTaxonomy(pt, p, roleGiven)
		}
		pt.Finish()
		out = append(out, p)
	}
	return out
}
