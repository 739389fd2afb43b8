// Package shownotes renders an episode's show notes once, into a value
// that the feeds and the site both read: the summary (rendered from
// Markdown by package internal/markdown), the chapter lines with their
// times, the episode's and the show's links in their groups, and the
// takeaways. [Notes.HTML] writes them for content:encoded, Atom content
// and JSON Feed; [Notes.Description] in Apple's subset within its limit;
// [Notes.Page] for a page with a player, whose times seek it. All text is
// HTML-escaped here; no HTML is read back.
package shownotes

import (
	"bytes"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/diag"
	"github.com/podfeed/podfeed/internal/escape"
	"github.com/podfeed/podfeed/internal/markdown"
	"github.com/podfeed/podfeed/internal/timecode"
)

// Notes is an episode's show notes.
type Notes struct {
	// Episode names the episode in warnings: its file, else its slug.
	Episode string
	// Summary is the summary in the full form, SummaryApple in Apple's
	// subset, SummaryText as plain text (each cleaned as [Build] was told).
	Summary, SummaryApple, SummaryText string
	Chapters                           []episodes.Chapter
	Links                              []LinkGroup // the episode's groups, then the show's
	Takeaways                          []string

	page func() (string, error) // the summary for a page, nil when it is Summary; see [Notes.Page]
}

// Renderer renders the notes of a show's episodes (see [Renderer.Build]).
// It is safe for concurrent use.
type Renderer struct {
	md    *markdown.Renderer
	clean func(string) string
	links showLinks
}

// New returns a Renderer of the notes of show's episodes, whose summaries
// md renders in every form, each passed through clean (package feed drops
// what XML 1.0 does not allow; nil keeps it as it is). The show's links
// are grouped here, once: the notes of every episode share the groups
// that it adds no link to.
func New(md *markdown.Renderer, show *config.Show, clean func(string) string) *Renderer {
	if clean == nil {
		clean = func(s string) string { return s }
	}
	return &Renderer{md: md, clean: clean, links: newShowLinks(show.Links)}
}

// Build renders the notes of ep, an episode of the Renderer's show: its
// summary in every form, with the episode's links and the show's grouped
// by name. name names the episode in warnings.
func (r *Renderer) Build(ep *episodes.Episode, name string) (*Notes, error) {
	md, clean := r.md, r.clean
	full, err := md.Render(ep.Summary)
	if err != nil {
		return nil, fmt.Errorf("summary: %w", err)
	}
	apple, err := md.RenderApple(ep.Summary)
	if err != nil {
		return nil, fmt.Errorf("summary: %w", err)
	}
	text, err := md.Text(ep.Summary)
	if err != nil {
		return nil, fmt.Errorf("summary: %w", err)
	}
	full, apple = clean(full), clean(apple)
	if apple == full {
		apple = full // one string, not two alike: a plain summary is both
	}
	n := &Notes{
		Episode: name,
		Summary: full, SummaryApple: apple, SummaryText: clean(text),
		Chapters:  ep.Chapters,
		Links:     r.links.join(ep.Links),
		Takeaways: ep.Takeaways,
	}
	if markdown.PageIsFull(ep.Summary) {
		// The page's summary is the full one: Page writes it, without
		// rendering the Markdown again for every page.
		return n, nil
	}
	summary := ep.Summary
	n.page = func() (string, error) {
		starts := make([]time.Duration, len(n.Chapters))
		for i, c := range n.Chapters {
			starts[i] = c.Start
		}
		s, err := md.RenderPage(summary, starts)
		if err != nil {
			return "", fmt.Errorf("summary: %w", err)
		}
		return clean(s), nil
	}
	return n, nil
}

// Empty reports whether the notes have nothing to show: no summary,
// chapters, links or takeaways; [Notes.HTML] is then "".
func (n *Notes) Empty() bool {
	return n.Summary == "" && len(n.Chapters) == 0 && len(n.Links) == 0 && len(n.Takeaways) == 0
}

// HTML returns the notes in the full form: the summary, then Chapters,
// Links and Takeaways, each left out when empty; "" when all are.
func (n *Notes) HTML() string { return n.write(Full, n.Summary, allParts) }

// Page returns the notes for a page with a player: the full form with
// every chapter time, and every time mark of the summary (a paragraph
// that starts "00:03:49 "), a link that seeks the player. It is rendered
// on each call, so that a big show's pages do not hold every episode's
// notes at once.
func (n *Notes) Page() (string, error) {
	var b bytes.Buffer
	err := n.WritePage(&b)
	return b.String(), err
}

