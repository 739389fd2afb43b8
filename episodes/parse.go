package episodes

import (
	"math"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/podfeed/podfeed/internal/diag"
	"github.com/podfeed/podfeed/internal/timecode"
	"github.com/podfeed/podfeed/internal/tomlx"
	"github.com/podfeed/podfeed/podcast"
)

// Episode types, the values of episode_type (itunes:episodeType).
const (
	TypeFull    = "full"
	TypeTrailer = "trailer"
	TypeBonus   = "bonus"
)

// DefaultRole is a person's role when the file gives none.
const DefaultRole = podcast.DefaultRole

// Parse decodes and validates one episode file: src is its contents, file
// its name as problems should show it. The Slug is the base name of file
// without ".toml".
//
// It returns the episode and every problem found, sorted by position. The
// episode is nil only when the file is not valid TOML; otherwise it holds
// every value that could be read, even when there are errors, so callers
// can go on to cross-file checks. Defaults are applied: episode_type
// "full", a person's role "host", and the guid falls back to the audio URL
// (with a warning).
//
// A draft may lack what only publishing needs (published, [audio] and its
// url, length and type): those are warnings in a draft and errors otherwise.
func Parse(file string, src []byte) (*Episode, diag.List) {
	ep, _, probs := parse(file, src)
	probs.Sort()
	return ep, probs
}

// parse is Parse without sorting, also returning the root table so that
// LoadDir can position cross-file problems.
func parse(file string, src []byte) (*Episode, *tomlx.Table, diag.List) {
	var probs diag.List
	root := tomlx.Parse(file, src, &probs)
	if root == nil {
		return nil, nil, probs
	}
	if root.Len() == 0 {
		probs.Add(diag.Pos{File: file}, "the file is empty: it sets no key").
			WithHint("an episode needs at least title, published, guid and an [audio] table; `podfeed new` writes a file to start from, or start its name with _ to keep it unread")
		return nil, nil, probs
	}
	root.Doc().SetAliases(keyAliases)
	ep := &Episode{File: file, Slug: slug(file)}
	d := &decoder{probs: &probs}
	d.episode(root, ep)
	return ep, root, probs
}

// notInFeeds reports whether r is a control character (tab, line breaks
// and the invisible C0 and C1 codes) or a Unicode noncharacter that XML 1.0
// cannot carry: text keys such as guid, which must reach the feed exactly,
// may not hold one.
func notInFeeds(r rune) bool { return unicode.IsControl(r) || r == 0xFFFE || r == 0xFFFF }

// keyAliases are the words people write for an episode's keys, for the
// "did you mean" hint of an unknown key (see diag.SuggestKey). Each applies
// in the tables where its key is known.
var keyAliases = diag.Aliases{
	// the root table
	"publishdate": {"published"}, "pubdate": {"published"}, "date": {"published"},
	"publishedat": {"published"}, "publicationdate": {"published"}, "releasedate": {"published"},
	"released": {"published"}, "airdate": {"published"}, "publish": {"published"},
	"description": {"summary"}, "notes": {"summary"}, "shownotes": {"summary"}, "body": {"summary"},
	"episode": {"number"}, "episodenumber": {"number"}, "ep": {"number"},
	"type": {"episode_type"}, "episodetype": {"episode_type"},
	"tags": {"keywords"}, "series": {"season"},
	"guests": {"people"}, "guest": {"people"}, "hosts": {"people"}, "host": {"people"}, "persons": {"people"},
	"enclosure": {"audio"}, "media": {"audio"}, "mp3": {"audio"},
	"artwork": {"image"}, "cover": {"image"}, "picture": {"image"},
	"hidden": {"draft"}, "unpublished": {"draft"},
	// [audio], [[chapters]], [[links]], [[people]], [transcript]
	"time": {"start", "duration"}, "timestamp": {"start"}, "at": {"start"}, "begin": {"start"},
	"runtime": {"duration"}, "size": {"length"}, "bytes": {"length"}, "filesize": {"length"},
	"mime": {"type"}, "mimetype": {"type"}, "contenttype": {"type"},
	"link": {"url", "href"}, "href": {"url"}, "address": {"url"}, "photo": {"img"},
	"name": {"title"}, "heading": {"group"}, "section": {"group"},
}

// slug is the base name of file without ".toml".
func slug(file string) string {
	return strings.TrimSuffix(path.Base(filepath.ToSlash(file)), ".toml")
}

type decoder struct {
	probs  *diag.List
	draft  bool
	isLive bool // the episode has a [live] window: its stream has no length or duration
}

