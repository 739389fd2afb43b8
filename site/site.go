// Package site renders the show's web site: the pages and the stylesheet
// that make the output folder a complete static site any host can serve.
//
// [Build] renders
//
//   - index.html: artwork, title, description, the feed address to copy,
//     links that open the feed in the common podcast apps and the show's
//     directory pages, <link rel="alternate"> elements through which
//     browsers and apps discover the feeds, and the episodes;
//   - episodes/<slug>/index.html: one page per episode with an HTML5 audio
//     player, the transcript beside it when the caller read one
//     ([Options.Transcripts]; it follows the player), the show notes (whose
//     chapter times seek the player), the people, and Open Graph and
//     Twitter card metadata so that a shared link shows the artwork;
//   - embed/<slug>.html: a small self-contained player to put into another
//     site with an <iframe> (see [EmbedCode]);
//   - feed.css: a CSS stylesheet that shows feed.xml as a readable page
//     when someone opens the feed's address in a browser.
//
// Pages are html/template templates embedded in the binary; a show replaces
// any of them by putting a file of the same name into its templates folder
// ([TemplatesDir]), given to Build as an fs.FS. Every piece of text from
// the show and its episodes is escaped as html/template escapes it: by
// html/template, or by Go that writes the same bytes, because
// html/template reaches each value through reflection, which cost more
// than the rest of a build's pages: the lists a page repeats for every
// chapter, person or cue and the episode page's metadata (fragments.go),
// and, with the built-in templates, the episode and embed pages whole
// (pages.go). The layout's head, footer and script are rendered once for
// all the pages alike ([Page.Part]). The only HTML taken as it is are the
// show notes, which package feed builds once (escaped and sanitised by
// package internal/shownotes) and passes on in its Output, so that pages
// and feeds carry the same notes: a page writes them with
// [shownotes.Notes.Page], whose chapter times seek the player. The pages
// use no JavaScript framework: a few lines of inline script on the episode
// and embed pages make chapter times seek the player; index.html has no
// script at all.
//
// site knows nothing about files beyond the fs.FS it is given: it returns
// each file's bytes, or a function that renders it into a writer the caller
// gives, and the caller writes them. It never reads the clock and does not
// decide which episodes are published: the caller passes the live ones.
package site

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
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
	"github.com/podfeed/podfeed/podcast"
)

//go:embed templates
var builtin embed.FS

// TemplatesDir is the folder of a show whose files replace the embedded
// templates of the same name. Templates see a [Page] and may call, besides
// html/template's functions, date and isodate (of a time.Time: "4 February
// 2025", RFC 3339, both in the time's own offset; see [pageDate]), minutes
// ("35 min"), clock ("03:49") and seconds ("229") of a time.Duration.
const TemplatesDir = "templates"

// Template file names. LayoutTemplate holds the parts the pages share
// ({{define}} blocks); each page template is parsed together with it.
const (
	LayoutTemplate  = "layout.html"
	IndexTemplate   = "index.html"
	EpisodeTemplate = "episode.html"
	EmbedTemplate   = "embed.html"

	NotFoundTemplate = "404.html"
)

// StylesheetFile is the CSS stylesheet that shows feed.xml in a browser,
// written beside it. It is copied as it is (from the templates folder when
// the show has one there), not executed as a template: it styles the
// feed's own elements. It is CSS, not XSLT, because browsers are removing
// XSLT.
const StylesheetFile = "feed.css"

// oldStylesheet is the XSLT stylesheet podfeed wrote before browsers began
// removing XSLT: a show's templates folder that still has one is told.
const oldStylesheet = "feed.xsl"

// templateNames lists every file a templates folder may hold.
var templateNames = []string{LayoutTemplate, IndexTemplate, EpisodeTemplate, EmbedTemplate, NotFoundTemplate, StylesheetFile, CSSTemplate, ScriptTemplate}

// Options tunes [Build]. The zero value renders pages without show notes
// from the embedded templates.
type Options struct {
	// Notes maps an episode's slug to its show notes, as package feed
	// built them. Their HTML is trusted: written into the episode pages
	// without escaping. An episode without notes gets a page with its
	// chapters only.
	Notes map[string]*shownotes.Notes

	// Templates, when not nil, is searched for each template file before
	// the embedded ones: a show's templates folder. Files it does not have
	// come from the embedded set; an .html or .xsl file with another name
	// is an error, so that a misspelt name does not pass unnoticed.
	Templates fs.FS

	// Artwork gives the public addresses of lighter copies of the show's
	// artwork for the pages; an empty Hero or Thumb is the artwork itself,
	// an empty Icon Page.Monogram.
	Artwork Artwork

	// Transcripts maps an episode's slug to the transcript its page shows
	// beside the player: the cues of one of its transcripts, which the
	// caller read from a file (site reads none). The page links to its
	// other transcripts, and to all of them without one here.
	Transcripts map[string]*TranscriptCues

	// Entries, when not nil, gives an episode's entry on a page of the
	// episode list past the first as the last build wrote it there (the
	// bytes [Page.EpisodeItems] wrote for it, which [Options.Listed]
	// reported), to be written again as it is; nil when it is rendered.
	// After an episode in the middle of a big show is removed, every page
	// of the list after it lists other episodes, each of which an
	// incremental build would otherwise read the summary of again.
	Entries func(ep *episodes.Episode) []byte

	// Listed, when not nil, is called once a page of the list past the
	// first is rendered by the built-in index.html, with where each of its
	// episodes' entries lies in the page: what Entries may give back.
	Listed func(file string, entries []Entry)
}