// WritePage writes what [Notes.Page] returns into b, after what b holds:
// the episode page writes them into the page itself.
func (n *Notes) WritePage(b *bytes.Buffer) error {
	summary := n.Summary
	if n.page != nil {
		var err error
		if summary, err = n.page(); err != nil {
			return err
		}
	}
	start := b.Len()
	b.Grow(n.size(summary))
	n.writeTo(b, Page, summary, allParts)
	if end := b.Len(); end > start && b.Bytes()[end-1] == '\n' {
		b.Truncate(end - 1)
	}
	return nil
}

// MaxDescription is the most bytes Apple Podcasts and Spotify show of an
// item's description.
const MaxDescription = 4000

// Form selects the tag set the show notes are written in.
type Form int

const (
	// Full is for content:encoded, Atom content and JSON content_html:
	// sections under <h2>, link groups under <h3>.
	Full Form = iota
	// Apple is for the RSS description and Atom summary: only p, ul, ol, li
	// and a[href]; headings are written as paragraphs.
	Apple
	// Page is the full form for a page with a player: the times of the
	// chapter lines, and of the summary's own time marks, are links that
	// seek it (see markdown.SeekLink).
	Page
)

// Parts says which of the optional parts the notes include: the
// description drops them, in this order, to stay within MaxDescription
// (see [Notes.Fit]). The zero value leaves them all out.
type Parts struct {
	takeaways bool
	linkNotes bool
}

var allParts = Parts{takeaways: true, linkNotes: true}

// Link is one show link, from the episode or from the show.
type Link struct {
	Title, URL, Note string
	// Linkable says that URL may be written as a link: an absolute http,
	// https or mailto address. Any other is written as text.
	Linkable bool
}

func newLink(title, url, text string) Link { return Link{title, url, text, safeURL(url)} }

// LinkGroup is the links that share a group name, in first-seen order. The
// group named "" holds links without a group.
type LinkGroup struct {
	Name  string
	Links []Link
}

// groupLinks returns the episode's link groups and then the show's, each
// group in the order its name is first seen; links of a name that appears
// in both join the episode's group.
func groupLinks(ep []episodes.Link, show []config.Link) []LinkGroup {
	return newShowLinks(show).join(ep)
}

// showLinks are a show's links in their groups, ready to join each
// episode's (see join).
type showLinks struct {
	groups []LinkGroup
	index  map[string]int // group name → its index in groups
}

func newShowLinks(links []config.Link) showLinks {
	s := showLinks{index: map[string]int{}}
	for _, l := range links {
		i, ok := s.index[l.Group]
		if !ok {
			i = len(s.groups)
			s.index[l.Group] = i
			s.groups = append(s.groups, LinkGroup{Name: l.Group})
		}
		s.groups[i].Links = append(s.groups[i].Links, newLink(l.Title, l.URL, l.Note))
	}
	for i, g := range s.groups {
		s.groups[i].Links = slices.Clip(g.Links) // shared: an append copies
	}
	return s
}

// join returns the episode's link groups, each in the order its name is
// first seen, then the show's groups of names the episode does not use; a
// show's link of a name the episode uses joins the episode's group, after
// its links. The show's other groups are shared, not copied, and the
// episode's links are held in one array of their exact size: a big show
// keeps every episode's notes while its pages are written.
func (s showLinks) join(ep []episodes.Link) []LinkGroup {
	if len(ep) == 0 {
		return s.groups
	}
	// The episode's groups and how many links each gets.
	var (
		names []string
		sizes []int
		index = make(map[string]int, len(ep))
	)
	for _, l := range ep {
		i, ok := index[l.Group]
		if !ok {
			i = len(names)
			index[l.Group] = i
			names = append(names, l.Group)
			sizes = append(sizes, 0)
		}
		sizes[i]++
	}
	total, shared := len(ep), len(s.groups)
	for i, name := range names {
		if j, ok := s.index[name]; ok {
			sizes[i] += len(s.groups[j].Links)
			total += len(s.groups[j].Links)
			shared--
		}
	}
	all := make([]Link, total)
	groups := make([]LinkGroup, len(names), len(names)+shared)
	off := 0
	for i, name := range names {
		groups[i] = LinkGroup{Name: name, Links: all[off : off : off+sizes[i]]}
		off += sizes[i]
	}
	for _, l := range ep {
		g := &groups[index[l.Group]]
		g.Links = append(g.Links, newLink(l.Title, l.URL, l.Note))
	}
	for _, g := range s.groups {
		if i, ok := index[g.Name]; ok {
			groups[i].Links = append(groups[i].Links, g.Links...)
		} else {
			groups = append(groups, g)
		}
	}
	return groups
}

// write writes the notes in form: the summary, then Chapters, Links and
// Takeaways, each left out when empty. All text from the episode and the
// show is HTML-escaped here.
func (n *Notes) write(form Form, summary string, with Parts) string {
	notes, _ := n.writeCut(form, summary, with)
	return notes
}

