package importer

import (
	"bytes"
	"fmt"
	"html"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/podfeed/podfeed/config"

	"github.com/mmcdole/gofeed"

	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/golden"
	"github.com/podfeed/podfeed/internal/timecode"
)

// shapes are small feeds in testdata/shapes, one for each thing real hosts
// write that once stopped an import or was lost by one (issue 13). Each
// must import and build as it is; want names warnings it must give.
var shapes = []struct {
	file string
	opts Options
	// online imports with hostServer as the network: chapters files
	// from testdata/hosts/chapters, media that answer HEAD.
	online bool
	want   []string
	also   func(t *testing.T, imp *Import)
	// dates are the dates (RFC 3339) the built feed must give items
	// whose source date gofeed cannot read, by guid.
	dates map[string]string
}{
	{file: "http-artwork.xml"},
	{file: "no-self-link.xml", opts: Options{FeedURL: "https://podfeed.squarespace.example/feed.xml"}, also: func(t *testing.T, imp *Import) {
		// Neither a podcast:guid nor an old address: the guid is pinned
		// to the new feed's, so that a later move keeps it.
		wantString(t, "guid", config.PodcastGUID("https://podfeed.squarespace.example/feed.xml"), imp.Show.GUID)
	}},
	{file: "old-categories.xml", also: func(t *testing.T, imp *Import) {
		wantString(t, "categories", "[Technology News/Politics Arts/Books]", fmt.Sprint(imp.Show.Categories))
	}},
	{file: "no-length.xml", also: func(t *testing.T, imp *Import) {
		for _, ep := range imp.Episodes {
			if ep.Audio.Length != 0 {
				t.Errorf("%s: length %d, want 0 (unknown) without a network", ep.GUID, ep.Audio.Length)
			}
		}
	}},
	{file: "duplicate-numbers.xml"},
	{file: "duplicate-guid.xml"},
	{file: "enclosure-types.xml", also: func(t *testing.T, imp *Import) {
		for guid, want := range map[string]string{"types-1": "audio/mpeg", "types-2": "audio/x-m4a", "types-3": "video/mp4"} {
			wantString(t, guid+" type", want, episodeByGUID(t, imp, guid).Audio.Type)
		}
	}},
	{file: "psc-out-of-order.xml", also: func(t *testing.T, imp *Import) {
		wantChapters(t, imp.Episodes[0], "00:00:00 Intro", "00:10:00.500 Ionosphäre", "00:30:00 Antennen")
	}},
	{file: "empty-person.xml", want: []string{"an empty <podcast:person> is not kept"}},
	{file: "empty-channel-link.xml", also: func(t *testing.T, imp *Import) {
		if imp.Show.Link == "" {
			t.Error("the show has no link")
		}
	}},
	{file: "image-url-spaces.xml", also: func(t *testing.T, imp *Import) {
		wantString(t, "show image", "https://spaces.example/My%20Show%20Art.jpg", imp.Show.Image)
	}},
	{file: "html-entities.xml", want: []string{"not well-formed XML"}, also: func(t *testing.T, imp *Import) {
		ep := episodeByGUID(t, imp, "omny-2")
		wantString(t, "title", "Café talk", ep.Title)
		wantString(t, "summary", "Coffee and code — see [the café](https://example.org/cafe).", ep.Summary)
	}},
	{file: "leading-newline.xml", want: []string{"white space before the XML declaration"}},
	{file: "bom.xml"},
	{file: "notes-structure.xml", also: func(t *testing.T, imp *Import) {
		ep := imp.Episodes[0]
		wantString(t, "file", "episodes/055-rust-in-production.toml", ep.File)
		for _, want := range []string{"## About\n\n", "Rust at scale.\\\nLine two", "### Takeaways\n\n",
			"- Measure *first*, read [the profiling guide](https://example.org/profiling)", "1. one"} {
			if !strings.Contains(ep.Summary, want) {
				t.Errorf("summary lacks %q:\n%s", want, ep.Summary)
			}
		}
	}},
	{file: "timestamp-chapters.xml", also: func(t *testing.T, imp *Import) {
		wantChapters(t, episodeByGUID(t, imp, "stamps-bold"), "00:00:00 Hello", "00:03:49 Performance gains", "00:10:12 Memory",
			"00:17:30 Async", "00:25:05 Tooling", "00:33:40 Hiring", "00:43:52 Questions", "00:55:10 Goodbye")
		wantChapters(t, episodeByGUID(t, imp, "stamps-bracket"), "00:00:00 Start", "00:05:30 Middle", "00:20:15 Late", "00:35:00 End")
	}},
	{file: "psc-chapter-fixes.xml", want: []string{
		`item "FS018 Dipol": an untitled chapter at 00:00:00 starts where chapter "Begrüßung" does: left out`,
		`item "FS018 Dipol": chapter "Hörerpost" at 00:12:10 starts where chapter "Feedback" does: left out`,
		`item "FS018 Dipol": chapter "Outro" at 00:51:30 starts past the episode's end (duration 00:50:00): left out`,
		`item "FS018 Dipol": the chapter at 00:45:00 has no title: called "Chapter 3"`,
	}, also: func(t *testing.T, imp *Import) {
		ep := episodeByGUID(t, imp, "podlove-2025-03-14t18:00:00+00:00-8a1c2f3e4d5b6a7")
		wantChapters(t, ep, "00:00:00 Begrüßung", "00:12:10 Feedback", "00:45:00 Chapter 3")
		// The chapter left out gives the kept one what it alone had.
		wantString(t, "chapter link", "https://funkstille.example/kontakt/", ep.Chapters[1].URL)
	}},
	{file: "json-chapter-fixes.xml", online: true, want: []string{
		"podcast:chapters out of order were sorted by start",
		`item "13. Handover": chapter "Sponsor: Scrubs & Co" at 00:00:00 starts where chapter "Intro" does: left out`,
		`item "13. Handover": chapter "After the credits" at 00:30:45 starts past the episode's end (duration 00:30:00): left out`,
		`item "13. Handover": the chapter at 00:15:00 has no title: called "Chapter 3"`,
	}, also: func(t *testing.T, imp *Import) {
		wantChapters(t, episodeByGUID(t, imp, "https://nightshift.example/@nightshift/episodes/three-am"),
			"00:00:00 Cold open", "00:01:35 The ward at 3 a.m.", "00:15:12.500 Listener stories")
		wantChapters(t, episodeByGUID(t, imp, "https://nightshift.example/@nightshift/episodes/handover"),
			"00:00:00 Intro", "00:07:00 What SBAR stands for", "00:15:00 Chapter 3")
	}},
	{file: "no-language.xml", want: []string{`no-language.xml:3:1: warning: the feed names no <language>: podcast.toml has language = "en"`}, also: func(t *testing.T, imp *Import) {
		wantString(t, "language", "en", imp.Show.Language)
	}},
	{file: "language-name.xml", want: []string{`language "Français" is a language's name: written as its tag "fr"`}, also: func(t *testing.T, imp *Import) {
		wantString(t, "language", "fr", imp.Show.Language)
	}},
	{file: "no-description.xml", want: []string{`no-description.xml:3:1: warning: the channel has no <description> nor <itunes:summary>: description is its <itunes:subtitle>, "Demos, B-sides and the stories behind them"`}},
	{file: "empty-description.xml", want: []string{`empty-description.xml:7:1: warning: the channel has no <description> nor <itunes:summary>: description is its <title>, "Council Meeting Audio"`}},
	{file: "octet-stream-no-extension.xml", want: []string{
		`octet-stream-no-extension.xml:18:1: warning: enclosure type "application/octet-stream" on an address without a file extension is written as "audio/mpeg"`,
		`octet-stream-no-extension.xml:27:1: warning: an <enclosure> without type on an address without a file extension is written as "audio/mpeg"`,
		"(no network access) check [audio] type",
	}, also: func(t *testing.T, imp *Import) {
		for _, ep := range imp.Episodes {
			wantString(t, ep.GUID+" type", "audio/mpeg", ep.Audio.Type)
		}
	}},
	{file: "malformed-dates.xml", want: []string{
		`malformed-dates.xml:16:1: warning: the date "Wed, 03 Sept 2025 09:00:00 +0100" is not RFC 822: read as 2025-09-03T09:00:00+01:00`,
		`the date "Wed, 13 Aug 2025 13:30:00 IST" is not RFC 822 (its zone IST may be India +05:30, Ireland +01:00 or Israel +02:00: read as UTC): read as 2025-08-13T13:30:00Z`,
	}, dates: map[string]string{
		// gofeed reads neither "Sept" nor a full month name with a
		// zone name.
		"allotment-hour-41": "2025-09-03T09:00:00+01:00", "allotment-hour-40": "2025-08-27T09:00:00+01:00",
	}},
	{file: "no-dates.xml", want: []string{
		`no-dates.xml:14:1: warning: item "Finals week call-in" had no <pubDate>: published is 2025-03-17T06:00:00-04:00, the feed's <lastBuildDate>`,
		`no-dates.xml:22:1: warning: item "Spring concert preview" had no <pubDate>: published is 2025-03-17T06:00:00-04:00, the feed's <lastBuildDate>`,
	}, dates: map[string]string{
		"archive-2025-03-finals": "2025-03-17T06:00:00-04:00", "archive-2025-03-concert": "2025-03-17T06:00:00-04:00",
	}, also: func(t *testing.T, imp *Import) {
		wantString(t, "dc:date", "2025-03-05T21:00:00-05:00", episodeByGUID(t, imp, "archive-2025-03-election").Published.Format(time.RFC3339))
		if strings.Contains(imp.Problems.Format(), "dc:date") {
			t.Errorf("the dc:date read as the date is reported:\n%s", imp.Problems.Format())
		}
		if steps := imp.MoveInSteps(); !strings.Contains(steps[0], "date (but for 2 episodes whose item had none: see the warnings),") {
			t.Errorf("the move's first step claims every date kept: %s", steps[0])
		}
		files := imp.Files("no-dates.xml")
		for _, f := range files {
			if strings.HasSuffix(f.Name, "finals-call-in.toml") && !strings.Contains(string(f.Data), "# published is not the source's: the item had no <pubDate>.\n# It is the feed's <lastBuildDate>") {
				t.Errorf("%s does not say why published is what it is:\n%s", f.Name, f.Data)
			}
		}
	}},
	{file: "dropped-tags.xml", also: func(t *testing.T, imp *Import) {
		wantString(t, "new_feed_url", "https://newhost.p20.example/feed.xml", imp.Show.NewFeedURL)
		if imp.Show.Value == nil {
			t.Error("podcast:value dropped")
		}
		if !episodeByGUID(t, imp, "p20-2").Block {
			t.Error("itunes:block dropped: the blocked episode became visible")
		}
		open := episodeByGUID(t, imp, "p20-1")
		if len(open.AlternateEnclosures) != 1 || len(open.Transcripts) != 1 {
			t.Errorf("alternate enclosures %v, transcripts %v: want one of each", open.AlternateEnclosures, open.Transcripts)
		}
	}},
}

