package importer

import (
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/podfeed/podfeed/episodes"
)

// section is a part of the show notes that has a place of its own in an
// episode file.
type section int

const (
	noSection section = iota
	chaptersSection
	linksSection
	takeawaysSection
)

// sectionNames are the headings, lower case and without a final colon,
// that start a section.
var sectionNames = map[string]section{
	"chapters": chaptersSection, "chapter": chaptersSection, "chapter markers": chaptersSection,
	"episode chapters": chaptersSection, "show chapters": chaptersSection, "timestamps": chaptersSection,
	"time stamps": chaptersSection, "chapters and timestamps": chaptersSection, "timeline": chaptersSection,

	"links": linksSection, "show links": linksSection, "episode links": linksSection,
	"links mentioned": linksSection, "links mentioned in this episode": linksSection,
	"links from the episode": linksSection, "links from the show": linksSection,
	"links & resources": linksSection, "links and resources": linksSection, "resources": linksSection,
	"mentioned in this episode": linksSection, "mentioned in the episode": linksSection,
	"show notes links": linksSection, "references": linksSection, "useful links": linksSection,

	"takeaways": takeawaysSection, "key takeaways": takeawaysSection, "main takeaways": takeawaysSection,
}

// sectionOf returns the section a block starts when it is a section
// heading: short, without links, and one of sectionNames.
func sectionOf(b *block) section {
	if len(b.links()) > 0 {
		return noSection
	}
	t := strings.ToLower(strings.Trim(b.text(), " :*#-–—"))
	if len(t) > 40 {
		return noSection
	}
	return sectionNames[t]
}

// role is what a block of the notes turned out to be.
type role int

const (
	summaryRole role = iota
	headingRole      // a section heading, rewritten by podfeed
	chapterRole
	groupRole // the name of a link group
	linkRole
	takeawayRole
)

// notes is show notes taken apart.
type notes struct {
	summary   string // Markdown
	chapters  []episodes.Chapter
	links     []episodes.Link
	takeaways []string
}

// analyse finds the sections of the notes: chapters (from a Chapters
// section or a run of at least two timestamp lines anywhere), links (from a
// Links section or a trailing list of links), takeaways (from a Takeaways
// section); the rest is the summary. Chapters that are not in ascending
// order, or that start past duration (when it is known), are left in the
// summary: they cannot be chapters.
func analyse(blocks []block, duration time.Duration) notes {
	roles := make([]role, len(blocks))
	chapterAt := map[int]episodes.Chapter{}
	linkAt := map[int]episodes.Link{}
	groupAt := map[int]string{}
	sectionRoles(blocks, roles, chapterAt, linkAt, groupAt)

	trailingLinks(blocks, roles, linkAt, groupAt)

	// Chapters that cannot be chapters stay in the summary.
	var chapters []episodes.Chapter
	for i := range blocks {
		if roles[i] == chapterRole {
			chapters = append(chapters, chapterAt[i])
		}
	}
	if !validChapters(chapters, duration) {
		chapters = nil
		for i := range blocks {
			if roles[i] == chapterRole || (roles[i] == headingRole && sectionOf(&blocks[i]) == chaptersSection) {
				roles[i] = summaryRole
			}
		}
	}

	n := collect(blocks, roles, linkAt, groupAt)
	n.chapters = chapters
	return n
}

// sectionRoles gives each block its role by the section it is in.
func sectionRoles(blocks []block, roles []role, chapterAt map[int]episodes.Chapter, linkAt map[int]episodes.Link, groupAt map[int]string) {
	state := noSection
	takeawayItems := false
	for i := 0; i < len(blocks); i++ {
		b := &blocks[i]
		if sec := sectionOf(b); sec != noSection {
			if sec == takeawaysSection && sectionHasLinks(blocks, i) {
				// Takeaways are plain text: a list with links stays in
				// the summary, where Markdown keeps every link.
				roles[i], state = summaryRole, noSection
				continue
			}
			roles[i] = headingRole
			state = sec
			takeawayItems = i+1 < len(blocks) && blocks[i+1].kind == item
			continue
		}
		switch state {
		case chaptersSection:
			if c, ok := chapterLine(b); ok {
				roles[i], chapterAt[i] = chapterRole, c
				continue
			}
		case linksSection:
			if isGroupLabel(blocks, i) {
				roles[i], groupAt[i] = groupRole, groupName(b)
				continue
			}
			if l, ok := linkLine(b, false); ok {
				roles[i], linkAt[i] = linkRole, l
				continue
			}
		case takeawaysSection:
			if b.kind == heading || (takeawayItems && b.kind != item) {
				state = noSection
				break
			}
			roles[i] = takeawayRole
			continue
		}
		// A run of timestamp lines outside a Chapters section.
		if c, ok := chapterLine(b); ok && i+1 < len(blocks) {
			if _, next := chapterLine(&blocks[i+1]); next {
				roles[i], chapterAt[i] = chapterRole, c
				for i+1 < len(blocks) {
					c, ok := chapterLine(&blocks[i+1])
					if !ok {
						break
					}
					i++
					roles[i], chapterAt[i] = chapterRole, c
				}
				continue
			}
		}
		roles[i] = summaryRole
	}

}

