package feed

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/diag"
	"github.com/podfeed/podfeed/internal/timecode"
)

// maxDescription is the most bytes Apple Podcasts and Spotify show of an
// item's description.
const maxDescription = 4000

// notesForm selects the tag set the show notes are written in.
type notesForm int

const (
	// fullNotes is for content:encoded, Atom content and JSON content_html:
	// sections under <h2>, link groups under <h3>.
	fullNotes notesForm = iota
	// appleNotes is for the RSS description and Atom summary: only p, ul,
	// ol, li and a[href]; headings are written as paragraphs.
	appleNotes
)

// notesParts says which of the optional parts the notes include: the
// description drops them, in this order, to stay within maxDescription.
type notesParts struct {
	takeaways bool
	linkNotes bool
}

var allParts = notesParts{takeaways: true, linkNotes: true}

// note is one show link, from the episode or from the show.
type note struct {
	Title, URL, Note string
	link             bool // URL may be written as a link (see safeURL)
}

func newNote(title, url, text string) note { return note{title, url, text, safeURL(url)} }

// linkGroup is the links that share a group name, in first-seen order. The
// group named "" holds links without a group.
type linkGroup struct {
	Name  string
	Links []note
}

// groupLinks returns the episode's link groups and then the show's, each
// group in the order its name is first seen; links of a name that appears
// in both join the episode's group.
func groupLinks(ep []episodes.Link, show []config.Link) []linkGroup {
	var groups []linkGroup
	index := map[string]int{}
	add := func(group string, n note) {
		i, ok := index[group]
		if !ok {
			i = len(groups)
			index[group] = i
			groups = append(groups, linkGroup{Name: group})
		}
		groups[i].Links = append(groups[i].Links, n)
	}
	for _, l := range ep {
		add(l.Group, newNote(l.Title, l.URL, l.Note))
	}
	for _, l := range show {
		add(l.Group, newNote(l.Title, l.URL, l.Note))
	}
	return groups
}

// writeNotes writes an episode's show notes: the summary (already rendered
// to HTML in the form's tag set), then Chapters, Links and Takeaways, each
// left out when empty. All text from the episode and the show is
// HTML-escaped here.
func writeNotes(summaryHTML string, ep *episodes.Episode, groups []linkGroup, form notesForm, parts notesParts) string {
	notes, _ := writeNotesCut(summaryHTML, ep, groups, form, parts)
	return notes
}

// writeNotesCut is [writeNotes] that also returns where the takeaways
// begin: notes[:cut], without its last newline, is what writeNotes writes
// without takeaways (cut is len(notes) when there are none), so that
// [description] can leave them out without writing the notes again.
func writeNotesCut(summaryHTML string, ep *episodes.Episode, groups []linkGroup, form notesForm, parts notesParts) (notes string, cut int) {
	var b strings.Builder
	b.Grow(notesSize(summaryHTML, ep, groups))
	heading := func(tag, text string) { // tag: "h2", "h3"
		if form == appleNotes {
			tag = "p"
		}
		b.WriteString("<" + tag + ">")
		writeText(&b, text)
		b.WriteString("</" + tag + ">\n")
	}
	if summaryHTML != "" {
		b.WriteString(summaryHTML)
		b.WriteByte('\n')
	}
	if len(ep.Chapters) > 0 {
		heading("h2", "Chapters")
		for _, c := range ep.Chapters {
			b.WriteString("<p>")
			b.WriteString(chapterClock(c.Start))
			b.WriteByte(' ')
			writeText(&b, c.Title)
			b.WriteString("</p>\n")
		}
	}
	if len(groups) > 0 {
		heading("h2", "Links")
		for _, g := range groups {
			if g.Name != "" {
				heading("h3", g.Name)
			}
			b.WriteString("<ul>\n")
			for _, l := range g.Links {
				b.WriteString("<li>")
				writeLink(&b, l, parts.linkNotes)
				b.WriteString("</li>\n")
			}
			b.WriteString("</ul>\n")
		}
	}
	cut = b.Len()
	if parts.takeaways && len(ep.Takeaways) > 0 {
		heading("h2", "Takeaways")
		b.WriteString("<ul>\n")
		for _, t := range ep.Takeaways {
			b.WriteString("<li>")
			writeText(&b, t)
			b.WriteString("</li>\n")
		}
		b.WriteString("</ul>\n")
	}
	// A copy of exactly the notes' size: the builder's buffer may have
	// grown past it, and a big show keeps every episode's notes until its
	// feeds and pages are written.
	notes = strings.TrimSuffix(b.String(), "\n")
	if b.Cap()-len(notes) > len(notes)/8 {
		notes = strings.Clone(notes)
	}
	return notes, min(cut, len(notes))
}

