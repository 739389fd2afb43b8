package importer

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/episodetest"
	"github.com/podfeed/podfeed/internal/golden"
	"github.com/podfeed/podfeed/internal/timecode"
)

// checkedFields are what TestHostFeeds and TestBigFeed compare between each
// source feed and the feed podfeed builds from its import: "without loss"
// means every one of these survives.
var checkedFields = []string{
	// channel
	"channel title", "channel link", "language", "itunes:author", "channel artwork (made absolute)",
	"categories and subcategories", "channel explicit", "itunes:type", "copyright", "owner name", "owner email",
	"podcast:guid (the feed's own, or derived from its old address)", "podcast:locked", "podcast:funding",
	"podcast:medium",
	// items
	"item title", "guid", "pubDate (same instant, same zone offset)", "enclosure url (made absolute)",
	"enclosure length (the feed's, else asked for with HEAD)", "enclosure type", "itunes:duration (to the second)",
	"episode number", "season number", "episode type", "item explicit", "item artwork (made absolute)",
	"keywords", "podcast:person (the channel's and each item's)", "podcast:transcript (every one)",
	"chapters from psc:chapters or the JSON chapters file (start to the millisecond, title, url, image)",
}

// compareFeeds checks every field of checkedFields between src, the feed
// imported, and out, the feed built from the import. base resolves src's
// relative addresses; jsonChapters are the chapters files the test server
// serves, by address.
func compareFeeds(t *testing.T, src, out *tRSS, jsonChapters map[string][]episodes.Chapter) {
	t.Helper()
	sc, oc := src.Channel, out.Channel
	base := plain(sc.Links)
	abs := func(s string) string { return resolve(mustURL(t, base), strings.TrimSpace(s)) }
	eq := func(field, want, got string) {
		t.Helper()
		if want != got {
			t.Errorf("%s: want %q, got %q", field, want, got)
		}
	}
	eq("channel title", plain(sc.Titles), plain(oc.Titles))
	eq("channel link", base, plain(oc.Links))
	eq("language", strings.ToLower(strings.ReplaceAll(sc.Language, "_", "-")), strings.ToLower(oc.Language)) // BCP 47 ignores case
	eq("itunes:author", sc.Author, oc.Author)
	srcImage, rssImage := sc.images()
	if srcImage == "" {
		srcImage = rssImage
	}
	outImage, _ := oc.images()
	eq("channel artwork", abs(srcImage), outImage)
	eq("categories", flatCategories(sc.Categories), flatCategories(oc.Categories))
	eq("channel explicit", explicitWord(sc.Explicit, "false"), oc.Explicit)
	eq("itunes:type", orDefault(strings.ToLower(sc.Type), "episodic"), oc.Type)
	eq("copyright", sc.Copyright, oc.Copyright)
	eq("owner name", sc.OwnerName, oc.OwnerName)
	eq("owner email", sc.OwnerEmail, oc.OwnerEmail)
	wantGUID := sc.GUID
	if wantGUID == "" {
		for _, l := range sc.Links {
			if l.XMLName.Space == "http://www.w3.org/2005/Atom" && l.Rel == "self" {
				wantGUID = config.PodcastGUID(l.Href)
			}
		}
	}
	eq("podcast:guid", wantGUID, oc.GUID)
	if (sc.Locked == nil) != (oc.Locked == nil) {
		t.Errorf("podcast:locked: present in the source %t, in the rebuilt feed %t", sc.Locked != nil, oc.Locked != nil)
	} else if sc.Locked != nil {
		eq("podcast:locked", strings.TrimSpace(sc.Locked.Value), oc.Locked.Value)
		eq("podcast:locked owner", sc.OwnerEmail, oc.Locked.Owner)
	}
	eq("podcast:funding", fmt.Sprint(sc.Funding), fmt.Sprint(oc.Funding))
	eq("podcast:medium", sc.Medium, oc.Medium)
	eq("channel podcast:person", fmt.Sprint(normalPersons(sc.Persons)), fmt.Sprint(normalPersons(oc.Persons)))

	if len(sc.Items) != len(oc.Items) {
		t.Fatalf("the source has %d items, the rebuilt feed %d", len(sc.Items), len(oc.Items))
	}
	byGUID := map[string]tItem{}
	for _, it := range oc.Items {
		byGUID[it.GUID] = it
	}
	channelImage := abs(srcImage)
	for _, si := range sc.Items {
		guid := strings.TrimSpace(si.GUID)
		oi, ok := byGUID[guid]
		if !ok {
			t.Errorf("guid %q: not in the rebuilt feed", guid)
			continue
		}
		f := func(field string) string { return fmt.Sprintf("item %s: %s", guid, field) }
		eq(f("title"), strings.Join(strings.Fields(plain(si.Titles)), " "), plain(oi.Titles))
		sd, od := tDate(t, si.PubDate), tDate(t, oi.PubDate)
		_, soff := sd.Zone()
		_, ooff := od.Zone()
		if !sd.Equal(od) || soff != ooff {
			t.Errorf("%s: want %s, got %s", f("pubDate"), si.PubDate, oi.PubDate)
		}
		eq(f("enclosure url"), abs(si.Enclosure.URL), oi.Enclosure.URL)
		wantLength := si.Enclosure.Length
		if n, _ := strconv.Atoi(wantLength); n <= 0 {
			wantLength = strconv.Itoa(mediaLength)
		}
		eq(f("enclosure length"), wantLength, oi.Enclosure.Length)
		eq(f("enclosure type"), si.Enclosure.Type, oi.Enclosure.Type)
		if si.Duration != "" {
			if s, o := tSeconds(t, si.Duration), tSeconds(t, oi.Duration); s != o {
				t.Errorf("%s: want %d s (%q), got %d s", f("duration"), s, si.Duration, o)
			}
		}
		eq(f("episode number"), orDefault(si.Episode, si.PodcastEpisode), oi.Episode)
		eq(f("season number"), si.Season, oi.Season)
		eq(f("episode type"), orDefault(strings.ToLower(si.EpisodeType), "full"), oi.EpisodeType)
		eq(f("explicit"), explicitWord(si.Explicit, explicitWord(sc.Explicit, "false")), oi.Explicit)
		var sImg, oImg string
		if si.Image != nil {
			sImg = abs(si.Image.Href)
		}
		if sImg == channelImage {
			sImg = ""
		}
		if oi.Image != nil {
			oImg = oi.Image.Href
		}
		eq(f("artwork"), sImg, oImg)
		eq(f("keywords"), strings.Join(splitTrim(si.Keywords), ","), oi.Keywords)
		eq(f("podcast:person"), fmt.Sprint(normalPersons(si.Persons)), fmt.Sprint(normalPersons(oi.Persons)))
		eq(f("podcast:transcript"), fmt.Sprint(si.Transcripts), fmt.Sprint(oi.Transcripts))

		var want []episodes.Chapter
		switch {
		case si.Psc != nil:
			for _, c := range si.Psc.Chapters {
				want = append(want, episodes.Chapter{Title: c.Title, URL: c.Href, Image: c.Image, Start: msDuration(tMillis(t, c.Start))})
			}
		case si.ChaptersURL != nil && jsonChapters[si.ChaptersURL.URL] != nil:
			want = jsonChapters[si.ChaptersURL.URL]
		default:
			continue // chapters from the notes: checked per feed
		}
		eq(f("chapters"), fmt.Sprint(want), fmt.Sprint(outChapters(t, oi)))
	}
}