func (d *decoder) episode(t *tomlx.Table, ep *Episode) {
	if b := t.Bool("draft"); b != nil {
		ep.Draft = *b
		d.draft = *b
	}
	ep.Title = d.requiredString(t, "title", `add title = "…"`)
	ep.Number = d.positiveInt(t, "number")
	ep.Season = d.positiveInt(t, "season")
	ep.EpisodeType = d.episodeType(t)
	ep.Published = d.published(t)
	ep.Summary = t.String("summary")
	warnSummaryPlaceholder(t, ep.Summary)
	ep.Explicit = t.Bool("explicit")
	ep.Image = d.url(t, "image", artwork)
	ep.Keywords = t.Strings("keywords")
	ep.Link = d.url(t, "link", anyHTTP)

	hasGUID := t.Has("guid")
	ep.GUID = t.String("guid")
	switch trimmed := strings.TrimSpace(ep.GUID); {
	case hasGUID && trimmed == "":
		if _, isStr := mustRaw(t, "guid").(string); isStr {
			t.Errorf("guid", "must not be empty").
				WithHint("set it once and never change it; podcast apps key episodes on it")
		}
	case trimmed != ep.GUID:
		// Apps and podfeed's own guard read the feed's <guid> trimmed: the
		// episode would change guid between builds, as they see it.
		t.Errorf("guid", "%q starts or ends with white space, which podcast apps drop", ep.GUID).
			WithHint("write guid = %q", trimmed)
	case strings.ContainsFunc(ep.GUID, notInFeeds):
		// The feed drops what XML cannot carry, so the published guid would
		// differ from this one on every build.
		clean := strings.Map(func(r rune) rune {
			if notInFeeds(r) {
				return -1
			}
			return r
		}, ep.GUID)
		t.Errorf("guid", "%q holds a control character, which feeds cannot carry", ep.GUID).
			WithHint("write guid = %q", clean)
	}

	d.isLive = t.Has("live")
	var durationKnown bool
	switch at := t.Table("audio"); {
	case at != nil:
		durationKnown = d.audio(at, &ep.Audio)
	case !t.Has("audio"):
		d.publishingNeeds(t, "audio").
			WithHint("add an [audio] table with url, length and type (or file)")
	}

	// Chapters and links in slices of their exact size: a big show keeps
	// every episode until its build is done.
	chapterTables := t.Tables("chapters")
	startOK := make([]bool, len(chapterTables))
	if len(chapterTables) > 0 {
		ep.Chapters = make([]Chapter, len(chapterTables))
	}
	for i, ct := range chapterTables {
		ep.Chapters[i], startOK[i] = d.chapter(ct)
	}
	checkChapters(chapterTables, ep.Chapters, startOK, ep.Audio.Duration, durationKnown)

	if linkTables := t.Tables("links"); len(linkTables) > 0 {
		ep.Links = make([]Link, len(linkTables))
		var groups []string // each once: links share their group's name
		for i, lt := range linkTables {
			l := d.link(lt)
			if j := slices.Index(groups, l.Group); j >= 0 {
				l.Group = groups[j]
			} else {
				groups = append(groups, l.Group)
			}
			ep.Links[i] = l
		}
	}
	ep.Takeaways = t.Strings("takeaways")
	ep.People = podcast.ReadPeople(t, "people")
	d.podcast(t, ep)

	if !hasGUID {
		ep.GUID = ep.Audio.URL
		guid := ep.Audio.URL
		if guid == "" {
			guid = "…"
		}
		d.probs.Warn(t.Pos("guid"), "no guid: the feed falls back to the audio URL; add guid = %q so it never changes", guid)
	}
	t.Finish()
}

// audio decodes [audio] and reports whether a duration was given and valid.
func (d *decoder) audio(t *tomlx.Table, a *Audio) (durationKnown bool) {
	a.URL = d.url(t, "url", anyHTTP)
	a.File = d.mediaFile(t, "file")
	hasFile := t.Has("file")
	if !t.Has("url") && !hasFile {
		// With only a file, the file is published beside the feed and its
		// address derived from feed_url (package project does that).
		d.publishingNeeds(t, "url").WithHint(`add url = "https://…/episode.mp3", the public address of the media file, or file = "media/…" to publish a local file`)
	}

	if n, ok := t.Int("length"); ok {
		switch {
		case n < 0:
			t.Errorf("length", "must be the file size in bytes, got %d", n)
		case n == 0 && !d.isLive:
			unknownLength(t)
		default:
			a.Length = n
		}
	} else if !t.Has("length") && !hasFile && !d.isLive {
		d.publishingNeeds(t, "length").
			WithHint("give the media file's size in bytes, or file = \"media/…\" to read it from the file")
	}

	if t.Has("type") {
		a.Type = t.String("type")
		if _, isStr := mustRaw(t, "type").(string); isStr && !isMediaType(a.Type) {
			t.Errorf("type", "want an audio/* or video/* MIME type, got %q", a.Type).
				WithHint("audio/mpeg for MP3, audio/x-m4a for M4A")
		}
	} else if !hasFile {
		d.publishingNeeds(t, "type").
			WithHint("audio/mpeg for MP3, audio/x-m4a for M4A; or file = \"media/…\" to read it from the file")
	}

	if dur, ok := d.timestamp(t, "duration"); ok {
		a.Duration = dur
		durationKnown = true
	} else if !t.Has("duration") && !hasFile && !d.isLive {
		d.missing(diag.Warning, t, "duration").
			WithHint(`add duration = "H:MM:SS"; apps show it before the episode is downloaded`)
	}
	warnAudioPlaceholders(t, a)
	t.Finish()
	return durationKnown
}