// notesSize guesses the bytes of an episode's notes, tags included, so that
// they are written into one buffer of about their size.
func notesSize(summaryHTML string, ep *episodes.Episode, groups []linkGroup) int {
	n := len(summaryHTML) + 64
	for _, c := range ep.Chapters {
		n += len(c.Title) + 20
	}
	for _, g := range groups {
		n += len(g.Name) + 32
		for _, l := range g.Links {
			n += len(l.Title) + 2*len(l.URL) + len(l.Note) + 32
		}
	}
	for _, t := range ep.Takeaways {
		n += len(t) + 12
	}
	return n
}

// writeLink writes `Title: <a href="URL">URL</a> note`. An address that is
// not http, https or mailto is written as text, never as a link.
func writeLink(b *strings.Builder, l note, withNote bool) {
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
		if l.link {
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
		b.WriteString(sep)
		writeText(b, l.Note)
	}
}

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
func chapterClock(d time.Duration) string {
	return timecode.Format(d.Truncate(time.Second), timecode.Clock)
}

// writeText writes s to b escaped for HTML text: &, < and >.
func writeText(b *strings.Builder, s string) { textEscaper.WriteString(b, s) }

// writeAttr writes s to b escaped for a double-quoted HTML attribute value.
func writeAttr(b *strings.Builder, s string) { attrEscaper.WriteString(b, s) }

var (
	textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;")
)

// description returns the notes in Apple's form within maxDescription bytes
// when it can: summary, chapters and links always; when the whole does not
// fit, takeaways and then link notes are left to content:encoded, with a
// warning naming the episode.
func description(summaryHTML string, ep *episodes.Episode, groups []linkGroup, warn *diag.List) string {
	whole, cut := writeNotesCut(summaryHTML, ep, groups, appleNotes, allParts)
	if len(whole) <= maxDescription {
		return whole
	}
	pos := diag.Pos{File: episodeName(ep)}
	hint := "Apple Podcasts and Spotify show at most %d bytes of an item's description; the full notes stay in content:encoded"
	left := []string{}
	parts := allParts
	if len(ep.Takeaways) > 0 {
		parts.takeaways = false
		left = append(left, "takeaways")
		if d := strings.TrimSuffix(whole[:cut], "\n"); len(d) <= maxDescription {
			warn.Warn(pos, "description is %d bytes; takeaways left to content:encoded", len(whole)).WithHint(hint, maxDescription)
			return strings.Clone(d) // without the takeaways it holds on to
		}
	}
	if hasLinkNotes(groups) {
		parts.linkNotes = false
		left = append(left, "link notes")
	}
	d := writeNotes(summaryHTML, ep, groups, appleNotes, parts)
	if len(d) <= maxDescription {
		warn.Warn(pos, "description is %d bytes; %s left to content:encoded", len(whole), strings.Join(left, " and ")).WithHint(hint, maxDescription)
		return d
	}
	msg := fmt.Sprintf("description is %d bytes, over the %d that Apple Podcasts and Spotify show, even with", len(d), maxDescription)
	if len(left) == 0 {
		msg += " nothing left to drop"
	} else {
		msg += "out " + strings.Join(left, " and ")
	}
	warn.Warn(pos, "%s", msg).WithHint("shorten the summary, the chapter titles or the links")
	return d
}

func hasLinkNotes(groups []linkGroup) bool {
	for _, g := range groups {
		for _, l := range g.Links {
			if l.Note != "" {
				return true
			}
		}
	}
	return false
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