// Entry is where an episode's entry lies in a page of the episode list:
// Len bytes from Off, counted from the start of the page.
type Entry struct {
	Episode  *episodes.Episode
	Off, Len int
}

// Artwork is where the pages find the show's artwork at the sizes they
// show it: public addresses.
type Artwork struct {
	Hero  string // the show's page and 404.html, about 600 pixels
	Thumb string // small pictures, about 160 pixels
	// Icon is the favicon, a small copy; empty for Page.Monogram. Never
	// the artwork itself, which a browser decodes on the page's main
	// thread at every load (a 3,000-pixel JPEG costs a phone about 100 ms
	// of it, and Lighthouse a few points of performance).
	Icon string
}

// Page is what every page template sees.
type Page struct {
	Show *config.Show
	// Artwork is the show's artwork at the sizes the pages show it.
	Artwork Artwork
	// Monogram is the favicon when there is no small copy of the artwork
	// (Artwork.Icon is empty), relative to the site root like CSS: an SVG
	// image of the show's initial (assets/icon.<hash>.svg).
	Monogram string

	// Root is the way from the page to the site's root folder, for links
	// inside the site: "" on index.html, "../../" on an episode page,
	// "../" on an embed page.
	Root string

	SiteURL string // public address of the site's root folder, ending in "/"
	FeedURL string // feed.xml; also AtomURL and JSONURL
	AtomURL string
	JSONURL string

	Apps        []App              // links that open the feed in podcast apps
	Directories []config.Directory // the show's pages in directories
	Hosts       []episodes.Person  // the hosts named by the episodes, first seen first

	// CSS and Script are the shared stylesheet and script, relative to the
	// site root (assets/site.<hash>.css): a page links {{.Root}}{{.CSS}}.
	CSS    string
	Script string

	// Episodes are the episodes of this page of the show's list, in the
	// order the show lists them (see lists.go). Newest is the newest
	// episode.
	Episodes []*Episode
	Newest   *Episode
	Number   int        // of this page of the list, from 1
	Pages    []ListPage // every page of the list; nil when there is one
	Episode  *Episode   // the page's episode; nil on the show's pages

	// NewerPage and OlderPage are the files of the pages of the list
	// before and after this one, relative to the site root ("index.html",
	// "page/2/index.html"); "" for none. Period names the days of the
	// page's first and last episodes ("4 May 2020 to 1 March 2021").
	NewerPage, OlderPage string
	Period               string

	// Support, Place and LicenseLink are the show's support links,
	// location and license; nil when it has none.
	Support     *Support
	Place       *Place
	LicenseLink *LicenseLink

	// JSONLD is the page's schema.org description (PodcastSeries or
	// PodcastEpisode), for a <script type="application/ld+json">.
	JSONLD template.JS

	all   []*Episode // every live episode, in the order the show lists them
	lists []listPage // the pages of the list (see listPages)

	tmpl  *template.Template // the page's template, with the layout
	parts *partCache         // see Part

	// entries and listed are Options.Entries and Options.Listed; on a page
	// of the list being rendered that reports its entries, items holds
	// what EpisodeItems wrote, and spans where each entry lies in it.
	entries func(*episodes.Episode) []byte
	listed  func(string, []Entry)
	items   []byte
	spans   *[]Entry
}

// sharedParts are the blocks of the layout that [Page.Part] renders.
var sharedParts = []string{"head", "footer", "script"}

// Part returns the layout's block name, one of "head", "footer" and
// "script", rendered for the page: the built-in pages write
// {{.Part "head"}} where they would call {{template "head" .}}, because
// those blocks of the built-in layout show nothing of a page but the way
// to the site's root and whether it is an episode's, and so are rendered
// once for all the pages alike rather than on each. The blocks of a layout
// of the show's own may show anything: they are rendered on every page.
func (p *Page) Part(name string) (template.HTML, error) {
	if !slices.Contains(sharedParts, name) {
		return "", fmt.Errorf("part %q: not one of %s", name, strings.Join(sharedParts, ", "))
	}
	return p.parts.get(partKey{name, p.Root, p.Episode != nil}, func() (template.HTML, error) {
		var b strings.Builder
		if err := p.tmpl.ExecuteTemplate(&b, name, p); err != nil {
			return "", fmt.Errorf("part %q: %w", name, err)
		}
		return template.HTML(b.String()), nil
	})
}

// partKey tells apart the pages whose parts the built-in layout renders
// differently.
type partKey struct {
	name    string
	root    string
	episode bool
}