// sectionHasLinks reports whether the blocks of the section whose heading
// is blocks[at] link anywhere.
func sectionHasLinks(blocks []block, at int) bool {
	for j := at + 1; j < len(blocks) && blocks[j].kind != heading && sectionOf(&blocks[j]) == noSection; j++ {
		if len(blocks[j].links()) > 0 {
			return true
		}
	}
	return false
}

// collect gathers the links, takeaways and summary the roles name.
func collect(blocks []block, roles []role, linkAt map[int]episodes.Link, groupAt map[int]string) notes {
	var n notes
	group := ""
	var summary []block
	for i := range blocks {
		switch roles[i] {
		case summaryRole:
			summary = append(summary, blocks[i])
		case groupRole:
			group = groupAt[i]
		case linkRole:
			l := linkAt[i]
			l.Group = group
			if l.Title == "" {
				l.Title = derivedTitle(l.URL, group)
			}
			n.links = append(n.links, l)
		case takeawayRole:
			if t := stripMarker(blocks[i].text()); t != "" {
				n.takeaways = append(n.takeaways, t)
			}
		case headingRole:
			if sectionOf(&blocks[i]) == linksSection {
				group = ""
			}
		}
	}
	n.summary = markdown(summary)
	return n
}

// trailingLinks marks a list of links at the end of the summary as links:
// link lines and the group names before them, when there are at least two
// links or the links are list items.
func trailingLinks(blocks []block, roles []role, linkAt map[int]episodes.Link, groupAt map[int]string) {
	last := len(blocks) - 1
	for last >= 0 && roles[last] != summaryRole {
		last--
	}
	first := last + 1
	count, items := 0, true
	for i := last; i >= 0 && roles[i] == summaryRole; i-- {
		if _, ok := linkLine(&blocks[i], true); ok {
			count++
			items = items && blocks[i].kind == item
			first = i
			continue
		}
		if isGroupLabel(blocks, i) && first == i+1 {
			first = i
			continue
		}
		break
	}
	if count == 0 || (count < 2 && !items) {
		return
	}
	for i := first; i <= last; i++ {
		if l, ok := linkLine(&blocks[i], true); ok {
			roles[i], linkAt[i] = linkRole, l
		} else {
			roles[i], groupAt[i] = groupRole, groupName(&blocks[i])
		}
	}
}

// chapterPattern matches a timestamp line: "00:03:49 Title", "(03:49) - Title",
// "[1:02:03] Title", "03:49 – Title".
var chapterPattern = regexp.MustCompile(`^[\[(]?(\d{1,2}(?::\d{1,2}){1,2}(?:\.\d{1,3})?)[\])]?\s*(?:[-–—:|]\s*)?(\S.*)$`)

// chapterLine reads a timestamp line. A line whose title carries the only
// link becomes a chapter with that URL.
func chapterLine(b *block) (episodes.Chapter, bool) {
	m := chapterPattern.FindStringSubmatch(stripMarker(b.text()))
	if m == nil {
		return episodes.Chapter{}, false
	}
	start, err := parseClock(m[1])
	if err != nil {
		return episodes.Chapter{}, false
	}
	c := episodes.Chapter{Start: start, Title: strings.TrimSpace(m[2])}
	if ls := b.links(); len(ls) == 1 && isWebURL(ls[0].href) && !strings.Contains(c.Title, ls[0].href) {
		c.URL = ls[0].href
	}
	return c, true
}

// validChapters reports whether chapters start in ascending order and,
// when the duration is known, before its end.
func validChapters(cs []episodes.Chapter, duration time.Duration) bool {
	for i, c := range cs {
		if i > 0 && c.Start <= cs[i-1].Start {
			return false
		}
		if duration > 0 && c.Start >= duration {
			return false
		}
	}
	return true
}

