package shownotes

import (
	"strings"
	"testing"
	"time"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/diag"
)

func TestGroupLinks(t *testing.T) {
	ep := []episodes.Link{
		{Group: "Guest", Title: "a", URL: "https://a.example/"},
		{Title: "loose", URL: "https://loose.example/"},
		{Group: "Shared", Title: "b", URL: "https://b.example/"},
		{Group: "Guest", Title: "c", URL: "https://c.example/"},
	}
	show := []config.Link{
		{Group: "Host", Title: "d", URL: "https://d.example/"},
		{Group: "Shared", Title: "e", URL: "https://e.example/"},
		{Title: "f", URL: "https://f.example/"},
	}
	titles := func(groups []LinkGroup) string {
		var got []string
		for _, g := range groups {
			var titles []string
			for _, l := range g.Links {
				titles = append(titles, l.Title)
			}
			got = append(got, g.Name+":"+strings.Join(titles, ","))
		}
		return strings.Join(got, " ")
	}
	if got, want := titles(groupLinks(ep, show)), "Guest:a,c :loose,f Shared:b,e Host:d"; got != want {
		t.Errorf("groups %q, want %q", got, want)
	}
	// The show's groups are shared by the episodes' notes: what one
	// episode adds to a group of the show's is not seen by the next.
	s := newShowLinks(show)
	for _, tt := range []struct {
		ep   []episodes.Link
		want string
	}{
		{nil, "Host:d Shared:e :f"},
		{[]episodes.Link{{Group: "Host", Title: "x"}}, "Host:x,d Shared:e :f"},
		{ep, "Guest:a,c :loose,f Shared:b,e Host:d"},
		{[]episodes.Link{{Title: "y"}, {Group: "Shared", Title: "z"}}, ":y,f Shared:z,e Host:d"},
		{nil, "Host:d Shared:e :f"},
	} {
		if got := titles(s.join(tt.ep)); got != tt.want {
			t.Errorf("join(%v): groups %q, want %q", tt.ep, got, tt.want)
		}
	}
}

// Text and attribute values are escaped as strings.Replacer escaped them
// before: &, <, > and, in an attribute, ".
func TestWriteEscaped(t *testing.T) {
	text := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	attr := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;")
	for _, s := range []string{"", "plain", "&", `"`, "<<>>", `a & b < c > d "e" 'f'`, "&amp; already",
		"ünïcödé <b>—</b> ✓", "end&", "&start", "\xff<\xfe>", strings.Repeat("x&y", 100)} {
		var b strings.Builder
		writeText(&b, s)
		if want := text.Replace(s); b.String() != want {
			t.Errorf("writeText(%q) = %q, want %q", s, b.String(), want)
		}
		b.Reset()
		writeAttr(&b, s)
		if want := attr.Replace(s); b.String() != want {
			t.Errorf("writeAttr(%q) = %q, want %q", s, b.String(), want)
		}
	}
}

func TestWriteLink(t *testing.T) {
	tests := []struct {
		l        Link
		withNote bool
		want     string
	}{
		{newLink("Site", "https://example.com/?a=1&b=2", "a <note>"), true,
			`Site: <a href="https://example.com/?a=1&amp;b=2">https://example.com/?a=1&amp;b=2</a> — a &lt;note&gt;`},
		{newLink("Site", "https://example.com/", "dropped"), false, `Site: <a href="https://example.com/">https://example.com/</a>`},
		{newLink("", "https://example.com/", ""), true, `<a href="https://example.com/">https://example.com/</a>`},
		{newLink("Mail", "mailto:a@example.com", ""), true, `Mail: <a href="mailto:a@example.com">mailto:a@example.com</a>`},
		{newLink("Bad", "javascript:alert(1)", "n"), true, `Bad: javascript:alert(1) — n`},
		{newLink("", "https://example.com/balconies", "a great free guide"), true,
			`<a href="https://example.com/balconies">https://example.com/balconies</a> — a great free guide`},
		{newLink("", "", "only a note"), true, `only a note`},
		{newLink("Quote", `https://example.com/"onclick="x`, ""), true,
			`Quote: <a href="https://example.com/&#34;onclick=&#34;x">https://example.com/"onclick="x</a>`},
		{newLink("Relative", "/page", ""), true, `Relative: /page`},
		{newLink("Title only", "", "and a note"), true, `Title only — and a note`},
	}
	for _, tt := range tests {
		var b strings.Builder
		writeLink(&b, tt.l, tt.withNote)
		if b.String() != tt.want {
			t.Errorf("writeLink(%+v, %v)\n got %s\nwant %s", tt.l, tt.withNote, b.String(), tt.want)
		}
	}
}

