package importer

import (
	"context"
	"fmt"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/remote"
	"github.com/podfeed/podfeed/internal/showfile"
	"github.com/podfeed/podfeed/internal/xmlns"
)

// itemHandled are the item elements read into the episode file, or
// rebuilt by podfeed.
var itemHandled = map[[2]string]bool{
	{"", "title"}: true, {"", "description"}: true, {"", "pubDate"}: true, {"", "guid"}: true,
	{nsContent, "encoded"}: true,
	{nsItunes, "duration"}: true, {nsItunes, "episode"}: true, {nsItunes, "season"}: true,
	{nsItunes, "episodeType"}: true, {nsItunes, "explicit"}: true, {nsItunes, "image"}: true,
	{nsItunes, "keywords"}: true, {nsItunes, "summary"}: true,
	{nsPodcast, "person"}: true, {nsPodcast, "chapters"}: true, {nsPsc, "chapters"}: true,
	{nsPodcast, "transcript"}: true, {nsPodcast, "soundbite"}: true, {nsPodcast, "alternateEnclosure"}: true,
	{nsPodcast, "socialInteract"}: true, {nsItunes, "block"}: true, {nsPodcast, "contentLink"}: true,
}

// pendingItem is an episode waiting for what the network may add: its
// chapters file and the size of its media file.
type pendingItem struct {
	ep           *episodes.Episode
	n            *node
	notes        notes
	chaptersURL  string
	chaptersNode *node
	fetched      []episodes.Chapter
	fetchErr     error
	silent       int
	fromPsc      bool
	pscNode      *node
	enc          *node // the enclosure
	probeLength  bool
	probeType    bool
	srcType      string // the enclosure's type when it is no media type
	probed       int64
	probedType   string
	probeErr     error
}

// item reads one episode, one reader per part of the item as gofeed
// does: the RSS core, iTunes, Podcasting 2.0, the show notes, and what is
// left over.
func (r *reader) item(n *node, show *config.Show) *episodes.Episode {
	ep := &episodes.Episode{EpisodeType: episodes.TypeFull}
	p := &pendingItem{ep: ep, n: n}
	r.pending = append(r.pending, p)
	r.itemNode[ep] = n

	r.itemTitle(n, ep)
	r.itemEnclosure(n, p)
	r.itemGUID(n, ep)
	r.itemDate(n, ep)
	r.itemItunes(n, ep, show)
	r.itemPodcast(n, p)
	r.itemNotes(n, p)
	r.itemRest(n, ep, show)
	return ep
}

// itemTitle reads the title, else dc:title, else itunes:title.
func (r *reader) itemTitle(n *node, ep *episodes.Episode) {
	ep.Title = clean(n.ChildText("", "title"))
	if ep.Title == "" {
		ep.Title = clean(n.ChildText(xmlns.DublinCore, "title"))
	}
	if ep.Title == "" {
		ep.Title = clean(n.ChildText(nsItunes, "title"))
	}
	if ep.Title == "" {
		ep.Title = "Untitled"
		r.probs.Warn(r.pos(n), "an item has no <title>; it was called %q", ep.Title)
	}
}

// itemEnclosure reads the enclosure; an item without one is a draft.
func (r *reader) itemEnclosure(n *node, p *pendingItem) {
	ep := p.ep
	encs := n.Children("", "enclosure")
	if len(encs) == 0 {
		ep.Draft = true
		r.probs.Warn(r.pos(n), "item %q has no <enclosure>: written as a draft", ep.Title).
			WithHint("add its [audio] and remove draft = true to publish it")
		return
	}
	e := encs[0]
	p.enc = e
	ep.Audio.URL = r.abs(e.AttrValue("url"))
	if l, err := strconv.ParseInt(e.AttrValue("length"), 10, 64); err == nil && l > 0 {
		ep.Audio.Length = l
	} else {
		p.probeLength = true
	}
	ep.Audio.Type = strings.TrimSpace(e.AttrValue("type"))
	if t := registeredType(ep.Audio.Type, ep.Audio.URL); t != ep.Audio.Type {
		r.lost(e, fmt.Sprintf("enclosure type %q is written as %q", ep.Audio.Type, t), "apps read both; podfeed writes the registered media type")
		ep.Audio.Type = t
	}
	if !isMedia(ep.Audio.Type) {
		// Empty, or application/octet-stream on an address without a
		// media file's extension: the host may say; else finish guesses.
		p.probeType, p.srcType = true, ep.Audio.Type
	}
	for _, extra := range encs[1:] {
		r.lost(extra, "a second <enclosure> is not kept", "an episode has one media file; RSS allows only one enclosure per item")
	}
}

