package site_test

import (
	"os"
	"path/filepath"
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
)

// comparePages renders eps twice, with the built-in pages, whose episode
// and embed pages Go writes, and with a copy of the built-in layout as the
// show's own, which has the templates write them, and fails on any page
// that differs. opts.Notes are the feed's notes unless noNotes.
func comparePages(t testing.TB, show *config.Show, eps []*episodes.Episode, opts site.Options, noNotes bool) {
	t.Helper()
	if !noNotes {
		out, err := feed.Build(show, eps, feed.Options{})
		if err != nil {
			t.Fatalf("feed.Build: %v", err)
		}
		opts.Notes = out.Notes
	}
	layout, err := os.ReadFile(filepath.Join("templates", site.LayoutTemplate))
	if err != nil {
		t.Fatal(err)
	}
	own := opts
	own.Templates = fstest.MapFS{site.LayoutTemplate: {Data: layout}}
	written, templated := pages(t, show, eps, opts), pages(t, show, eps, own)
	compared := 0
	for name, page := range written {
		if !strings.HasPrefix(name, "episodes/") && !strings.HasPrefix(name, "embed/") {
			continue
		}
		compared++
		if want := templated[name]; page != want {
			t.Errorf("%s: Go writes\n%s\nthe template\n%s", name, page, want)
		}
	}
	if want := 2 * len(eps); compared != want {
		t.Errorf("compared %d pages, want %d", compared, want)
	}
}

// pages renders the site, each file by name.
func pages(t testing.TB, show *config.Show, eps []*episodes.Episode, opts site.Options) map[string]string {
	t.Helper()
	files, err := site.Build(show, eps, opts)
	if err != nil {
		t.Fatalf("site.Build: %v", err)
	}
	m := map[string]string{}
	for _, f := range files {
		data, err := f.Bytes()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		m[f.Name] = string(data)
	}
	return m
}