// TestShapes imports each shape, builds the result and checks, against
// what gofeed reads from the source, that every episode keeps its guid,
// its date with its UTC offset, its enclosure URL, its duration, its link
// and every link of its notes.
func TestShapes(t *testing.T) {
	for _, tt := range shapes {
		t.Run(tt.file, func(t *testing.T) {
			src := golden.Read(t, filepath.Join("testdata", "shapes", tt.file))
			oracle := gofeedRead(t, src)
			opts := tt.opts
			if tt.online {
				opts.Client = hostServer(t)
			}
			imp, dir := importInto(t, tt.file, src, opts)
			wantProblems(t, imp, tt.want...)
			built := gofeedRead(t, build(t, dir))
			live := map[string]*gofeed.Item{}
			for _, it := range built.Items {
				live[it.GUID] = it
			}
			for _, si := range oracle.Items {
				if si.PublishedParsed == nil && tt.dates[si.GUID] != "" {
					d, err := time.Parse(time.RFC3339, tt.dates[si.GUID])
					if err != nil {
						t.Fatal(err)
					}
					si.Published, si.PublishedParsed = tt.dates[si.GUID], &d // the date the import settled on
				}
			}
			seen := map[string]bool{}
			for _, si := range oldestFirst(oracle.Items) {
				ep := importedItem(t, imp, si)
				if seen[si.GUID] {
					if !ep.Draft {
						t.Errorf("guid %q: the second item with it is not a draft", si.GUID)
					}
					continue
				}
				seen[si.GUID] = true
				oi := live[si.GUID]
				if oi == nil {
					if !ep.Draft && !ep.Block {
						t.Errorf("guid %q: not in the built feed", si.GUID)
					}
					continue
				}
				sameItem(t, si, oi)
			}
			if tt.also != nil {
				tt.also(t, imp)
			}
		})
	}
}

