package feed

import (
	"bufio"
	"encoding/xml"
	"html"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/diag"
)

// showNotes is what the original plain-text show notes of episode 55
// (examples/coding-chats/show-notes.txt) carry.
type showNotes struct {
	chapters  []string // "00:03:49 Performance Gains with Rust", as the notes must write them
	urls      []string
	notes     []string // the newsletter notes
	takeaways []string
}

var (
	noteChapter = regexp.MustCompile(`^(\d\d):(\d\d) (.+)$`)
	noteURL     = regexp.MustCompile(`https?://\S+`)
)

func readShowNotes(t *testing.T) showNotes {
	t.Helper()
	f, err := os.Open("../examples/coding-chats/show-notes.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var sn showNotes
	section := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "Chapters", line == "LINKS", line == "Takeaways":
			section = line
			continue
		case strings.HasPrefix(line, "Check out John's software engineering related newsletters"):
			section = "newsletters"
			continue
		}
		if m := noteChapter.FindStringSubmatch(line); section == "Chapters" && m != nil {
			sn.chapters = append(sn.chapters, "00:"+m[1]+":"+m[2]+" "+m[3])
		}
		if loc := noteURL.FindStringIndex(line); loc != nil {
			sn.urls = append(sn.urls, line[loc[0]:loc[1]])
			if section == "newsletters" {
				note := strings.TrimPrefix(strings.TrimSpace(line[loc[1]:]), "which ")
				sn.notes = append(sn.notes, note)
			}
		}
		if section == "Takeaways" && line != "" {
			sn.takeaways = append(sn.takeaways, line)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(sn.chapters) != 12 || len(sn.urls) != 7 || len(sn.notes) != 2 || len(sn.takeaways) != 16 {
		t.Fatalf("show-notes.txt: read %d chapters, %d urls, %d notes, %d takeaways; want 12, 7, 2, 16",
			len(sn.chapters), len(sn.urls), len(sn.notes), len(sn.takeaways))
	}
	return sn
}

// Everything the original show notes of episode 55 carry is in the item's
// description (Apple's form) and in content:encoded.
func TestShowNotesExample(t *testing.T) {
	sn := readShowNotes(t)
	out := mustBuild(t, codingChatsShow(), []*episodes.Episode{episode55()}, Options{})
	if len(out.Warnings) != 0 {
		t.Errorf("warnings: %s", out.Warnings.Format())
	}
	var doc struct {
		Description string `xml:"channel>item>description"`
		Content     string `xml:"channel>item>encoded"`
	}
	if err := xml.Unmarshal(out.RSS, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Description) > maxDescription {
		t.Errorf("description is %d bytes, over %d", len(doc.Description), maxDescription)
	}
	for form, notes := range map[string]string{"description": doc.Description, "content:encoded": doc.Content} {
		text := html.UnescapeString(notes)
		for _, c := range sn.chapters {
			if !strings.Contains(notes, "<p>"+textEscaper.Replace(c)+"</p>") {
				t.Errorf("%s: no chapter line %q", form, c)
			}
		}
		for _, u := range sn.urls {
			if !strings.Contains(notes, `href="`+attrEscaper.Replace(u)+`">`+textEscaper.Replace(u)+`</a>`) {
				t.Errorf("%s: no link to %s", form, u)
			}
		}
		for _, n := range sn.notes {
			if !strings.Contains(text, n) {
				t.Errorf("%s: no newsletter note %q", form, n)
			}
		}
		for _, tk := range sn.takeaways {
			if !strings.Contains(text, tk) {
				t.Errorf("%s: no takeaway %q", form, tk)
			}
		}
	}
	checkAppleSubset(t, "description", doc.Description)
}

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
	var got []string
	for _, g := range groupLinks(ep, show) {
		var titles []string
		for _, l := range g.Links {
			titles = append(titles, l.Title)
		}
		got = append(got, g.Name+":"+strings.Join(titles, ","))
	}
	want := []string{"Guest:a,c", ":loose,f", "Shared:b,e", "Host:d"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("groups %q, want %q", got, want)
	}
}