// itemGUID reads the guid, else keeps the enclosure URL.
func (r *reader) itemGUID(n *node, ep *episodes.Episode) {
	ep.GUID = strings.TrimSpace(n.ChildText("", "guid"))
	if ep.GUID == "" && ep.Audio.URL != "" {
		ep.GUID = ep.Audio.URL
		r.lost(n, "an item without <guid> keeps its enclosure URL as guid", "apps identify such an episode by its enclosure URL, so the guid is set to it: leave it as it is")
	}
}

// itemDate reads pubDate, else dc:date, else atom:published or
// atom:updated: the first that parseDate reads, else the first that
// [parseDateLenient] reads, with a warning that says how. An item with
// none is settled by [reader.settleUndated] once the whole feed is read.
func (r *reader) itemDate(n *node, ep *episodes.Episode) {
	var found []*node
	for _, d := range []*node{n.Child("", "pubDate"), n.Child(xmlns.DublinCore, "date"), n.Child(nsAtom, "published"), n.Child(nsAtom, "updated")} {
		if d != nil && strings.TrimSpace(d.Text) != "" {
			found = append(found, d)
		}
	}
	for _, d := range found {
		if t, err := parseDate(d.Text); err == nil {
			ep.Published = t
			r.usedDate[d] = true
			if d != found[0] {
				r.probs.Warn(r.pos(found[0]), "cannot read the date %q: the item's <%s> was used, %s", clean(found[0].Text), r.doc.Name(d), showfile.FormatDate(t)).
					WithHint("check published in the episode file")
			}
			return
		}
	}
	for _, d := range found {
		if t, note, ok := parseDateLenient(d.Text); ok {
			ep.Published = t
			r.usedDate[d] = true
			if note != "" {
				note = " (" + note + ")"
			}
			r.probs.Warn(r.pos(d), "the date %q is not RFC 822%s: read as %s", clean(d.Text), note, showfile.FormatDate(t)).
				WithHint("check published in the episode file")
			return
		}
	}
	u := undated{ep: ep, n: n}
	if len(found) > 0 {
		u.text = clean(found[0].Text)
	}
	r.undated = append(r.undated, u)
}

// undated is an item without a date podfeed can read.
type undated struct {
	ep   *episodes.Episode
	n    *node
	text string // the date it had, unreadable; "" when it had none
}

// settleUndated gives each item without a readable date the latest date
// it can have been published, so that it stays published as apps show it
// and the show builds: its live start, else the feed's lastBuildDate,
// else its pubDate, else the newest date of its items. The episode file
// says so in a comment, and a warning names it. With no date anywhere in
// the feed, the episode is a draft.
func (r *reader) settleUndated(imp *Import, ch *node) {
	if len(r.undated) == 0 {
		return
	}
	at, from := r.feedDate(ch, imp)
	for _, u := range r.undated {
		ep := u.ep
		had := "had no <pubDate>"
		if u.text != "" {
			had = fmt.Sprintf("had the date %q, which podfeed cannot read", u.text)
		}
		when, source := at, from
		if ep.Live != nil && !ep.Live.Start.IsZero() {
			when, source = ep.Live.Start, "its live start"
		}
		if when.IsZero() {
			ep.Draft = true
			imp.comment(ep, fmt.Sprintf("A draft: the item %s, and the feed names no date at all.\n"+
				"Set published to the day it went out, then remove draft = true.", had))
			r.probs.Warn(r.pos(u.n), "item %q %s, and the feed names no date: written as a draft", ep.Title, had).
				WithHint("set published in the episode file and remove draft = true")
			continue
		}
		ep.Published = when
		imp.comment(ep, fmt.Sprintf("published is not the source's: the item %s.\n"+
			"It is %s, the latest the episode can have gone out:\nset the day it did.", had, source))
		imp.standIn++
		r.probs.Warn(r.pos(u.n), "item %q %s: published is %s, %s", ep.Title, had, showfile.FormatDate(when), source).
			WithHint("set published in the episode file to the day it went out")
	}
}

