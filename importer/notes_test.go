package importer

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/golden"
	md "github.com/podfeed/podfeed/internal/markdown"
	"github.com/podfeed/podfeed/internal/showfile"
	"github.com/podfeed/podfeed/internal/timecode"
)

// TestReadNotesExample is the acceptance test of `import --notes`: the
// example's plain-text show notes give an episode equal in content to the
// hand-written episode file: title, number, summary, 12 chapters, the
// episode's link group, 16 takeaways. The show's links, which the notes
// also list, are the ones podcast.toml already has.
func TestReadNotesExample(t *testing.T) {
	example := filepath.Join("..", "examples", "coding-chats")
	show, probs := config.Parse("podcast.toml", golden.Read(t, filepath.Join(example, "podcast.toml")))
	if probs.Err() != nil {
		t.Fatal(probs.Format())
	}
	want, probs := episodes.Parse("055.toml", golden.Read(t, filepath.Join(example, "episodes", "055-rust-in-production.toml")))
	if probs.Err() != nil {
		t.Fatal(probs.Format())
	}
	notes := golden.Read(t, filepath.Join(example, "show-notes.txt"))

	got, err := ReadNotes(notes, NotesOptions{Show: show})
	if err != nil {
		t.Fatal(err)
	}
	wantString(t, "title", want.Title, got.Title)
	if got.Number != want.Number {
		t.Errorf("number: want %d, got %d", want.Number, got.Number)
	}
	wantString(t, "summary", want.Summary, got.Summary)
	if len(got.Chapters) != 12 || fmt.Sprint(want.Chapters) != fmt.Sprint(got.Chapters) {
		t.Errorf("chapters:\nwant %v\ngot  %v", want.Chapters, got.Chapters)
	}
	wantLinks(t, got.Links, want.Links...)
	if len(got.Takeaways) != 16 || strings.Join(want.Takeaways, "\n") != strings.Join(got.Takeaways, "\n") {
		t.Errorf("takeaways:\nwant %q\ngot  %q", want.Takeaways, got.Takeaways)
	}

	// Without the show, the notes' link groups all stay in the episode: the
	// episode's own first, then the show's, with their notes.
	all, err := ReadNotes(notes, NotesOptions{})
	if err != nil {
		t.Fatal(err)
	}
	wantString(t, "title without the show", want.Title, all.Title)
	var wantAll []episodes.Link
	wantAll = append(wantAll, want.Links...)
	for _, l := range show.Links {
		wantAll = append(wantAll, episodes.Link{Group: l.Group, Title: l.Title, URL: l.URL, Note: l.Note})
	}
	// The notes spell one title with a typographic apostrophe.
	norm := strings.NewReplacer("’", "'")
	if norm.Replace(fmt.Sprintf("%+v", wantAll)) != norm.Replace(fmt.Sprintf("%+v", all.Links)) {
		t.Errorf("all links:\nwant %+v\ngot  %+v", wantAll, all.Links)
	}
}