// chapter decodes one [[chapters]] entry and reports whether its start was
// present and valid.
func (d *decoder) chapter(t *tomlx.Table) (c Chapter, startOK bool) {
	if start, ok := d.timestamp(t, "start"); ok {
		c.Start = start
		startOK = true
	} else if !t.Has("start") {
		d.missing(diag.Error, t, "start").WithHint(`add start = "MM:SS", when the chapter begins`)
	}
	c.Title = d.requiredString(t, "title", `add title = "…"`)
	c.URL = d.url(t, "url", anyHTTP)
	c.Image = d.url(t, "image", artwork)
	t.Finish()
	return c, startOK
}

func (d *decoder) link(t *tomlx.Table) Link {
	l := Link{
		Group: t.String("group"),
		Title: d.requiredString(t, "title", `add title = "…", the text listeners see`),
		URL:   d.url(t, "url", anyHTTP),
		Note:  t.String("note"),
	}
	if !t.Has("url") {
		d.missing(diag.Error, t, "url").WithHint(`add url = "https://…"`)
	}
	t.Finish()
	return l
}

// podcast reads the Podcasting 2.0 tags of the item (package podcast
// reads each), itunes:block and the live window.
func (d *decoder) podcast(t *tomlx.Table, ep *Episode) {
	if tt := t.Table("transcript"); tt != nil {
		ep.Transcripts = append(ep.Transcripts, podcast.ReadTranscript(tt))
	}
	for _, tt := range t.Tables("transcripts") {
		ep.Transcripts = append(ep.Transcripts, podcast.ReadTranscript(tt))
	}
	ep.Soundbites = podcast.ReadSoundbites(t)
	ep.AlternateEnclosures = podcast.ReadAlternateEnclosures(t)
	ep.Location = podcast.ReadLocation(t)
	ep.License = podcast.ReadLicense(t)
	ep.Txt = podcast.ReadTxt(t)
	ep.Images = podcast.ReadImages(t)
	ep.Chat = podcast.ReadChat(t)
	ep.SocialInteract = podcast.ReadSocialInteract(t)
	ep.Value = podcast.ReadValue(t)
	if b := t.Bool("block"); b != nil {
		ep.Block = *b
	}
	if lt := t.Table("live"); lt != nil {
		ep.Live = d.live(lt)
	}
}

// live reads the [live] table: start and end, RFC 3339 date-times, and an
// optional content_link.
func (d *decoder) live(t *tomlx.Table) *Live {
	l := &Live{}
	var okStart, okEnd bool
	if l.Start, okStart = t.Time("start"); !okStart && !t.Has("start") {
		t.Missing("start").WithHint("add start = 2025-03-01T18:00:00Z, when the live show begins")
	}
	if l.End, okEnd = t.Time("end"); !okEnd && !t.Has("end") {
		t.Missing("end").WithHint("add end = 2025-03-01T19:30:00Z, when it ends")
	}
	if okStart && okEnd && !l.End.After(l.Start) {
		t.Errorf("end", "ends at %s, not after its start at %s", l.End.Format(time.RFC3339), l.Start.Format(time.RFC3339)).
			WithHint("a live show ends after it begins")
	}
	if t.Has("content_link") {
		l.ContentLink = d.url(t, "content_link", anyHTTP)
	}
	t.Finish()
	return l
}

func (d *decoder) episodeType(t *tomlx.Table) string {
	if !t.Has("episode_type") {
		return TypeFull
	}
	s := t.String("episode_type")
	for _, typ := range []string{TypeFull, TypeTrailer, TypeBonus} {
		if s == typ {
			return typ // the constant, not a string of its own
		}
	}
	if _, isStr := mustRaw(t, "episode_type").(string); isStr {
		p := t.Errorf("episode_type", "want %q, %q or %q, got %q", TypeFull, TypeTrailer, TypeBonus, s)
		if sug := diag.Suggest(s, []string{TypeFull, TypeTrailer, TypeBonus}); sug != "" {
			p.WithHint("did you mean %q?", sug)
		}
	}
	return TypeFull
}