// The episode and embed pages Go writes are the templates' to the byte:
// for both examples, and for episodes with every part a page may show or
// leave out, with text full of characters to escape.
func TestBuiltinPagesMatchTemplates(t *testing.T) {
	t.Run("coding-chats", func(t *testing.T) {
		show, eps := example(t)
		comparePages(t, show, eps, site.Options{}, false)
	})
	t.Run("every-tag", func(t *testing.T) {
		loaded, probs := project.Load("../examples/every-tag")
		if err := probs.Err(); err != nil {
			t.Fatal(err)
		}
		live, _ := episodes.Select(loaded.Episodes, time.Date(2025, 2, 1, 6, 30, 0, 0, time.UTC))
		if len(live) == 0 {
			t.Fatal("no live episode")
		}
		comparePages(t, loaded.Config, live, site.Options{}, false)
	})

	show, eps := example(t)
	odd := `Tom & "Jerry" <b>'s</b> + más`
	many := daily(eps[0], "ep-0", "ep-1", "ep-2", "ep-3")
	for i, ep := range many {
		ep.Title = odd
		ep.Number = i // 0: no number
		ep.Summary = "A summary with " + odd + ".\n\n- an item\n- another & one"
		ep.Image = []string{show.Image, "https://img.example.com/ep?a=1&b=<2>", "javascript:alert(1)", "artwork.jpg"}[i]
		ep.Audio.URL = []string{ep.Audio.URL, "https://codingchats.example.com/media/a b.mp3", "data:x", ep.Audio.URL}[i]
		ep.Audio.Duration = time.Duration(i) * 1234 * time.Second // 0: no length
		ep.People = []episodes.Person{{Name: odd, Role: "host"}, {Name: "Ben", Href: "https://ben.example.com/?q=<1>", Img: "https://ben.example.com/me.jpg"}}
		ep.Soundbites = []podcast.Soundbite{{Start: 90250 * time.Millisecond, Duration: 30 * time.Second, Title: odd}}
		ep.Location = &podcast.Location{Name: odd, Rel: []string{"creator", ""}[i%2], OSM: []string{"R113314", ""}[i/2]}
		ep.License = &podcast.License{Identifier: []string{"CC-BY-4.0", "my license"}[i%2], URL: []string{"", "https://lic.example.com/?a&b"}[i/2]}
		if i%2 == 1 {
			ep.Value = &podcast.Value{Recipients: []podcast.Recipient{{Name: odd}, {Name: "Fee", Fee: true}, {Name: "Ana"}}}
		}
		if i == 2 {
			ep.Value = &podcast.Value{Recipients: []podcast.Recipient{{Name: "Fee", Fee: true}}}
			ep.Chapters = nil
		}
		ep.Transcripts = []podcast.Transcript{
			{URL: "https://codingchats.example.com/transcripts/" + ep.Slug + ".vtt", Type: "text/vtt", Language: []string{"en", ""}[i%2]},
			{URL: "https://elsewhere.example.com/t.srt?x=<1>", Type: "application/x-subrip"},
		}
	}
	funded := *show
	funded.Title = odd
	funded.Funding = []config.Funding{{URL: "https://fund.example.com/?a&b", Text: odd}, {URL: "https://fund.example.com/2"}}
	cues := map[string]*site.TranscriptCues{
		"ep-1": {Index: 0, Cues: []transcript.Cue{{Start: 0, End: 4200 * time.Millisecond, Speaker: odd, Text: odd}}},
		"ep-2": {Index: 1, Cues: []transcript.Cue{{Start: 229 * time.Second, End: 231 * time.Second, Text: "Performance."}}},
	}
	for _, c := range []struct {
		name    string
		show    *config.Show
		opts    site.Options
		noNotes bool
	}{
		{"notes", show, site.Options{}, false},
		{"no notes", show, site.Options{}, true},
		{"transcripts and small artwork", show, site.Options{Transcripts: cues, Artwork: site.Artwork{Hero: "https://codingchats.example.com/assets/hero.jpg", Thumb: "https://codingchats.example.com/assets/thumb.jpg", Icon: "https://codingchats.example.com/assets/icon.png"}}, false},
		{"funding", &funded, site.Options{Transcripts: cues}, true},
	} {
		t.Run(c.name, func(t *testing.T) { comparePages(t, c.show, many, c.opts, c.noNotes) })
	}
}

// FuzzBuiltinPages holds the pages Go writes to the templates' over
// fuzzed episode text.
func FuzzBuiltinPages(f *testing.F) {
	show, eps := example(f)
	f.Add(eps[0].Title, eps[0].Summary, eps[0].Chapters[1].Title, "Ana", "https://example.com/x", "en", 55)
	f.Add(`<script>alert(1)</script>`, "", `"><svg onload=alert(1)>`, "", "javascript:x", "", 0)
	f.Add("</textarea>\x00+'", "- a\n- b\n\ntext", "\xff\xfe", "a\"b", "a b/c?d=<e>#f", "\"", -3)
	f.Fuzz(func(t *testing.T, title, summary, chapter, name, address, lang string, number int) {
		ep := *eps[0]
		ep.Title, ep.Summary, ep.Number, ep.Image = title, summary, number, address
		ep.Chapters = append([]episodes.Chapter{}, ep.Chapters...)
		ep.Chapters[1].Title = chapter
		ep.People = []episodes.Person{{Name: name, Href: address, Img: address, Role: chapter}}
		ep.Soundbites = []podcast.Soundbite{{Start: time.Second, Duration: time.Second, Title: name}}
		ep.Location = &podcast.Location{Name: name, OSM: "N" + lang}
		ep.License = &podcast.License{Identifier: name, URL: address}
		ep.Transcripts = []podcast.Transcript{{URL: address, Type: lang, Language: lang}}
		s := *show
		s.Language = lang
		s.Funding = []config.Funding{{URL: address, Text: name}}
		comparePages(t, &s, []*episodes.Episode{&ep}, site.Options{}, false)
	})
}