// isGroupLabel reports whether blocks[i] names a group of links: without
// links, followed by a link line, and reading as a label rather than a
// sentence: a heading, a line ending in ":", or at most six words without
// a final full stop.
func isGroupLabel(blocks []block, i int) bool {
	b := &blocks[i]
	t := b.text()
	if len(b.links()) > 0 || t == "" || len(t) > 100 || len(strings.Fields(t)) > 12 || sectionOf(b) != noSection {
		return false
	}
	label := b.kind == heading || strings.HasSuffix(t, ":") ||
		(len(strings.Fields(t)) <= 6 && !strings.ContainsAny(t[len(t)-1:], ".!?"))
	if !label || i+1 >= len(blocks) {
		return false
	}
	_, ok := linkLine(&blocks[i+1], false)
	return ok
}

// groupName is a group label's text without a final colon.
func groupName(b *block) string {
	return strings.TrimSpace(strings.TrimRight(b.text(), ": "))
}

// separators are what stands between a link's title, its address and its
// note.
const separators = " :-–—|·•,"

// linkLine reads a block that is one link: "Title: https://… note",
// "https://…", "<a href=…>Title</a> - note". With strict set (a line of the
// summary rather than of a Links section) a paragraph qualifies only when
// nothing or a label ending in ":" comes before the link.
func linkLine(b *block, strict bool) (episodes.Link, bool) {
	ls := b.links()
	if len(ls) != 1 || !isWebURL(ls[0].href) || b.kind == heading {
		return episodes.Link{}, false
	}
	var pre, post strings.Builder
	var linkText string
	seen := false
	for _, r := range b.runs {
		switch {
		case r.href != "":
			linkText, seen = strings.TrimSpace(r.text), true
		case seen:
			post.WriteString(r.text)
		default:
			pre.WriteString(r.text)
		}
	}
	before := stripMarker(strings.TrimSpace(pre.String()))
	after := strings.TrimSpace(post.String())
	if strict && b.kind != item && before != "" && !strings.HasSuffix(before, ":") {
		return episodes.Link{}, false
	}
	if len(strings.Fields(before)) > 12 {
		return episodes.Link{}, false
	}
	l := episodes.Link{URL: ls[0].href}
	if looksLikeAddress(linkText, l.URL) {
		l.Title = strings.TrimSpace(strings.TrimRight(before, separators))
	} else {
		l.Title = strings.TrimSpace(before + " " + linkText)
	}
	note := strings.TrimLeft(after, separators)
	if rest, ok := strings.CutPrefix(note, "which "); ok {
		note = rest // "Title: URL which shares …" reads "Title: URL shares …" once rendered
	}
	l.Note = strings.TrimSpace(note)
	return l, true
}

// looksLikeAddress reports whether a link's text is its address rather
// than a title: the same, or the same without scheme or "www.".
func looksLikeAddress(text, href string) bool {
	if text == "" || text == href {
		return true
	}
	norm := func(s string) string {
		s = strings.TrimPrefix(strings.TrimPrefix(s, "https://"), "http://")
		return strings.TrimSuffix(strings.TrimPrefix(s, "www."), "/")
	}
	return norm(text) == norm(href)
}

// isWebURL reports whether s is an absolute http(s) address with a host.
func isWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && !strings.ContainsAny(s, " \t\r\n")
}

// markerPattern matches a list marker written as text.
var markerPattern = regexp.MustCompile(`^(?:[-*•–·]|\d{1,3}[.)])\s+`)

// stripMarker removes a plain-text list marker ("- ", "• ", "1. ").
func stripMarker(s string) string {
	return markerPattern.ReplaceAllString(strings.TrimSpace(s), "")
}

// siteNames names the sites that show notes link to without a title.
var siteNames = map[string]string{
	"linkedin.com": "LinkedIn", "youtube.com": "YouTube", "youtu.be": "YouTube",
	"x.com": "X", "twitter.com": "Twitter", "bsky.app": "Bluesky", "github.com": "GitHub",
	"gitlab.com": "GitLab", "instagram.com": "Instagram", "facebook.com": "Facebook",
	"tiktok.com": "TikTok", "threads.net": "Threads", "mastodon.social": "Mastodon",
	"medium.com": "Medium", "substack.com": "Substack", "twitch.tv": "Twitch",
	"patreon.com": "Patreon", "discord.gg": "Discord", "discord.com": "Discord",
	"reddit.com": "Reddit", "amazon.com": "Amazon", "wikipedia.org": "Wikipedia",
	"spotify.com": "Spotify", "apple.com": "Apple",
}

// possessivePattern finds whose links a group holds: "Emma's Links".
var possessivePattern = regexp.MustCompile(`(?i)^(\p{L}[\p{L}\-]*['’]s?) (?:links|socials|profiles|accounts)$`)