// feedDate returns the latest date a feed names, and where it names it:
// the channel's lastBuildDate, else its pubDate, else its newest item's.
func (r *reader) feedDate(ch *node, imp *Import) (time.Time, string) {
	for _, name := range []string{"lastBuildDate", "pubDate"} {
		if d := ch.Child("", name); d != nil {
			if t, err := parseDate(d.Text); err == nil {
				return t, "the feed's <" + name + ">"
			}
			if t, _, ok := parseDateLenient(d.Text); ok {
				return t, "the feed's <" + name + ">"
			}
		}
	}
	var newest time.Time
	for _, ep := range imp.Episodes {
		if ep.Published.After(newest) {
			newest = ep.Published
		}
	}
	return newest, "the date of the feed's newest item"
}

// itemItunes reads the iTunes elements, and the Podcasting 2.0 episode
// and season numbers that stand in for them.
func (r *reader) itemItunes(n *node, ep *episodes.Episode, show *config.Show) {
	if d := n.Child(nsItunes, "duration"); d != nil && strings.TrimSpace(d.Text) != "" {
		if dur, err := parseClock(d.Text); err == nil {
			ep.Audio.Duration = dur
		} else {
			r.probs.Warn(r.pos(d), "%v", err).WithHint(`set duration = "H:MM:SS" in [audio]`)
		}
	}
	ep.Number = r.positive(n, nsItunes, "episode")
	if ep.Number == 0 {
		ep.Number = r.positive(n, nsPodcast, "episode")
	}
	ep.Season = r.positive(n, nsItunes, "season")
	if ep.Season == 0 {
		ep.Season = r.positive(n, nsPodcast, "season")
	}
	r.itemType(n, ep)
	if v, ok := parseExplicit(n.ChildText(nsItunes, "explicit")); ok && v != show.Explicit {
		ep.Explicit = &v
	}
	if img := n.Child(nsItunes, "image"); img != nil {
		if href := r.abs(img.AttrValue("href")); href != show.Image {
			ep.Image = href
		}
	}
	for _, k := range strings.Split(n.ChildText(nsItunes, "keywords"), ",") {
		if k = clean(k); k != "" {
			ep.Keywords = append(ep.Keywords, k)
		}
	}
}

// itemType reads itunes:episodeType.
func (r *reader) itemType(n *node, ep *episodes.Episode) {
	t := strings.ToLower(n.ChildText(nsItunes, "episodeType"))
	switch t {
	case "":
	case episodes.TypeFull, episodes.TypeTrailer, episodes.TypeBonus:
		ep.EpisodeType = t
	default:
		r.lost(n.Child(nsItunes, "episodeType"), fmt.Sprintf("episode type %q is not kept", t), `episode_type is "full", "trailer" or "bonus"`)
	}
}

// itemPodcast reads the Podcasting 2.0 elements and Podlove chapters.
func (r *reader) itemPodcast(n *node, p *pendingItem) {
	ep := p.ep
	ep.People = r.people(n)
	ep.Transcripts = r.transcripts(n)
	ep.Soundbites = r.soundbites(n)
	ep.AlternateEnclosures = r.alternateEnclosures(n)
	ep.SocialInteract = r.socialInteract(n)
	ep.Location, ep.License, ep.Txt, ep.Images = r.location(n), r.license(n), r.txt(n), r.images(n)
	ep.Chat, ep.Value = r.chat(n), r.value(n)
	ep.Block = yes(n.ChildText(nsItunes, "block"))
	if pc := n.Child(nsPsc, "chapters"); pc != nil {
		ep.Chapters = r.pscChapters(pc)
		p.fromPsc, p.pscNode = true, pc
	}
	if c := n.Child(nsPodcast, "chapters"); c != nil {
		p.chaptersURL, p.chaptersNode = r.abs(c.AttrValue("url")), c
	}
}