// partCache keeps the parts of one page template, once rendered, for a
// build: those of a built-in page template with the built-in layout. It
// is safe for concurrent use; a nil *partCache keeps nothing.
type partCache struct {
	mu    sync.Mutex
	parts map[partKey]template.HTML
}

// get returns the part of key, rendered by render when it is not kept.
func (c *partCache) get(key partKey, render func() (template.HTML, error)) (template.HTML, error) {
	if c == nil {
		return render()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if part, ok := c.parts[key]; ok {
		return part, nil
	}
	part, err := render()
	if err == nil {
		c.parts[key] = part
	}
	return part, err
}

// ListPage is one page of the show's episode list.
type ListPage struct {
	Number  int
	Path    string // relative to the site root: "index.html", "page/2/index.html"
	Current bool
}

// Local returns the address a page links to for the public address abs: a
// relative one when abs lies under the site's root (the artwork, media
// published beside the feed, the site's own pages), so that the site works
// from any host, any sub-path and opened from disk; abs itself otherwise.
// A folder's address gets its index.html, which a disk has no other way to
// find.
func (p *Page) Local(abs string) string {
	if p.SiteURL == "" || !strings.HasPrefix(abs, p.SiteURL) {
		return abs
	}
	rel := abs[len(p.SiteURL):]
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	return p.Root + rel
}

// Canonical returns the public address of the page: the episode's, the
// site's root, or the page of the episode list.
func (p *Page) Canonical() string {
	switch {
	case p.Episode != nil:
		return p.Episode.URL
	case p.Number > 1:
		return p.SiteURL + p.lists[p.Number-1].path
	}
	return p.SiteURL
}

// Episode is one episode as the templates see it.
type Episode struct {
	*episodes.Episode

	Path     string // its page, relative to the site root: "episodes/<slug>/"; "" without a slug
	Href     string // the same with its file, as pages link it: "episodes/<slug>/index.html"
	URL      string // its page's public address; "" without a slug
	EmbedURL string // public address of its embed page; "" without a slug
	Image    string // the episode's artwork, else the show's

	Date        string // "4 February 2025", in the offset published was written in
	Length      string // "35 min"; "" when the duration is unknown
	Description string // the summary as plain text, at most about 300 characters
	Excerpt     Blocks // the summary's paragraphs and list items, about 300 characters
	Chapters    Chapters
	Starts      string // the chapter starts in seconds, space-separated, for the player
	EmbedCode   string // the <iframe> markup that embeds its player
	Shares      Shares
	Clips       []Clip       // the soundbites, to play one by one
	Support     *Support     // funding links and streaming payments; nil without
	Place       *Place       // the episode's podcast:location; nil without
	LicenseLink *LicenseLink // the episode's license, else the show's; nil without

	Newer, Older *Episode // neighbours in publication order; nil at the ends

	// People are the episode's people: those of its episodes.Episode,
	// which this field hides, as People.
	People People

	// TranscriptLinks are the transcripts the page links to: all but the
	// one it shows (see [Episode.Transcript]).
	TranscriptLinks []podcast.Transcript

	notes      *shownotes.Notes // as the feed has them; nil without
	transcript *TranscriptCues  // the transcript the page shows; nil without
	jsonLD     template.JS      // its schema.org PodcastEpisode, for both its pages

	// What a page shows of the episode beyond its addresses (from Excerpt
	// to LicenseLink above) is worked out by prepare, once, for the pages
	// that show it: an incremental build renders few pages of many.
	show     *config.Show
	md       *markdown.Renderer
	prepared once
	// renders counts the renders of the episode's page and embed: once
	// both are written, what prepare worked out for them is let go of
	// (see release), so that a full build of a big show does not hold
	// every episode's share links, chapters and JSON-LD to the end.
	renders atomic.Int32
	// The excerpt and description alone, which is all that a page of the
	// episode list shows of an episode, are worked out once too (see
	// excerpts): a removed episode moves half a big show's episodes to
	// other pages of the list.
	excerpted once
}

// once is work done on the first ask, and its error, which every ask
// returns.
type once struct {
	done sync.Once
	err  error
}

// do does work, the first time, and returns its error.
func (o *once) do(work func() error) error {
	o.done.Do(func() { o.err = work() })
	return o.err
}

// Notes returns the show notes with chapter times, and the summary's own
// time marks, as seek links. It is worked out when a page asks, so that a
// big show's page notes are not all in memory at once, and again on every
// call: a template reads it once ({{with $e.Notes}}), not once to test it
// and once to show it.
func (e *Episode) Notes() (template.HTML, error) {
	if e.notes == nil {
		return "", nil
	}
	html, err := e.notes.Page()
	if err != nil {
		return "", fmt.Errorf("%s: %w", e.Episode.File, err)
	}
	return template.HTML(html), nil
}

// Chapter is one chapter mark ready to link.
type Chapter struct {
	Start string // in seconds, as the seek links carry it: "229", "90.25"
	Clock string // "03:49", or "1:02:03" past an hour
	Title string
	URL   string
	Image string
}

// PagePath returns the address of an episode's page relative to the site
// root ("episodes/<slug>/", escaped), or "" for an episode without a slug.
func PagePath(ep *episodes.Episode) string { return address.PagePath(ep.Slug) }

// Build renders the site of show with the live episodes eps, in the order
// files are best published: the stylesheet and the embed and episode pages
// before index.html, which links to them.
func Build(show *config.Show, eps []*episodes.Episode, opts Options) ([]output.File, error) {
	if show == nil {
		return nil, errors.New("no show")
	}
	set, err := loadTemplates(opts.Templates)
	if err != nil {
		return nil, err
	}
	pages, err := newPages(show, eps, opts)
	if err != nil {
		return nil, err
	}
	if set.custom {
		// Page templates of the show's own may reach any episode
		// (.Episode.Older.Older …): every one is prepared, now, on every
		// core, and templateSet.prepare has nothing left to do.
		errs := make([]error, len(pages.all))
		par.Do(len(pages.all), func(i int) { errs[i] = prepare(pages.all[i]) })
		if err := errors.Join(errs...); err != nil {
			return nil, err
		}
	}

	css, err := set.asset(CSSTemplate)
	if err != nil {
		return nil, err
	}
	script, err := set.asset(ScriptTemplate)
	if err != nil {
		return nil, err
	}
	pages.CSS, pages.Script = assetName(CSSTemplate, css), assetName(ScriptTemplate, script)
	var icon []byte
	if pages.Artwork.Icon == "" {
		icon = monogram(show.Title)
		pages.Monogram = assetName(MonogramFile, icon)
	}

	// Every page is rendered when it is written (see File.Render), so a big
	// show's pages are never all in memory at once, and index.html renders
	// beside the others, not before them.
	// Sized once: grown by appends, the list of 20,000 pages allocated
	// 8 MB.
	files := make([]output.File, 0, 4+2*len(pages.all)+len(pages.lists)+3)
	files = append(files,
		output.File{Name: pages.CSS, Data: css},
		output.File{Name: pages.Script, Data: script},
		output.File{Name: StylesheetFile, Data: set.stylesheet},
	)
	if icon != nil {
		files = append(files, output.File{Name: pages.Monogram, Data: icon})
	}
	// Each episode's embed, then its page, which shows the embed's code:
	// side by side, so that what both show of the episode is worked out
	// once and let go of soon after.
	for _, ep := range pages.all {
		if ep.Path == "" {
			continue
		}
		files = append(files,
			output.File{Name: address.EmbedFile(ep.Slug), Render: set.page(EmbedTemplate, pages, ep, "../")},
			output.File{Name: address.PageFile(ep.Slug), Render: set.page(EpisodeTemplate, pages, ep, "../../")})
	}
	for i, l := range pages.lists[1:] {
		files = append(files, output.File{Name: l.file(), Render: set.list(pages, i+2, "../../")})
	}
	files = append(files,
		output.File{Name: NotFoundFile, Render: set.page(NotFoundTemplate, pages, nil, pages.SiteURL)},
		output.File{Name: SitemapFile, Data: sitemap(pages)},
		output.File{Name: RobotsFile, Data: robots(pages.SiteURL)},
	)
	return append(files, output.File{Name: pages.lists[0].file(), Stream: set.list(pages, 1, "")}), nil
}

// siteURL is the public address of the show's site root folder, ending in
// "/": the folder of its feed.
func siteURL(show *config.Show) string { return address.SiblingURL(show.FeedURL, "./") }

// newPages prepares what the templates see, without Episode and Root.
func newPages(show *config.Show, eps []*episodes.Episode, opts Options) (*Page, error) {
	p := &Page{
		Show:        show,
		SiteURL:     siteURL(show),
		FeedURL:     show.FeedURL,
		AtomURL:     address.SiblingURL(show.FeedURL, address.AtomFile),
		JSONURL:     address.SiblingURL(show.FeedURL, address.JSONFile),
		Apps:        Apps(show.Title, show.FeedURL),
		Directories: show.Directories,
		Artwork:     opts.Artwork,
		Support:     support(show, nil),
		Place:       place(show.Location),
		LicenseLink: licenseLink(show.License),
		entries:     opts.Entries,
		listed:      opts.Listed,
	}
	for _, a := range []*string{&p.Artwork.Hero, &p.Artwork.Thumb} {
		if *a == "" {
			*a = show.Image
		}
	}
	sorted := slices.Clone(eps)
	for i, ep := range sorted {
		if ep == nil {
			return nil, fmt.Errorf("episode %d is nil", i)
		}
	}
	// Newest first, as the feed orders them.
	slices.SortStableFunc(sorted, episodes.NewestFirst)
	// Each episode's page data on every core (a markdown.Renderer is safe
	// for concurrent use), gathered in order.
	md := markdown.New()
	siblings := address.NewSiblings(show.FeedURL)
	made := make([]*Episode, len(sorted))
	errs := make([]error, len(sorted))
	par.Do(len(sorted), func(i int) {
		made[i], errs[i] = newEpisode(show, siblings, sorted[i], md, opts.Notes[sorted[i].Slug], opts.Transcripts[sorted[i].Slug])
	})
	slugs := map[string]bool{}
	for i, ep := range sorted {
		e, err := made[i], errs[i]
		if err != nil {
			return nil, err
		}
		if ep.Slug != "" {
			if slugs[ep.Slug] {
				return nil, fmt.Errorf("%s: two episodes have the slug %q", ep.File, ep.Slug)
			}
			slugs[ep.Slug] = true
		}
		p.all = append(p.all, e)
	}
	for i, e := range p.all {
		if i > 0 {
			e.Newer = p.all[i-1]
		}
		if i+1 < len(p.all) {
			e.Older = p.all[i+1]
		}
	}
	if len(p.all) > 0 {
		p.Newest = p.all[0]
	}
	p.Hosts = Hosts(sorted)
	serial := show.Type == config.TypeSerial
	if serial {
		slices.Reverse(p.all) // see Lists
	}
	p.lists = listPages(len(p.all), serial)
	p.JSONLD = seriesLD(show, p.SiteURL)
	return p, nil
}

func newEpisode(show *config.Show, siblings address.Siblings, ep *episodes.Episode, md *markdown.Renderer, notes *shownotes.Notes, tr *TranscriptCues) (*Episode, error) {
	e := &Episode{Episode: ep, Image: ep.Image, Date: pageDate(ep.Published), People: People(ep.People), show: show, md: md, notes: notes}
	if e.Image == "" {
		e.Image = show.Image
	}
	if ep.Slug != "" {
		if err := checkSlug(ep.Slug); err != nil {
			return nil, fmt.Errorf("%s: %w", ep.File, err)
		}
		e.Path = PagePath(ep)
		e.Href = e.Path + "index.html"
		e.URL = siblings.URL(e.Path)
		e.EmbedURL = siblings.URL(address.EmbedPath(ep.Slug))
	}
	if d := ep.Audio.Duration; d > 0 {
		e.Length = minutes(d)
	}
	if tr != nil && tr.Index >= 0 && tr.Index < len(ep.Transcripts) && len(tr.Cues) > 0 {
		e.transcript = tr
	}
	e.TranscriptLinks = transcriptLinks(ep.Transcripts, e.transcript)
	return e, nil
}

// prepare works out, once, what pages show of each episode of eps (nil
// ones skipped) beyond its addresses: its excerpt, chapters, share links,
// embed code, clips, support, place, license and JSON-LD.
func prepare(eps ...*Episode) error {
	for _, e := range eps {
		if e != nil {
			if err := e.prepared.do(e.prepare); err != nil {
				return err
			}
		}
	}
	return nil
}

// excerpts works out the excerpt and description of eps (nil ones
// skipped), once each: what the pages of the episode list show of them.
func excerpts(eps ...*Episode) error {
	for _, e := range eps {
		if e != nil {
			if err := e.excerpted.do(e.makeExcerpt); err != nil {
				return err
			}
		}
	}
	return nil
}

// makeExcerpt works out the episode's excerpt and description, from its
// summary.
func (e *Episode) makeExcerpt() error {
	ep, md := e.Episode, e.md
	if !strings.Contains(strings.TrimSpace(ep.Summary), "\n") {
		// One line is one paragraph: its text is all there is to know.
		text, err := md.Text(ep.Summary)
		if err != nil {
			return fmt.Errorf("%s: summary: %w", ep.File, err)
		}
		if text != "" {
			e.Excerpt = Blocks{{Text: shorten(text, excerptBytes)}}
		}
	} else {
		subset, err := md.RenderApple(ep.Summary)
		if err != nil {
			return fmt.Errorf("%s: summary: %w", ep.File, err)
		}
		e.Excerpt = excerpt(subset, excerptBytes)
	}
	e.Description = shorten(e.Excerpt.metaText(), excerptBytes)
	return nil
}

// release lets go of what prepare worked out, but for the excerpt and
// description, which the pages of the episode list show; a later page
// of the episode prepares it again. Nothing may be rendering a page of
// the episode meanwhile.
func (e *Episode) release() {
	e.Shares, e.EmbedCode, e.Chapters, e.Starts, e.Clips = nil, "", nil, "", nil
	e.Support, e.Place, e.LicenseLink, e.jsonLD = nil, nil, nil, ""
	e.prepared = once{}
}

func (e *Episode) prepare() error {
	if err := excerpts(e); err != nil {
		return err
	}
	ep, show := e.Episode, e.show
	if e.URL != "" {
		e.Shares = shares(e.URL, show.Title+": "+ep.Title)
		e.EmbedCode = embedCode(show, ep, e.EmbedURL)
	}
	for _, c := range ep.Chapters {
		e.Chapters = append(e.Chapters, Chapter{
			Start: seconds(c.Start), Clock: clock(c.Start),
			Title: c.Title, URL: c.URL, Image: c.Image,
		})
	}
	e.Starts = chapterStarts(e.Chapters)
	e.Clips = clips(ep.Soundbites)
	e.Support = support(show, ep.Value)
	e.Place = place(ep.Location)
	if e.LicenseLink = licenseLink(ep.License); e.LicenseLink == nil {
		e.LicenseLink = licenseLink(show.License)
	}
	e.jsonLD = episodeLD(show, siteURL(show), e)
	return nil
}

// excerptBytes is about how much of a summary the lists and descriptions
// show.
const excerptBytes = 300

// Hosts returns the hosts that eps name (people whose role is host), each
// once, in the order eps first name them: what the show's pages list as
// its hosts, from the live episodes newest first.
func Hosts(eps []*episodes.Episode) []episodes.Person {
	var out []episodes.Person
	seen := map[string]bool{}
	// The names as written of the hosts seen: most episodes name the same
	// hosts the same way, and lowering every name took three times as
	// long (BenchmarkHosts), twice a build.
	written := map[string]bool{}
	for _, e := range eps {
		for _, p := range e.People {
			if written[p.Name] || !strings.EqualFold(p.Role, "host") {
				continue
			}
			written[p.Name] = true
			key := strings.ToLower(p.Name)
			if seen[key] {
				continue
			}
			seen[key] = true
			out = append(out, p)
		}
	}
	return out
}

// checkSlug rejects a slug that cannot name a folder of its own.
func checkSlug(slug string) error {
	if slug == "." || slug == ".." || strings.ContainsAny(slug, "/\\\x00") || !fs.ValidPath(slug) {
		return fmt.Errorf("slug %q cannot name a web page: rename the episode file", slug)
	}
	return nil
}

// EmbedCode returns the HTML to paste into another site to embed the
// player of ep: an <iframe> of its embed page. ep needs a slug.
func EmbedCode(show *config.Show, ep *episodes.Episode) (string, error) {
	if show == nil || ep == nil {
		return "", errors.New("embed code: no show or episode")
	}
	if err := checkSlug(ep.Slug); err != nil {
		return "", fmt.Errorf("embed code: %w", err)
	}
	return embedCode(show, ep, address.SiblingURL(show.FeedURL, address.EmbedPath(ep.Slug))), nil
}

// EmbedHeight is the height in CSS pixels of the embedded player's frame.
const EmbedHeight = 200

func embedCode(show *config.Show, ep *episodes.Episode, src string) string {
	title := show.Title + ": " + ep.Title
	return fmt.Sprintf(`<iframe src="%s" title="%s" width="100%%" height="%d" style="border:0;max-width:40rem" loading="lazy"></iframe>`,
		template.HTMLEscapeString(src), template.HTMLEscapeString(title), EmbedHeight)
}

// FeedLinks returns the <link rel="alternate"> elements that let browsers
// and apps discover the show's feeds from a page: for the <head> of the
// podcaster's own web site.
func FeedLinks(show *config.Show) string {
	var b strings.Builder
	for _, f := range []struct{ typ, name, href string }{
		{"application/rss+xml", "RSS", show.FeedURL},
		{"application/atom+xml", "Atom", address.SiblingURL(show.FeedURL, address.AtomFile)},
		{"application/feed+json", "JSON Feed", address.SiblingURL(show.FeedURL, address.JSONFile)},
	} {
		fmt.Fprintf(&b, "<link rel=\"alternate\" type=\"%s\" title=\"%s (%s)\" href=\"%s\">\n",
			f.typ, template.HTMLEscapeString(show.Title), f.name, template.HTMLEscapeString(f.href))
	}
	return b.String()
}

// templateSet is the parsed templates and the stylesheet.
type templateSet struct {
	pages      map[string]*template.Template
	stylesheet []byte
	read       func(name string) ([]byte, string, error)
	custom     bool // a page template (or the layout) is the show's own
	// parts keeps the parts (see Page.Part) of each built-in page
	// template with the built-in layout.
	parts map[string]*partCache
}

// asset returns the bytes of an asset file, from the show's templates
// folder when it has one.
func (s *templateSet) asset(name string) ([]byte, error) {
	data, _, err := s.read(name)
	return data, err
}

// loadTemplates reads every template, from override first.
func loadTemplates(override fs.FS) (*templateSet, error) {
	if override != nil {
		entries, err := fs.ReadDir(override, ".")
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("read the templates folder: %w", err)
		}
		for _, e := range entries {
			name := e.Name()
			ext := path.Ext(name)
			if e.IsDir() || strings.HasPrefix(name, ".") || (ext != ".html" && ext != ".xsl") || slices.Contains(templateNames, name) {
				continue
			}
			if name == oldStylesheet {
				return nil, fmt.Errorf("%s/%s: browsers are removing XSLT, so podfeed shows the feed with CSS (%s) instead; hint: move your styles to %s/%s, or delete %s", TemplatesDir, name, StylesheetFile, TemplatesDir, StylesheetFile, name)
			}
			msg := fmt.Sprintf("%s/%s: not a template podfeed knows (it knows %s)", TemplatesDir, name, strings.Join(templateNames, ", "))
			if s := diag.Suggest(name, templateNames); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			return nil, errors.New(msg)
		}
	}
	custom := false // a page template of the show's own
	read := func(name string) ([]byte, string, error) {
		if override != nil {
			data, err := fs.ReadFile(override, name)
			if err == nil {
				custom = custom || name == LayoutTemplate || slices.Contains(pageTemplates, name)
				return data, TemplatesDir + "/" + name, nil
			}
			if !errors.Is(err, fs.ErrNotExist) {
				return nil, "", fmt.Errorf("read %s/%s: %w", TemplatesDir, name, err)
			}
		}
		data, err := builtin.ReadFile(path.Join("templates", name))
		return data, "built-in " + name, err
	}
	set := &templateSet{pages: map[string]*template.Template{}, read: read, parts: map[string]*partCache{}}
	var err error
	if set.stylesheet, _, err = read(StylesheetFile); err != nil {
		return nil, err
	}
	layout, layoutFrom, err := read(LayoutTemplate)
	if err != nil {
		return nil, err
	}
	for _, name := range pageTemplates {
		src, from, err := read(name)
		if err != nil {
			return nil, err
		}
		// The built-in layout first, so that a show's own layout.html,
		// parsed over it, may leave out blocks added in later versions.
		t, err := template.New(LayoutTemplate).Funcs(funcs).ParseFS(builtin, path.Join("templates", LayoutTemplate))
		if err != nil {
			return nil, fmt.Errorf("built-in %s: %w", LayoutTemplate, err)
		}
		if t, err = t.Parse(string(layout)); err != nil {
			return nil, fmt.Errorf("%s: %w", layoutFrom, err)
		}
		if _, err := t.New(name).Parse(string(src)); err != nil {
			return nil, fmt.Errorf("%s: %w", from, err)
		}
		set.pages[name] = t
		if !isOwn(layoutFrom) && !isOwn(from) {
			set.parts[name] = &partCache{parts: map[partKey]template.HTML{}}
		}
	}
	set.custom = custom
	return set, nil
}

