package feed

import (
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/address"
	"github.com/podfeed/podfeed/internal/diag"
	"github.com/podfeed/podfeed/internal/markdown"
	"github.com/podfeed/podfeed/internal/output"
	"github.com/podfeed/podfeed/internal/par"
	"github.com/podfeed/podfeed/internal/shownotes"
	"github.com/podfeed/podfeed/internal/timecode"
)

// entry is one episode ready to render: cleaned, with its show notes.
// The notes are written in their forms when the entry's items are encoded
// (see [entry.content]), not kept: a big show's feeds are written last,
// and all its notes in every form at once were a third of the build's
// memory.
type entry struct {
	ep    *episodes.Episode
	notes *shownotes.Notes
	apple shownotes.Parts // what the description carries; see shownotes.Notes.Fit

	contentText string // JSON content_text, only when content is empty; see noNotesText

	link         string // the episode's web page; "" without Options.PageLinks or a slug
	explicit     bool
	chaptersPath string // "chapters/<slug>.json"; "" without chapters
	chaptersURL  string // its public address

	reused *Fragments // the items as an earlier build wrote them; nil: render them
}

// build holds what every format renders from.
type build struct {
	show     *config.Show
	siblings address.Siblings // of show.FeedURL
	opts     Options
	updated  time.Time // the channel's date: newest episode, else opts.Updated
	live     []*entry  // the podcast:liveItem episodes, newest first
}

// page is one page of each feed: all of it, unless Options.MaxItems splits
// the feeds.
type page struct {
	*build
	entries     []*entry // the page's, newest first
	page, pages int      // the page (from 0) and how many there are
	// Where the page's items lie in each of its files, as last streamed.
	rssSpans, atomSpans, jsonSpans []ItemSpan
}

// items returns the page's items, each encoded from value unless an
// earlier build wrote it (reused picks the file's span), with where each is
// written recorded in spans.
func (p *page) items(value func(e *entry) any, reused func(f *Fragments) *Span, spans *[]ItemSpan) *items {
	return &items{
		n:     len(p.entries),
		value: func(i int) any { return value(p.entries[i]) },
		reuse: func(i int) *Span {
			if f := p.entries[i].reused; f != nil {
				return reused(f)
			}
			return nil
		},
		key:   func(i int) string { return p.entries[i].ep.GUID },
		spans: spans,
	}
}