// itemNotes reads the show notes: content:encoded, else description, else
// itunes:summary.
func (r *reader) itemNotes(n *node, p *pendingItem) {
	ep := p.ep
	notesSrc := strings.TrimSpace(n.ChildText(nsContent, "encoded"))
	if notesSrc == "" {
		notesSrc = strings.TrimSpace(n.ChildText("", "description"))
	}
	if notesSrc == "" {
		notesSrc = strings.TrimSpace(n.ChildText(nsItunes, "summary"))
	}
	var blocks []block
	if looksLikeHTML(notesSrc) {
		blocks = htmlBlocks(notesSrc, r.base)
	} else {
		blocks = textBlocks(notesSrc)
	}
	p.notes = analyse(blocks, ep.Audio.Duration)
	ep.Summary = p.notes.summary
	ep.Links = p.notes.links
	ep.Takeaways = p.notes.takeaways
}

// itemRest reports the item's elements the episode file does not keep.
func (r *reader) itemRest(n *node, ep *episodes.Episode, show *config.Show) {
	for _, k := range n.Kids {
		key := [2]string{k.Space, k.Local}
		switch {
		case itemHandled[key], podcastHandled[key], r.usedDate[k]:
		case k.Space == "" && k.Local == "enclosure":
		case k.Space == nsItunes && k.Local == "title":
			if clean(k.Text) != ep.Title {
				r.notKept(k, "an episode has one title; the item's <title> was kept")
			}
		case k.Space == nsItunes && k.Local == "author":
			if clean(k.Text) != show.Author {
				r.notKept(k, "podfeed writes the show's author into every item; name the episode's people with [[people]]")
			}
		case k.Space == "" && k.Local == "link":
			r.itemLink(k, ep, show)
		case k.Space == nsPodcast && k.Local == "transcript":
		case k.Space == nsPodcast && (k.Local == "season" || k.Local == "episode"):
			if k.AttrValue("name") != "" || k.AttrValue("display") != "" {
				r.lost(k, fmt.Sprintf("the name or display attribute of <podcast:%s> is not kept", k.Local), "")
			}
		default:
			r.notKept(k, "")
		}
	}
}

// itemLink keeps an item's link, the episode's page on the old website, in
// the episode's link key, unless it is the show's own link. (One that is
// the page podfeed makes for the episode goes once its slug is known: see
// dropOwnPages.)
func (r *reader) itemLink(k *node, ep *episodes.Episode, show *config.Show) {
	switch u := r.abs(k.Text); {
	case u == "" || u == show.Link:
	case !isWebURL(u):
		r.notKept(k, "it is not an http(s) address")
	default:
		ep.Link = u
	}
}

// positive reads an element holding a positive integer; anything else is
// reported and read as 0.
func (r *reader) positive(n *node, space, local string) int {
	k := n.Child(space, local)
	if k == nil || strings.TrimSpace(k.Text) == "" {
		return 0
	}
	v, err := strconv.Atoi(strings.TrimSpace(k.Text))
	if err != nil || v <= 0 || v > 1<<31-1 {
		r.lost(k, fmt.Sprintf("<%s> %q is not kept: podfeed numbers episodes with positive whole numbers", r.doc.Name(k), strings.TrimSpace(k.Text)), "")
		return 0
	}
	return v
}

// people reads the podcast:person children of n, channel or item; an
// empty one names no one and is dropped with a warning.
func (r *reader) people(n *node) []episodes.Person {
	var out []episodes.Person
	for _, pn := range n.Children(nsPodcast, "person") {
		if p := r.person(pn); p.Name != "" {
			out = append(out, p)
		} else {
			r.lost(pn, "an empty <podcast:person> is not kept", "it names no one")
		}
	}
	return out
}