// isOwn reports whether a template read from (as loadTemplates names it)
// is the show's own.
func isOwn(from string) bool { return strings.HasPrefix(from, TemplatesDir+"/") }

// pageTemplates are the templates of whole pages.
var pageTemplates = []string{IndexTemplate, EpisodeTemplate, EmbedTemplate, NotFoundTemplate}

// prepareList prepares what a page of the episode list shows: the
// excerpts of eps, and all of the newest episode, whose player the first
// page shows. With page templates of the show's own, Build has prepared
// every episode already.
func (s *templateSet) prepareList(pages *Page, eps []*Episode) error {
	if s.custom {
		return nil // all prepared by Build
	}
	if err := excerpts(eps...); err != nil {
		return err
	}
	return prepare(pages.Newest)
}

// prepare prepares what a page shows of ep (nil: none) and of the newest
// episode; of its neighbours the built-in templates show the title and
// the address alone (see Episode.Neighbours). With page templates of the
// show's own, Build has prepared every episode already.
func (s *templateSet) prepare(pages *Page, ep *Episode) error {
	if s.custom {
		return nil // all prepared by Build
	}
	return prepare(ep, pages.Newest)
}

// rendered counts a render of one of ep's two pages (its page and its
// embed), and lets go of what they show of it once both are rendered;
// not the newest episode's, which the first page of the list shows, and
// not with page templates of the show's own, which may show any episode
// on any page.
func (s *templateSet) rendered(pages *Page, ep *Episode) {
	if !s.custom && ep != nil && ep != pages.Newest && ep.renders.Add(1) == 2 {
		ep.release()
	}
}