// importedItem returns the episode imported from si: the one with its guid
// and its enclosure.
func importedItem(t *testing.T, imp *Import, si *gofeed.Item) *episodes.Episode {
	t.Helper()
	for _, ep := range imp.Episodes {
		if ep.GUID == si.GUID && len(si.Enclosures) > 0 && ep.Audio.URL == si.Enclosures[0].URL {
			return ep
		}
	}
	t.Fatalf("guid %q with enclosure %v: no such episode imported", si.GUID, si.Enclosures)
	return nil
}

// sameItem compares an item of the source with the item built from it.
func sameItem(t *testing.T, si, oi *gofeed.Item) {
	t.Helper()
	if si.PublishedParsed == nil || oi.PublishedParsed == nil {
		t.Fatalf("guid %q: a date gofeed cannot read: %q, %q", si.GUID, si.Published, oi.Published)
	}
	if !si.PublishedParsed.Equal(*oi.PublishedParsed) {
		t.Errorf("guid %q: published %q, built %q", si.GUID, si.Published, oi.Published)
	}
	// gofeed gives dates in UTC: the offsets are compared as written.
	if soff, ok := writtenOffset(si.Published); ok {
		if ooff, _ := writtenOffset(oi.Published); ooff != soff {
			t.Errorf("guid %q: published %q, built %q: another offset", si.GUID, si.Published, oi.Published)
		}
	}
	if got, want := oi.Enclosures[0].URL, si.Enclosures[0].URL; got != want {
		t.Errorf("guid %q: enclosure %q, want %q", si.GUID, got, want)
	}
	if got, want := seconds(t, oi), seconds(t, si); got != want {
		t.Errorf("guid %q: duration %s, want %s", si.GUID, got, want)
	}
	if oi.Link != si.Link {
		t.Errorf("guid %q: link %q, want %q", si.GUID, oi.Link, si.Link)
	}
	have := noteLinks(oi)
	for _, l := range noteLinks(si) {
		if !slices.Contains(have, l) {
			t.Errorf("guid %q: the notes lost the link %s (kept %v)", si.GUID, l, have)
		}
	}
}

