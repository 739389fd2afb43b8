package site

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
)

// The built-in episode and embed pages, written by Go. A big show's build
// renders two of these pages per episode, and html/template, which reaches
// every value through reflection and calls each escaper through it too,
// took a sixth of a full build's CPU for them: more than writing them to
// disk. With the built-in templates and layout, [templateSet.page] has
// these functions write the pages; a show that has its own episode.html,
// embed.html or layout.html gets them from its templates. The templates
// stay what a show copies to start its own, and what these functions must
// write: TestBuiltinPagesMatchTemplates and FuzzBuiltinPages render both
// over the same episodes and compare them byte for byte. Values are
// escaped as html/template escapes them in the same places (escape.go).

// pageWriter writes one of the built-in pages that Go writes.
type pageWriter func(p *Page, b *bytes.Buffer) error

// builtinPages are the page templates that Go writes when they and the
// layout are the built-in ones.
var builtinPages = map[string]pageWriter{
	EpisodeTemplate: writeEpisodePage,
	EmbedTemplate:   writeEmbedPage,
}

// pageSize is about how long an episode page is, grown once: the show
// notes make up most of it.
const pageSize = 16 << 10

// writePage writes p with write into w: straight into it when it is a
// buffer (publish renders each page into one), else through one.
func writePage(w io.Writer, p *Page, write pageWriter) error {
	if b, ok := w.(*bytes.Buffer); ok {
		b.Grow(pageSize)
		return write(p, b)
	}
	var b bytes.Buffer
	b.Grow(pageSize)
	if err := write(p, &b); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// writeEpisodePage writes episode.html.
func writeEpisodePage(p *Page, b *bytes.Buffer) error {
	e := p.Episode
	show, title, url := p.Show.Title, e.Title, e.URL
	art, src := p.Local(e.Image), p.Local(e.Audio.URL)
	head, err := p.Part("head")
	if err != nil {
		return err
	}
	b.WriteString("<!DOCTYPE html>\n<html lang=\"")
	writeText(b, p.Show.Language)
	b.WriteString("\">\n<head>\n")
	b.WriteString(string(head))
	b.WriteString("\n<title>")
	writeText(b, title)
	b.WriteString(" · ")
	writeText(b, show)
	b.WriteString("</title>\n")
	e.writeMetaTags(b)
	b.WriteString("\n<script type=\"application/ld+json\">")
	b.WriteString(string(p.JSONLD))
	b.WriteString("</script>\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to the show notes</a>\n<header class=\"hero ep\">\n")
	b.WriteString(`<img class="hero-bg" src="`)
	writeURL(b, art)
	b.WriteString(`" alt="" width="64" height="64" aria-hidden="true">` + "\n<div class=\"wrap hero-in\">\n<img class=\"art\" src=\"")
	writeURL(b, art)
	b.WriteString(`" alt="Artwork of `)
	writeText(b, show)
	b.WriteString(`" width="192" height="192" fetchpriority="high">` + "\n<div>\n<p class=\"kicker\"><a href=\"")
	writeURL(b, p.Root)
	b.WriteString(`index.html">`)
	writeText(b, show)
	b.WriteString("</a>")
	if e.Number != 0 {
		b.WriteString(" · Episode " + strconv.Itoa(e.Number))
	}
	b.WriteString("</p>\n<h1>")
	writeText(b, title)
	b.WriteString("</h1>\n<p class=\"byline\">")
	writeTime(b, e)
	b.WriteString("</p>")
	writePlayer(b, e, src)
	b.WriteString("\n<ul class=\"actions\">\n<li><a class=\"btn\" href=\"")
	writeURL(b, src)
	b.WriteString("\" download>Download</a></li>")
	if e.HasTranscript() {
		b.WriteString("\n<li><a class=\"btn\" href=\"#transcript\">Transcript</a></li>")
	}
	for _, t := range e.TranscriptLinks {
		b.WriteString("\n<li><a class=\"btn\" href=\"")
		writeURL(b, p.Local(t.URL))
		b.WriteString(`" type="`)
		writeText(b, t.Type)
		b.WriteString(`">Transcript, `)
		writeText(b, transcriptFormat(t.Type))
		if t.Language != "" {
			b.WriteString(" (")
			writeText(b, t.Language)
			b.WriteString(")")
		}
		b.WriteString("</a></li>")
	}
	b.WriteString("\n<li><a class=\"btn\" href=\"")
	writeURL(b, p.Root)
	b.WriteString("index.html#subscribe\">Subscribe</a></li>\n</ul>\n</div>\n</div>\n</header>\n<main id=\"main\" class=\"wrap\">\n<div class=\"layout\">\n<article>")
	if t := e.Transcript(); t != nil {
		b.WriteString("\n<section class=\"card transcript\" id=\"transcript\" aria-labelledby=\"transcript-heading\">\n<div class=\"transcript-head\">\n<h2 id=\"transcript-heading\">Transcript</h2>\n<a href=\"")
		writeURL(b, p.Local(t.URL))
		b.WriteString(`" type="`)
		writeText(b, t.Type)
		b.WriteString(`" download>`)
		writeText(b, transcriptFormat(t.Type))
		b.WriteString(" file</a>\n</div>\n<div class=\"cues\"")
		if t.Language != "" {
			b.WriteString(` lang="`)
			writeText(b, t.Language)
			b.WriteString(`"`)
		}
		b.WriteString(">")
		t.Paragraphs.write(b)
		b.WriteString("\n</div>\n</section>")
	}
	wrote, err := e.writeNotes(b)
	if err != nil {
		return err
	}
	if !wrote {
		e.Excerpt.write(b)
		if len(e.Chapters) > 0 {
			b.WriteString("\n<section aria-labelledby=\"chapters-heading\">\n<h2 id=\"chapters-heading\">Chapters</h2>\n<ol class=\"chapters\">")
			e.Chapters.write(b, false)
			b.WriteString("\n</ol>\n</section>")
		}
	}
	b.WriteString("\n</article>\n<aside class=\"side\" aria-label=\"About this episode\">")
	if len(e.Clips) > 0 {
		b.WriteString("\n<section class=\"card\" aria-labelledby=\"clips-heading\">\n<h2 id=\"clips-heading\">Clips</h2>\n<ul class=\"clips\">")
		for _, c := range e.Clips {
			b.WriteString("\n<li><button type=\"button\" data-clip=\"")
			writeText(b, c.Start)
			b.WriteString(" ")
			writeText(b, c.End)
			b.WriteString(`" hidden><span aria-hidden="true">▶</span><span class="visually-hidden">Play the clip</span></button> <a class="seek" href="#t=`)
			writeURLPart(b, c.Start)
			b.WriteString(`" data-start="`)
			writeText(b, c.Start)
			b.WriteString(`">`)
			writeText(b, c.From)
			b.WriteString("–")
			writeText(b, c.To)
			b.WriteString("</a> ")
			writeText(b, c.Title)
			b.WriteString("</li>")
		}
		b.WriteString("\n</ul>\n</section>")
	}
	if len(e.People) > 0 {
		b.WriteString("\n<section class=\"card\" aria-labelledby=\"people-heading\">\n<h2 id=\"people-heading\">With</h2>\n<ul class=\"people\">")
		e.People.write(b)
		b.WriteString("\n</ul>\n</section>")
	}
	writeSupport(b, e.Support)
	if e.Place != nil || e.LicenseLink != nil {
		b.WriteString("\n<section class=\"card about\" aria-label=\"Place and license\">")
		writeAbout(b, e.Place, e.LicenseLink)
		b.WriteString("\n</section>")
	}
	b.WriteString("\n<section class=\"card\" aria-labelledby=\"share-heading\">\n<h2 id=\"share-heading\">Share</h2>\n<label class=\"visually-hidden\" for=\"page-url\">This episode's address</label>\n<div class=\"copy\">\n<input id=\"page-url\" readonly value=\"")
	writeText(b, url)
	b.WriteString("\">\n<button type=\"button\" data-copy=\"page-url\" data-status=\"share-status\" hidden>Copy link</button>\n</div>\n<p class=\"status\" id=\"share-status\" role=\"status\"></p>\n<ul class=\"share actions\">\n<li hidden><button type=\"button\" class=\"primary\" data-share=\"")
	writeText(b, url)
	b.WriteString(`" data-title="`)
	writeText(b, show)
	b.WriteString(": ")
	writeText(b, title)
	b.WriteString(`">Share…</button></li>`)
	e.Shares.write(b)
	b.WriteString("\n</ul>\n</section>\n<section class=\"card\">\n<details>\n<summary>Embed this episode</summary>\n<label for=\"embed-code\">Paste this into your web page:</label>\n<textarea id=\"embed-code\" rows=\"4\" readonly>")
	writeText(b, e.EmbedCode)
	b.WriteString("</textarea>\n</details>\n</section>\n</aside>\n</div>")
	e.writeNeighbours(b, p.Root)
	b.WriteString("\n</main>\n")
	return writeTail(p, b, "footer", "script")
}

// writeEmbedPage writes embed.html.
func writeEmbedPage(p *Page, b *bytes.Buffer) error {
	e := p.Episode
	thumb := e.Image
	if e.Image == p.Show.Image {
		thumb = p.Artwork.Thumb
	}
	show, title, url := p.Show.Title, e.Title, e.URL
	src := p.Local(e.Audio.URL)
	b.WriteString("<!DOCTYPE html>\n<html lang=\"")
	writeText(b, p.Show.Language)
	b.WriteString("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"color-scheme\" content=\"light dark\">\n<meta name=\"robots\" content=\"noindex\">\n<title>")
	writeText(b, title)
	b.WriteString(" · ")
	writeText(b, show)
	b.WriteString("</title>\n<meta name=\"description\" content=\"")
	writeText(b, e.Description)
	b.WriteString("\">\n<link rel=\"canonical\" href=\"")
	writeURL(b, url)
	b.WriteString("\">\n<base target=\"_blank\">\n<link rel=\"stylesheet\" href=\"")
	writeURL(b, p.Root)
	writeURL(b, p.CSS)
	b.WriteString("\">\n<link rel=\"icon\" href=\"")
	if p.Artwork.Icon != "" {
		writeURL(b, p.Local(p.Artwork.Icon))
	} else {
		writeURL(b, p.Root)
		writeURL(b, p.Monogram)
	}
	b.WriteString("\">\n</head>\n<body class=\"embed\">\n<main>\n<div class=\"box\">\n<img src=\"")
	writeURL(b, p.Local(thumb))
	b.WriteString(`" alt="Artwork of `)
	writeText(b, show)
	b.WriteString("\" width=\"88\" height=\"88\">\n<div>\n<p class=\"muted\"><a href=\"")
	writeURL(b, p.SiteURL)
	b.WriteString(`">`)
	writeText(b, show)
	b.WriteString("</a></p>\n<h1><a href=\"")
	writeURL(b, url)
	b.WriteString(`">`)
	writeText(b, title)
	b.WriteString("</a></h1>\n<p class=\"muted\"><small>")
	writeText(b, e.Date)
	if e.Length != "" {
		b.WriteString(" · ")
		writeText(b, e.Length)
	}
	b.WriteString("</small></p>\n</div>\n</div>")
	writePlayer(b, e, src)
	if len(e.Chapters) > 0 {
		b.WriteString("\n<details>\n<summary>Chapters</summary>\n<ol class=\"chapters\">")
		e.Chapters.write(b, true)
		b.WriteString("\n</ol>\n</details>")
	}
	b.WriteString("\n</main>\n")
	return writeTail(p, b, "script")
}

// writeNotes writes what the template writes of {{with $e.Notes}}: the
// notes in their section; nothing, and false, when they are empty.
func (e *Episode) writeNotes(b *bytes.Buffer) (bool, error) {
	if e.notes == nil {
		return false, nil
	}
	start := b.Len()
	b.WriteString("\n<section class=\"notes\" aria-label=\"Show notes\">\n")
	notes := b.Len()
	if err := e.notes.WritePage(b); err != nil {
		return false, fmt.Errorf("%s: %w", e.Episode.File, err)
	}
	if b.Len() == notes {
		b.Truncate(start)
		return false, nil
	}
	b.WriteString("\n</section>")
	return true, nil
}

// writeTail writes the layout's parts that end a page, a line each,
// and closes the page.
func writeTail(p *Page, b *bytes.Buffer, parts ...string) error {
	for _, name := range parts {
		part, err := p.Part(name)
		if err != nil {
			return err
		}
		b.WriteString(string(part))
		b.WriteString("\n")
	}
	b.WriteString("</body>\n</html>\n")
	return nil
}

// writeTime writes the episode's date in a <time>, and its length.
func writeTime(b *bytes.Buffer, e *Episode) {
	b.WriteString(`<time datetime="`)
	writeText(b, isoDate(e.Published))
	b.WriteString(`">`)
	writeText(b, e.Date)
	b.WriteString("</time>")
	if e.Length != "" {
		b.WriteString(" · ")
		writeText(b, e.Length)
	}
}

// writePlayer writes the layout's "player" for the episode e playing src.
func writePlayer(b *bytes.Buffer, e *Episode, src string) {
	b.WriteString("<div class=\"player\">\n<audio id=\"player\" data-player controls preload=\"none\" src=\"")
	writeURL(b, src)
	b.WriteString(`" data-chapters="`)
	writeText(b, e.Starts)
	b.WriteString(`" aria-label="Play `)
	writeText(b, e.Title)
	b.WriteString("\">\n<a href=\"")
	writeURL(b, src)
	b.WriteString("\">Download the episode</a>\n</audio>\n" + playerControls)
	if len(e.Chapters) > 0 {
		b.WriteString("\n<p class=\"now\" aria-live=\"polite\"></p>")
	}
	b.WriteString("\n</div>")
}

// playerControls are the buttons the player's script brings to life.
const playerControls = `<div class="controls">
<button type="button" data-skip="-15"><span aria-hidden="true">↺ 15s</span><span class="visually-hidden">Back 15 seconds</span></button>
<button type="button" data-skip="30"><span aria-hidden="true">30s ↻</span><span class="visually-hidden">Forward 30 seconds</span></button>
<label>Speed <select data-rate>
<option value="0.8">0.8×</option>
<option value="1" selected>1×</option>
<option value="1.2">1.2×</option>
<option value="1.5">1.5×</option>
<option value="1.75">1.75×</option>
<option value="2">2×</option>
</select></label>
</div>`

// writeSupport writes the layout's "support": nothing for nil.
func writeSupport(b *bytes.Buffer, s *Support) {
	if s == nil {
		return
	}
	b.WriteString("\n<section class=\"card\" aria-labelledby=\"support-heading\">\n<h2 id=\"support-heading\">Support the show</h2>")
	if len(s.Funding) > 0 {
		b.WriteString("\n<ul class=\"actions\">")
		for _, f := range s.Funding {
			b.WriteString("\n<li><a class=\"btn primary\" href=\"")
			writeURL(b, f.URL)
			b.WriteString(`" rel="noopener">`)
			if f.Text != "" {
				writeText(b, f.Text)
			} else {
				b.WriteString("Support the show")
			}
			b.WriteString("</a></li>")
		}
		b.WriteString("\n</ul>")
	}
	if len(s.Value) > 0 {
		b.WriteString("\n<p class=\"muted\">Supports Value4Value streaming payments to ")
		for i, n := range s.Value {
			if i > 0 {
				b.WriteString(", ")
			}
			writeText(b, n)
		}
		b.WriteString(": listen in a podcast app that can send them.</p>")
	}
	b.WriteString("\n</section>")
}

// writeAbout writes the layout's "about": where, and under which license.
func writeAbout(b *bytes.Buffer, place *Place, license *LicenseLink) {
	if place != nil {
		b.WriteString("\n<p>")
		if place.Creator {
			b.WriteString("Made in ")
		} else {
			b.WriteString("About ")
		}
		writeLink(b, place.URL, place.Name, "noopener")
		b.WriteString("</p>")
	}
	if license != nil {
		b.WriteString("\n<p>License: ")
		writeLink(b, license.URL, license.Name, "license noopener")
		b.WriteString("</p>")
	}
}

// writeLink writes text, linked to href with rel when href is not empty.
func writeLink(b *bytes.Buffer, href, text, rel string) {
	if href == "" {
		writeText(b, text)
		return
	}
	b.WriteString(`<a href="`)
	writeURL(b, href)
	b.WriteString(`" rel="` + rel + `">`)
	writeText(b, text)
	b.WriteString("</a>")
}