// page returns a function that renders the template name for one episode
// (nil: for the show), with root the way back from the page to the site's
// root. It is safe to call from several goroutines.
func (s *templateSet) page(name string, pages *Page, ep *Episode, root string) func(io.Writer) error {
	return func(w io.Writer) error {
		if err := s.prepare(pages, ep); err != nil {
			return err
		}
		p := *pages
		p.Episode, p.Root = ep, root
		p.tmpl, p.parts = s.pages[name], s.parts[name]
		if ep != nil {
			p.JSONLD = ep.jsonLD
		}
		var err error
		if write := builtinPages[name]; write != nil && p.parts != nil {
			err = writePage(w, &p, write)
		} else {
			err = s.pages[name].ExecuteTemplate(w, name, &p)
		}
		if err != nil {
			what := name
			if ep != nil {
				what += " for " + ep.File
			}
			return fmt.Errorf("render %s: %w", what, err)
		}
		s.rendered(pages, ep)
		return nil
	}
}

// list returns a function that renders page i (from 1) of the show's
// episode list: index.html, then page/<i>/index.html.
func (s *templateSet) list(pages *Page, i int, root string) func(io.Writer) error {
	return func(w io.Writer) error {
		p := *pages
		p.Root, p.Number = root, i
		p.tmpl, p.parts = s.pages[IndexTemplate], s.parts[IndexTemplate]
		l := p.lists[i-1]
		p.Episodes = p.all[l.lo:l.hi]
		// Past the first page, entries of the last build are copied, and
		// the excerpts of their episodes are not worked out.
		copied := i > 1 && p.parts != nil && p.entries != nil
		if !copied {
			p.entries = nil
		}
		show := p.Episodes
		if copied {
			show = nil
			for _, e := range p.Episodes {
				if p.entries(e.Episode) == nil {
					show = append(show, e)
				}
			}
		}
		if err := s.prepareList(pages, show); err != nil {
			return err
		}
		if n := len(p.lists); n > 1 {
			p.Pages = make([]ListPage, n)
			for k := range p.Pages {
				p.Pages[k] = ListPage{Number: k + 1, Path: p.lists[k].file(), Current: k+1 == i}
			}
			if i > 1 {
				p.NewerPage = p.lists[i-2].file()
			}
			if i < n {
				p.OlderPage = p.lists[i].file()
			}
		}
		p.Period = period(p.Episodes)
		if i == 1 || p.parts == nil || p.listed == nil {
			if err := s.pages[IndexTemplate].ExecuteTemplate(w, IndexTemplate, &p); err != nil {
				return fmt.Errorf("render %s: %w", l.file(), err)
			}
			return nil
		}
		// The page reports where its entries lie: rendered into a
		// buffer, in which EpisodeItems' output is found.
		var spans []Entry
		p.spans = &spans
		b, ok := w.(*bytes.Buffer)
		if !ok {
			b = new(bytes.Buffer)
		}
		start := b.Len()
		if err := s.pages[IndexTemplate].ExecuteTemplate(b, IndexTemplate, &p); err != nil {
			return fmt.Errorf("render %s: %w", l.file(), err)
		}
		if at := bytes.Index(b.Bytes()[start:], p.items); at >= 0 && len(p.items) > 0 {
			for k := range spans {
				spans[k].Off += at
			}
			p.listed(l.file(), spans)
		}
		if !ok {
			_, err := w.Write(b.Bytes())
			return err
		}
		return nil
	}
}

