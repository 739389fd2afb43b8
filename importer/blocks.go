package importer

import (
	"net/url"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Show notes are read into blocks, the lines a reader sees: paragraphs,
// headings and list items, each a sequence of runs of text and links. The
// same analysis then finds chapters, link groups and takeaways in both HTML
// notes (from feeds) and plain-text notes.

type blockKind int

const (
	para blockKind = iota
	heading
	item
)

// run is a piece of a block's text: plain, or a link when href is set.
type run struct {
	text         string
	href         string
	bold, italic bool
}

// block is one line of the notes.
type block struct {
	kind    blockKind
	level   int  // heading level 1–6; list nesting depth (1 = top) for items
	ordered bool // an item of a numbered list
	brk     bool // a line break (<br>, a single newline) separates it from the previous block of the same paragraph
	runs    []run
}

// text returns the block's plain text, links written as their text.
func (b *block) text() string {
	var s strings.Builder
	for _, r := range b.runs {
		s.WriteString(r.text)
	}
	return strings.TrimSpace(s.String())
}

// links returns the block's link runs.
func (b *block) links() []run {
	var out []run
	for _, r := range b.runs {
		if r.href != "" {
			out = append(out, r)
		}
	}
	return out
}

// htmlBlocks reads HTML show notes into blocks. Relative link targets are
// resolved against base when it is set. Scripts, styles and images are left
// out; so is every attribute but a link's href.
func htmlBlocks(src string, base *url.URL) []block {
	z := html.NewTokenizer(strings.NewReader(src))
	h := &htmlReader{}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			h.flush()
			return h.out
		case html.TextToken:
			h.addText(string(z.Text()))
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, hasAttr := z.TagName()
			end := tt == html.EndTagToken
			var href string
			for hasAttr && !end {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				if string(k) == "href" {
					href = resolve(base, strings.TrimSpace(string(v)))
				}
			}
			a := atom.Lookup(name)
			if !h.blockTag(tt, a, name) {
				h.inlineTag(tt, a, href)
			}
		}
	}
}

// htmlReader is the state of one htmlBlocks.
type htmlReader struct {
	out     []block
	cur     *block
	lists   []bool // ordered flag of each open list
	hrefs   []string
	bold    int
	italic  int
	skip    int // inside script or style
	nextBrk bool
}

func (h *htmlReader) flush() {
	if h.cur == nil {
		return
	}
	h.cur.runs = linkify(trimRuns(h.cur.runs))
	if len(h.cur.runs) > 0 {
		h.out = append(h.out, *h.cur)
	}
	h.cur = nil
}

func (h *htmlReader) start(kind blockKind, level int, ordered bool) {
	h.flush()
	h.cur = &block{kind: kind, level: level, ordered: ordered, brk: h.nextBrk}
	h.nextBrk = false
}

func (h *htmlReader) addText(s string) {
	if h.skip > 0 {
		return
	}
	s = collapseSpace(s)
	if s == "" {
		return
	}
	if h.cur == nil {
		if strings.TrimSpace(s) == "" {
			return
		}
		h.start(para, 0, false)
	}
	r := run{text: s, bold: h.bold > 0, italic: h.italic > 0}
	if len(h.hrefs) > 0 && h.hrefs[len(h.hrefs)-1] != "" {
		r.href = h.hrefs[len(h.hrefs)-1]
	}
	// Merge with the previous run when nothing differs.
	if n := len(h.cur.runs); n > 0 {
		p := &h.cur.runs[n-1]
		if p.href == r.href && p.bold == r.bold && p.italic == r.italic {
			p.text += r.text
			return
		}
	}
	h.cur.runs = append(h.cur.runs, r)
}

// blockTag handles the tags that start or end blocks, reporting whether a
// was one of them.
func (h *htmlReader) blockTag(tt html.TokenType, a atom.Atom, name []byte) bool {
	end := tt == html.EndTagToken
	switch a {
	case atom.Script, atom.Style, atom.Head, atom.Title:
		if tt == html.StartTagToken {
			h.skip++
		} else if end && h.skip > 0 {
			h.skip--
		}
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Blockquote, atom.Pre,
		atom.Table, atom.Tr, atom.Hr, atom.Dt, atom.Dd, atom.Header, atom.Footer, atom.Figure:
		if !end && h.cur != nil && h.cur.kind == item && blank(h.cur.runs) {
			return true // <li><p>…: the paragraph is the item's text
		}
		h.flush()
		h.nextBrk = false
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		if end {
			h.flush()
		} else {
			h.start(heading, int(name[1]-'0'), false)
		}
	case atom.Ul, atom.Ol:
		h.flush()
		if end {
			if len(h.lists) > 0 {
				h.lists = h.lists[:len(h.lists)-1]
			}
		} else if tt == html.StartTagToken {
			h.lists = append(h.lists, a == atom.Ol)
		}
	case atom.Li:
		if end {
			h.flush()
		} else {
			ordered := len(h.lists) > 0 && h.lists[len(h.lists)-1]
			h.start(item, max(len(h.lists), 1), ordered)
		}
	case atom.Br:
		// The next line of the same paragraph or list item.
		if h.cur != nil {
			kind, level, ordered := h.cur.kind, h.cur.level, h.cur.ordered
			if kind == heading {
				kind = para
			}
			h.flush()
			h.cur = &block{kind: kind, level: level, ordered: ordered, brk: true}
		}
	default:
		return false
	}
	return true
}