func outChapters(t *testing.T, it tItem) []episodes.Chapter {
	t.Helper()
	if it.Psc == nil {
		return nil
	}
	var out []episodes.Chapter
	for _, c := range it.Psc.Chapters {
		out = append(out, episodes.Chapter{Title: c.Title, URL: c.Href, Image: c.Image, Start: msDuration(tMillis(t, c.Start))})
	}
	return out
}

func flatCategories(cs []tCategory) string {
	var out []string
	for _, c := range cs {
		if len(c.Subs) > 0 {
			out = append(out, c.Text+"/"+c.Subs[0].Text)
		} else {
			out = append(out, c.Text)
		}
	}
	return strings.Join(out, "; ")
}

func explicitWord(s, def string) string {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "yes", "true", "explicit":
		return "true"
	case "no", "false", "clean":
		return "false"
	}
	return def
}

func orDefault(s, def string) string {
	if s = strings.TrimSpace(s); s != "" {
		return s
	}
	return def
}

func splitTrim(s string) []string {
	var out []string
	for _, k := range strings.Split(s, ",") {
		if k = strings.TrimSpace(k); k != "" {
			out = append(out, k)
		}
	}
	return out
}

func normalPersons(ps []tPerson) []tPerson {
	out := make([]tPerson, len(ps))
	for i, p := range ps {
		p.Role = orDefault(strings.ToLower(p.Role), "host")
		p.Name = strings.TrimSpace(p.Name)
		out[i] = p
	}
	return out
}

// loadJSONChapters reads the chapters files the test server serves, keyed
// by the address the feeds name them with.
func loadJSONChapters(t *testing.T) map[string][]episodes.Chapter {
	t.Helper()
	dir := filepath.Join("testdata", "hosts", "chapters")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]episodes.Chapter{}
	for _, e := range entries {
		var doc struct {
			Chapters []struct {
				StartTime float64 `json:"startTime"`
				Title     string  `json:"title"`
				Img       string  `json:"img"`
				URL       string  `json:"url"`
				TOC       *bool   `json:"toc"`
			} `json:"chapters"`
		}
		if err := json.Unmarshal(golden.Read(t, filepath.Join(dir, e.Name())), &doc); err != nil {
			t.Fatal(err)
		}
		var cs []episodes.Chapter
		for _, c := range doc.Chapters {
			if c.TOC != nil && !*c.TOC {
				continue
			}
			cs = append(cs, episodes.Chapter{Start: msDuration(int64(c.StartTime*1000 + 0.5)), Title: c.Title, URL: c.URL, Image: c.Img})
		}
		host, path, _ := strings.Cut(strings.TrimSuffix(e.Name(), ".json"), "_")
		out["https://"+host+"/"+strings.ReplaceAll(path, "_", "/")+".json"] = cs
	}
	return out
}