// Build renders show and eps into the feeds and chapter files.
//
// eps are the episodes to publish: the caller has already left out drafts
// and scheduled episodes. Build orders them newest first (ties by Slug, then
// GUID), cleans every string to XML 1.0 characters, renders each episode's
// show notes and writes RSS, Atom, JSON Feed and JSON chapters. Neither show
// nor eps are modified.
//
// Build returns an error only for input it cannot render at all: a nil show
// or episode, an episode without a guid, two episodes with the same slug or
// guid, or an episode with chapters but no slug. Advice goes to
// Output.Warnings.
func Build(show *config.Show, eps []*episodes.Episode, opts Options) (*Output, error) {
	if show == nil {
		return nil, errors.New("no show")
	}
	b := &build{
		show: cleanShow(show),
		opts: Options{Updated: opts.Updated, Now: opts.Now, Generator: cleanText(opts.Generator), Stylesheet: opts.Stylesheet, PageLinks: opts.PageLinks},
	}
	b.siblings = address.NewSiblings(b.show.FeedURL)
	if i := slices.Index(eps, nil); i >= 0 {
		return nil, fmt.Errorf("episode %d is nil", i)
	}
	// Every string of every episode is read to clean it, on every core; of
	// an episode whose items an earlier build wrote, only those its items
	// are copied with (see cleanBare).
	cleaned := make([]*episodes.Episode, len(eps))
	frags := make([]*Fragments, len(eps))
	par.Do(len(eps), func(i int) {
		if opts.Reuse != nil && eps[i].Live == nil {
			if f, ok := opts.Reuse(eps[i]); ok {
				cleaned[i], frags[i] = cleanBare(eps[i]), f
				return
			}
		}
		cleaned[i] = cleanEpisode(eps[i])
	})
	reused := make(map[*episodes.Episode]*Fragments) // by cleaned episode
	for i, f := range frags {
		if f != nil {
			reused[cleaned[i]] = f
		}
	}
	slices.SortStableFunc(cleaned, episodes.NewestFirst)
	if err := checkKeys(cleaned); err != nil {
		return nil, err
	}

	out := &Output{Notes: map[string]*shownotes.Notes{}, Spans: map[string]*[]ItemSpan{}, ItemWarnings: map[string]diag.List{}}
	// Each episode's notes render on every core (a shownotes.Renderer is
	// safe for concurrent use); results are gathered in feed order.
	// Markdown may decode character references into characters XML does
	// not allow: what it produces is cleaned too.
	notes := notesRenderer(b.show)
	type rendered struct {
		e    *entry
		warn diag.List
		err  error
	}
	results := make([]rendered, len(cleaned))
	par.Do(len(cleaned), func(i int) {
		r := &results[i]
		if f := reused[cleaned[i]]; f != nil {
			r.e, r.warn = b.reusedEntry(cleaned[i], f), f.Warnings
			return
		}
		r.e, r.err = b.entry(notes, cleaned[i], &r.warn)
	})
	entries := make([]*entry, len(cleaned))
	chapters := 0
	for _, r := range results {
		if r.err == nil && r.e.chaptersPath != "" {
			chapters++
		}
	}
	out.Chapters = make([]output.File, 0, chapters) // grown by appends, 3.6 MB for 10,000 episodes
	for i, r := range results {
		ep := cleaned[i]
		if r.err != nil {
			return nil, fmt.Errorf("%s: %w", episodeName(ep), r.err)
		}
		out.Warnings.Append(r.warn)
		if len(r.warn) > 0 {
			out.ItemWarnings[ep.GUID] = r.warn
		}
		entries[i] = r.e
		if ep.Slug != "" && r.e.notes != nil {
			out.Notes[ep.Slug] = r.e.notes
		}
		if r.e.chaptersPath != "" {
			out.Chapters = append(out.Chapters, output.File{Name: r.e.chaptersPath, Render: func(w io.Writer) error {
				return writeChapters(w, ep.Chapters)
			}})
		}
	}
	slices.SortFunc(out.Chapters, func(a, b output.File) int { return strings.Compare(a.Name, b.Name) })
	// Live items go into the channel of feed.xml, as podcast:liveItem,
	// not into the items of any feed.
	entries = slices.DeleteFunc(entries, func(e *entry) bool {
		if e.ep.Live != nil {
			b.live = append(b.live, e)
			return true
		}
		return false
	})
	out.Items = make([]Item, 0, len(entries))
	for _, e := range entries {
		out.Items = append(out.Items, Item{GUID: e.ep.GUID, Title: e.ep.Title, EnclosureURL: e.ep.Audio.URL, Link: e.link})
	}
	b.updated = opts.Updated
	if len(entries) > 0 {
		b.updated = entries[0].ep.Published
	}

	// Each format in pages of at most MaxItems items, newest first: the
	// archive pages, oldest first, then the first pages, feed.xml last.
	out.Pages = pageCount(len(entries), opts.MaxItems)
	for n := out.Pages - 1; n >= 0; n-- {
		p := &page{build: b, entries: entries, page: n, pages: out.Pages}
		if p.pages > 1 {
			p.entries = entries[n*opts.MaxItems : min((n+1)*opts.MaxItems, len(entries))]
		}
		out.Spans[PageName(JSONFile, n)] = &p.jsonSpans
		out.Spans[PageName(AtomFile, n)] = &p.atomSpans
		out.Spans[PageName(RSSFile, n)] = &p.rssSpans
		out.Feeds = append(out.Feeds,
			output.File{Name: PageName(JSONFile, n), Stream: p.jsonFeed},
			output.File{Name: PageName(AtomFile, n), Stream: p.atom},
			output.File{Name: PageName(RSSFile, n), Stream: p.rss},
		)
	}
	return out, nil
}

// checkKeys rejects what would make two items or two chapter files one.
func checkKeys(eps []*episodes.Episode) error {
	guids := make(map[string]string, len(eps))
	slugs := make(map[string]string, len(eps))
	for _, ep := range eps {
		name := episodeName(ep)
		if ep.GUID == "" {
			return fmt.Errorf("%s: episode has no guid", name)
		}
		if other, ok := guids[ep.GUID]; ok {
			return fmt.Errorf("%s: guid %q is also the guid of %s", name, ep.GUID, other)
		}
		guids[ep.GUID] = name
		if len(ep.Chapters) > 0 && ep.Slug == "" {
			return fmt.Errorf("%s: episode has chapters but no slug to name their file", name)
		}
		if ep.Slug == "" {
			continue
		}
		if other, ok := slugs[ep.Slug]; ok {
			return fmt.Errorf("%s: slug %q is also the slug of %s", name, ep.Slug, other)
		}
		slugs[ep.Slug] = name
	}
	return nil
}

// notesRenderer renders the show notes of the episodes of show, cleaned
// (see cleanShow), as the items and pages carry them.
func notesRenderer(show *config.Show) *shownotes.Renderer {
	return shownotes.New(markdown.New(), show, cleanText)
}