func TestWriteNotesForms(t *testing.T) {
	n := &Notes{
		Chapters:  []episodes.Chapter{{Start: 0, Title: "Start & <intro>"}},
		Takeaways: []string{"One"},
		Links:     []LinkGroup{{Name: "G", Links: []Link{newLink("T", "https://t.example/", "")}}},
	}
	full := n.write(Full, "<p>Sum</p>", allParts)
	wantFull := "<p>Sum</p>\n<h2>Chapters</h2>\n<p>00:00:00 Start &amp; &lt;intro&gt;</p>\n<h2>Links</h2>\n<h3>G</h3>\n" +
		"<ul>\n<li>T: <a href=\"https://t.example/\">https://t.example/</a></li>\n</ul>\n<h2>Takeaways</h2>\n<ul>\n<li>One</li>\n</ul>"
	if full != wantFull {
		t.Errorf("full notes\n got %q\nwant %q", full, wantFull)
	}
	apple := n.write(Apple, "<p>Sum</p>", Parts{})
	wantApple := "<p>Sum</p>\n<p>Chapters</p>\n<p>00:00:00 Start &amp; &lt;intro&gt;</p>\n<p>Links</p>\n<p>G</p>\n" +
		"<ul>\n<li>T: <a href=\"https://t.example/\">https://t.example/</a></li>\n</ul>"
	if apple != wantApple {
		t.Errorf("apple notes without takeaways\n got %q\nwant %q", apple, wantApple)
	}
	page := n.write(Page, "<p>Sum</p>", allParts)
	wantPage := strings.Replace(wantFull, "<p>00:00:00 ", `<p><a class="seek" href="#t=0" data-start="0" aria-label="Play from 00:00:00">00:00:00</a> `, 1)
	if page != wantPage {
		t.Errorf("page notes\n got %q\nwant %q", page, wantPage)
	}
	if got := (&Notes{}).HTML(); got != "" {
		t.Errorf("empty episode: notes %q", got)
	}
	if !(&Notes{}).Empty() || n.Empty() {
		t.Errorf("Empty() is %v for no notes and %v for some", (&Notes{}).Empty(), n.Empty())
	}
	for _, one := range []*Notes{{Summary: "<p>Sum</p>"}, {Chapters: n.Chapters}, {Links: n.Links}, {Takeaways: n.Takeaways}} {
		if one.Empty() || one.HTML() == "" {
			t.Errorf("notes with one part: Empty() %v, HTML %q", one.Empty(), one.HTML())
		}
	}
}

// A link's note stands apart from the link in every form, after the same
// em dash, and the Apple form stays within Apple's tags.
func TestLinkNoteSeparated(t *testing.T) {
	n := &Notes{Links: []LinkGroup{{Name: "Reading", Links: []Link{
		newLink("Guide", "https://example.com/balconies", "a great free guide"),
		newLink("", "https://example.com/seeds", "where we buy seeds"),
	}}}}
	for _, form := range []Form{Full, Apple, Page} {
		notes := n.write(form, "", allParts)
		for _, want := range []string{
			`Guide: <a href="https://example.com/balconies">https://example.com/balconies</a> — a great free guide</li>`,
			`<li><a href="https://example.com/seeds">https://example.com/seeds</a> — where we buy seeds</li>`,
		} {
			if !strings.Contains(notes, want) {
				t.Errorf("form %d: notes lack %s:\n%s", form, want, notes)
			}
		}
		if form != Apple {
			continue
		}
		for _, tag := range tags(notes) {
			switch tag {
			case "p", "ul", "ol", "li", "a":
			default:
				t.Errorf("the Apple form has <%s>, outside Apple's p, ul, ol, li and a:\n%s", tag, notes)
			}
		}
	}
}

// tags returns the names of the start and end tags in html, in order.
func tags(html string) []string {
	var out []string
	for {
		i := strings.IndexByte(html, '<')
		if i < 0 {
			return out
		}
		html = html[i+1:]
		end := strings.IndexAny(html, " >")
		if end < 0 {
			return out
		}
		out = append(out, strings.TrimPrefix(html[:end], "/"))
	}
}

