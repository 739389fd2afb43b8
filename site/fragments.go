package site

import (
	"bytes"
	"html/template"
	"strconv"

	"github.com/podfeed/podfeed/episodes"
)

// Parts of the built-in pages that Go writes rather than a template: the
// lists a page repeats for every chapter, person, share link or paragraph
// of a transcript, the links to an episode's neighbours, and the episode
// page's metadata. html/template reaches every value of a template through
// reflection, which costs far more than writing the HTML, and these parts
// hold most of a page's values. Each escapes its values as html/template
// would in the same place (see escape.go); TestFragmentsMatchTemplates
// holds each to the template markup it stands for. Templates of a show's
// own may use them as well, or write the same from the fields they come
// from.

// fragment returns what write writes, for a template.
func fragment(write func(b *bytes.Buffer)) template.HTML {
	var b bytes.Buffer
	write(&b)
	return template.HTML(b.String())
}

// Chapters are an episode's chapter marks, ready to link.
type Chapters []Chapter

// Items writes the chapters as the episode page lists them, each an <li>
// on a line of its own whose time is a link that seeks the player.
func (cs Chapters) Items() template.HTML {
	return fragment(func(b *bytes.Buffer) { cs.write(b, false) })
}

// EmbedItems writes the chapters as the embed page lists them: like
// Items, but with links that stay in the page, whose <base> opens links
// in a new tab.
func (cs Chapters) EmbedItems() template.HTML {
	return fragment(func(b *bytes.Buffer) { cs.write(b, true) })
}

// write writes Items, or EmbedItems for the embed page, into b.
func (cs Chapters) write(b *bytes.Buffer, embed bool) {
	for _, c := range cs {
		b.WriteString("\n<li>")
		writeSeek(b, c.Start)
		if embed {
			b.WriteString(` target="_self">`)
		} else {
			b.WriteString(` aria-label="Play from `)
			writeText(b, c.Clock)
			b.WriteString(`">`)
		}
		writeText(b, c.Clock)
		b.WriteString("</a> ")
		writeText(b, c.Title)
		b.WriteString("</li>")
	}
}

// writeSeek writes the start tag of a link that seeks the player to start
// (in seconds), but its closing ">": the caller may add attributes.
func writeSeek(b *bytes.Buffer, start string) {
	b.WriteString(`<a class="seek" href="#t=`)
	writeURLPart(b, start)
	b.WriteString(`" data-start="`)
	writeText(b, start)
	b.WriteString(`"`)
}

// Shares are the links that share a page on networks.
type Shares []Share

// Items writes the share links as the episode page lists them: each an
// <li> on a line of its own with a button-like link.
func (ss Shares) Items() template.HTML { return fragment(ss.write) }

// write writes Items into b.
func (ss Shares) write(b *bytes.Buffer) {
	for _, sh := range ss {
		b.WriteString("\n<li><a class=\"btn\" href=\"")
		writeURL(b, sh.URL)
		b.WriteString(`" rel="noopener">`)
		writeText(b, sh.Name)
		b.WriteString("</a></li>")
	}
}

// MetaTags writes what the episode page's <head> tells of the episode
// after its <title>, a tag a line: its description and public address,
// and the Open Graph and Twitter card metadata with which sites show a
// link to it.
func (e *Episode) MetaTags() template.HTML { return fragment(e.writeMetaTags) }

// writeMetaTags writes MetaTags into b.
func (e *Episode) writeMetaTags(b *bytes.Buffer) {
	show, title, desc := e.show.Title, e.Title, e.Description
	meta := func(attr, key, value string) {
		b.WriteString("\n<meta ")
		b.WriteString(attr)
		b.WriteString(`="`)
		b.WriteString(key)
		b.WriteString(`" content="`)
		writeText(b, value)
		b.WriteString(`">`)
	}
	b.WriteString(`<meta name="description" content="`)
	writeText(b, desc)
	b.WriteString(`">` + "\n" + `<link rel="canonical" href="`)
	writeURL(b, e.URL)
	b.WriteString(`">`)
	meta("property", "og:type", "website")
	meta("property", "og:site_name", show)
	meta("property", "og:title", title)
	meta("property", "og:description", desc)
	meta("property", "og:url", e.URL)
	meta("property", "og:image", e.Image)
	meta("property", "og:image:alt", "Artwork of "+show)
	meta("property", "og:audio", e.Audio.URL)
	if e.Audio.Type != "" {
		meta("property", "og:audio:type", e.Audio.Type)
	}
	meta("name", "twitter:card", "summary")
	meta("name", "twitter:title", title)
	meta("name", "twitter:description", desc)
	meta("name", "twitter:image", e.Image)
	meta("name", "twitter:image:alt", "Artwork of "+show)
	meta("name", "twitter:player", e.EmbedURL)
	meta("name", "twitter:player:width", "480")
	meta("name", "twitter:player:height", "200")
}

// People are the people of an episode.
type People []episodes.Person

// Items writes the people as the episode page lists them: each an <li> on
// a line of its own with their picture, their name, linked to their page,
// and their role.
func (ps People) Items() template.HTML { return fragment(ps.write) }

// write writes Items into b.
func (ps People) write(b *bytes.Buffer) {
	for _, p := range ps {
		b.WriteString("\n<li>")
		if p.Img != "" {
			b.WriteString(`<img src="`)
			writeURL(b, p.Img)
			b.WriteString(`" alt="" width="40" height="40" loading="lazy">`)
		}
		if p.Href != "" {
			b.WriteString(`<a href="`)
			writeURL(b, p.Href)
			b.WriteString(`">`)
			writeText(b, p.Name)
			b.WriteString(`</a>`)
		} else {
			writeText(b, p.Name)
		}
		if p.Role != "" {
			b.WriteString(` <span class="muted">(`)
			writeText(b, p.Role)
			b.WriteString(`)</span>`)
		}
		b.WriteString("</li>")
	}
}