// funcs are the functions templates may call besides html/template's.
var funcs = template.FuncMap{
	"date":    pageDate,
	"isodate": isoDate,
	"minutes": minutes,
	"clock":   clock,
	"seconds": seconds,
	"dict":    dict,
	"format":  transcriptFormat,
}

// transcriptFormat names a transcript's format for a button: "VTT",
// "SRT", "JSON", "HTML" or "text".
func transcriptFormat(mime string) string {
	switch mime {
	case "text/vtt":
		return "VTT"
	case "application/x-subrip", "application/srt":
		return "SRT"
	case "application/json":
		return "JSON"
	case "text/html":
		return "HTML"
	}
	return "text"
}

// dict makes a map of its arguments, taken in pairs of a name and a
// value: how a template hands several values to another.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, errors.New("dict: an odd number of arguments")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: argument %d is not a name", i)
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

// pageDate writes the day of t as the pages show it, "4 February 2025", in
// t's own offset: the one the podcaster wrote (episodes keep it), so that
// published = 2026-01-12T00:30:00+01:00 is 12 January on the pages as in the
// feeds, not 11 January as in UTC. It depends on nothing but t's instant and
// offset, never on the machine's time zone.
func pageDate(t time.Time) string { return t.Format("2 January 2006") }

// period names the days of the first and the last of eps, earlier first:
// "4 May 2020 to 1 March 2021", or one day; "" for none.
func period(eps []*Episode) string {
	if len(eps) == 0 {
		return ""
	}
	from, to := pageDate(eps[0].Published), pageDate(eps[len(eps)-1].Published)
	if eps[0].Published.After(eps[len(eps)-1].Published) {
		from, to = to, from
	}
	if from == to {
		return from
	}
	return from + " to " + to
}

