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
//     player, the show notes (whose chapter times seek the player), the
//     people, and Open Graph and Twitter card metadata so that a shared link
//     shows the artwork;
//   - embed/<slug>.html: a small self-contained player to put into another
//     site with an <iframe> (see [EmbedCode]);
//   - feed.xsl: an XSLT stylesheet that turns feed.xml into a readable page
//     when someone opens the feed's address in a browser.
//
// Pages are html/template templates embedded in the binary; a show replaces
// any of them by putting a file of the same name into its templates folder
// ([TemplatesDir]), given to Build as an fs.FS. Every piece of text from
// the show and its episodes is escaped by html/template; the only HTML taken
// as it is are the show notes, which package feed builds once (escaped and
// sanitised by package internal/shownotes) and passes on in its Output, so
// that pages and feeds carry the same notes: a page writes them with
// [shownotes.Notes.Page], whose chapter times seek the player. The pages use no JavaScript framework: a few
// lines of inline script on the episode and embed pages make chapter times
// seek the player; index.html has no script at all.
//
// site knows nothing about files beyond the fs.FS it is given: it returns
// each file's bytes, or a function that renders it into a writer the caller
// gives, and the caller writes them. It never reads the clock and does not
// decide which episodes are published: the caller passes the live ones.
package site

import (
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
)

// StylesheetFile is the XSLT stylesheet for feed.xml, written beside it.
// It is copied as it is (from the templates folder when the show has one
// there), not executed as a template: it reads everything from the feed.
const StylesheetFile = "feed.xsl"

// templateNames lists every file a templates folder may hold.
var templateNames = []string{LayoutTemplate, IndexTemplate, EpisodeTemplate, EmbedTemplate, StylesheetFile}

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
}

// Page is what every page template sees.
type Page struct {
	Show *config.Show

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

	Episodes []*Episode // every live episode, in the order the show lists them
	Episode  *Episode   // the page's episode; nil on index.html
}

// Episode is one episode as the templates see it.
type Episode struct {
	*episodes.Episode

	Path     string // its page, relative to the site root: "episodes/<slug>/"; "" without a slug
	URL      string // its page's public address; "" without a slug
	EmbedURL string // public address of its embed page; "" without a slug
	Image    string // the episode's artwork, else the show's

	Date        string // "4 February 2025", in the offset published was written in
	Length      string // "35 min"; "" when the duration is unknown
	Description string // the summary as plain text, at most about 300 characters
	Chapters    []Chapter
	EmbedCode   string // the <iframe> markup that embeds its player

	Newer, Older *Episode // neighbours in publication order; nil at the ends

	notes *shownotes.Notes // as the feed has them; nil without
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

	// Every page is rendered when it is written (see File.Render), so a big
	// show's pages are never all in memory at once, and index.html (5 MB
	// at 10,000 episodes) renders beside the others, not before them.
	files := []output.File{{Name: StylesheetFile, Data: set.stylesheet}}
	var epPages []output.File
	for _, ep := range pages.Episodes {
		if ep.Path == "" {
			continue
		}
		files = append(files, output.File{Name: "embed/" + ep.Slug + ".html", Render: set.page(EmbedTemplate, pages, ep, "../")})
		epPages = append(epPages, output.File{Name: "episodes/" + ep.Slug + "/index.html", Render: set.page(EpisodeTemplate, pages, ep, "../../")})
	}
	files = append(files, epPages...)
	// index.html grows with the number of episodes (5 MB at 10,000): it is
	// streamed into its file, and started early, rather than rendered into
	// memory.
	return append(files, output.File{Name: "index.html", Stream: set.page(IndexTemplate, pages, nil, "")}), nil
}