// writtenOffset returns the UTC offset a date is written with, when it is
// written as RFC 1123 with a numeric zone or as RFC 3339 (other forms are
// the importer's to read, tested in TestParseDate).
func writtenOffset(s string) (int, bool) {
	for _, layout := range []string{time.RFC1123Z, time.RFC3339} {
		if tm, err := time.Parse(layout, strings.TrimSpace(s)); err == nil {
			_, off := tm.Zone()
			return off, true
		}
	}
	return 0, false
}

func seconds(t *testing.T, it *gofeed.Item) string {
	t.Helper()
	if it.ITunesExt == nil {
		return ""
	}
	d, err := timecode.Parse(it.ITunesExt.Duration, timecode.Lenient)
	if err != nil {
		t.Fatalf("guid %q: duration %q: %v", it.GUID, it.ITunesExt.Duration, err)
	}
	return timecode.Format(d.Round(time.Second), timecode.Short) // itunes:duration is whole seconds
}

// oldestFirst returns the items by publication date, oldest first, as the
// import keeps the first of two items with one guid.
func oldestFirst(items []*gofeed.Item) []*gofeed.Item {
	out := slices.Clone(items)
	slices.SortStableFunc(out, func(a, b *gofeed.Item) int { return a.PublishedParsed.Compare(*b.PublishedParsed) })
	return out
}