// hostFeeds are the test feeds shaped like real hosts' exports, with what
// each must give beyond checkedFields.
var hostFeeds = []struct {
	file   string
	expect func(t *testing.T, imp *Import)
}{
	{"libsyn.xml", func(t *testing.T, imp *Import) {
		ep := episodeByGUID(t, imp, "6f1c2a4e-1b2c-4d5e-9f00-aa11bb22cc33")
		wantString(t, "summary", "Maria talks to **Sam Green** about growing tomatoes in pots & grow bags.", ep.Summary)
		wantChapters(t, ep, "00:00:00 Welcome", "00:04:12 Choosing a variety", "00:19:45 Watering & feeding", "00:41:02 Your questions")
		wantLinks(t, ep.Links,
			episodes.Link{Title: "Heritage tomato seeds", URL: "https://seeds.example.org/tomatoes", Note: "the varieties Sam grows"},
			episodes.Link{Title: "Self-watering pots guide", URL: "https://example.org/pots"})
		wantString(t, "trailer summary", "What is coming in season 2: *soil*, seeds and sunshine. Contains strong language.",
			episodeByGUID(t, imp, "0b9d8c7e-6f5a-4b3c-8d2e-1f0a9b8c7d6e").Summary)
		wantProblems(t, imp, "<managingEditor> is not kept", "<itunes:subtitle> is not kept")
	}},
	{"buzzsprout.xml", func(t *testing.T, imp *Import) {
		ep := episodeByGUID(t, imp, "Buzzsprout-16000001")
		wantString(t, "summary", "Ada explains what the brain does while we dream, and why night workers dream differently.\n\n"+
			"[Support the show](https://www.buzzsprout.com/1234567/support)", ep.Summary)
		wantChapters(t, ep, "00:00:00 Intro", "00:02:30 REM sleep", "00:15:10 Lucid dreams")
		if n := len(ep.Transcripts); n != 3 {
			t.Errorf("%d transcripts, want the 3 of the item", n)
		}
	}},
	{"anchor.xml", func(t *testing.T, imp *Import) {
		ep := episodeByGUID(t, imp, "8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d")
		wantString(t, "summary", "Priya's three-envelope budget, step by step.\n\nMentioned: <https://slowmoney.example/envelopes>", ep.Summary)
		wantChapters(t, ep, "00:00:00 Hello", "00:03:15 Why spreadsheets fail", "00:12:40 The three envelopes", "00:24:05 What to do with the rest")
		wantString(t, "index funds summary", "Priya explains index funds: what they hold, what they cost, and why *boring* is good.\n\n\\---\n\n"+
			"Send in a voice message: <https://podcasters.spotify.com/pod/show/slowmoney/message>",
			episodeByGUID(t, imp, "2f6b7c3d-8e9f-4a0b-b1c2-d3e4f5a6b7c8").Summary)
		wantProblems(t, imp, "<dc:creator> is not kept (2 times", "<author> is not kept")
	}},
	{"transistor.xml", func(t *testing.T, imp *Import) {
		if got := imp.Show.Links; len(got) != 2 || got[0].Group != "Follow us" || got[1].URL != "https://buildlog.example/newsletter" {
			t.Errorf("show links: want the two of \"Follow us\", got %+v", got)
		}
		ep := episodeByGUID(t, imp, "3c8f2e1a-5b6d-4e7f-8a9b-0c1d2e3f4a5b")
		wantString(t, "summary", "We launched, and **nothing** broke. What we shipped:\n\n- a landing page rewrite\n- usage-based pricing", ep.Summary)
		wantLinks(t, ep.Links,
			episodes.Link{Title: "Our pricing page", URL: "https://buildlog.example/pricing"},
			episodes.Link{Title: "The launch thread", URL: "https://news.example.com/item?id=42&ref=rss", Note: "300 comments, all kind"})
		if len(episodeByGUID(t, imp, "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a").Links) != 0 {
			t.Errorf("the show's links stayed in episode 7")
		}
		wantProblems(t, imp, `chapters marked "toc": false are not kept`, "name or display attribute of <podcast:season>")
		if len(imp.Show.Podroll) != 1 || len(imp.Show.People) == 0 {
			t.Errorf("podroll %+v, people %+v: want the channel's podroll and people kept", imp.Show.Podroll, imp.Show.People)
		}
	}},
	{"podlove.xml", func(t *testing.T, imp *Import) {
		wantString(t, "show image", "https://freiefrequenz.example/wp-content/cache/podlove/04/abc123/freie-frequenz_original.jpg", imp.Show.Image)
		ep := episodeByGUID(t, imp, "podlove-2025-02-07t07:00:00+00:00-1a2b3c4d5e6f7a8")
		wantString(t, "summary", "Jonas erklärt die Kurzwelle: wie ihre Signale an der Ionosphäre um die Welt springen.\n\n"+
			"[Folge 41](https://freiefrequenz.example/ff041-mittelwelle/) hatte die Mittelwelle.", ep.Summary)
		wantString(t, "duration", "1:02:03.456", timecode.Format(ep.Audio.Duration, timecode.Short))
		wantProblems(t, imp, "<fh:complete> is not kept", "<itunes:title> is not kept")
	}},
}

func TestHostFeeds(t *testing.T) {
	t.Logf("fields checked in every item and channel: %s", strings.Join(checkedFields, "; "))
	chapters := loadJSONChapters(t)
	for _, tt := range hostFeeds {
		t.Run(tt.file, func(t *testing.T) {
			src := golden.Read(t, filepath.Join("testdata", "hosts", tt.file))
			imp, dir := importInto(t, tt.file, src, Options{Client: hostServer(t)})
			compareFeeds(t, parseRSS(t, src), parseRSS(t, build(t, dir)), chapters)
			tt.expect(t, imp)
		})
	}
}