// newPages prepares what the templates see, without Episode and Root.
func newPages(show *config.Show, eps []*episodes.Episode, opts Options) (*Page, error) {
	p := &Page{
		Show:        show,
		SiteURL:     address.SiblingURL(show.FeedURL, "./"),
		FeedURL:     show.FeedURL,
		AtomURL:     address.SiblingURL(show.FeedURL, address.AtomFile),
		JSONURL:     address.SiblingURL(show.FeedURL, address.JSONFile),
		Apps:        Apps(show.Title, show.FeedURL),
		Directories: show.Directories,
	}
	sorted := slices.Clone(eps)
	for i, ep := range sorted {
		if ep == nil {
			return nil, fmt.Errorf("episode %d is nil", i)
		}
	}
	// Newest first, as the feed orders them.
	slices.SortStableFunc(sorted, func(a, b *episodes.Episode) int {
		if c := b.Published.Compare(a.Published); c != 0 {
			return c
		}
		if c := strings.Compare(a.Slug, b.Slug); c != 0 {
			return c
		}
		return strings.Compare(a.GUID, b.GUID)
	})
	// Each episode's page data on every core (a markdown.Renderer is safe
	// for concurrent use), gathered in order.
	md := markdown.New()
	made := make([]*Episode, len(sorted))
	errs := make([]error, len(sorted))
	par.Do(len(sorted), func(i int) {
		made[i], errs[i] = newEpisode(show, sorted[i], md, opts.Notes[sorted[i].Slug])
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
		p.Episodes = append(p.Episodes, e)
	}
	for i, e := range p.Episodes {
		if i > 0 {
			e.Newer = p.Episodes[i-1]
		}
		if i+1 < len(p.Episodes) {
			e.Older = p.Episodes[i+1]
		}
	}
	if show.Type == config.TypeSerial {
		// Listened to in order: the page lists the first episode first.
		slices.Reverse(p.Episodes)
	}
	return p, nil
}

func newEpisode(show *config.Show, ep *episodes.Episode, md *markdown.Renderer, notes *shownotes.Notes) (*Episode, error) {
	e := &Episode{Episode: ep, Image: ep.Image, Date: pageDate(ep.Published)}
	if e.Image == "" {
		e.Image = show.Image
	}
	if ep.Slug != "" {
		if err := checkSlug(ep.Slug); err != nil {
			return nil, fmt.Errorf("%s: %w", ep.File, err)
		}
		e.Path = PagePath(ep)
		e.URL = address.SiblingURL(show.FeedURL, e.Path)
		e.EmbedURL = address.SiblingURL(show.FeedURL, address.EmbedPath(ep.Slug))
		e.EmbedCode = embedCode(show, ep, e.EmbedURL)
	}
	if d := ep.Audio.Duration; d > 0 {
		e.Length = minutes(d)
	}
	text, err := md.Text(ep.Summary)
	if err != nil {
		return nil, fmt.Errorf("%s: summary: %w", ep.File, err)
	}
	e.Description = shorten(text, 300)
	for _, c := range ep.Chapters {
		e.Chapters = append(e.Chapters, Chapter{
			Start: seconds(c.Start), Clock: clock(c.Start),
			Title: c.Title, URL: c.URL, Image: c.Image,
		})
	}
	e.notes = notes
	return e, nil
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
			msg := fmt.Sprintf("%s/%s: not a template podfeed knows (it knows %s)", TemplatesDir, name, strings.Join(templateNames, ", "))
			if s := diag.Suggest(name, templateNames); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			return nil, errors.New(msg)
		}
	}
	read := func(name string) ([]byte, string, error) {
		if override != nil {
			data, err := fs.ReadFile(override, name)
			if err == nil {
				return data, TemplatesDir + "/" + name, nil
			}
			if !errors.Is(err, fs.ErrNotExist) {
				return nil, "", fmt.Errorf("read %s/%s: %w", TemplatesDir, name, err)
			}
		}
		data, err := builtin.ReadFile(path.Join("templates", name))
		return data, "built-in " + name, err
	}
	set := &templateSet{pages: map[string]*template.Template{}}
	var err error
	if set.stylesheet, _, err = read(StylesheetFile); err != nil {
		return nil, err
	}
	layout, layoutFrom, err := read(LayoutTemplate)
	if err != nil {
		return nil, err
	}
	for _, name := range []string{IndexTemplate, EpisodeTemplate, EmbedTemplate} {
		src, from, err := read(name)
		if err != nil {
			return nil, err
		}
		t, err := template.New(LayoutTemplate).Funcs(funcs).Parse(string(layout))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", layoutFrom, err)
		}
		if _, err := t.New(name).Parse(string(src)); err != nil {
			return nil, fmt.Errorf("%s: %w", from, err)
		}
		set.pages[name] = t
	}
	return set, nil
}

// page returns a function that renders the template name for one episode
// (nil: for the show), with root the way back from the page to the site's
// root. It is safe to call from several goroutines.
func (s *templateSet) page(name string, pages *Page, ep *Episode, root string) func(io.Writer) error {
	return func(w io.Writer) error {
		p := *pages
		p.Episode, p.Root = ep, root
		if err := s.pages[name].ExecuteTemplate(w, name, &p); err != nil {
			what := name
			if ep != nil {
				what += " for " + ep.File
			}
			return fmt.Errorf("render %s: %w", what, err)
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
}

// pageDate writes the day of t as the pages show it, "4 February 2025", in
// t's own offset: the one the podcaster wrote (episodes keep it), so that
// published = 2026-01-12T00:30:00+01:00 is 12 January on the pages as in the
// feeds, not 11 January as in UTC. It depends on nothing but t's instant and
// offset, never on the machine's time zone.
func pageDate(t time.Time) string { return t.Format("2 January 2006") }

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