func TestAnalyse(t *testing.T) {
	tests := []struct {
		name      string
		html      bool
		src       string
		duration  time.Duration
		summary   string
		chapters  []string // "HH:MM:SS title"
		links     []string // "group|title|url|note"
		takeaways []string
	}{
		{
			name: "podfeed's own notes", html: true,
			src: `<p>Summary here.</p><h2>Chapters</h2><p>00:00:00 Start</p><p>00:01:00 Next</p>` +
				`<h2>Links</h2><h3>Guest</h3><ul><li>Site: <a href="https://g.example/">https://g.example/</a> a note</li></ul>` +
				`<h2>Takeaways</h2><ul><li>One.</li><li>Two.</li></ul>`,
			summary:   "Summary here.",
			chapters:  []string{"00:00:00 Start", "00:01:00 Next"},
			links:     []string{"Guest|Site|https://g.example/|a note"},
			takeaways: []string{"One.", "Two."},
		},
		{
			name: "timestamps without heading", html: true,
			src:      `<p>Intro text.</p><p>(00:00) Hello<br>(05:30) - Middle<br>[1:02:03] End</p><p>Bye.</p>`,
			summary:  "Intro text.\n\nBye.",
			chapters: []string{"00:00:00 Hello", "00:05:30 Middle", "01:02:03 End"},
		},
		{
			name: "one timestamp is not chapters", html: true,
			src:     `<p>12:30 is when we start.</p>`,
			summary: "12:30 is when we start.",
		},
		{
			name: "chapters out of order stay in the summary", html: false,
			src:     "Chapters\n05:00 Later\n01:00 Earlier",
			summary: "Chapters\\\n05:00 Later\\\n01:00 Earlier",
		},
		{
			name: "chapters past the end stay in the summary", html: false, duration: 10 * time.Minute,
			src:     "00:00 Start\n20:00 Too late",
			summary: "00:00 Start\\\n20:00 Too late",
		},
		{
			name: "trailing link list", html: true,
			src: `<p>We talk about things.</p><p>Links:</p><ul><li><a href="https://a.example/">Alpha</a> - first</li>` +
				`<li><a href="https://b.example/">Beta</a></li></ul>`,
			summary: "We talk about things.",
			links:   []string{"|Alpha|https://a.example/|first", "|Beta|https://b.example/|"},
		},
		{
			name: "a lone link paragraph stays", html: true,
			src:     `<p>Text.</p><p><a href="https://support.example/">Support the show</a></p>`,
			summary: "Text.\n\n[Support the show](https://support.example/)",
		},
		{
			name: "links inside the text stay", html: true,
			src:     `<p>See <a href="https://a.example/">this</a> and <a href="https://b.example/">that</a>.</p>`,
			summary: "See [this](https://a.example/) and [that](https://b.example/).",
		},
		{
			name: "relative and mailto links", html: true,
			src:     `<p>Mail <a href="mailto:x@example.com">us</a>.</p>`,
			summary: "Mail [us](mailto:x@example.com).",
		},
		{
			name: "markup kept", html: true,
			src:     `<p><b>Bold</b>, <i>italic</i>, <strong><em>both</em></strong>.</p><ol><li>first</li><li>second<ul><li>nested</li></ul></li></ol><h3>Heading</h3>`,
			summary: "**Bold**, *italic*, ***both***.\n\n1. first\n1. second\n  - nested\n\n### Heading",
		},
		{
			name: "markdown characters escaped", html: true,
			src:     `<p>2 * 3 = 6, [not a link], snake_case, _underscored_, <code>` + "`x`" + `</code> &amp; # not a heading</p><p># hash</p><p>1. not a list</p><p>- dash</p>`,
			summary: "2 \\* 3 = 6, \\[not a link\\], snake_case, \\_underscored\\_, \\`x\\` & # not a heading\n\n\\# hash\n\n1\\. not a list\n\n\\- dash",
		},
		{
			name: "scripts and styles dropped", html: true,
			src:     `<style>p{}</style><p>Safe<script>alert(1)</script> text.</p>`,
			summary: "Safe text.",
		},
		{
			name: "plain text with blank lines", html: false,
			src:     "First paragraph,\nsecond line.\n\nNext paragraph https://x.example/page.",
			summary: "First paragraph,\\\nsecond line.\n\nNext paragraph <https://x.example/page>.",
		},
		{
			name: "takeaways end at a heading", html: true,
			src:       `<p>Sum.</p><h2>Key takeaways</h2><ul><li>A</li><li>B</li></ul><p>Music by Someone.</p>`,
			summary:   "Sum.\n\nMusic by Someone.",
			takeaways: []string{"A", "B"},
		},
		{
			name: "bold timestamps, one paragraph each", html: true,
			src: `<p>Before.</p><p><strong>00:00</strong> Hello</p><p><strong>03:49</strong> Speed</p><p><b>10:12</b> Memory</p>` +
				`<p><strong>43:52</strong> Questions</p><p>After.</p>`,
			summary:  "Before.\n\nAfter.",
			chapters: []string{"00:00:00 Hello", "00:03:49 Speed", "00:10:12 Memory", "00:43:52 Questions"},
		},
		{
			name: "dash timestamps in a list", html: true,
			src:      `<ul><li>00:00 - Intro</li><li>12:34 - Deep dive</li><li>1:02:03 - Wrap-up</li></ul>`,
			chapters: []string{"00:00:00 Intro", "00:12:34 Deep dive", "01:02:03 Wrap-up"},
		},
		{
			name: "line breaks never run words together", html: true,
			src:     `<p>one<br>two<br/>three&nbsp;four</p>`,
			summary: "one\\\ntwo\\\nthree four",
		},
		{
			name: "headings, lists and emphasis", html: true,
			src:     `<h2>About</h2><p>A <em>fine</em> <strong>show</strong>.</p><ol><li>one</li><li>two</li></ol>`,
			summary: "## About\n\nA *fine* **show**.\n\n1. one\n1. two",
		},
		{
			name: "takeaways with links stay in the summary", html: true,
			src:     `<h3>Takeaways</h3><ul><li>Read <a href="https://a.example/">the guide</a></li><li>Plain</li></ul>`,
			summary: "### Takeaways\n\n- Read [the guide](https://a.example/)\n- Plain",
		},
		{
			name: "link groups in plain text", html: false,
			src: "Summary.\nLINKS\nAnn's Links\nhttps://www.linkedin.com/in/ann/\nhttps://github.com/ann\nBooks:\n" +
				"The Book: https://book.example/ which explains it all",
			summary: "Summary.",
			links: []string{"Ann's Links|Ann's LinkedIn|https://www.linkedin.com/in/ann/|", "Ann's Links|Ann's GitHub|https://github.com/ann|",
				"Books|The Book|https://book.example/|explains it all"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var blocks []block
			if tt.html {
				blocks = htmlBlocks(tt.src, nil)
			} else {
				blocks = textBlocks(tt.src)
			}
			n := analyse(blocks, tt.duration)
			wantString(t, "summary", tt.summary, n.summary)
			var chapters, links []string
			for _, c := range n.chapters {
				chapters = append(chapters, timecode.Format(c.Start, timecode.Clock)+" "+c.Title)
			}
			for _, l := range n.links {
				links = append(links, strings.Join([]string{l.Group, l.Title, l.URL, l.Note}, "|"))
			}
			wantString(t, "chapters", fmt.Sprintf("%q", tt.chapters), fmt.Sprintf("%q", chapters))
			wantString(t, "links", fmt.Sprintf("%q", tt.links), fmt.Sprintf("%q", links))
			wantString(t, "takeaways", fmt.Sprintf("%q", tt.takeaways), fmt.Sprintf("%q", n.takeaways))
		})
	}
}