// TestHostFeedsGolden pins every file an import writes, and its warnings.
// Run with -update to rewrite testdata/hosts/*.golden.
func TestHostFeedsGolden(t *testing.T) {
	for _, tt := range hostFeeds {
		t.Run(tt.file, func(t *testing.T) {
			src := golden.Read(t, filepath.Join("testdata", "hosts", tt.file))
			imp, err := ReadFeed(context.Background(), tt.file, src, Options{Client: hostServer(t)})
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, f := range imp.Files(tt.file) {
				fmt.Fprintf(&b, "-- %s --\n%s", f.Name, f.Data)
			}
			fmt.Fprintf(&b, "-- warnings --\n%s", imp.Problems.Format())
			file := filepath.Join("testdata", "hosts", strings.TrimSuffix(tt.file, ".xml")+".golden")
			if *update {
				if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want := string(golden.Read(t, file)); want != b.String() {
				t.Errorf("%s differs (run go test -update after checking):\n%s", file, golden.Diff(want, b.String()))
			}
		})
	}
}

// bigFeed returns a Podbean-shaped feed of n items: durations as H:MM:SS,
// MM:SS and seconds in turn, dates in two zones, a bonus episode without
// number every 50 items, and a footer of show links in every item.
func bigFeed(n int) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:podcast="https://podcastindex.org/namespace/1.0" version="2.0">
<channel>
  <title>Daily Drills</title>
  <atom:link href="https://feed.podbean.com/dailydrills/feed.xml" rel="self" type="application/rss+xml"/>
  <link>https://dailydrills.podbean.com</link>
  <description>A short drill for language learners, every weekday.</description>
  <pubDate>Mon, 03 Feb 2025 07:00:00 -0500</pubDate>
  <generator>https://podbean.com/?v=5.5</generator>
  <language>en</language>
  <copyright>Copyright 2025 Daily Drills</copyright>
  <category>Education</category>
  <ttl>1440</ttl>
  <itunes:type>episodic</itunes:type>
  <itunes:summary>A short drill for language learners, every weekday.</itunes:summary>
  <itunes:author>Lena Novak</itunes:author>
  <itunes:owner><itunes:name>Lena Novak</itunes:name><itunes:email>lena@dailydrills.example</itunes:email></itunes:owner>
  <itunes:block>No</itunes:block>
  <itunes:explicit>false</itunes:explicit>
  <itunes:image href="https://pbcdn1.podbean.com/imglogo/image-logo/123/dailydrills.jpg"/>
  <image><url>https://pbcdn1.podbean.com/imglogo/image-logo/123/dailydrills.jpg</url><title>Daily Drills</title><link>https://dailydrills.podbean.com</link><width>144</width><height>144</height></image>
  <itunes:category text="Education"><itunes:category text="Language Learning"/></itunes:category>
`)
	for i := n; i >= 1; i-- {
		dur := []string{fmt.Sprintf("0:%02d:%02d", 10+i%50, i%60), fmt.Sprintf("%02d:%02d", 10+i%50, i%60), strconv.Itoa(600 + i)}[i%3]
		zone := []string{"+0000", "-0500"}[i%2]
		day := 2 * i // days after the first episode
		date := fmt.Sprintf("%s 07:00:00 %s", dayString(day), zone)
		number := fmt.Sprintf("<itunes:episode>%d</itunes:episode><itunes:episodeType>full</itunes:episodeType>", i)
		if i%50 == 0 {
			number = "<itunes:episodeType>bonus</itunes:episodeType>"
		}
		fmt.Fprintf(&b, `  <item>
    <title>Drill %d: the verb %q</title>
    <itunes:title>Drill %d: the verb %q</itunes:title>
    <link>https://dailydrills.podbean.com/e/drill-%d/</link>
    <comments>https://dailydrills.podbean.com/e/drill-%d/#comments</comments>
    <pubDate>%s</pubDate>
    <guid isPermaLink="false">dailydrills.podbean.com/drill-%04d-%x</guid>
    <description><![CDATA[<p>Today's verb, in ten sentences.</p><p>Word list: <a href="https://dailydrills.example/words/%d">dailydrills.example/words/%d</a></p><p>Follow Daily Drills:</p><ul><li><a href="https://dailydrills.example/newsletter">Newsletter</a></li><li><a href="https://www.instagram.com/dailydrills/">Instagram</a></li></ul>]]></description>
    <content:encoded><![CDATA[<p>Today's verb, in ten sentences.</p><p>Word list: <a href="https://dailydrills.example/words/%d">dailydrills.example/words/%d</a></p><p>Follow Daily Drills:</p><ul><li><a href="https://dailydrills.example/newsletter">Newsletter</a></li><li><a href="https://www.instagram.com/dailydrills/">Instagram</a></li></ul>]]></content:encoded>
    <enclosure url="https://mcdn.podbean.com/mf/web/%x/drill-%d.mp3" length="%d" type="audio/mpeg"/>
    <itunes:summary><![CDATA[Today's verb, in ten sentences.]]></itunes:summary>
    <itunes:author>Lena Novak</itunes:author>
    <itunes:explicit>false</itunes:explicit>
    <itunes:block>No</itunes:block>
    <itunes:duration>%s</itunes:duration>
    %s
  </item>
`, i, verb(i), i, verb(i), i, i, date, i, i*7919, i, i, i, i, i*104729, i, 5_000_000+i*1000, dur, number)
	}
	b.WriteString("</channel>\n</rss>\n")
	return []byte(b.String())
}

func dayString(day int) string {
	return firstDrill.AddDate(0, 0, day).Format("Mon, 02 Jan 2006")
}

var firstDrill = buildNow.AddDate(-4, 0, 0)

func verb(i int) string {
	verbs := []string{"to be", "to have", "to go", "to say", "to make", "to know", "to take", "to see"}
	return verbs[i%len(verbs)]
}

func TestBigFeed(t *testing.T) {
	const n = 320
	src := bigFeed(n)
	imp, dir := importInto(t, "podbean.xml", src, Options{})
	if len(imp.Episodes) != n {
		t.Fatalf("want %d episodes, got %d", n, len(imp.Episodes))
	}
	compareFeeds(t, parseRSS(t, src), parseRSS(t, build(t, dir)), nil)
	if got := imp.Show.Links; len(got) != 2 || got[0].Group != "Follow Daily Drills" {
		t.Errorf("show links: want the two of \"Follow Daily Drills\", got %+v", got)
	}
	for _, ep := range imp.Episodes {
		// "Word list: <a>…</a>" starts the trailing list of links: the
		// episode's own link, before the show's.
		want := []episodes.Link{{Title: "Word list", URL: fmt.Sprintf("https://dailydrills.example/words/%d", ep.Number)}}
		if ep.Number == 0 || fmt.Sprint(ep.Links) != fmt.Sprint(want) {
			if ep.EpisodeType == episodes.TypeFull {
				t.Errorf("%s: links: want %+v, got %+v", ep.File, want, ep.Links)
				break
			}
		}
		if ep.Summary != "Today's verb, in ten sentences." {
			t.Errorf("%s: summary %q", ep.File, ep.Summary)
			break
		}
	}
	entries, err := os.ReadDir(filepath.Join(dir, "episodes"))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != n {
		t.Errorf("want %d episode files, got %d", n, len(entries))
	}
	wantProblems(t, imp, "<comments> is not kept (320 times", "<category> is not kept")
}

// TestRoundTripExample builds the example show, imports its feed, builds
// the import, and compares the two feeds: items, guids, dates, enclosures,
// durations, chapters, and the show notes with their links, which must be
// byte for byte the same. The show's links must land in podcast.toml and
// the episode's own in the episode.
func TestRoundTripExample(t *testing.T) {
	example := copyExample(t)
	first := build(t, example)
	imp, dir := importInto(t, "feed.xml", first, Options{})
	if len(imp.Problems) != 0 {
		t.Errorf("importing podfeed's own feed gave warnings:\n%s", imp.Problems.Format())
	}
	second := build(t, dir)
	compareRebuilt(t, parseRSS(t, first), parseRSS(t, second))

	wantShow, _ := config.Parse("podcast.toml", golden.Read(t, filepath.Join(example, "podcast.toml")))
	gotShow, _ := config.Parse("podcast.toml", golden.Read(t, filepath.Join(dir, "podcast.toml")))
	if fmt.Sprint(wantShow.Links) != fmt.Sprint(gotShow.Links) {
		t.Errorf("show links:\nwant %+v\ngot  %+v", wantShow.Links, gotShow.Links)
	}
	wantEp, _ := episodes.Parse("e.toml", golden.Read(t, filepath.Join(example, "episodes", "055-rust-in-production.toml")))
	imported := episodeByGUID(t, imp, wantEp.GUID)
	gotEp, probs := episodes.Parse("e.toml", golden.Read(t, filepath.Join(dir, imported.File)))
	if len(probs) != 0 {
		t.Errorf("the imported episode has problems:\n%s", probs.Format())
	}
	wantEp.File, wantEp.Slug, gotEp.File, gotEp.Slug = "", "", "", ""
	wantEp.Explicit = nil // equal to the show's: left out of the import
	for i, tr := range wantEp.Transcripts {
		if tr.File != "" && tr.URL == "" {
			// A transcript in the show folder comes back as the address
			// it was published at.
			wantEp.Transcripts[i].URL, wantEp.Transcripts[i].File = "https://codingchats.example.com/"+tr.File, ""
		}
	}
	if d := episodetest.Diff(wantEp, gotEp); d != "" {
		t.Errorf("episode: %s", d)
	}
}

// TestRoundTripTwoEpisodes adds an episode with links of its own to the
// example: links every episode carries become the show's, the rest stay.
func TestRoundTripTwoEpisodes(t *testing.T) {
	example := copyExample(t)
	second := `title = "Testing in Go"
number = 99
published = 2025-02-18T09:00:00+01:00
guid = "codingchats-099-testing-in-go"
summary = "Table tests, fuzzing and *golden files*, with [a guest](https://guest.example/)."

[audio]
url = "https://media.codingchats.example.com/episodes/099-testing-in-go.mp3"
length = 30000000
type = "audio/mpeg"
duration = "1:01:02"

[[links]]
group = "Mentioned"
title = "go test"
url = "https://pkg.go.dev/cmd/go#hdr-Test_packages"
note = "the manual"
`
	if err := os.WriteFile(filepath.Join(example, "episodes", "099-testing-in-go.toml"), []byte(second), 0o644); err != nil {
		t.Fatal(err)
	}
	first := build(t, example)
	imp, dir := importInto(t, "feed.xml", first, Options{})
	compareRebuilt(t, parseRSS(t, first), parseRSS(t, build(t, dir)))
	gotShow, _ := config.Parse("podcast.toml", golden.Read(t, filepath.Join(dir, "podcast.toml")))
	if len(gotShow.Links) != 6 {
		t.Errorf("want the example's 6 show links, got %+v", gotShow.Links)
	}
	for guid, want := range map[string]int{"codingchats-055-rust-in-production": 1, "codingchats-099-testing-in-go": 1} {
		if ep := episodeByGUID(t, imp, guid); len(ep.Links) != want {
			t.Errorf("%s: want %d link of its own, got %+v", ep.File, want, ep.Links)
		}
	}
}

// compareRebuilt compares two feeds podfeed built: every item field, and
// the show notes byte for byte.
func compareRebuilt(t *testing.T, a, b *tRSS) {
	t.Helper()
	compareFeeds(t, a, b, nil)
	for i := range a.Channel.Items {
		x, y := a.Channel.Items[i], b.Channel.Items[i]
		if x.Description != y.Description {
			t.Errorf("item %s: description differs:\n%s", x.GUID, golden.Diff(x.Description, y.Description))
		}
		if x.Content != y.Content {
			t.Errorf("item %s: content:encoded differs:\n%s", x.GUID, golden.Diff(x.Content, y.Content))
		}
		if fmt.Sprint(outChapters(t, x)) != fmt.Sprint(outChapters(t, y)) {
			t.Errorf("item %s: chapters differ", x.GUID)
		}
	}
}

// copyExample copies examples/coding-chats, without built outputs, into a
// temporary folder.
func copyExample(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "coding-chats")
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "examples", "coding-chats"))); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dir, "public")); err != nil {
		t.Fatal(err)
	}
	// CopyFS keeps read-only modes; tests add files.
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil {
			os.Chmod(p, 0o755)
		}
		return nil
	})
	return dir
}

func TestUnknownElementsReported(t *testing.T) {
	tests := []struct {
		name, channel, item, want string
	}{
		{"itunes subtitle", "", "<itunes:subtitle>Sub</itunes:subtitle>", "<itunes:subtitle> is not kept"},
		{"unknown namespace", "", `<x:rating xmlns:x="https://example.com/ns">5</x:rating>`, "<x:rating> is not kept"},
		{"unprefixed element", "", "<source>elsewhere</source>", "<source> is not kept"},
		{"podcast recommendations", "", `<podcast:recommendations url="https://x.example/r.json" language="en"/>`, "<podcast:recommendations> is not kept"},
		{"podcast social", `<podcast:social><podcast:socialSignUp homeUrl="https://x.example/"/></podcast:social>`, "", "<podcast:social> is not kept"},
		{"second enclosure", "", `<enclosure url="https://x.example/2.mp3" length="2" type="audio/mpeg"/>`, "a second <enclosure> is not kept"},
		{"odd episode type", "", `<itunes:episodeType>special</itunes:episodeType>`, `episode type "special" is not kept`},
		{"decimal episode", "", `<podcast:episode>5.5</podcast:episode>`, `<podcast:episode> "5.5" is not kept`},
		{"two subcategories", `<itunes:category text="Arts"><itunes:category text="Books"/><itunes:category text="Design"/></itunes:category>`, "", `second subcategory "Design" of "Arts" is not kept`},
		{"different item author", "", "<itunes:author>Someone Else</itunes:author>", "<itunes:author> is not kept"},
		{"item link not a web address", "", "<link>ftp://x.example/ep1</link>", "<link> is not kept"},
		{"empty person", "", `<podcast:person/>`, "an empty <podcast:person> is not kept"},
		{"psc out of order", "", `<psc:chapters xmlns:psc="http://podlove.org/simple-chapters"><psc:chapter start="00:05:00" title="B"/><psc:chapter start="00:00:00" title="A"/></psc:chapters>`, "psc:chapters out of order were sorted"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := miniFeed(tt.channel, tt.item)
			imp, err := ReadFeed(context.Background(), "mini.xml", []byte(src), Options{})
			if err != nil {
				t.Fatal(err)
			}
			wantProblems(t, imp, tt.want)
		})
	}
	// And a feed with nothing unknown reports nothing.
	imp, err := ReadFeed(context.Background(), "mini.xml", []byte(miniFeed("", "")), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(imp.Problems) != 0 {
		t.Errorf("a plain feed gave warnings:\n%s", imp.Problems.Format())
	}
}

// miniFeed is a one-item feed with extra channel and item elements.
func miniFeed(channel, item string) string {
	return `<?xml version="1.0"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:podcast="https://podcastindex.org/namespace/1.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>Mini</title>
<link>https://mini.example/</link>
<atom:link href="https://mini.example/feed.xml" rel="self" type="application/rss+xml"/>
<description>A tiny show.</description>
<language>en</language>
<itunes:author>Mini Author</itunes:author>
<itunes:image href="https://mini.example/art.jpg"/>
` + channel + `
<item>
<title>One</title>
<guid isPermaLink="false">mini-1</guid>
<pubDate>Sat, 01 Feb 2025 10:00:00 +0100</pubDate>
<enclosure url="https://mini.example/1.mp3" length="1234" type="audio/mpeg"/>
<itunes:duration>61</itunes:duration>
<description>First.</description>
` + item + `
</item>
</channel>
</rss>
`
}

func TestReadFeedErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"empty", "", "x.xml is empty"},
		{"white space", "\n  \n", "x.xml is empty"},
		{"json feed", "{\"version\": \"https://jsonfeed.org/version/1.1\"}", "x.xml is a JSON Feed"},
		{"json", `[1, 2]`, "x.xml is JSON, not a feed"},
		{"atom", `<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title></feed>`, "x.xml is an Atom feed"},
		{"no channel", `<rss version="2.0"></rss>`, "has no <rss><channel>"},
		{"html", `<html><body><p>hi</p></body></html>`, "x.xml is an HTML page"},
		{"html5", "<!DOCTYPE html>\n<html lang=en><meta charset=utf-8><title>Show</title>", "x.xml is an HTML page"},
		{"xhtml", `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>`, "x.xml is an HTML page"},
		{"blog", strings.ReplaceAll(miniFeed("", ""), `<enclosure url="https://mini.example/1.mp3" length="1234" type="audio/mpeg"/>`, ""),
			"x.xml is an RSS feed without episodes: none of its 1 items has an <enclosure>"},
		{"no items", miniFeed("", "")[:strings.Index(miniFeed("", ""), "<item>")] + "</channel></rss>", "without episodes"},
		// A blog's feed without a self link is a blog's feed first: it
		// needs no --feed-url to be refused.
		{"blog without self link", `<?xml version="1.0"?><rss version="2.0"><channel><title>Blog</title><link>https://blog.example/</link>` +
			`<description>d</description><item><title>Post</title><link>https://blog.example/p</link></item></channel></rss>`,
			"x.xml is an RSS feed without episodes"},
		{"html after a comment", "<!-- generated -->\n<!DOCTYPE html>\n<html><head><title>x</title></head></html>", "x.xml is an HTML page"},
		{"head fragment", `<head><meta charset="utf-8"><title>x</title></head><body>hi</body>`, "x.xml is an HTML page"},
		{"body fragment", "\ufeff  <BODY>hi</BODY>", "x.xml is an HTML page"},
		{"rdf", `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel/></rdf:RDF>`,
			"x.xml is an RSS 1.0 (RDF) feed"},
		{"opml", `<?xml version="1.0"?><opml version="2.0"><body/></opml>`, "x.xml is an OPML list of feeds"},
		{"header is not head", `<header>x</header>`, "has no <rss><channel>"},
		{"not xml", "garbage", "not well-formed XML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadFeed(context.Background(), "x.xml", []byte(tt.src), Options{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("want an error containing %q, got %v", tt.want, err)
			}
		})
	}
}

// TestMalformedFeed reads a feed with a bare "&", as some hosts write, with
// a warning naming the line.
func TestMalformedFeed(t *testing.T) {
	src := strings.Replace(miniFeed("", ""), "<description>First.</description>", "<description>Salt & pepper</description>", 1)
	imp, err := ReadFeed(context.Background(), "bad.xml", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	wantProblems(t, imp, "not well-formed XML")
	if p := imp.Problems[0]; p.Pos.Line != 18 {
		t.Errorf("want the warning at line 18, got %s", p.Pos)
	}
	if got := imp.Episodes[0].Summary; got != "Salt & pepper" {
		t.Errorf("summary: got %q", got)
	}
}

// TestOffline imports without network access: what only the network can
// give is reported, and the check after the import names what to fix.
func TestOffline(t *testing.T) {
	src := golden.Read(t, filepath.Join("testdata", "hosts", "anchor.xml"))
	imp, err := ReadFeed(context.Background(), "anchor.xml", src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	wantProblems(t, imp, "an <enclosure> without length keeps no length (2 times")
	for _, ep := range imp.Episodes {
		if ep.Audio.Length != 0 {
			t.Errorf("%s: length %d without network", ep.File, ep.Audio.Length)
		}
	}
}

// TestFetchFeed reads a feed by its address from a loopback server; its
// relative addresses resolve against that address.
func TestFetchFeed(t *testing.T) {
	feed := strings.ReplaceAll(miniFeed("", ""), `<itunes:image href="https://mini.example/art.jpg"/>`, `<itunes:image href="/art.jpg"/>`)
	feed = strings.Replace(feed, `<link>https://mini.example/</link>`, "", 1)
	client := loopback(t, httpHandler(func(path string) (string, bool) {
		return feed, path == "/shows/mini/feed.xml"
	}))
	src, err := Fetch(context.Background(), client, "https://host.example/shows/mini/feed.xml")
	if err != nil {
		t.Fatal(err)
	}
	imp, err := ReadFeed(context.Background(), "https://host.example/shows/mini/feed.xml", src, Options{URL: "https://host.example/shows/mini/feed.xml", Client: client})
	if err != nil {
		t.Fatal(err)
	}
	wantString(t, "image", "https://host.example/art.jpg", imp.Show.Image)
	if _, err := Fetch(context.Background(), client, "https://host.example/missing.xml"); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("want a 404 error, got %v", err)
	}
}

func episodeByGUID(t *testing.T, imp *Import, guid string) *episodes.Episode {
	t.Helper()
	for _, ep := range imp.Episodes {
		if ep.GUID == guid {
			return ep
		}
	}
	t.Fatalf("no episode with guid %q", guid)
	return nil
}

func wantString(t *testing.T, what, want, got string) {
	t.Helper()
	if want != got {
		t.Errorf("%s:\nwant %q\ngot  %q", what, want, got)
	}
}

func wantChapters(t *testing.T, ep *episodes.Episode, want ...string) {
	t.Helper()
	var got []string
	for _, c := range ep.Chapters {
		got = append(got, timecode.Format(c.Start, timecode.Clock)+" "+c.Title)
	}
	if !slices.Equal(want, got) {
		t.Errorf("%s: chapters:\nwant %q\ngot  %q", ep.Title, want, got)
	}
}

func wantLinks(t *testing.T, got []episodes.Link, want ...episodes.Link) {
	t.Helper()
	if fmt.Sprintf("%+v", want) != fmt.Sprintf("%+v", got) {
		t.Errorf("links:\nwant %+v\ngot  %+v", want, got)
	}
}

// wantProblems requires a warning containing each of want.
func wantProblems(t *testing.T, imp *Import, want ...string) {
	t.Helper()
	all := imp.Problems.Format()
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("no warning contains %q; warnings:\n%s", w, all)
		}
	}
}

// FuzzReadFeed reads arbitrary documents: no panic, and every file an
// import writes is valid TOML that podfeed reads.
func FuzzReadFeed(f *testing.F) {
	for _, tt := range hostFeeds {
		f.Add(readFileF(f, filepath.Join("testdata", "hosts", tt.file)))
	}
	f.Add([]byte(miniFeed("", "")))
	f.Add(bigFeed(3))
	f.Fuzz(func(t *testing.T, src []byte) {
		imp, err := ReadFeed(context.Background(), "f.xml", src, Options{})
		if err != nil {
			return
		}
		for _, p := range imp.Problems {
			_ = p.Error()
		}
		for _, file := range imp.Files("f.xml") {
			if file.Name == config.FileName {
				if show, probs := config.Parse(file.Name, file.Data); show == nil {
					t.Fatalf("%s is not valid TOML:\n%s\n%s", file.Name, probs.Format(), file.Data)
				}
				continue
			}
			if ep, probs := episodes.Parse(file.Name, file.Data); ep == nil {
				t.Fatalf("%s is not valid TOML:\n%s\n%s", file.Name, probs.Format(), file.Data)
			}
		}
	})
}

// TestLatin1Feed reads a feed in ISO 8859-1, as old WordPress sites write.
func TestLatin1Feed(t *testing.T) {
	utf8Feed := strings.Replace(miniFeed("", ""), `<?xml version="1.0"?>`, `<?xml version="1.0" encoding="ISO-8859-1"?>`, 1)
	utf8Feed = strings.Replace(utf8Feed, "<title>One</title>", "<title>Caf\u00e9 cr\u00e8me</title>", 1)
	latin1 := make([]byte, 0, len(utf8Feed))
	for _, r := range utf8Feed {
		latin1 = append(latin1, byte(r))
	}
	imp, err := ReadFeed(context.Background(), "latin1.xml", latin1, Options{})
	if err != nil {
		t.Fatal(err)
	}
	wantString(t, "title", "Café crème", imp.Episodes[0].Title)
}

// TestCancel stops an import whose context ends while it fetches.
func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	src := golden.Read(t, filepath.Join("testdata", "hosts", "anchor.xml"))
	if _, err := ReadFeed(ctx, "anchor.xml", src, Options{Client: hostServer(t)}); err != context.Canceled {
		t.Errorf("want context.Canceled, got %v", err)
	}
}

// TestFetchProgress: the requests an import makes (a HEAD for each
// enclosure without length) run in parallel and are counted to the last.
func TestFetchProgress(t *testing.T) {
	var b strings.Builder
	b.WriteString(strings.SplitAfter(miniFeed("", ""), "<itunes:image href=\"https://mini.example/art.jpg\"/>\n")[0])
	for i := range 6 {
		fmt.Fprintf(&b, `<item><title>E%d</title><guid>g%d</guid><pubDate>Sat, 0%d Feb 2025 10:00:00 +0100</pubDate>`+
			`<enclosure url="https://mini.example/%d.mp3" type="audio/mpeg"/></item>`+"\n", i, i, i+1, i)
	}
	b.WriteString("</channel></rss>\n")
	var calls []string
	imp, err := ReadFeed(context.Background(), "p.xml", []byte(b.String()), Options{
		Client:   hostServer(t),
		Parallel: 3,
		Progress: func(done, total int) { calls = append(calls, fmt.Sprintf("%d/%d", done, total)) },
	})
	if err != nil {
		t.Fatal(err)
	}
	wantString(t, "progress", "[1/6 2/6 3/6 4/6 5/6 6/6]", fmt.Sprint(calls))
	for _, ep := range imp.Episodes {
		if ep.Audio.Length != mediaLength {
			t.Errorf("%s: length %d, want the %d the host gives", ep.GUID, ep.Audio.Length, mediaLength)
		}
	}
}