// person reads podcast:person.
func (r *reader) person(n *node) episodes.Person {
	p := episodes.Person{
		Name: clean(n.Text),
		Role: strings.ToLower(n.AttrValue("role")),
		Href: r.abs(n.AttrValue("href")),
		Img:  r.abs(n.AttrValue("img")),
	}
	if p.Role == "" {
		p.Role = episodes.DefaultRole
	}
	if g := strings.ToLower(n.AttrValue("group")); g != "" && g != "cast" {
		p.Group = g
	}
	return p
}

// pscChapters reads Podlove Simple Chapters.
func (r *reader) pscChapters(pc *node) []episodes.Chapter {
	var out []episodes.Chapter
	for _, c := range pc.Children(nsPsc, "chapter") {
		start, err := parseClock(c.AttrValue("start"))
		if err != nil {
			r.probs.Warn(r.pos(c), "psc:chapter start: %v", err).WithHint("the chapter was left out; add it by hand")
			continue
		}
		out = append(out, episodes.Chapter{
			Start: start,
			Title: clean(c.AttrValue("title")),
			URL:   r.abs(c.AttrValue("href")),
			Image: r.abs(c.AttrValue("image")),
		})
	}
	return out
}

// registeredType returns an enclosure's media type as registered: the
// aliases hosts write (audio/mp3, video/x-mp4) by their registered names,
// application/octet-stream (and other non-media types) by the type of the
// URL's extension when it has one.
func registeredType(t, addr string) string {
	t = strings.ToLower(t) // media types ignore case
	switch t {
	case "audio/mp3", "audio/mpeg3", "audio/x-mp3", "audio/x-mpeg", "audio/mpg":
		return "audio/mpeg"
	case "video/x-mp4", "video/mpeg4":
		return "video/mp4"
	case "":
		return ""
	}
	if !strings.HasPrefix(t, "audio/") && !strings.HasPrefix(t, "video/") {
		if g := typeByExtension(addr); g != "" {
			return g
		}
	}
	return t
}

// fetch runs the network requests the items need: chapters files for
// items without psc:chapters, HEAD requests for enclosures without a size.
func (r *reader) fetch(ctx context.Context) {
	var tasks []func()
	client := r.opts.Client
	for _, p := range r.pending {
		if client == nil {
			continue
		}
		if !p.fromPsc && p.chaptersURL != "" {
			tasks = append(tasks, func() {
				data, err := get(ctx, client, p.chaptersURL, maxChaptersBytes)
				if err == nil {
					p.fetched, p.silent, err = parseJSONChapters(data)
				}
				p.fetchErr = err
			})
		}
		if (p.probeLength || p.probeType) && isWebURL(p.ep.Audio.URL) {
			tasks = append(tasks, func() {
				p.probed, p.probedType, p.probeErr = remote.Info(ctx, client, p.ep.Audio.URL, "podfeed import")
				p.probed = max(p.probed, 0)
			})
		}
	}
	runAll(r.opts.Parallel, counted(tasks, r.opts.Progress))
}