// published reads the release time: a TOML offset date-time, or a string
// holding an RFC 3339 date-time. A time without zone is an error.
func (d *decoder) published(t *tomlx.Table) time.Time {
	v, ok := t.Raw("published")
	if !ok {
		d.publishingNeeds(t, "published").
			WithHint("add published = 2025-02-04T09:00:00Z, the time the episode goes out")
		return time.Time{}
	}
	s, isStr := v.(string)
	if !isStr {
		tm, _ := t.Time("published") // reports wrong types and missing zones
		return tm
	}
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339, "2006-01-02 15:04:05Z07:00"} {
		if tm, err := time.Parse(layout, s); err == nil {
			return tm
		}
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if tm, err := time.Parse(layout, s); err == nil {
			t.Errorf("published", "date-time has no time zone").
				WithHint("add Z for UTC or an offset such as +01:00, e.g. %s", tm.Format("2006-01-02T15:04:05Z"))
			return time.Time{}
		}
	}
	t.Errorf("published", "%q is not an RFC 3339 date-time", s).
		WithHint("%s", tomlx.DateTimeHint)
	return time.Time{}
}

// positiveInt reads an optional positive integer such as number or season.
func (d *decoder) positiveInt(t *tomlx.Table, key string) int {
	v, ok := t.Raw(key)
	if !ok {
		return 0
	}
	if s, isStr := v.(string); isStr {
		p := t.Errorf(key, "want an integer, got string %q", s)
		if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil && n > 0 {
			p.WithHint("drop the quotes: %s = %d", key, n)
		}
		return 0
	}
	n, ok := t.Int(key)
	switch {
	case !ok:
		return 0
	case n <= 0:
		t.Errorf(key, "must be a positive integer, got %d", n)
		return 0
	case n > math.MaxInt32:
		t.Errorf(key, "%d is too large", n)
		return 0
	}
	return int(n)
}

// requiredString reads a string that must be present and not empty.
func (d *decoder) requiredString(t *tomlx.Table, key, hint string) string {
	v, ok := t.Raw(key)
	if !ok {
		d.missing(diag.Error, t, key).WithHint("%s", hint)
		return ""
	}
	s := t.String(key)
	if _, isStr := v.(string); isStr && strings.TrimSpace(s) == "" {
		t.Errorf(key, "must not be empty")
	}
	return s
}

// timestamp reads a duration or chapter start: a string in any form
// timecode.Parse accepts strictly, or a TOML integer or float of seconds.
func (d *decoder) timestamp(t *tomlx.Table, key string) (time.Duration, bool) {
	v, ok := t.Raw(key)
	if !ok {
		return 0, false
	}
	var (
		dur time.Duration
		err error
	)
	switch x := v.(type) {
	case string:
		dur, err = timecode.Parse(x, timecode.Strict)
	case int64, float64:
		dur, err = secondsDuration(x)
	default:
		t.Errorf(key, "want a time such as \"35:14\" or \"1:02:03\", or a number of seconds, got %s", tomlx.Describe(v))
		return 0, false
	}
	if err != nil {
		t.Errorf(key, "%v", err).
			WithHint(`write "MM:SS", "H:MM:SS", "H:MM:SS.mmm" or seconds, e.g. "35:14" or 2114`)
		return 0, false
	}
	return dur, true
}

// missing reports a key that is absent from t, positioned at the table's
// header when it has one.
func (d *decoder) missing(sev diag.Severity, t *tomlx.Table, key string) *diag.Problem {
	if sev == diag.Error {
		return t.Missing(key)
	}
	pos := t.TablePos()
	pos.Key = t.KeyPath(key)
	return d.probs.Warn(pos, "missing %q", t.KeyPath(key))
}

// publishingNeeds reports a missing key that only publishing needs: an
// error, or a warning in a draft.
func (d *decoder) publishingNeeds(t *tomlx.Table, key string) *diag.Problem {
	if d.draft {
		pos := t.TablePos()
		pos.Key = t.KeyPath(key)
		return d.probs.Warn(pos, "draft has no %q yet; publishing needs it", t.KeyPath(key))
	}
	return d.missing(diag.Error, t, key)
}

// mustRaw returns the raw value of a key known to be present.
func mustRaw(t *tomlx.Table, key string) any {
	v, _ := t.Raw(key)
	return v
}