// The notes cut before their takeaways are the notes written without them,
// whatever the episode holds.
func TestWriteNotesCut(t *testing.T) {
	chapters := []episodes.Chapter{{Start: 0, Title: "Start"}, {Start: 90 * time.Second, Title: "<Next>"}}
	groups := []LinkGroup{{Name: "G", Links: []Link{newLink("T", "https://t.example/", "a note")}}}
	tests := []struct {
		name    string
		summary string
		n       *Notes
	}{
		{"empty", "", &Notes{}},
		{"takeaways only", "", &Notes{Takeaways: []string{"One", "Two & three"}}},
		{"summary and takeaways", "<p>Sum</p>", &Notes{Takeaways: []string{"One"}}},
		{"no takeaways", "<p>Sum</p>", &Notes{Chapters: chapters, Links: groups}},
		{"everything", "<p>Sum</p>", &Notes{Chapters: chapters, Takeaways: []string{"One"}, Links: groups}},
		{"links and takeaways", "", &Notes{Takeaways: []string{"One"}, Links: groups}},
		{"summary ending in a new line", "<p>Sum</p>\n", &Notes{Takeaways: []string{"One"}}},
		{"escaped", "<p>&amp;</p>", &Notes{Chapters: chapters, Takeaways: []string{`<"&">`}, Links: []LinkGroup{{Name: "<G>", Links: []Link{newLink(`"T"&`, `https://t.example/?a=1&b="2"`, "<n>")}}}}},
	}
	for _, tt := range tests {
		for _, form := range []Form{Full, Apple, Page} {
			for _, linkNotes := range []bool{true, false} {
				notes, cut := tt.n.writeCut(form, tt.summary, Parts{takeaways: true, linkNotes: linkNotes})
				if want := tt.n.write(form, tt.summary, Parts{takeaways: true, linkNotes: linkNotes}); notes != want {
					t.Errorf("%s: writeCut's notes differ from write's", tt.name)
				}
				got := strings.TrimSuffix(notes[:cut], "\n")
				want := tt.n.write(form, tt.summary, Parts{takeaways: false, linkNotes: linkNotes})
				if got != want {
					t.Errorf("%s (form %d, link notes %v): cut before the takeaways\n got %q\nwant %q", tt.name, form, linkNotes, got, want)
				}
				// measure counts what write writes, with and without takeaways.
				whole, until := tt.n.measure(form, tt.summary, Parts{takeaways: true, linkNotes: linkNotes})
				if whole != len(notes) || until != len(want) {
					t.Errorf("%s (form %d, link notes %v): measure = %d, %d; want %d, %d", tt.name, form, linkNotes, whole, until, len(notes), len(want))
				}
			}
		}
	}
}

// The description keeps summary, chapters and links; it drops takeaways
// first, then link notes, and says so naming the episode.
func TestDescriptionLimit(t *testing.T) {
	groups := []LinkGroup{{Name: "G", Links: []Link{newLink("T", "https://t.example/", strings.Repeat("n", 1000))}}}
	tests := []struct {
		name      string
		summary   string
		takeaways int
		wantWarn  string
		want      []string // must be in the description
		dropped   []string // must not
	}{
		{"fits", "<p>short</p>", 3, "", []string{"Takeaways", "nnnn"}, nil},
		{"takeaways dropped", "<p>" + strings.Repeat("s", 2500) + "</p>", 20,
			"ep.toml: warning: description is 5877 bytes; takeaways left to content:encoded",
			[]string{"nnnn", "00:00:00 Chapter"}, []string{"Takeaways"}},
		{"link notes dropped", "<p>" + strings.Repeat("s", 3500) + "</p>", 20,
			"ep.toml: warning: description is 6877 bytes; takeaways and link notes left to content:encoded",
			[]string{"https://t.example/", "00:00:00 Chapter"}, []string{"Takeaways", "nnnn"}},
		{"still over", "<p>" + strings.Repeat("s", 4500) + "</p>", 0,
			"ep.toml: warning: description is 4644 bytes, over the 4000 that Apple Podcasts and Spotify show, even without link notes",
			[]string{"https://t.example/"}, []string{"nnnn"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := &Notes{Episode: "ep.toml", SummaryApple: tt.summary, Chapters: []episodes.Chapter{{Title: "Chapter"}}, Links: groups}
			for range tt.takeaways {
				n.Takeaways = append(n.Takeaways, strings.Repeat("t", 100))
			}
			var warn diag.List
			d := n.Description(&warn)
			var got string
			if len(warn) > 0 {
				got = warn[0].Error()
			}
			if len(warn) > 1 || got != tt.wantWarn {
				t.Errorf("warnings %q, want %q", warn.Format(), tt.wantWarn)
			}
			for _, s := range tt.want {
				if !strings.Contains(d, s) {
					t.Errorf("description lacks %q", s)
				}
			}
			for _, s := range tt.dropped {
				if strings.Contains(d, s) {
					t.Errorf("description still has %q", s)
				}
			}
			if tt.wantWarn == "" || strings.Contains(tt.wantWarn, "left to") {
				if len(d) > MaxDescription {
					t.Errorf("description is %d bytes", len(d))
				}
			}
		})
	}
}

func TestChapterClock(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want string
	}{
		{"0s", "00:00:00"},
		{"3m49s", "00:03:49"},
		{"1h2m3.456s", "01:02:03"},
		{"101h", "101:00:00"},
	} {
		d, err := time.ParseDuration(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := chapterClock(d); got != tt.want {
			t.Errorf("chapterClock(%s) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