// finish settles what depended on the network.
func (p *pendingItem) finish(r *reader) {
	ep := p.ep
	switch {
	case p.fromPsc:
		r.tidyChapters(ep, p.pscNode, "psc:chapters")
	case p.chaptersURL != "" && p.fetchErr == nil && r.opts.Client != nil:
		ep.Chapters = p.fetched
		r.tidyChapters(ep, p.chaptersNode, "podcast:chapters")
		if p.silent > 0 {
			r.lost(p.chaptersNode, "chapters marked \"toc\": false are not kept", "podfeed's chapters are all listed; such silent chapters only change artwork")
		}
	default:
		if p.chaptersURL != "" {
			why := "no network access"
			if p.fetchErr != nil {
				why = p.fetchErr.Error()
			}
			if len(p.notes.chapters) > 0 {
				r.lost(p.chaptersNode, "the podcast:chapters file could not be read; chapters were taken from the show notes",
					"("+why+") compare the chapters with the feed's chapters file")
			} else {
				r.probs.Warn(r.pos(p.chaptersNode), "chapters file %s not read: %s", p.chaptersURL, why).
					WithHint("run the import with network access, or copy the chapters into the episode file by hand")
			}
		}
		ep.Chapters = p.notes.chapters
		r.tidyChapters(ep, p.n, "timestamp lines in the notes")
	}
	if p.fromPsc || (p.chaptersURL != "" && p.fetchErr == nil && r.opts.Client != nil) {
		if len(p.notes.chapters) > 0 && !sameChapters(p.notes.chapters, ep.Chapters) {
			r.lost(p.n, "timestamp lines in the show notes that differ from the item's chapters are not kept",
				"the notes podfeed writes list the chapters of the chapters tag; check them")
		}
	}

	if p.probeLength {
		if p.probed > 0 {
			ep.Audio.Length = p.probed
		} else if !ep.Draft {
			why := "no network access"
			if p.probeErr != nil {
				why = p.probeErr.Error()
			} else if r.opts.Client != nil {
				why = "the server did not say"
			}
			r.lost(p.enc, "an <enclosure> without length keeps no length",
				"("+why+") podfeed needs each media file's size: give [audio] length in bytes, or file = \"media/…\"")
		}
	}
	if p.probeType {
		p.settleType(r)
	}
}

// settleType gives an enclosure without a media type one: the type its
// host answers, else the type of the file name's extension, else
// audio/mpeg, which most podcasts are; each with a warning.
func (p *pendingItem) settleType(r *reader) {
	ep := p.ep
	what := fmt.Sprintf("enclosure type %q", p.srcType)
	if p.srcType == "" {
		what = "an <enclosure> without type"
	}
	if isMedia(p.probedType) {
		ep.Audio.Type = p.probedType
		if p.srcType != "" {
			r.lost(p.enc, fmt.Sprintf("%s is written as %q, the type its media host answers", what, p.probedType), "")
		}
		return
	}
	if ep.Audio.Type = typeByExtension(ep.Audio.URL); ep.Audio.Type != "" {
		r.lost(p.enc, what+" has its type guessed from the file name", "check [audio] type")
		return
	}
	why := "no network access"
	switch {
	case p.probeErr != nil:
		why = p.probeErr.Error()
	case p.probedType != "":
		why = fmt.Sprintf("its host answers %q", p.probedType)
	case r.opts.Client != nil:
		why = "its host does not say"
	}
	ep.Audio.Type = "audio/mpeg"
	r.lost(p.enc, what+" on an address without a file extension is written as \"audio/mpeg\"",
		"("+why+") check [audio] type: audio/mpeg is MP3, audio/x-m4a M4A, video/mp4 MP4")
}

// isMedia reports whether t is an audio or video media type.
func isMedia(t string) bool {
	return strings.HasPrefix(t, "audio/") || strings.HasPrefix(t, "video/")
}

// sameChapters reports whether two chapter lists name the same starts (to
// the second) and titles.
func sameChapters(a, b []episodes.Chapter) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Start.Truncate(time.Second) != b[i].Start.Truncate(time.Second) || a[i].Title != b[i].Title {
			return false
		}
	}
	return true
}

// mediaTypes are the media types guessed from a file name's extension.
var mediaTypes = map[string]string{
	".mp3": "audio/mpeg", ".m4a": "audio/x-m4a", ".mp4": "video/mp4", ".m4v": "video/x-m4v",
	".mov": "video/quicktime", ".aac": "audio/aac", ".ogg": "audio/ogg", ".oga": "audio/ogg",
	".opus": "audio/opus", ".wav": "audio/wav", ".flac": "audio/flac",
}

func typeByExtension(addr string) string {
	u, err := url.Parse(addr)
	if err != nil {
		return ""
	}
	return mediaTypes[strings.ToLower(path.Ext(u.Path))]
}
