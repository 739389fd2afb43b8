package site

import (
	"encoding/xml"
	"fmt"
	"net/url"
	"testing"
	"time"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/episodes"
)

// An episode's JSON-LD has its keys in order, as encoding/json writes a
// map's, and leaves out what the episode does not have.
func TestEpisodeLD(t *testing.T) {
	show := &config.Show{Title: "Show <&>", Language: "en"}
	published := time.Date(2025, 2, 4, 9, 0, 0, 0, time.UTC)
	bare := &Episode{Episode: &episodes.Episode{Title: "Bare", Published: published, Audio: episodes.Audio{URL: "https://x/a.mp3"}}}
	full := &Episode{
		Episode: &episodes.Episode{Title: "Full", Number: 7, Published: published,
			Audio: episodes.Audio{URL: "https://x/b.mp3", Type: "audio/mpeg", Duration: 3723 * time.Second}},
		URL: "https://x/episodes/full/", Image: "https://x/art.jpg", Description: "About <b>",
	}
	for _, tt := range []struct {
		e    *Episode
		want string
	}{
		{bare, `{"@context":"https://schema.org","@type":"PodcastEpisode","associatedMedia":{"@type":"MediaObject","contentUrl":"https://x/a.mp3"},"datePublished":"2025-02-04T09:00:00Z","description":"","image":"","inLanguage":"en","name":"Bare","partOfSeries":{"@type":"PodcastSeries","name":"Show \u003c\u0026\u003e","url":"https://x/"},"url":""}`},
		{full, `{"@context":"https://schema.org","@type":"PodcastEpisode","associatedMedia":{"@type":"MediaObject","contentUrl":"https://x/b.mp3","duration":"PT1H2M3S","encodingFormat":"audio/mpeg"},"datePublished":"2025-02-04T09:00:00Z","description":"About \u003cb\u003e","episodeNumber":7,"image":"https://x/art.jpg","inLanguage":"en","name":"Full","partOfSeries":{"@type":"PodcastSeries","name":"Show \u003c\u0026\u003e","url":"https://x/"},"timeRequired":"PT1H2M3S","url":"https://x/episodes/full/"}`},
	} {
		if got := string(episodeLD(show, "https://x/", tt.e)); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.e.Title, got, tt.want)
		}
	}
}

// sitemap writes what encoding/xml's MarshalIndent wrote before it, for
// addresses that need escaping too.
func TestSitemapAsMarshalIndent(t *testing.T) {
	day := time.Date(2026, 3, 4, 23, 30, 0, 0, time.FixedZone("", -5*3600)) // the 5th in UTC
	for _, urls := range [][]string{
		nil,
		{"https://example.com/episodes/1/"},
		{"https://example.com/a&b/", "", "https://example.com/<x>/'\"/", "https://example.com/é\t/"},
		{"https://example.com/\x01/", "https://example.com/\xff/", "https://example.com/\x7f\r\n/", "https://example.com/plain-é/"},
	} {
		p := &Page{SiteURL: "https://example.com/s&t/", lists: listPages(len(urls)*40, false)}
		for i, u := range urls {
			p.all = append(p.all, &Episode{Episode: &episodes.Episode{Published: day.AddDate(0, 0, -i)}, URL: u})
		}
		if got, want := string(sitemap(p)), marshalSitemap(p); got != want {
			t.Errorf("sitemap of %q:\n%s\nwant\n%s", urls, got, want)
		}
	}
}

// marshalSitemap is sitemap as encoding/xml writes it.
func marshalSitemap(p *Page) string {
	type loc struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"`
	}
	var s struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []loc    `xml:"url"`
	}
	newest := ""
	if len(p.all) > 0 {
		newest = p.all[0].Published.UTC().Format("2006-01-02")
	}
	s.URLs = append(s.URLs, loc{Loc: p.SiteURL, LastMod: newest})
	for _, l := range p.lists[1:] {
		s.URLs = append(s.URLs, loc{Loc: p.SiteURL + l.path})
	}
	for _, e := range p.all {
		if e.URL != "" {
			s.URLs = append(s.URLs, loc{Loc: e.URL, LastMod: e.Published.UTC().Format("2006-01-02")})
		}
	}
	b, err := xml.MarshalIndent(s, "", "  ")
	if err != nil {
		return err.Error()
	}
	return xml.Header + string(b) + "\n"
}

// The monogram favicon is a well-formed SVG image that shows the first
// letter or digit of the title, upper-cased, and none for a title without
// one.
func TestMonogram(t *testing.T) {
	for _, tt := range []struct{ title, want string }{
		{"Field Notes", "F"},
		{"  ¡hola, mundo!", "H"},
		{"99% Invisible", "9"},
		{"über Rust", "Ü"},
		{"<&>", ""},
		{"", ""},
	} {
		var svg struct {
			XMLName xml.Name `xml:"http://www.w3.org/2000/svg svg"`
			Text    *string  `xml:"text"`
		}
		b := monogram(tt.title)
		if err := xml.Unmarshal(b, &svg); err != nil {
			t.Fatalf("monogram(%q) = %s: %v", tt.title, b, err)
		}
		got := ""
		if svg.Text != nil {
			got = *svg.Text
			if got == "" {
				t.Errorf("monogram(%q) has an empty <text>", tt.title)
			}
		}
		if got != tt.want {
			t.Errorf("monogram(%q) shows %q, want %q", tt.title, got, tt.want)
		}
	}
}

// FuzzShares: the share links escape the page's address and text once for
// all, as each link would alone.
func FuzzShares(f *testing.F) {
	f.Add("https://example.com/episodes/a b/", "Show: Title & more +1")
	f.Add("https://example.com/é?x=1#y", "")
	f.Fuzz(func(t *testing.T, page, text string) {
		if page == "" {
			return
		}
		ss := shares(page, text)
		if want := "https://bsky.app/intent/compose?text=" + url.QueryEscape(text+" "+page); ss[0].URL != want {
			t.Errorf("Bluesky: %q, want %q", ss[0].URL, want)
		}
		if want := "https://mastodonshare.com/?text=" + url.QueryEscape(text) + "&url=" + url.QueryEscape(page); ss[1].URL != want {
			t.Errorf("Mastodon: %q, want %q", ss[1].URL, want)
		}
	})
}

// BenchmarkSitemap writes the sitemap of 10,000 episodes.
func BenchmarkSitemap(b *testing.B) {
	day := time.Date(2026, 3, 4, 23, 30, 0, 0, time.UTC)
	p := &Page{SiteURL: "https://example.com/show/", lists: listPages(10_000, false)}
	for i := range 10_000 {
		p.all = append(p.all, &Episode{Episode: &episodes.Episode{Published: day.AddDate(0, 0, -i)},
			URL: fmt.Sprintf("https://example.com/show/episodes/%05d-an-episode-title/", i)})
	}
	for b.Loop() {
		sitemap(p)
	}
}