// inlineTag handles links, bold, italic and table cells.
func (h *htmlReader) inlineTag(tt html.TokenType, a atom.Atom, href string) {
	end := tt == html.EndTagToken
	switch a {
	case atom.A:
		if end {
			if len(h.hrefs) > 0 {
				h.hrefs = h.hrefs[:len(h.hrefs)-1]
			}
		} else if tt == html.StartTagToken {
			h.hrefs = append(h.hrefs, href)
		}
	case atom.B, atom.Strong:
		if end {
			h.bold = max(h.bold-1, 0)
		} else if tt == html.StartTagToken {
			h.bold++
		}
	case atom.I, atom.Em:
		if end {
			h.italic = max(h.italic-1, 0)
		} else if tt == html.StartTagToken {
			h.italic++
		}
	case atom.Td, atom.Th:
		if !end {
			h.addText(" ")
		}
	}
}

// resolve returns ref resolved against base, or ref itself when there is no
// base or either does not parse.
func resolve(base *url.URL, ref string) string {
	if base == nil || ref == "" {
		return ref
	}
	u, err := url.Parse(ref)
	if err != nil || u.IsAbs() {
		return ref
	}
	return base.ResolveReference(u).String()
}

// blank reports whether runs hold nothing but white space.
func blank(runs []run) bool {
	for _, r := range runs {
		if strings.TrimSpace(r.text) != "" {
			return false
		}
	}
	return true
}

// linkify turns addresses written as text (not inside a link) into links.
func linkify(runs []run) []run {
	var out []run
	for _, r := range runs {
		if r.href != "" || !strings.Contains(r.text, "http") {
			out = append(out, r)
			continue
		}
		for _, p := range textRuns(r.text) {
			p.bold, p.italic = r.bold, r.italic
			out = append(out, p)
		}
	}
	return out
}

// collapseSpace turns every run of white space into one space, as HTML
// renders text. A no-break space (&nbsp;), which editors put between
// words, is a space too: the notes are Markdown and reflow.
func collapseSpace(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\u00a0' {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

// trimRuns drops white space at the start and end of a block, and runs
// that end up empty.
func trimRuns(runs []run) []run {
	for len(runs) > 0 {
		runs[0].text = strings.TrimLeft(runs[0].text, " ")
		if runs[0].text != "" {
			break
		}
		runs = runs[1:]
	}
	for len(runs) > 0 {
		n := len(runs) - 1
		runs[n].text = strings.TrimRight(runs[n].text, " ")
		if runs[n].text != "" {
			break
		}
		runs = runs[:n]
	}
	return runs
}

// urlPattern finds web addresses in plain text.
var urlPattern = regexp.MustCompile(`https?://[^\s<>"]+`)

// textBlocks reads plain-text notes into blocks: one per non-empty line.
// Addresses in the text become links. A line directly after another is
// marked brk; a blank line starts a new paragraph.
func textBlocks(src string) []block {
	var out []block
	prevBlank := true
	for _, line := range strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n") {
		line = strings.TrimSpace(strings.ReplaceAll(line, "\t", " "))
		if line == "" {
			prevBlank = true
			continue
		}
		b := block{kind: para, brk: !prevBlank && len(out) > 0, runs: textRuns(line)}
		out = append(out, b)
		prevBlank = false
	}
	return out
}

// textRuns splits a line of plain text into text and link runs.
func textRuns(line string) []run {
	var runs []run
	last := 0
	for _, m := range urlPattern.FindAllStringIndex(line, -1) {
		u := trimURL(line[m[0]:m[1]])
		end := m[0] + len(u)
		if m[0] > last {
			runs = append(runs, run{text: line[last:m[0]]})
		}
		runs = append(runs, run{text: u, href: u})
		last = end
	}
	if last < len(line) {
		runs = append(runs, run{text: line[last:]})
	}
	return runs
}

// trimURL drops punctuation that ends a sentence rather than the address,
// and a closing parenthesis that has no opening one inside the address.
func trimURL(u string) string {
	for len(u) > 0 {
		c := u[len(u)-1]
		switch {
		case strings.IndexByte(".,;:!?'\"", c) >= 0:
			u = u[:len(u)-1]
		case c == ')' && strings.Count(u, "(") < strings.Count(u, ")"):
			u = u[:len(u)-1]
		case c == ']' && strings.Count(u, "[") < strings.Count(u, "]"):
			u = u[:len(u)-1]
		default:
			return u
		}
	}
	return u
}

// looksLikeHTML reports whether notes are HTML rather than plain text.
func looksLikeHTML(s string) bool {
	l := strings.ToLower(s)
	for _, tag := range []string{"<p", "<br", "<a ", "<ul", "<ol", "<li", "<div", "<h1", "<h2", "<h3", "<h4", "<strong", "<b>", "<em", "<i>", "<span", "</"} {
		if strings.Contains(l, tag) {
			return true
		}
	}
	return false
}