// derivedTitle makes a title for a link written as a bare address: the
// site's name, after the owner's name when the group says whose links
// these are ("Emma's Links" + linkedin.com → "Emma's LinkedIn").
func derivedTitle(href, group string) string {
	u, err := url.Parse(href)
	if err != nil {
		return href
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	name := host
	for h := host; h != ""; {
		if n, ok := siteNames[h]; ok {
			name = n
			break
		}
		_, rest, ok := strings.Cut(h, ".")
		if !ok {
			break
		}
		h = rest
	}
	if m := possessivePattern.FindStringSubmatch(group); m != nil {
		return m[1] + " " + name
	}
	return name
}

// markdown writes summary blocks as Markdown: paragraphs separated by a
// blank line, headings with #, list items with "-" or "1.", line breaks as
// a backslash at the end of the line.
func markdown(blocks []block) string {
	var b strings.Builder
	for i, bl := range blocks {
		text := inlineMarkdown(bl.runs)
		switch {
		case i == 0:
		case bl.brk:
			b.WriteString("\\\n")
			if bl.kind == item {
				b.WriteString(strings.Repeat("  ", bl.level))
			}
			b.WriteString(text)
			continue
		case bl.kind == item && blocks[i-1].kind == item:
			b.WriteString("\n")
		default:
			b.WriteString("\n\n")
		}
		switch bl.kind {
		case heading:
			b.WriteString(strings.Repeat("#", bl.level) + " " + text)
		case item:
			b.WriteString(strings.Repeat("  ", bl.level-1))
			if bl.ordered {
				b.WriteString("1. ")
			} else {
				b.WriteString("- ")
			}
			b.WriteString(text)
		default:
			b.WriteString(escapeLineStart(text))
		}
	}
	return b.String()
}

// inlineMarkdown writes runs as Markdown: text escaped, links as
// [text](url) or <url>, bold and italic as ** and *.
func inlineMarkdown(runs []run) string {
	var b strings.Builder
	for _, r := range runs {
		var s string
		switch {
		case r.href != "" && r.text == r.href && isWebURL(r.href) && !strings.ContainsAny(r.href, "<>"):
			s = "<" + r.href + ">"
		case r.href != "":
			dest := r.href
			if strings.ContainsAny(dest, " ()<>") {
				dest = "<" + strings.NewReplacer("<", "%3C", ">", "%3E").Replace(dest) + ">"
			}
			s = "[" + escapeMarkdown(r.text) + "](" + dest + ")"
		default:
			s = escapeMarkdown(r.text)
		}
		if r.bold || r.italic {
			mark := "*"
			if r.bold && r.italic {
				mark = "***"
			} else if r.bold {
				mark = "**"
			}
			lead := s[:len(s)-len(strings.TrimLeft(s, " "))]
			trail := s[len(strings.TrimRight(s, " ")):]
			if core := strings.TrimSpace(s); core != "" {
				s = lead + mark + core + mark + trail
			}
		}
		b.WriteString(s)
	}
	return strings.TrimSpace(b.String())
}

// escapeMarkdown escapes the characters that would otherwise turn text
// into markup: backslashes, *, `, [, ], <, and _ at the edge of a word.
func escapeMarkdown(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch r {
		case '\\', '*', '`', '[', ']', '<':
			b.WriteByte('\\')
		case '_':
			prev, _ := utf8.DecodeLastRuneInString(s[:i])
			next, _ := utf8.DecodeRuneInString(s[i+1:])
			if i == 0 || i+1 == len(s) || !isWordRune(prev) || !isWordRune(next) {
				b.WriteByte('\\')
			}
		case '&':
			if entityPattern.MatchString(s[i:]) {
				b.WriteByte('\\')
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

var entityPattern = regexp.MustCompile(`^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});`)

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// lineStartPattern matches what would make a paragraph a heading, quote,
// list or rule.
var lineStartPattern = regexp.MustCompile(`^(?:#{1,6}(?:\s|$)|>|[-+*](?:\s|$)|\d{1,9}[.)](?:\s|$)|=+\s*$|-+\s*$)`)

// escapeLineStart escapes the first character of a paragraph that would
// otherwise start a heading, quote or list.
func escapeLineStart(s string) string {
	m := lineStartPattern.FindString(s)
	if m == "" {
		return s
	}
	if c := m[0]; c >= '0' && c <= '9' {
		i := strings.IndexAny(s, ".)")
		return s[:i] + "\\" + s[i:]
	}
	return "\\" + s
}