// isoDate writes t for a <time datetime> attribute: RFC 3339 in t's own
// offset ("2026-01-12T00:30:00+01:00"; a zero offset is written Z), the same
// instant and day as [pageDate] shows.
func isoDate(t time.Time) string { return t.Format(time.RFC3339) }

// minutes writes a duration as "35 min" (at least "1 min").
func minutes(d time.Duration) string {
	if d <= 0 {
		return ""
	}
	return strconv.Itoa(max(1, int(d.Round(time.Minute)/time.Minute))) + " min"
}

// clock writes a chapter start as people read it: "03:49", "1:02:03".
func clock(d time.Duration) string {
	return timecode.Format(d.Truncate(time.Second), timecode.Short)
}

// seconds writes d in seconds with at most millisecond precision: "229",
// "90.25".
func seconds(d time.Duration) string {
	return timecode.Format(d, timecode.Seconds)
}

// shorten cuts text to about n bytes at a word boundary, adding "…".
func shorten(text string, n int) string {
	if len(text) <= n {
		return text
	}
	cut := strings.LastIndexByte(text[:n], ' ')
	if cut <= 0 {
		cut = n
		for cut > 0 && !utf8RuneStart(text[cut]) {
			cut--
		}
	}
	return strings.TrimRight(text[:cut], " ,.;:") + "…"
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }
