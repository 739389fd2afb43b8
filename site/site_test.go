package site_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/feed"
	"github.com/podfeed/podfeed/internal/transcript"
	"github.com/podfeed/podfeed/podcast"
	"github.com/podfeed/podfeed/project"
	"github.com/podfeed/podfeed/site"
	"golang.org/x/net/html"
)

const exampleDir = "../examples/coding-chats"

// seekLink is a chapter time made a link to seek the player.
var seekLink = regexp.MustCompile(`<a class="seek" href="#t=[0-9.]+" data-start="[0-9.]+" aria-label="Play from [0-9:]+">([0-9:]+)</a>`)

// example loads the example show and its one episode live on 5 February
// 2025 (episode 55; episode 56 comes out a week later).
func example(t testing.TB) (*config.Show, []*episodes.Episode) {
	t.Helper()
	show, probs := project.Load(exampleDir)
	if err := probs.Err(); err != nil {
		t.Fatalf("load the example: %v", err)
	}
	live, _ := episodes.Select(show.Episodes, time.Date(2025, 2, 5, 0, 0, 0, 0, time.UTC))
	if len(live) != 1 {
		t.Fatalf("the example has %d live episodes, want 1", len(live))
	}
	return show.Config, live
}

// render builds the feeds and the site the way project does.
func render(t testing.TB, show *config.Show, eps []*episodes.Episode, templates fstest.MapFS) map[string][]byte {
	t.Helper()
	out, err := feed.Build(show, eps, feed.Options{Stylesheet: site.StylesheetFile})
	if err != nil {
		t.Fatalf("feed.Build: %v", err)
	}
	opts := site.Options{Notes: out.Notes}
	if templates != nil {
		opts.Templates = templates
	}
	files, err := site.Build(show, eps, opts)
	if err != nil {
		t.Fatalf("site.Build: %v", err)
	}
	again, err := site.Build(show, eps, opts)
	if err != nil {
		t.Fatalf("site.Build (second run): %v", err)
	}
	m := map[string][]byte{}
	for i, f := range files {
		if _, ok := m[f.Name]; ok {
			t.Errorf("%s rendered twice", f.Name)
		}
		data, err := f.Bytes()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		m[f.Name] = data
		// Only the page that grows with the show is streamed.
		if streamed := f.Stream != nil; streamed != (f.Name == "index.html") {
			t.Errorf("%s: streamed is %v", f.Name, streamed)
		}
		if i >= len(again) || again[i].Name != f.Name {
			t.Errorf("%s: two builds of the same input differ", f.Name)
			continue
		}
		if data2, err := again[i].Bytes(); err != nil || !bytes.Equal(data2, data) {
			t.Errorf("%s: two builds of the same input differ (%v)", f.Name, err)
		}
	}
	// What a page shows of an episode is let go of once its page and
	// embed are rendered, and worked out again for a page rendered again.
	for _, f := range files {
		if data, err := f.Bytes(); err != nil || !bytes.Equal(data, m[f.Name]) {
			t.Errorf("%s: rendered again, it differs (%v)", f.Name, err)
		}
	}
	return m
}

func TestBuildExample(t *testing.T) {
	show, eps := example(t)
	out, err := feed.Build(show, eps, feed.Options{})
	if err != nil {
		t.Fatal(err)
	}
	files, err := site.Build(show, eps, site.Options{Notes: out.Notes})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
	}
	// Without small copies of the artwork, the favicon is the monogram.
	want := "assets/site.*.css assets/player.*.js feed.css assets/icon.*.svg embed/055-rust-in-production.html episodes/055-rust-in-production/index.html 404.html sitemap.xml robots.txt index.html"
	if got := hashes.ReplaceAllString(strings.Join(names, " "), ".*."); got != want {
		t.Errorf("files %s, want %s (referred-to files first, index.html last)", got, want)
	}
	withIcon, err := site.Build(show, eps, site.Options{Notes: out.Notes, Artwork: site.Artwork{Icon: show.Image}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range withIcon {
		if strings.HasSuffix(f.Name, ".svg") {
			t.Errorf("with a small copy of the artwork for the favicon, the site still has %s", f.Name)
		}
	}

	m := render(t, show, eps, nil)
	page := string(m["episodes/055-rust-in-production/index.html"])
	for _, want := range []string{
		`<audio id="player" data-player controls preload="none" src="https://media.codingchats.example.com/episodes/055-rust-in-production.mp3" data-chapters="0 229 397 576 753 893 1058 1213 1382 1560 1728 2032"`,
		`<img class="art" src="../../artwork.jpg" alt="Artwork of Coding Chats"`, // the artwork beside the site, relative
		`"@type":"PodcastEpisode"`,
		`<a class="btn" href="https://bsky.app/intent/compose?text=`,
		`<button type="button" data-copy="page-url"`,
		`<a class="seek" href="#t=229" data-start="229" aria-label="Play from 00:03:49">00:03:49</a> Performance Gains with Rust`,
		`<meta property="og:image" content="https://codingchats.example.com/artwork.jpg">`,
		`<meta property="og:url" content="https://codingchats.example.com/episodes/055-rust-in-production/">`,
		`<meta name="twitter:card" content="summary">`,
		`<link rel="alternate" type="application/rss+xml" title="Coding Chats (RSS)" href="https://codingchats.example.com/feed.xml">`,
		`<a href="../../index.html">Coding Chats</a>`,                            // a file, not a folder: it opens from disk
		"Candidates should demonstrate initiative and impact in their projects.", // the last takeaway
		`<a href="https://read.developingskills.fyi/">`,                          // a show link
		`<a href="https://www.linkedin.com/in/emmanedelcu/">Emma Nedelcu</a> <span class="muted">(guest)</span>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the episode page lacks %s", want)
		}
	}
	// The page carries exactly the notes of the feed, seek links aside.
	if plain := seekLink.ReplaceAllString(page, "$1"); !strings.Contains(plain, out.Notes["055-rust-in-production"].HTML()) {
		t.Errorf("the episode page does not carry the feed's show notes")
	}

	index := string(m["index.html"])
	for _, want := range []string{
		`<a href="episodes/055-rust-in-production/index.html">Rust in production`,
		`<input id="feed-url" readonly value="https://codingchats.example.com/feed.xml">`,
		`<button type="button" class="primary" data-copy="feed-url" data-status="copy-status" hidden>Copy</button>`,
		`<audio id="latest-player" data-player controls preload="none"`,
		`"@type":"PodcastSeries"`,
		`href="overcast://x-callback-url/add?url=https%3a%2f%2fcodingchats.example.com%2ffeed.xml"`,
		`href="pktc://subscribe/codingchats.example.com/feed.xml"`,
		`href="https://antennapod.org/deeplink/subscribe?url=https%3a%2f%2fcodingchats.example.com%2ffeed.xml&amp;title=Coding&#43;Chats"`,
		`href="podcastaddict://codingchats.example.com/feed.xml"`,
		`href="podcast://codingchats.example.com/feed.xml"`,
		`<link rel="alternate" type="application/atom+xml" title="Coding Chats (Atom)" href="https://codingchats.example.com/atom.xml">`,
		`<link rel="alternate" type="application/feed+json" title="Coding Chats (JSON Feed)" href="https://codingchats.example.com/feed.json">`,
		`<link rel="canonical" href="https://codingchats.example.com/">`,
	} {
		if !strings.Contains(strings.ToLower(index), strings.ToLower(want)) {
			t.Errorf("index.html lacks %s", want)
		}
	}
	if strings.Contains(index, "podcasts://") {
		t.Errorf("index.html links Apple Podcasts by its podcasts:// scheme, which does nothing off Apple devices")
	}

	embed := string(m["embed/055-rust-in-production.html"])
	for _, want := range []string{
		`<a class="seek" href="#t=229" data-start="229" target="_self">03:49</a> Performance Gains with Rust`,
		`<meta name="robots" content="noindex">`,
		`<base target="_blank">`,
	} {
		if !strings.Contains(embed, want) {
			t.Errorf("the embed page lacks %s", want)
		}
	}
	if !strings.Contains(string(m["robots.txt"]), "Sitemap: https://codingchats.example.com/sitemap.xml\n") {
		t.Errorf("robots.txt names no sitemap:\n%s", m["robots.txt"])
	}
	if !strings.Contains(string(m["sitemap.xml"]), "<loc>https://codingchats.example.com/episodes/055-rust-in-production/</loc>") {
		t.Errorf("sitemap.xml lacks the episode page:\n%s", m["sitemap.xml"])
	}
	checkXML(t, "sitemap.xml", m["sitemap.xml"])
}

// Every page and the stylesheet parse; every element the pages need for
// accessibility is there: a language, image alternatives, labelled inputs.
func TestPagesAccessible(t *testing.T) {
	show, eps := example(t)
	for name, data := range render(t, show, eps, nil) {
		switch {
		case name == site.StylesheetFile:
			checkXML(t, name, data)
			continue
		case !strings.HasSuffix(name, ".html"):
			continue
		}
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		ids := map[string]bool{}
		var labels []string
		walk(doc, func(n *html.Node) {
			if n.Type != html.ElementNode {
				return
			}
			if id := attr(n, "id"); id != "" {
				if ids[id] {
					t.Errorf("%s: id %q twice", name, id)
				}
				ids[id] = true
			}
			switch n.Data {
			case "html":
				if attr(n, "lang") == "" {
					t.Errorf("%s: <html> has no lang", name)
				}
			case "img":
				// Decoration (the hero's backdrop) has an empty alt and is
				// hidden; everything else says what it shows.
				if !hasAttr(n, "alt") || (attr(n, "alt") == "" && attr(n, "aria-hidden") != "true") {
					t.Errorf("%s: an image without alt text", name)
				}
			case "label":
				// A label names its control by for, or holds it.
				if attr(n, "for") == "" && !holdsControl(n) {
					t.Errorf("%s: a label without a control", name)
				} else if attr(n, "for") != "" {
					labels = append(labels, attr(n, "for"))
				}
			case "audio":
				if attr(n, "controls") == "" && !hasAttr(n, "controls") {
					t.Errorf("%s: audio without controls", name)
				}
			case "meta":
				if attr(n, "name") == "viewport" && !strings.Contains(attr(n, "content"), "width=device-width") {
					t.Errorf("%s: no mobile viewport", name)
				}
			}
		})
		for _, id := range labels {
			if !ids[id] {
				t.Errorf("%s: a label for %q, which is not there", name, id)
			}
		}
	}
}

// Text from the show and its episodes that looks like markup is shown as
// text on every page, never run.
func TestScriptIsText(t *testing.T) {
	const evil = `<script>alert(1)</script>`
	show, eps := example(t)
	s := *show
	s.Title = "Show " + evil
	s.Description = "About " + evil
	s.Author = "Author " + evil
	s.Copyright = "© " + evil
	s.Directories = []config.Directory{{Name: "Dir " + evil, URL: "https://example.com/?q=" + evil}}
	ep := *eps[0]
	ep.Title = "Episode " + evil
	ep.Summary = "Summary " + evil + ` <img src=x onerror="alert(2)"> [x](javascript:alert(3))`
	ep.Chapters = append([]episodes.Chapter{}, ep.Chapters...)
	ep.Chapters[1].Title = "Chapter " + evil
	ep.Links = []episodes.Link{{Group: "Group " + evil, Title: "Link " + evil, URL: "https://example.com/", Note: "Note " + evil}}
	ep.Takeaways = []string{"Takeaway " + evil}
	ep.People = []episodes.Person{{Name: "Person " + evil, Role: "guest", Href: "https://example.com/p"}}

	files := render(t, &s, []*episodes.Episode{&ep}, nil)
	want := map[string][]string{
		"index.html": {"Show " + evil, "About " + evil, "Author " + evil, "Dir " + evil, "Episode " + evil},
		"episodes/055-rust-in-production/index.html": {"Show " + evil, "Episode " + evil, "Chapter " + evil,
			"Link " + evil, "Note " + evil, "Group " + evil, "Takeaway " + evil, "Person " + evil, "© " + evil},
		"embed/055-rust-in-production.html": {"Show " + evil, "Episode " + evil, "Chapter " + evil},
	}
	for name, texts := range want {
		doc, err := html.Parse(bytes.NewReader(files[name]))
		if err != nil {
			t.Fatal(err)
		}
		var text strings.Builder
		scripts := 0
		walk(doc, func(n *html.Node) {
			switch {
			case n.Type == html.TextNode && (n.Parent == nil || n.Parent.Data != "script" && n.Parent.Data != "style"):
				text.WriteString(n.Data)
				text.WriteByte('\n')
			case n.Type == html.ElementNode && n.Data == "script" && attr(n, "type") == "application/ld+json":
				// Data, not code: it must be JSON that holds the text,
				// and cannot end its element.
				var v any
				if n.FirstChild == nil || json.Unmarshal([]byte(n.FirstChild.Data), &v) != nil || strings.Contains(n.FirstChild.Data, "</") {
					t.Errorf("%s: the JSON-LD is not JSON that stays inside its element", name)
				}
			case n.Type == html.ElementNode && n.Data == "script" && attr(n, "src") == "" &&
				n.FirstChild != nil && n.FirstChild.NextSibling == nil && n.FirstChild.Data == scriptedMark:
				// The layout's mark that the page runs scripts, always the same.
			case n.Type == html.ElementNode && n.Data == "script":
				scripts++
				if n.FirstChild != nil || attr(n, "src") == "" {
					t.Errorf("%s: an inline script; the pages load theirs from a file", name)
				}
			case n.Type == html.ElementNode:
				for _, a := range n.Attr {
					if strings.HasPrefix(a.Key, "on") {
						t.Errorf("%s: <%s %s=%q>: an event handler", name, n.Data, a.Key, a.Val)
					}
					if strings.Contains(strings.ToLower(a.Val), "javascript:") {
						t.Errorf("%s: <%s %s=%q>: a javascript: address", name, n.Data, a.Key, a.Val)
					}
				}
			}
		})
		for _, w := range texts {
			if !strings.Contains(text.String(), w) {
				t.Errorf("%s: the text %q is not shown as text", name, w)
			}
		}
		if wantScripts := 1; scripts != wantScripts { // the player's script
			t.Errorf("%s: %d script elements, want %d", name, scripts, wantScripts)
		}
	}
}

func TestTemplatesOverride(t *testing.T) {
	show, eps := example(t)
	custom := fstest.MapFS{
		"index.html": {Data: []byte(`<!DOCTYPE html><title>{{.Show.Title}}</title>{{template "feed-links" .}}<p>Custom {{len .Episodes}}</p>{{range .Episodes}}<p>{{minutes .Audio.Duration}}|{{clock .Audio.Duration}}|{{seconds .Audio.Duration}}|{{date .Published}}|{{isodate .Published}}</p>{{end}}`)},
		"feed.css":   {Data: []byte(`rss{display:block}`)},
		"README.md":  {Data: []byte("not a template, but not an HTML or XSL file either")},
	}
	files := render(t, show, eps, custom)
	if got := string(files["index.html"]); !strings.Contains(got, "<p>Custom 1</p>") || !strings.Contains(got, `rel="alternate"`) {
		t.Errorf("index.html does not come from the show's template:\n%s", got)
	}
	if got := string(files["index.html"]); !strings.Contains(got, "<p>35 min|35:14|2114|4 February 2025|2025-02-04T09:00:00Z</p>") {
		t.Errorf("the template functions give:\n%s", got)
	}
	if !bytes.Equal(files[site.StylesheetFile], custom["feed.css"].Data) {
		t.Errorf("feed.css is not the show's")
	}
	if !strings.Contains(string(files["episodes/055-rust-in-production/index.html"]), `<audio id="player"`) {
		t.Errorf("the episode page no longer comes from the built-in template")
	}

	// A layout of an older podfeed, without the blocks added since, still
	// renders: they come from the built-in layout.
	partial := render(t, show, eps, fstest.MapFS{"layout.html": {Data: []byte(`{{define "head"}}<meta name="custom-head">{{end}}`)}})
	if got := string(partial["index.html"]); !strings.Contains(got, `<meta name="custom-head">`) || !strings.Contains(got, `<audio`) {
		t.Errorf("a layout.html defining only head does not render over the built-in parts:\n%s", got)
	}

	for _, tt := range []struct {
		name string
		fs   fstest.MapFS
		want string
	}{
		{"misspelt name", fstest.MapFS{"episdoe.html": {Data: []byte("x")}},
			`templates/episdoe.html: not a template podfeed knows (it knows layout.html, index.html, episode.html, embed.html, 404.html, feed.css, site.css, player.js); did you mean "episode.html"?`},
		{"the XSLT stylesheet of old", fstest.MapFS{"feed.xsl": {Data: []byte("<xsl/>")}},
			"templates/feed.xsl: browsers are removing XSLT, so podfeed shows the feed with CSS (feed.css) instead; hint: move your styles to templates/feed.css, or delete feed.xsl"},
		{"parse error", fstest.MapFS{"embed.html": {Data: []byte("{{.Episode.Title")}},
			"templates/embed.html: template: embed.html:1: unclosed action"},
		{"unknown field", fstest.MapFS{"index.html": {Data: []byte("{{.Show.Nope}}")}},
			"render index.html: template: index.html:1:7: executing \"index.html\" at <.Show.Nope>: can't evaluate field Nope in type *config.Show"},
		{"layout with a parse error", fstest.MapFS{"layout.html": {Data: []byte(`{{define "head"}}`)}},
			`templates/layout.html: template: layout.html:1: unexpected EOF`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, _ := feed.Build(show, eps, feed.Options{})
			files, err := site.Build(show, eps, site.Options{Notes: out.Notes, Templates: tt.fs})
			// Pages render when they are written: their errors count too.
			for _, f := range files {
				if _, ferr := f.Bytes(); ferr != nil {
					err = errors.Join(err, ferr)
				}
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}

	// A templates folder that does not exist is no templates folder.
	if _, err := site.Build(show, eps, site.Options{Templates: os.DirFS(filepath.Join(t.TempDir(), "none"))}); err != nil {
		t.Errorf("missing templates folder: %v", err)
	}
}

func TestSlugsInAddresses(t *testing.T) {
	show, eps := example(t)
	ep := *eps[0]
	ep.Slug = "056 chapters & more"
	files := render(t, show, []*episodes.Episode{&ep}, nil)
	if _, ok := files["episodes/056 chapters & more/index.html"]; !ok {
		t.Fatalf("no page for the slug; files: %v", keys(files))
	}
	if !bytes.Contains(files["index.html"], []byte(`<a href="episodes/056%20chapters%20&amp;%20more/index.html">`)) {
		t.Errorf("index.html does not link the page with its slug escaped")
	}
	if !bytes.Contains(files["episodes/056 chapters & more/index.html"],
		[]byte(`src=&#34;https://codingchats.example.com/embed/056%20chapters%20&amp;amp;%20more.html&#34;`)) {
		t.Errorf("the embed code does not carry the escaped address")
	}

	for _, bad := range []string{"..", ".", `a\b`} {
		ep.Slug = bad
		ep.Chapters = nil
		if _, err := site.Build(show, []*episodes.Episode{&ep}, site.Options{}); err == nil || !strings.Contains(err.Error(), "cannot name a web page") {
			t.Errorf("slug %q: error %v", bad, err)
		}
	}
	if _, err := site.Build(show, []*episodes.Episode{eps[0], eps[0]}, site.Options{}); err == nil {
		t.Errorf("two episodes with one slug: no error")
	}
	if _, err := site.Build(nil, nil, site.Options{}); err == nil {
		t.Errorf("no show: no error")
	}
}

// Episodes are listed newest first, oldest first for a serial show, and
// pages link their neighbours.
func TestEpisodeOrder(t *testing.T) {
	show, eps := example(t)
	list := daily(eps[0], "001-first", "002-second", "003-third")
	order := func(index []byte) string {
		// The list, not the latest episode's card above it.
		index = index[max(0, bytes.Index(index, []byte(`id="episodes-heading"`))):]
		i1, i2, i3 := bytes.Index(index, []byte("Title 001")), bytes.Index(index, []byte("Title 002")), bytes.Index(index, []byte("Title 003"))
		switch {
		case i1 < 0 || i2 < 0 || i3 < 0:
			return "not every episode"
		case i3 < i2 && i2 < i1:
			return "newest first"
		case i1 < i2 && i2 < i3:
			return "oldest first"
		}
		return "in no order"
	}
	files := render(t, show, list, nil)
	if got := order(files["index.html"]); got != "newest first" {
		t.Errorf("episodic show lists %s", got)
	}
	middle := string(files["episodes/002-second/index.html"])
	if !strings.Contains(middle, `<a class="newer" href="../../episodes/003-third/index.html">`) || !strings.Contains(middle, `<a class="older" href="../../episodes/001-first/index.html">`) {
		t.Errorf("the middle episode does not link its neighbours")
	}
	serial := *show
	serial.Type = config.TypeSerial
	if got := order(render(t, &serial, list, nil)["index.html"]); got != "oldest first" {
		t.Errorf("serial show lists %s", got)
	}
}

// TestDatesInWrittenOffset checks that the pages date an episode in the
// offset its published time was written in, as the feeds do, not in UTC:
// the shown day, the <time datetime> and the date and isodate template
// functions.
func TestDatesInWrittenOffset(t *testing.T) {
	show, _ := example(t)
	const rest = "title = \"T\"\nguid = \"g\"\n[audio]\nurl = \"https://example.com/1.mp3\"\nlength = 1\ntype = \"audio/mpeg\"\nduration = \"1:00\"\n"
	custom := fstest.MapFS{"index.html": {Data: []byte(`{{range .Episodes}}<p>{{date .Published}}|{{isodate .Published}}</p>{{end}}`)}}
	for _, tt := range []struct {
		published string // as written in the episode file
		day, iso  string
	}{
		{"2026-01-12T00:30:00+01:00", "12 January 2026", "2026-01-12T00:30:00+01:00"}, // 11 January in UTC
		{`"2026-01-12T00:30:00+01:00"`, "12 January 2026", "2026-01-12T00:30:00+01:00"},
		{"2026-01-11T22:00:00-05:00", "11 January 2026", "2026-01-11T22:00:00-05:00"}, // 12 January in UTC
		{"2026-01-01T03:00:00+05:45", "1 January 2026", "2026-01-01T03:00:00+05:45"},  // 2025 in UTC
		{"2025-02-04T09:00:00Z", "4 February 2025", "2025-02-04T09:00:00Z"},
		{"2025-02-04T09:00:00+00:00", "4 February 2025", "2025-02-04T09:00:00Z"},
	} {
		t.Run(tt.published, func(t *testing.T) {
			ep, probs := episodes.Parse("episodes/001-t.toml", []byte("published = "+tt.published+"\n"+rest))
			if err := probs.Err(); err != nil {
				t.Fatal(err)
			}
			// html/template writes + as &#43;: compare what a browser reads.
			files := render(t, show, []*episodes.Episode{ep}, nil)
			page := func(name string) string { return html.UnescapeString(string(files[name])) }
			want := `<time datetime="` + tt.iso + `">` + tt.day + `</time>`
			for _, name := range []string{"index.html", "episodes/001-t/index.html"} {
				if !strings.Contains(page(name), want) {
					t.Errorf("%s has no %s:\n%s", name, want, page(name))
				}
			}
			if embed := page("embed/001-t.html"); !strings.Contains(embed, "<small>"+tt.day+" · ") {
				t.Errorf("embed/001-t.html does not show %s:\n%s", tt.day, embed)
			}
			files = render(t, show, []*episodes.Episode{ep}, custom)
			if got, want := page("index.html"), "<p>"+tt.day+"|"+tt.iso+"</p>"; !strings.Contains(got, want) {
				t.Errorf("date and isodate give %s, want %s", got, want)
			}
		})
	}
}

// Without notes (site used without feed), an episode page lists the
// chapters itself.
func TestPageWithoutNotes(t *testing.T) {
	show, eps := example(t)
	files, err := site.Build(show, eps, site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f.Name == "episodes/055-rust-in-production/index.html" {
			data, err := f.Bytes()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(data, []byte(`<li><a class="seek" href="#t=229" data-start="229" aria-label="Play from 03:49">03:49</a> Performance Gains with Rust</li>`)) {
				t.Errorf("no chapter list:\n%s", data)
			}
			return
		}
	}
	t.Fatal("no episode page")
}

func TestEmbedCodeAndFeedLinks(t *testing.T) {
	show, eps := example(t)
	code, err := site.EmbedCode(show, eps[0])
	if err != nil {
		t.Fatal(err)
	}
	want := `<iframe src="https://codingchats.example.com/embed/055-rust-in-production.html" ` +
		`title="Coding Chats: Rust in production at planet scale: lessons learned deploying Rust code to millions of devices" ` +
		`width="100%" height="200" style="border:0;max-width:40rem" loading="lazy"></iframe>`
	if code != want {
		t.Errorf("EmbedCode:\n got %s\nwant %s", code, want)
	}
	if _, err := site.EmbedCode(show, &episodes.Episode{}); err == nil {
		t.Errorf("EmbedCode of an episode without a slug: no error")
	}
	links := site.FeedLinks(&config.Show{Title: `A "quoted" <show>`, FeedURL: "https://example.com/pod/feed.xml"})
	wantLinks := `<link rel="alternate" type="application/rss+xml" title="A &#34;quoted&#34; &lt;show&gt; (RSS)" href="https://example.com/pod/feed.xml">
<link rel="alternate" type="application/atom+xml" title="A &#34;quoted&#34; &lt;show&gt; (Atom)" href="https://example.com/pod/atom.xml">
<link rel="alternate" type="application/feed+json" title="A &#34;quoted&#34; &lt;show&gt; (JSON Feed)" href="https://example.com/pod/feed.json">
`
	if links != wantLinks {
		t.Errorf("FeedLinks:\n%s\nwant\n%s", links, wantLinks)
	}
}

func TestApps(t *testing.T) {
	apps := site.Apps("Tom & Jerry", "https://example.com/pod/feed.xml?key=a b&x=1")
	got := map[string]string{}
	for _, a := range apps {
		got[a.Name] = string(a.URL)
	}
	want := map[string]string{
		"Overcast":       "overcast://x-callback-url/add?url=https%3A%2F%2Fexample.com%2Fpod%2Ffeed.xml%3Fkey%3Da+b%26x%3D1",
		"Pocket Casts":   "pktc://subscribe/example.com/pod/feed.xml?key=a b&x=1",
		"AntennaPod":     "https://antennapod.org/deeplink/subscribe?url=https%3A%2F%2Fexample.com%2Fpod%2Ffeed.xml%3Fkey%3Da+b%26x%3D1&title=Tom+%26+Jerry",
		"Podcast Addict": "podcastaddict://example.com/pod/feed.xml?key=a b&x=1",
		"Other apps":     "podcast://example.com/pod/feed.xml?key=a b&x=1",
	}
	if len(got) != len(want) {
		t.Errorf("%d apps, want %d", len(got), len(want))
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: %q, want %q", name, got[name], w)
		}
	}
	for _, bad := range []string{"", "feed.xml", "ftp://example.com/feed.xml", "https:///feed.xml", "javascript:alert(1)"} {
		if apps := site.Apps("T", bad); apps != nil {
			t.Errorf("Apps(%q) = %v, want none", bad, apps)
		}
	}
}

// hashes matches the content hash in an asset's name.
var hashes = regexp.MustCompile(`\.[0-9a-f]{10}\.`)

// holdsControl reports whether a label holds the control it names.
func holdsControl(label *html.Node) bool {
	found := false
	walk(label, func(n *html.Node) {
		if n.Type == html.ElementNode && (n.Data == "select" || n.Data == "input" || n.Data == "textarea") {
			found = true
		}
	})
	return found
}

// checkXML fails unless data is well-formed XML.
func checkXML(t *testing.T, name string, data []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
}

func walk(n *html.Node, f func(*html.Node)) {
	f(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// A transcript given as cues is shown beside the player as text, each
// paragraph from a seek link and each cue with its times, escaped; the page
// links it as #transcript rather than as a file.
func TestTranscriptBesideThePlayer(t *testing.T) {
	show, eps := example(t)
	eps[0].Transcripts = []podcast.Transcript{{URL: "https://codingchats.example.com/transcripts/055-rust-in-production.vtt", Type: "text/vtt", Language: "en"}}
	cues := []transcript.Cue{
		{Start: 0, End: 4200 * time.Millisecond, Speaker: "Ana <b>", Text: "Hello & <script>alert(1)</script>"},
		{Start: 4200 * time.Millisecond, End: 6 * time.Second, Text: "and welcome."},
		{Start: 229 * time.Second, End: 231500 * time.Millisecond, Speaker: "Ben", Text: "Performance."},
	}
	page := func(tr map[string]*site.TranscriptCues) string {
		t.Helper()
		files, err := site.Build(show, eps, site.Options{Transcripts: tr})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if f.Name == "episodes/055-rust-in-production/index.html" {
				data, err := f.Bytes()
				if err != nil {
					t.Fatal(err)
				}
				return string(data)
			}
		}
		t.Fatal("no episode page")
		return ""
	}
	got := page(map[string]*site.TranscriptCues{"055-rust-in-production": {Index: 0, Cues: cues}})
	for _, want := range []string{
		`<li><a class="btn" href="#transcript">Transcript</a></li>`,
		`<section class="card transcript" id="transcript" aria-labelledby="transcript-heading">`,
		`<h2 id="transcript-heading">Transcript</h2>`,
		`<a href="../../transcripts/055-rust-in-production.vtt" type="text/vtt" download>VTT file</a>`,
		`<p><a class="seek" href="#t=0" data-start="0" aria-label="Play from 00:00">00:00</a> <b>Ana &lt;b&gt;</b> <span data-start="0" data-end="4.2">Hello &amp; &lt;script&gt;alert(1)&lt;/script&gt;</span> <span data-start="4.2" data-end="6">and welcome.</span></p>`,
		`<p><a class="seek" href="#t=229" data-start="229" aria-label="Play from 03:49">03:49</a> <b>Ben</b> <span data-start="229" data-end="231.5">Performance.</span></p>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if strings.Contains(got, "Transcript, VTT") {
		t.Error("the page links the transcript it shows as a file too")
	}
	// Without cues, or with cues of a transcript the episode does not
	// have, the page links the file.
	for _, tr := range []map[string]*site.TranscriptCues{nil, {"055-rust-in-production": {Index: 3, Cues: cues}}} {
		if got := page(tr); strings.Contains(got, `id="transcript"`) || !strings.Contains(got, `>Transcript, VTT (en)</a>`) {
			t.Errorf("without cues the page shows a transcript, or does not link it (%v)", tr)
		}
	}
}

// An episode's page and embed show all that is worked out for them, also
// those of an episode that is not the newest, whose share links, chapters
// and embed code are let go of after both are rendered; a page rendered
// again shows them again (see render).
func TestPagesOfOlderEpisodes(t *testing.T) {
	show, eps := example(t)
	if len(eps[0].Chapters) == 0 {
		t.Fatal("the example episode has no chapters")
	}
	three := daily(eps[0], "ep-0", "ep-1", "ep-2")
	files := render(t, show, three, nil)
	for _, slug := range []string{"ep-0", "ep-1"} {
		page, embed := string(files["episodes/"+slug+"/index.html"]), string(files["embed/"+slug+".html"])
		for _, want := range []string{`&lt;iframe src=`, `class="share`, `PodcastEpisode`, `data-chapters="`} {
			if !strings.Contains(page, want) {
				t.Errorf("the page of %s lacks %s", slug, want)
			}
		}
		if !strings.Contains(embed, `data-chapters="`) {
			t.Errorf("the embed of %s lacks its chapters' starts", slug)
		}
	}
}

// Page templates of a show's own may reach any episode, not only the
// page's own and its neighbours: every episode is prepared for them.
func TestOwnTemplatesSeeEveryEpisode(t *testing.T) {
	show, eps := example(t)
	three := daily(eps[0], "ep-0", "ep-1", "ep-2")
	for i, ep := range three {
		ep.Summary = fmt.Sprintf("Summary number %d.", i)
	}
	custom := fstest.MapFS{"episode.html": {Data: []byte(`{{with .Episode.Older}}{{with .Older}}<p>{{.Description}}</p>{{end}}{{end}}`)}}
	files := render(t, show, three, custom)
	if got := string(files["episodes/ep-2/index.html"]); got != "<p>Summary number 0.</p>" {
		t.Errorf("the newest episode's page shows %q of the oldest's description", got)
	}
}

// The pages of the episode list are the same whether Go writes their
// entries (Page.EpisodeItems, with the built-in layout) or index.html's
// own markup does (with a layout of the show's own, here a copy of the
// built-in one), over titles and summaries full of characters to escape.
func TestEpisodeItemsMatchIndexTemplate(t *testing.T) {
	show, eps := example(t)
	many := daily(eps[0], "ep-0", "ep-1", "ep-2", "ep-3")
	for i, ep := range many {
		ep.Title = fmt.Sprintf(`Title <%d> & "quotes" 'too' + more`, i)
		ep.Summary = fmt.Sprintf("Summary %d with <b>tags</b> & more.\n\n- an item\n- another & one", i)
		ep.Number = i
	}
	many[1].Slug, many[1].Chapters = "", nil // no page (nor chapters file) of its own: its title links to its audio
	layout, err := os.ReadFile(filepath.Join("templates", "layout.html"))
	if err != nil {
		t.Fatal(err)
	}
	builtin := render(t, show, many, nil)
	own := render(t, show, many, fstest.MapFS{"layout.html": {Data: layout}})
	page := string(builtin["index.html"])
	if !strings.Contains(page, "Title &lt;3&gt; &amp; &#34;quotes&#34;") || !strings.Contains(page, "<ul>\n<li>an item</li>") {
		t.Fatalf("index.html does not list the episodes as expected:\n%s", page)
	}
	if page != string(own["index.html"]) {
		t.Errorf("index.html differs between Go's entries and the template's:\n%s\n---\n%s", page, own["index.html"])
	}
}