var hrefRE = regexp.MustCompile(`href\s*=\s*["']([^"']+)["']`)

// noteLinks returns the addresses the item's notes link to, sorted.
func noteLinks(it *gofeed.Item) []string {
	var out []string
	for _, m := range hrefRE.FindAllStringSubmatch(it.Description+" "+it.Content, -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// gofeedRead reads a feed with gofeed, the oracle. gofeed, like Go's XML
// decoder, stops at anything before the XML declaration, which browsers
// and apps skip: the oracle is given the feed without it.
func gofeedRead(t *testing.T, src []byte) *gofeed.Feed {
	t.Helper()
	src = bytes.TrimLeft(bytes.TrimPrefix(src, []byte("\xef\xbb\xbf")), " \t\r\n")
	f, err := gofeed.NewParser().Parse(bytes.NewReader(src))
	if err != nil {
		t.Fatalf("gofeed: %v", err)
	}
	return f
}

func TestLinkSlug(t *testing.T) {
	const show = "https://old.host/"
	tests := []struct{ link, want string }{
		{"https://old.host/055-rust-in-production/", "055-rust-in-production"},
		{"https://old.host/episodes/Café-Talk.html", "cafe-talk"},
		{"https://old.host/podcast/second", "second"},
		{"https://old.host/", ""},
		{"https://old.host", ""},
		{"https://old.host/?p=120", ""},
		{"https://old.host/e/123456", ""},
		{"https://share.transistor.example/s/9d8c7b6a", ""},
		{"/relative/page", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := linkSlug(tt.link, show); got != tt.want {
			t.Errorf("linkSlug(%q) = %q, want %q", tt.link, got, tt.want)
		}
	}
}

// TestLinkSlugsShared names by title the episodes whose old links end
// alike, and by link the others.
func TestLinkSlugsShared(t *testing.T) {
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	eps := []*episodes.Episode{
		{Title: "Three", Link: "https://old.host/own-page/", Published: at.Add(2)},
		{Title: "Two", Link: "https://old.host/episode/?id=2", Published: at.Add(1)},
		{Title: "One", Link: "https://old.host/episode/?id=1", Published: at},
	}
	nameFiles(eps, "https://old.host/")
	var got []string
	for _, ep := range eps {
		got = append(got, ep.Slug)
	}
	wantString(t, "slugs", "[001-one 002-two own-page]", fmt.Sprint(got))
}

// An item's link is dropped only when it is the very page the build makes
// for the episode; a site whose feed sits beside an episodes/ folder of its
// own keeps its links.
func TestDropOwnPages(t *testing.T) {
	const feedURL = "https://show.example/podcast.xml"
	for _, tt := range []struct {
		slug, link string
		kept       bool
	}{
		{"055-rust", "https://show.example/episodes/055-rust/", false},
		{"055-rust", "https://show.example/episodes/055-rust", true},
		{"041-talk", "https://show.example/episodes/41", true},
		{"041-talk", "https://show.example/episodes/41/", true},
		{"055-rust", "https://other.example/episodes/055-rust/", true},
		{"055-rust", "", false},
	} {
		ep := &episodes.Episode{Slug: tt.slug, Link: tt.link}
		dropOwnPages([]*episodes.Episode{ep}, feedURL)
		if kept := ep.Link != ""; kept != tt.kept {
			t.Errorf("%s for %s: kept = %v, want %v", tt.link, tt.slug, kept, tt.kept)
		}
	}
}