// TestEnclosureTypeFromHost: an enclosure typed application/octet-stream
// on an address without an extension takes the type its host answers;
// when the host says no media type either, audio/mpeg.
func TestEnclosureTypeFromHost(t *testing.T) {
	src := strings.Replace(miniFeed("", ""), `<enclosure url="https://mini.example/1.mp3" length="1234" type="audio/mpeg"/>`,
		`<enclosure url="https://cdn.mini.example/download?id=1" length="1234" type="application/octet-stream"/>`, 1)
	src = strings.Replace(src, "</channel>", `<item><title>Two</title><guid>mini-2</guid><pubDate>Sat, 08 Feb 2025 10:00:00 +0100</pubDate>`+
		`<enclosure url="https://cdn.mini.example/download?id=2" length="1234" type="application/octet-stream"/></item></channel>`, 1)
	client := loopback(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "1234")
		if r.URL.Query().Get("id") == "1" {
			w.Header().Set("Content-Type", "audio/x-m4a")
		} else {
			w.Header().Set("Content-Type", "application/octet-stream")
		}
	}))
	imp, err := ReadFeed(context.Background(), "t.xml", []byte(src), Options{Client: client})
	if err != nil {
		t.Fatal(err)
	}
	wantString(t, "type of 1", "audio/x-m4a", episodeByGUID(t, imp, "mini-1").Audio.Type)
	wantString(t, "type of 2", "audio/mpeg", episodeByGUID(t, imp, "mini-2").Audio.Type)
	wantProblems(t, imp, `enclosure type "application/octet-stream" is written as "audio/x-m4a", the type its media host answers`,
		`enclosure type "application/octet-stream" on an address without a file extension is written as "audio/mpeg"`,
		`(its host answers "application/octet-stream") check [audio] type`)
}