// writeCut is [Notes.write] that also returns where the takeaways begin:
// notes[:cut], without its last newline, is what write writes without
// takeaways (cut is len(notes) when there are none).
func (n *Notes) writeCut(form Form, summary string, with Parts) (notes string, cut int) {
	var b strings.Builder
	b.Grow(n.size(summary))
	cut = n.writeTo(&b, form, summary, with)
	// Not copied to its exact size: the notes are written where they are
	// used (an item being encoded, a page), and let go of soon after.
	notes = strings.TrimSuffix(b.String(), "\n")
	return notes, min(cut, len(notes))
}

// measure returns the length of what [Notes.write] writes, and of what it
// writes without takeaways, without writing either: what [Notes.Fit] needs
// to know.
func (n *Notes) measure(form Form, summary string, with Parts) (whole, untilTakeaways int) {
	var c counter
	cut := n.writeTo(&c, form, summary, with)
	// Every part ends with a new line, which write drops from the end.
	return max(c.Len()-1, 0), max(cut-1, 0)
}

// sink is what the notes are written to: a strings.Builder, the
// bytes.Buffer of a page, or a counter that only measures them.
type sink interface {
	Write(p []byte) (int, error)
	WriteString(s string) (int, error)
	WriteByte(c byte) error
	Len() int
}

// counter is a sink that counts the bytes written to it.
type counter int

func (c *counter) Write(p []byte) (int, error)       { *c += counter(len(p)); return len(p), nil }
func (c *counter) WriteString(s string) (int, error) { *c += counter(len(s)); return len(s), nil }
func (c *counter) WriteByte(byte) error              { *c++; return nil }
func (c *counter) Len() int                          { return int(*c) }

// writeTo writes the notes in form to b, each part ending with a new line,
// and returns where the takeaways begin (b.Len() when they are left out).
func (n *Notes) writeTo(b sink, form Form, summary string, with Parts) (cut int) {
	heading := func(tag, text string) { // tag: "h2", "h3"
		if form == Apple {
			tag = "p"
		}
		b.WriteString("<" + tag + ">")
		writeText(b, text)
		b.WriteString("</" + tag + ">\n")
	}
	if summary != "" {
		b.WriteString(summary)
		b.WriteByte('\n')
	}
	if len(n.Chapters) > 0 {
		heading("h2", "Chapters")
		var clock [16]byte
		for _, c := range n.Chapters {
			b.WriteString("<p>")
			if form == Page {
				b.WriteString(markdown.SeekLink(chapterClock(c.Start), c.Start))
			} else {
				b.Write(appendChapterClock(clock[:0], c.Start))
			}
			b.WriteByte(' ')
			writeText(b, c.Title)
			b.WriteString("</p>\n")
		}
	}
	if len(n.Links) > 0 {
		heading("h2", "Links")
		for _, g := range n.Links {
			if g.Name != "" {
				heading("h3", g.Name)
			}
			b.WriteString("<ul>\n")
			for _, l := range g.Links {
				b.WriteString("<li>")
				writeLink(b, l, with.linkNotes)
				b.WriteString("</li>\n")
			}
			b.WriteString("</ul>\n")
		}
	}
	cut = b.Len()
	if with.takeaways && len(n.Takeaways) > 0 {
		heading("h2", "Takeaways")
		b.WriteString("<ul>\n")
		for _, t := range n.Takeaways {
			b.WriteString("<li>")
			writeText(b, t)
			b.WriteString("</li>\n")
		}
		b.WriteString("</ul>\n")
	}
	return cut
}

// size guesses the bytes of the notes with summary, tags included, so
// that they are written into one buffer of about their size.
func (n *Notes) size(summary string) int {
	size := len(summary) + 64
	for _, c := range n.Chapters {
		size += len(c.Title) + 20
	}
	for _, g := range n.Links {
		size += len(g.Name) + 32
		for _, l := range g.Links {
			size += len(l.Title) + 2*len(l.URL) + len(l.Note) + len(noteSeparator) + 32
		}
	}
	for _, t := range n.Takeaways {
		size += len(t) + 12
	}
	return size
}

