package site

import (
	"html/template"
	"strings"
)

// Parts of the built-in pages that Go writes rather than a template: the
// lists a page repeats for every chapter or share link, and the episode
// page's metadata. html/template reaches every value of a template through
// reflection, which costs far more than writing the HTML, and these parts
// hold most of a page's values. Each escapes its values as html/template
// would in the same place (see escape.go); TestFragmentsMatchTemplates
// holds each to the template markup it stands for. Templates of a show's
// own may use them as well, or write the same from the fields they come
// from.

// Chapters are an episode's chapter marks, ready to link.
type Chapters []Chapter

// Items writes the chapters as the episode page lists them, each an <li>
// on a line of its own whose time is a link that seeks the player.
func (cs Chapters) Items() template.HTML { return cs.items(false) }

// EmbedItems writes the chapters as the embed page lists them: like
// Items, but with links that stay in the page, whose <base> opens links
// in a new tab.
func (cs Chapters) EmbedItems() template.HTML { return cs.items(true) }

func (cs Chapters) items(embed bool) template.HTML {
	var b strings.Builder
	for _, c := range cs {
		b.WriteString("\n<li><a class=\"seek\" href=\"#t=")
		writeURLPart(&b, c.Start)
		b.WriteString(`" data-start="`)
		writeText(&b, c.Start)
		if embed {
			b.WriteString(`" target="_self">`)
		} else {
			b.WriteString(`" aria-label="Play from `)
			writeText(&b, c.Clock)
			b.WriteString(`">`)
		}
		writeText(&b, c.Clock)
		b.WriteString("</a> ")
		writeText(&b, c.Title)
		b.WriteString("</li>")
	}
	return template.HTML(b.String())
}