// TestUndated: an unreadable pubDate gives way to the item's dc:date; an
// item without any date in a feed without any is a draft that says why.
func TestUndated(t *testing.T) {
	src := strings.Replace(miniFeed("", `<dc:date xmlns:dc="http://purl.org/dc/elements/1.1/">2025-02-01T10:00:00+01:00</dc:date>`),
		"<pubDate>Sat, 01 Feb 2025 10:00:00 +0100</pubDate>", "<pubDate>TBA</pubDate>", 1)
	imp, err := ReadFeed(context.Background(), "d.xml", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	wantProblems(t, imp, `cannot read the date "TBA": the item's <dc:date> was used, 2025-02-01T10:00:00+01:00`)
	wantString(t, "published", "2025-02-01T10:00:00+01:00", imp.Episodes[0].Published.Format(time.RFC3339))

	src = strings.Replace(miniFeed("", ""), "<pubDate>Sat, 01 Feb 2025 10:00:00 +0100</pubDate>", "", 1)
	imp, dir := importInto(t, "d.xml", []byte(src), Options{})
	wantProblems(t, imp, `item "One" had no <pubDate>, and the feed names no date: written as a draft`)
	ep := imp.Episodes[0]
	if !ep.Draft || !ep.Published.IsZero() {
		t.Errorf("draft %v, published %v: want a draft without a date", ep.Draft, ep.Published)
	}
	data := golden.Read(t, filepath.Join(dir, ep.File))
	if !strings.HasPrefix(string(data), "# A draft: the item had no <pubDate>, and the feed names no date at all.") {
		t.Errorf("%s does not say why it is a draft:\n%s", ep.File, data)
	}
	build(t, dir)
}