func TestDerivedTitle(t *testing.T) {
	tests := []struct{ href, group, want string }{
		{"https://www.linkedin.com/in/emmanedelcu/", "Emma's Links", "Emma's LinkedIn"},
		{"https://x.com/someone", "John’s socials", "John’s X"},
		{"https://github.com/someone", "Resources", "GitHub"},
		{"https://blog.example.org/post", "", "blog.example.org"},
		{"https://someone.substack.com/", "Jan's links", "Jan's Substack"},
	}
	for _, tt := range tests {
		if got := derivedTitle(tt.href, tt.group); got != tt.want {
			t.Errorf("derivedTitle(%q, %q) = %q, want %q", tt.href, tt.group, got, tt.want)
		}
	}
}

func TestCleanTitle(t *testing.T) {
	tests := []struct {
		title, show string
		number      int
		want        string
		wantNumber  int
	}{
		{"Coding Chats Rust in production : lessons", "Coding Chats", 0, "Rust in production: lessons", 0},
		{"Coding Chats: Episode 12 - Testing", "Coding Chats", 0, "Testing", 12},
		{"#7: Seven", "", 0, "Seven", 7},
		{"Episode 12 - Testing", "", 5, "Episode 12 - Testing", 5},
		{"Coding Chatsworth", "Coding Chats", 0, "Coding Chatsworth", 0},
		{"2025 in review", "", 0, "2025 in review", 0},
	}
	for _, tt := range tests {
		n := tt.number
		if got := cleanTitle(tt.title, tt.show, &n); got != tt.want || n != tt.wantNumber {
			t.Errorf("cleanTitle(%q, %q) = %q, %d; want %q, %d", tt.title, tt.show, got, n, tt.want, tt.wantNumber)
		}
	}
}

// TestMarkdownEscapes renders escaped text with podfeed's Markdown
// renderer: it must come out as the text that went in.
func TestMarkdownEscapes(t *testing.T) {
	texts := []string{
		"2 * 3 * 4", "a_b_c and _x_", "[brackets] and (parens)", "`code`", "<b>not html</b>",
		`back\slash`, "&amp; stays literal", "Tom & Jerry", "*** stars", "under_ score", "emoji 🎙️ ok",
	}
	r := md.New()
	for _, s := range texts {
		got, err := r.Text(escapeLineStart(escapeMarkdown(s)))
		if err != nil {
			t.Fatal(err)
		}
		if strings.TrimSpace(got) != s {
			t.Errorf("%q rendered as %q", s, got)
		}
	}
}

func TestReadNotesEmpty(t *testing.T) {
	if _, err := ReadNotes([]byte(" \n\n"), NotesOptions{}); err == nil {
		t.Error("want an error for empty notes")
	}
}

// FuzzReadNotes reads arbitrary notes: no panic, and the episode written
// from them parses.
func FuzzReadNotes(f *testing.F) {
	f.Add(readFileF(f, filepath.Join("..", "examples", "coding-chats", "show-notes.txt")))
	f.Add([]byte("Title\nSummary\nChapters\n00:00 A\n01:00 B\nLinks\nG:\nT: https://x.example/ n\nTakeaways\nOne"))
	f.Fuzz(func(t *testing.T, src []byte) {
		ep, err := ReadNotes(src, NotesOptions{})
		if err != nil {
			return
		}
		ep.GUID, ep.Published, ep.Draft, ep.Slug = "g", time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), true, "001-x"
		data := showfile.EncodeEpisode(ep, "")
		if got, probs := episodes.Parse("e.toml", data); got == nil {
			t.Fatalf("not valid TOML:\n%s\n%s", probs.Format(), data)
		}
	})
}

func readFileF(f *testing.F, name string) []byte {
	f.Helper()
	data, err := readFileErr(name)
	if err != nil {
		f.Fatal(err)
	}
	return data
}