// Notes renders the show notes of eps as [Build] renders them for their
// items and [Output.Notes] holds them, by slug: for the pages of episodes
// whose items Build copied (see [Options.Reuse]), whose notes it did not
// render. Neither show nor eps are modified.
func Notes(show *config.Show, eps []*episodes.Episode) (map[string]*shownotes.Notes, error) {
	if show == nil {
		return nil, errors.New("no show")
	}
	r := notesRenderer(cleanShow(show))
	made := make([]*shownotes.Notes, len(eps))
	errs := make([]error, len(eps))
	par.Do(len(eps), func(i int) {
		if eps[i] == nil {
			errs[i] = fmt.Errorf("episode %d is nil", i)
			return
		}
		ep := cleanEpisode(eps[i])
		if made[i], errs[i] = r.Build(ep, episodeName(ep)); errs[i] != nil {
			errs[i] = fmt.Errorf("%s: %w", episodeName(ep), errs[i])
		}
	})
	notes := make(map[string]*shownotes.Notes, len(eps))
	for i, ep := range eps {
		if errs[i] != nil {
			return nil, errs[i]
		}
		if ep.Slug != "" && made[i] != nil {
			notes[cleanText(ep.Slug)] = made[i]
		}
	}
	return notes, nil
}

func (b *build) entry(r *shownotes.Renderer, ep *episodes.Episode, warn *diag.List) (*entry, error) {
	e := b.bareEntry(ep)
	notes, err := r.Build(ep, episodeName(ep))
	if err != nil {
		return nil, err
	}
	e.notes = notes
	e.apple = notes.Fit(warn)
	if notes.Empty() {
		e.contentText = noNotesText(b.show, ep)
	}
	return e, nil
}

// content is the full notes: content:encoded, Atom content, JSON
// content_html; "" without any.
func (e *entry) content() string {
	if e.notes == nil {
		return ""
	}
	return e.notes.HTML()
}

// description is the notes in Apple's form: RSS description, Atom summary.
func (e *entry) description() string {
	if e.notes == nil {
		return ""
	}
	return e.notes.Apple(e.apple)
}

// summaryText is the summary as plain text: JSON summary.
func (e *entry) summaryText() string {
	if e.notes == nil {
		return ""
	}
	return e.notes.SummaryText
}

// bareEntry is an entry without its notes.
func (b *build) bareEntry(ep *episodes.Episode) *entry {
	e := &entry{ep: ep, explicit: b.show.Explicit}
	e.link = b.itemLink(ep)
	if ep.Explicit != nil {
		e.explicit = *ep.Explicit
	}
	if len(ep.Chapters) > 0 {
		e.chaptersPath = address.ChaptersFile(ep.Slug)
		e.chaptersURL = b.siblings.ChaptersURL(ep.Slug)
	}
	return e
}

// reusedEntry is an entry whose items an earlier build wrote: they are
// copied, not rendered.
func (b *build) reusedEntry(ep *episodes.Episode, f *Fragments) *entry {
	e := b.bareEntry(ep)
	e.reused = f
	return e
}

// noNotesText is the text of an episode without show notes (no summary,
// chapters, links or takeaways, in a show without links), for JSON Feed,
// which requires content_html or content_text in every item: the episode's
// title, which a reader app can always show and which needs no words of
// ours in the show's language; else the show's title; else the guid, which
// Build requires.
func noNotesText(show *config.Show, ep *episodes.Episode) string {
	for _, s := range []string{ep.Title, show.Title} {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ep.GUID
}

// sibling returns the public address of name in the folder that holds
// feed.xml; see [address.SiblingURL].
func (b *build) sibling(name string) string { return b.siblings.URL(name) }

// SiblingURL returns the public address of name beside feed.xml; see
// [address.SiblingURL], which it calls.
func SiblingURL(feedURL, name string) string { return address.SiblingURL(feedURL, name) }

// isPermaLink reports whether an item's guid is an http(s) address, which
// RSS then takes as the item's permanent link.
func isPermaLink(guid string) bool {
	u, err := url.Parse(guid)
	if err != nil || u.Host == "" {
		return false
	}
	return u.Scheme == "http" || u.Scheme == "https"
}

// seconds writes d in whole seconds when it is whole, else with up to
// millisecond precision: 229, 229.5.
func seconds(d time.Duration) string {
	return timecode.Format(d, timecode.Seconds)
}

// episodeName names an episode in a warning: its file, else its slug, else
// its guid.
func episodeName(ep *episodes.Episode) string {
	for _, s := range []string{ep.File, ep.Slug, ep.GUID} {
		if s != "" {
			return s
		}
	}
	return "episode " + fmt.Sprintf("%q", ep.Title)
}

// itemLink is the item's <link>: the episode's own page when its file keeps
// one (an imported show whose website has not moved) and the show does not
// set link_pages, else its page on podfeed's site with Options.PageLinks.
func (b *build) itemLink(ep *episodes.Episode) string {
	if ep.Link != "" && !b.show.LinkPages {
		return cleanText(ep.Link)
	}
	if b.opts.PageLinks && ep.Slug != "" {
		return cleanText(b.sibling(address.PagePath(ep.Slug)))
	}
	return ""
}