// A layout of the show's own may show anything of a page in its head,
// footer and script blocks: the built-in pages render them on each page,
// not once for all.
func TestOwnLayoutPartsOnEveryPage(t *testing.T) {
	show, eps := example(t)
	two := daily(eps[0], "ep-0", "ep-1")
	layout := `{{define "head"}}<meta name="head" content="{{with .Episode}}{{.Title}}{{end}}">{{end}}` +
		`{{define "footer"}}<p>footer {{with .Episode}}{{.Title}}{{end}}</p>{{end}}` +
		`{{define "script"}}<script src="{{.Root}}{{with .Episode}}{{.Slug}}{{end}}.js"></script>{{end}}`
	files := render(t, show, two, fstest.MapFS{"layout.html": {Data: []byte(layout)}})
	for i := range 2 {
		page := string(files[fmt.Sprintf("episodes/ep-%d/index.html", i)])
		for _, want := range []string{
			fmt.Sprintf(`<meta name="head" content="Title ep-%d">`, i),
			fmt.Sprintf(`<p>footer Title ep-%d</p>`, i),
			fmt.Sprintf(`<script src="../../ep-%d.js"></script>`, i),
		} {
			if !strings.Contains(page, want) {
				t.Errorf("episode %d's page lacks %s", i, want)
			}
		}
		if embed := string(files[fmt.Sprintf("embed/ep-%d.html", i)]); !strings.Contains(embed, fmt.Sprintf(`<script src="../ep-%d.js"></script>`, i)) {
			t.Errorf("episode %d's embed page has another script:\n%s", i, embed)
		}
	}
	if index := string(files["index.html"]); !strings.Contains(index, `<meta name="head" content="">`) || !strings.Contains(index, `<p>footer </p>`) {
		t.Errorf("index.html has other parts:\n%s", index)
	}

	// A page may ask for no other part of the layout.
	own := fstest.MapFS{"index.html": {Data: []byte(`{{.Part "player"}}`)}}
	out, _ := feed.Build(show, two, feed.Options{})
	files2, err := site.Build(show, two, site.Options{Notes: out.Notes, Templates: own})
	if err == nil {
		_, err = files2[len(files2)-1].Bytes()
	}
	if want := `part "player": not one of head, footer, script`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v, want %q", err, want)
	}
}

// daily returns a copy of ep for each slug, a day after the one before,
// with the slug as its guid and "Title SLUG" as its title.
func daily(ep *episodes.Episode, slugs ...string) []*episodes.Episode {
	var list []*episodes.Episode
	for i, slug := range slugs {
		c := *ep
		c.Slug, c.GUID, c.Title = slug, slug, "Title "+slug
		c.Published = ep.Published.AddDate(0, 0, i)
		list = append(list, &c)
	}
	return list
}
