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
	var (
		out     []block
		cur     *block
		lists   []bool // ordered flag of each open list
		hrefs   []string
		bold    int
		italic  int
		skip    int // inside script or style
		nextBrk bool
	)
	flush := func() {
		if cur == nil {
			return
		}
		cur.runs = linkify(trimRuns(cur.runs))
		if len(cur.runs) > 0 {
			out = append(out, *cur)
		}
		cur = nil
	}
	start := func(kind blockKind, level int, ordered bool) {
		flush()
		cur = &block{kind: kind, level: level, ordered: ordered, brk: nextBrk}
		nextBrk = false
	}
	addText := func(s string) {
		if skip > 0 {
			return
		}
		s = collapseSpace(s)
		if s == "" {
			return
		}
		if cur == nil {
			if strings.TrimSpace(s) == "" {
				return
			}
			start(para, 0, false)
		}
		r := run{text: s, bold: bold > 0, italic: italic > 0}
		if len(hrefs) > 0 && hrefs[len(hrefs)-1] != "" {
			r.href = hrefs[len(hrefs)-1]
		}
		// Merge with the previous run when nothing differs.
		if n := len(cur.runs); n > 0 {
			p := &cur.runs[n-1]
			if p.href == r.href && p.bold == r.bold && p.italic == r.italic {
				p.text += r.text
				return
			}
		}
		cur.runs = append(cur.runs, r)
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			flush()
			return out
		case html.TextToken:
			addText(string(z.Text()))
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			end := tt == html.EndTagToken
			var href string
			for hasAttr && !end {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				if string(k) == "href" {
					href = resolve(base, strings.TrimSpace(string(v)))
				}
			}
			switch a {
			case atom.Script, atom.Style, atom.Head, atom.Title:
				if tt == html.StartTagToken {
					skip++
				} else if end && skip > 0 {
					skip--
				}
			case atom.P, atom.Div, atom.Section, atom.Article, atom.Blockquote, atom.Pre,
				atom.Table, atom.Tr, atom.Hr, atom.Dt, atom.Dd, atom.Header, atom.Footer, atom.Figure:
				if !end && cur != nil && cur.kind == item && blank(cur.runs) {
					continue // <li><p>…: the paragraph is the item's text
				}
				flush()
				nextBrk = false
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				if end {
					flush()
				} else {
					start(heading, int(name[1]-'0'), false)
				}
			case atom.Ul, atom.Ol:
				flush()
				if end {
					if len(lists) > 0 {
						lists = lists[:len(lists)-1]
					}
				} else if tt == html.StartTagToken {
					lists = append(lists, a == atom.Ol)
				}
			case atom.Li:
				if end {
					flush()
				} else {
					ordered := len(lists) > 0 && lists[len(lists)-1]
					start(item, max(len(lists), 1), ordered)
				}
			case atom.Br:
				// The next line of the same paragraph or list item.
				if cur != nil {
					kind, level, ordered := cur.kind, cur.level, cur.ordered
					if kind == heading {
						kind = para
					}
					flush()
					cur = &block{kind: kind, level: level, ordered: ordered, brk: true}
				}
			case atom.A:
				if end {
					if len(hrefs) > 0 {
						hrefs = hrefs[:len(hrefs)-1]
					}
				} else if tt == html.StartTagToken {
					hrefs = append(hrefs, href)
				}
			case atom.B, atom.Strong:
				if end {
					bold = max(bold-1, 0)
				} else if tt == html.StartTagToken {
					bold++
				}
			case atom.I, atom.Em:
				if end {
					italic = max(italic-1, 0)
				} else if tt == html.StartTagToken {
					italic++
				}
			case atom.Td, atom.Th:
				if !end {
					addText(" ")
				}
			}
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
// renders text.
func collapseSpace(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' {
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