// TranscriptParagraphs are the paragraphs of a transcript a page shows.
type TranscriptParagraphs []TranscriptParagraph

// Items writes the paragraphs as the episode page shows them: each a <p>
// on a line of its own that starts with a link that seeks the player to
// it and the speaker's name, and then has each cue in a <span> that knows
// when it is said.
func (ps TranscriptParagraphs) Items() template.HTML { return fragment(ps.write) }

// write writes Items into b.
func (ps TranscriptParagraphs) write(b *bytes.Buffer) {
	for _, p := range ps {
		b.WriteString("\n<p>")
		writeSeek(b, p.Start)
		b.WriteString(` aria-label="Play from `)
		writeText(b, p.Clock)
		b.WriteString(`">`)
		writeText(b, p.Clock)
		b.WriteString("</a>")
		if p.Speaker != "" {
			b.WriteString(" <b>")
			writeText(b, p.Speaker)
			b.WriteString("</b>")
		}
		for _, c := range p.Cues {
			b.WriteString(` <span data-start="`)
			writeText(b, c.Start)
			b.WriteString(`" data-end="`)
			writeText(b, c.End)
			b.WriteString(`">`)
			writeText(b, c.Text)
			b.WriteString("</span>")
		}
		b.WriteString("</p>")
	}
}

// Neighbours writes, on a line of its own, the episode page's links to
// the newer and the older episode, relative to root (see [Page.Root]); ""
// for an episode without either.
func (e *Episode) Neighbours(root string) template.HTML {
	return fragment(func(b *bytes.Buffer) { e.writeNeighbours(b, root) })
}

// writeNeighbours writes Neighbours into b.
func (e *Episode) writeNeighbours(b *bytes.Buffer, root string) {
	if e.Newer == nil && e.Older == nil {
		return
	}
	b.WriteString("\n" + `<nav class="neighbours" aria-label="More episodes">`)
	for _, n := range []struct {
		class, label string
		ep           *Episode
	}{{"newer", "Newer episode", e.Newer}, {"older", "Older episode", e.Older}} {
		if n.ep == nil {
			continue
		}
		b.WriteString("\n" + `<a class="` + n.class + `" href="`)
		writeURL(b, root)
		writeURL(b, n.ep.Href)
		b.WriteString(`"><small>` + n.label + `</small>`)
		writeText(b, n.ep.Title)
		b.WriteString("</a>")
	}
	b.WriteString("\n</nav>")
}

// EpisodeItems writes the episodes of a page of the episode list as the
// built-in index.html lists them: an <li> each, with its title linked to
// its page, its number, date and length, and its excerpt (the "meta" and
// "excerpt" templates of the layout). html/template took a third of an
// incremental build's CPU for the 50 pages of the list a removed episode
// changes. It is "" when the layout is the show's own, which may define
// "meta" and "excerpt" anew: then index.html lets the templates write
// them. An episode without a page of its own links to its audio, as
// index.html's markup does.
//
// On a page of the list past the first, the entries that Options.Entries
// gives are written as they are, and where each entry lies is recorded for
// Options.Listed.
func (p *Page) EpisodeItems() template.HTML {
	if p.parts == nil {
		return ""
	}
	var b bytes.Buffer
	b.Grow(len(p.Episodes) * 700) // about what an episode takes: grown once, not eight times
	var spans []Entry
	listed := func(e *Episode, start int) {
		if p.spans != nil { // only on a page past the first, for Options.Listed
			spans = append(spans, Entry{Episode: e.Episode, Off: start, Len: b.Len() - start})
		}
	}
	for _, e := range p.Episodes {
		start := b.Len()
		if p.entries != nil {
			if entry := p.entries(e.Episode); entry != nil {
				b.Write(entry)
				listed(e, start)
				continue
			}
		}
		b.WriteString("\n<li>\n<h3><a href=\"")
		if e.Href != "" {
			writeURL(&b, p.Root)
			writeURL(&b, e.Href)
		} else {
			writeURL(&b, e.Audio.URL)
		}
		b.WriteString(`">`)
		writeText(&b, e.Title)
		b.WriteString("</a></h3>\n<p class=\"meta\">")
		if e.Number != 0 {
			b.WriteString("Episode " + strconv.Itoa(e.Number) + " · ")
		}
		writeTime(&b, e)
		b.WriteString("</p>")
		e.Excerpt.write(&b)
		b.WriteString("\n</li>")
		listed(e, start)
	}
	if p.spans != nil {
		*p.spans, p.items = spans, b.Bytes()
	}
	return template.HTML(b.String())
}

// write writes the blocks as the layout's "excerpt" template does: in a
// <div class="excerpt">, each paragraph a <p>, each run of list items a
// <ul>; nothing without blocks.
func (bs Blocks) write(b *bytes.Buffer) {
	if len(bs) == 0 {
		return
	}
	b.WriteString("\n<div class=\"excerpt\">")
	for _, g := range bs.Groups() {
		if g[0].Item {
			b.WriteString("\n<ul>")
			for _, blk := range g {
				b.WriteString("\n<li>")
				writeText(b, blk.Text)
				b.WriteString("</li>")
			}
			b.WriteString("\n</ul>")
			continue
		}
		b.WriteString("\n<p>")
		writeText(b, g[0].Text)
		b.WriteString("</p>")
	}
	b.WriteString("\n</div>")
}