// writeLink writes `Title: <a href="URL">URL</a> — note`. An address that
// is not http, https or mailto is written as text, never as a link.
//
// The note stands after an em dash, in every form: a note written straight
// after the address ("…/balconies a great free guide") reads as part of it
// wherever the link is not styled, as in a podcast app's description, a
// feed reader or the notes as plain text. The dash is text, so the form
// keeps to Apple's tags; importers read it as a separator.
func writeLink(b sink, l Link, withNote bool) {
	sep := ""
	if l.Title != "" {
		writeText(b, l.Title)
		if l.URL != "" {
			b.WriteByte(':')
		}
		sep = " "
	}
	if l.URL != "" {
		b.WriteString(sep)
		if l.Linkable {
			b.WriteString(`<a href="`)
			writeAttr(b, l.URL)
			b.WriteString(`">`)
			writeText(b, l.URL)
			b.WriteString(`</a>`)
		} else {
			writeText(b, l.URL)
		}
		sep = " "
	}
	if withNote && l.Note != "" {
		if sep != "" {
			b.WriteString(noteSeparator)
		}
		writeText(b, l.Note)
	}
}

// noteSeparator stands between a link and its note.
const noteSeparator = " — "

// safeURL reports whether u may be written as a link: an absolute http,
// https or mailto address.
func safeURL(u string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	switch strings.ToLower(p.Scheme) {
	case "http", "https":
		return p.Host != ""
	case "mailto":
		return p.Opaque != ""
	}
	return false
}

// chapterClock formats a chapter start as the show notes write it: always
// "HH:MM:SS", the form podcast apps turn into jump links (milliseconds are
// dropped).
func chapterClock(d time.Duration) string { return string(appendChapterClock(nil, d)) }

// appendChapterClock appends chapterClock(d) to b.
func appendChapterClock(b []byte, d time.Duration) []byte {
	return timecode.AppendFormat(b, d.Truncate(time.Second), timecode.Clock)
}

// writeText writes s to b escaped for HTML text: &, < and >.
func writeText(b sink, s string) { textRefs.WriteString(b, s) }

// writeAttr writes s to b escaped for a double-quoted HTML attribute value:
// &, <, > and ".
func writeAttr(b sink, s string) { attrRefs.WriteString(b, s) }

// textRefs and attrRefs are the references writeText and writeAttr write.
var (
	textRefs = escape.New(map[byte]string{'&': "&amp;", '<': "&lt;", '>': "&gt;"})
	attrRefs = escape.New(map[byte]string{'&': "&amp;", '<': "&lt;", '>': "&gt;", '"': "&#34;"})
)

// Description returns the notes in Apple's form within MaxDescription bytes
// when it can: summary, chapters and links always; when the whole does not
// fit, takeaways and then link notes are left to content:encoded, with a
// warning naming the episode. It is [Notes.Apple] with what [Notes.Fit]
// finds.
func (n *Notes) Description(warn *diag.List) string {
	return n.Apple(n.Fit(warn))
}

// Fit works out which parts Apple's form carries within MaxDescription
// bytes when it can, and warns, naming the episode, when it leaves any to
// content:encoded or still does not fit: a caller that writes the notes
// again and again (a big show's feeds, each item when it is encoded) asks
// once, keeps the answer and writes them with [Notes.Apple].
func (n *Notes) Fit(warn *diag.List) Parts {
	// Measured, not written: the items write the description when they
	// are encoded.
	whole, untilTakeaways := n.measure(Apple, n.SummaryApple, allParts)
	if whole <= MaxDescription {
		return allParts
	}
	pos := diag.Pos{File: n.Episode}
	hint := "Apple Podcasts and Spotify show at most %d bytes of an item's description; the full notes stay in content:encoded"
	left := []string{}
	with := allParts
	if len(n.Takeaways) > 0 {
		with.takeaways = false
		left = append(left, "takeaways")
		if untilTakeaways <= MaxDescription {
			warn.Warn(pos, "description is %d bytes; takeaways left to content:encoded", whole).WithHint(hint, MaxDescription)
			return with
		}
	}
	if hasLinkNotes(n.Links) {
		with.linkNotes = false
		left = append(left, "link notes")
	}
	d, _ := n.measure(Apple, n.SummaryApple, with)
	if d <= MaxDescription {
		warn.Warn(pos, "description is %d bytes; %s left to content:encoded", whole, strings.Join(left, " and ")).WithHint(hint, MaxDescription)
		return with
	}
	msg := fmt.Sprintf("description is %d bytes, over the %d that Apple Podcasts and Spotify show, even with", d, MaxDescription)
	if len(left) == 0 {
		msg += " nothing left to drop"
	} else {
		msg += "out " + strings.Join(left, " and ")
	}
	warn.Warn(pos, "%s", msg).WithHint("shorten the summary, the chapter titles or the links")
	return with
}

// Apple returns the notes in Apple's form with the optional parts with
// says: the description, with what [Notes.Fit] returned.
func (n *Notes) Apple(with Parts) string {
	return n.write(Apple, n.SummaryApple, with)
}

func hasLinkNotes(groups []LinkGroup) bool {
	for _, g := range groups {
		for _, l := range g.Links {
			if l.Note != "" {
				return true
			}
		}
	}
	return false
}