func TestWriteLink(t *testing.T) {
	tests := []struct {
		l        note
		withNote bool
		want     string
	}{
		{newNote("Site", "https://example.com/?a=1&b=2", "a <note>"), true,
			`Site: <a href="https://example.com/?a=1&amp;b=2">https://example.com/?a=1&amp;b=2</a> a &lt;note&gt;`},
		{newNote("Site", "https://example.com/", "dropped"), false, `Site: <a href="https://example.com/">https://example.com/</a>`},
		{newNote("", "https://example.com/", ""), true, `<a href="https://example.com/">https://example.com/</a>`},
		{newNote("Mail", "mailto:a@example.com", ""), true, `Mail: <a href="mailto:a@example.com">mailto:a@example.com</a>`},
		{newNote("Bad", "javascript:alert(1)", "n"), true, `Bad: javascript:alert(1) n`},
		{newNote("Quote", `https://example.com/"onclick="x`, ""), true,
			`Quote: <a href="https://example.com/&#34;onclick=&#34;x">https://example.com/"onclick="x</a>`},
		{newNote("Relative", "/page", ""), true, `Relative: /page`},
		{newNote("Title only", "", "and a note"), true, `Title only and a note`},
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
	ep := &episodes.Episode{
		Chapters:  []episodes.Chapter{{Start: 0, Title: "Start & <intro>"}},
		Takeaways: []string{"One"},
	}
	groups := []linkGroup{{Name: "G", Links: []note{newNote("T", "https://t.example/", "")}}}
	full := writeNotes("<p>Sum</p>", ep, groups, fullNotes, allParts)
	wantFull := "<p>Sum</p>\n<h2>Chapters</h2>\n<p>00:00:00 Start &amp; &lt;intro&gt;</p>\n<h2>Links</h2>\n<h3>G</h3>\n" +
		"<ul>\n<li>T: <a href=\"https://t.example/\">https://t.example/</a></li>\n</ul>\n<h2>Takeaways</h2>\n<ul>\n<li>One</li>\n</ul>"
	if full != wantFull {
		t.Errorf("full notes\n got %q\nwant %q", full, wantFull)
	}
	apple := writeNotes("<p>Sum</p>", ep, groups, appleNotes, notesParts{})
	wantApple := "<p>Sum</p>\n<p>Chapters</p>\n<p>00:00:00 Start &amp; &lt;intro&gt;</p>\n<p>Links</p>\n<p>G</p>\n" +
		"<ul>\n<li>T: <a href=\"https://t.example/\">https://t.example/</a></li>\n</ul>"
	if apple != wantApple {
		t.Errorf("apple notes without takeaways\n got %q\nwant %q", apple, wantApple)
	}
	if got := writeNotes("", &episodes.Episode{}, nil, fullNotes, allParts); got != "" {
		t.Errorf("empty episode: notes %q", got)
	}
}

// The notes cut before their takeaways are the notes written without them,
// whatever the episode holds.
func TestWriteNotesCut(t *testing.T) {
	chapters := []episodes.Chapter{{Start: 0, Title: "Start"}, {Start: 90 * time.Second, Title: "<Next>"}}
	groups := []linkGroup{{Name: "G", Links: []note{newNote("T", "https://t.example/", "a note")}}}
	tests := []struct {
		name    string
		summary string
		ep      *episodes.Episode
		groups  []linkGroup
	}{
		{"empty", "", &episodes.Episode{}, nil},
		{"takeaways only", "", &episodes.Episode{Takeaways: []string{"One", "Two & three"}}, nil},
		{"summary and takeaways", "<p>Sum</p>", &episodes.Episode{Takeaways: []string{"One"}}, nil},
		{"no takeaways", "<p>Sum</p>", &episodes.Episode{Chapters: chapters}, groups},
		{"everything", "<p>Sum</p>", &episodes.Episode{Chapters: chapters, Takeaways: []string{"One"}}, groups},
		{"links and takeaways", "", &episodes.Episode{Takeaways: []string{"One"}}, groups},
	}
	for _, tt := range tests {
		for _, form := range []notesForm{fullNotes, appleNotes} {
			for _, linkNotes := range []bool{true, false} {
				notes, cut := writeNotesCut(tt.summary, tt.ep, tt.groups, form, notesParts{takeaways: true, linkNotes: linkNotes})
				if want := writeNotes(tt.summary, tt.ep, tt.groups, form, notesParts{takeaways: true, linkNotes: linkNotes}); notes != want {
					t.Errorf("%s: writeNotesCut's notes differ from writeNotes'", tt.name)
				}
				got := strings.TrimSuffix(notes[:cut], "\n")
				want := writeNotes(tt.summary, tt.ep, tt.groups, form, notesParts{takeaways: false, linkNotes: linkNotes})
				if got != want {
					t.Errorf("%s (form %d, link notes %v): cut before the takeaways\n got %q\nwant %q", tt.name, form, linkNotes, got, want)
				}
			}
		}
	}
}

// The description keeps summary, chapters and links; it drops takeaways
// first, then link notes, and says so naming the episode.
func TestDescriptionLimit(t *testing.T) {
	groups := []linkGroup{{Name: "G", Links: []note{newNote("T", "https://t.example/", strings.Repeat("n", 1000))}}}
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
			"ep.toml: warning: description is 5873 bytes; takeaways left to content:encoded",
			[]string{"nnnn", "00:00:00 Chapter"}, []string{"Takeaways"}},
		{"link notes dropped", "<p>" + strings.Repeat("s", 3500) + "</p>", 20,
			"ep.toml: warning: description is 6873 bytes; takeaways and link notes left to content:encoded",
			[]string{"https://t.example/", "00:00:00 Chapter"}, []string{"Takeaways", "nnnn"}},
		{"still over", "<p>" + strings.Repeat("s", 4500) + "</p>", 0,
			"ep.toml: warning: description is 4644 bytes, over the 4000 that Apple Podcasts and Spotify show, even without link notes",
			[]string{"https://t.example/"}, []string{"nnnn"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ep := &episodes.Episode{File: "ep.toml", Chapters: []episodes.Chapter{{Title: "Chapter"}}}
			for range tt.takeaways {
				ep.Takeaways = append(ep.Takeaways, strings.Repeat("t", 100))
			}
			var warn diag.List
			d := description(tt.summary, ep, groups, &warn)
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
				if len(d) > maxDescription {
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
