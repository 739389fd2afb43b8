package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	gext "github.com/mmcdole/gofeed/extensions"
	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/diag"
	"github.com/podfeed/podfeed/internal/golden"
	"github.com/podfeed/podfeed/internal/shownotes"
	"github.com/podfeed/podfeed/internal/timecode"
	"golang.org/x/net/html"
)

var update = golden.Update // -update rewrites the golden files

// rendered is an Output with every file rendered, as the tests read it.
type rendered struct {
	RSS, Atom, JSON []byte
	Pages           map[string][]byte // archive pages by name
	Chapters        map[string][]byte // by name
	Notes           map[string]*shownotes.Notes
	Warnings        diag.List
}

// mustRender renders every file of out, checking that the first pages of the
// feeds come last, feed.xml at the very end.
func mustRender(t testing.TB, out *Output) *rendered {
	t.Helper()
	r := &rendered{Pages: map[string][]byte{}, Chapters: map[string][]byte{}, Notes: out.Notes, Warnings: out.Warnings}
	for _, d := range out.Chapters {
		data, err := d.Bytes()
		if err != nil {
			t.Fatalf("%s: %v", d.Name, err)
		}
		r.Chapters[d.Name] = data
	}
	for i, d := range out.Feeds {
		data, err := d.Bytes()
		if err != nil {
			t.Fatalf("%s: %v", d.Name, err)
		}
		switch d.Name {
		case JSONFile, AtomFile, RSSFile:
			if last := len(out.Feeds) - 1; d.Name == RSSFile && i != last || d.Name != RSSFile && i < last-2 {
				t.Errorf("%s is file %d of %d feeds", d.Name, i+1, len(out.Feeds))
			}
		}
		switch d.Name {
		case JSONFile:
			r.JSON = data
		case AtomFile:
			r.Atom = data
		case RSSFile:
			r.RSS = data
		default:
			r.Pages[d.Name] = data
		}
	}
	if want := 3 * out.Pages; len(out.Feeds) != want {
		t.Errorf("%d feed files for %d pages, want %d", len(out.Feeds), out.Pages, want)
	}
	return r
}

// mustBuild runs Build and renders its output.
func mustBuild(t testing.TB, show *config.Show, eps []*episodes.Episode, opts Options) *rendered {
	t.Helper()
	out, err := Build(show, eps, opts)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return mustRender(t, out)
}

// buildTwice runs Build twice and fails unless both runs give the same bytes.
func buildTwice(t testing.TB, show *config.Show, eps []*episodes.Episode, opts Options) *rendered {
	t.Helper()
	out := mustBuild(t, show, eps, opts)
	again := mustBuild(t, show, eps, opts)
	if !maps.EqualFunc(files(out), files(again), bytes.Equal) {
		t.Fatalf("two builds of the same input differ")
	}
	return out
}

// files returns the output as the files the caller writes, by path.
func files(out *rendered) map[string][]byte {
	m := map[string][]byte{RSSFile: out.RSS, AtomFile: out.Atom, JSONFile: out.JSON}
	for k, v := range out.Chapters {
		m[k] = v
	}
	for k, v := range out.Pages {
		m[k] = v
	}
	if len(out.Warnings) > 0 {
		m["warnings.txt"] = []byte(out.Warnings.Format())
	}
	return m
}

func TestGolden(t *testing.T) {
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			show, eps, opts := tc.build()
			out := buildTwice(t, show, eps, opts)
			dir := filepath.Join("testdata", tc.name)
			got := files(out)
			if *update {
				writeGolden(t, dir, got)
				return
			}
			want := readGolden(t, dir)
			for _, name := range sortedKeys(want) {
				if _, ok := got[name]; !ok {
					t.Errorf("%s: in testdata but not built", filepath.Join(dir, name))
				}
			}
			for _, name := range sortedKeys(got) {
				w, ok := want[name]
				if !ok {
					t.Errorf("%s: built but not in testdata (run go test -update)", filepath.Join(dir, name))
					continue
				}
				if msg := diff(w, got[name]); msg != "" {
					t.Errorf("%s differs (run go test -update to accept):\n%s", filepath.Join(dir, name), msg)
				}
			}
		})
	}
}

func writeGolden(t *testing.T, dir string, got map[string][]byte) {
	t.Helper()
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	for name, data := range got {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func readGolden(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	want := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		want[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		t.Fatalf("read golden files (run go test -update to create them): %v", err)
	}
	return want
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// diff describes the first difference between want and got by line, or
// returns "" when they are equal.
func diff(want, got []byte) string {
	if bytes.Equal(want, got) {
		return ""
	}
	wl := strings.Split(string(want), "\n")
	gl := strings.Split(string(got), "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g || i >= len(wl) || i >= len(gl) {
			return "line " + strconv.Itoa(i+1) + ":\n-want " + strconv.Quote(w) + "\n+got  " + strconv.Quote(g) +
				"\n(" + strconv.Itoa(len(wl)) + " lines wanted, " + strconv.Itoa(len(gl)) + " got)"
		}
	}
	return "same lines, different bytes"
}

// TestOutputs checks every case's output for what must hold whatever the
// golden files say: well-formed XML, valid JSON, Apple's description subset,
// and the values a podcast app reads back (through gofeed).
func TestOutputs(t *testing.T) {
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			show, eps, opts := tc.build()
			out := buildTwice(t, show, eps, opts)
			for name, data := range out.Chapters {
				checkJSON(t, name, data)
			}
			for i, page := range pagesOf(t, out, eps, opts.MaxItems) {
				checkWellFormed(t, PageName(RSSFile, i), page.out.RSS)
				checkWellFormed(t, PageName(AtomFile, i), page.out.Atom)
				checkJSON(t, PageName(JSONFile, i), page.out.JSON)
				checkRoundTrip(t, show, page.eps, page.out)
				checkDescriptions(t, page.out)
				checkJSONFeed(t, page.eps, page.out)
			}
		})
	}
}

// feedPage is one page of a built feed and the episodes it must hold.
type feedPage struct {
	out *rendered
	eps []*episodes.Episode
}

// pagesOf splits a build into its pages: with max 0, the one page of all
// eps; otherwise eps newest first, max to a page, each page's feeds taken
// from out (the first) or out.Pages. Every page the build made must be
// expected, and every expected page made.
func pagesOf(t testing.TB, out *rendered, eps []*episodes.Episode, max int) []feedPage {
	t.Helper()
	if max == 0 {
		return []feedPage{{out, eps}}
	}
	sorted := slices.Clone(eps)
	slices.SortStableFunc(sorted, func(a, b *episodes.Episode) int { return b.Published.Compare(a.Published) })
	var pages []feedPage
	for i := 0; i*max < len(sorted); i++ {
		page := &rendered{RSS: out.RSS, Atom: out.Atom, JSON: out.JSON}
		if i > 0 {
			page = &rendered{RSS: out.Pages[PageName(RSSFile, i)], Atom: out.Pages[PageName(AtomFile, i)], JSON: out.Pages[PageName(JSONFile, i)]}
		}
		pages = append(pages, feedPage{page, sorted[i*max : min((i+1)*max, len(sorted))]})
	}
	if want := 3 * (len(pages) - 1); len(out.Pages) != want {
		t.Errorf("the build made %d archive pages, want %d", len(out.Pages), want)
	}
	return pages
}

// checkWellFormed reads every token of an XML document with encoding/xml,
// which rejects malformed markup and characters outside XML 1.0.
func checkWellFormed(t testing.TB, name string, data []byte) {
	t.Helper()
	if !bytes.HasPrefix(data, []byte(`<?xml version="1.0" encoding="UTF-8"?>`+"\n")) {
		t.Errorf("%s: no XML declaration", name)
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	depth, roots := 0, 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", name, err)
		}
		switch tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
	if roots != 1 || depth != 0 {
		t.Errorf("%s: %d root elements, depth %d at the end", name, roots, depth)
	}
}

func checkJSON(t testing.TB, name string, data []byte) {
	t.Helper()
	if !json.Valid(data) {
		t.Fatalf("%s is not valid JSON", name)
	}
	if !bytes.HasSuffix(data, []byte("}\n")) {
		t.Errorf("%s does not end in a newline", name)
	}
}

// expected returns eps cleaned and in feed order, as Build renders them.
func expected(eps []*episodes.Episode) []*episodes.Episode {
	var out []*episodes.Episode
	for _, ep := range eps {
		out = append(out, cleanEpisode(ep))
	}
	slices.SortStableFunc(out, func(a, b *episodes.Episode) int {
		if c := b.Published.Compare(a.Published); c != 0 {
			return c
		}
		return strings.Compare(a.Slug, b.Slug)
	})
	return out
}

func itoa0(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// checkRoundTrip reads feed.xml back with gofeed and compares what apps use.
func checkRoundTrip(t *testing.T, show *config.Show, eps []*episodes.Episode, out *rendered) {
	t.Helper()
	f, err := gofeed.NewParser().ParseString(string(out.RSS))
	if err != nil {
		t.Fatalf("gofeed: %v", err)
	}
	s := cleanShow(show)
	if f.Title != strings.TrimSpace(s.Title) {
		t.Errorf("channel title %q, want %q", f.Title, s.Title)
	}
	if got := firstExt(f.Extensions, "podcast", "guid"); got == nil || got.Value != s.GUID {
		t.Errorf("podcast:guid %v, want %q", got, s.GUID)
	}
	if s.Locked != nil {
		got := firstExt(f.Extensions, "podcast", "locked")
		want := map[bool]string{true: "yes", false: "no"}[s.Locked.Locked]
		if got == nil || got.Value != want || got.Attrs["owner"] != s.Locked.Owner {
			t.Errorf("podcast:locked %+v, want %q owner %q", got, want, s.Locked.Owner)
		}
	}
	if n := len(f.Extensions["podcast"]["funding"]); n != len(s.Funding) {
		t.Errorf("%d podcast:funding, want %d", n, len(s.Funding))
	}
	for i, fu := range f.Extensions["podcast"]["funding"] {
		if i < len(s.Funding) && (fu.Attrs["url"] != s.Funding[i].URL || fu.Value != s.Funding[i].Text) {
			t.Errorf("podcast:funding %d = %+v, want %+v", i, fu, s.Funding[i])
		}
	}
	if f.ITunesExt == nil || f.ITunesExt.Explicit != strconv.FormatBool(s.Explicit) {
		t.Errorf("channel itunes:explicit %+v, want %v", f.ITunesExt, s.Explicit)
	}

	want := expected(eps)
	if len(f.Items) != len(want) {
		t.Fatalf("gofeed reads %d items, want %d", len(f.Items), len(want))
	}
	for i, it := range f.Items {
		ep := want[i]
		if it.Title != strings.TrimSpace(ep.Title) {
			t.Errorf("item %d title %q, want %q", i, it.Title, ep.Title)
		}
		if it.GUID != ep.GUID {
			t.Errorf("item %d guid %q, want %q", i, it.GUID, ep.GUID)
		}
		if len(it.Enclosures) != 1 {
			t.Errorf("item %d: %d enclosures, want 1", i, len(it.Enclosures))
		} else if e := it.Enclosures[0]; e.URL != ep.Audio.URL || e.Length != strconv.FormatInt(ep.Audio.Length, 10) || e.Type != ep.Audio.Type {
			t.Errorf("item %d enclosure %+v, want %+v", i, e, ep.Audio)
		}
		if it.PublishedParsed == nil || !it.PublishedParsed.Equal(ep.Published) {
			t.Errorf("item %d pubDate %v, want %v", i, it.PublishedParsed, ep.Published)
		}
		x := it.ITunesExt
		if x == nil {
			t.Fatalf("item %d has no itunes extension", i)
		}
		wantDur := ""
		if d := ep.Audio.Duration.Round(time.Second); d > 0 {
			wantDur = strconv.Itoa(int(d / time.Second))
		}
		wantType := ep.EpisodeType
		if wantType == "" {
			wantType = "full"
		}
		explicit := show.Explicit
		if ep.Explicit != nil {
			explicit = *ep.Explicit
		}
		for _, c := range []struct{ name, got, want string }{
			{"itunes:duration", x.Duration, wantDur},
			{"itunes:episode", x.Episode, itoa0(ep.Number)},
			{"itunes:season", x.Season, itoa0(ep.Season)},
			{"itunes:episodeType", x.EpisodeType, wantType},
			{"itunes:explicit", x.Explicit, strconv.FormatBool(explicit)},
			{"itunes:image", x.Image, ep.Image},
			{"itunes:keywords", x.Keywords, strings.Join(ep.Keywords, ",")},
		} {
			if c.got != c.want {
				t.Errorf("item %d %s %q, want %q", i, c.name, c.got, c.want)
			}
		}
		pod := it.Extensions["podcast"]
		if got := extValue(pod["episode"]); got != itoa0(ep.Number) {
			t.Errorf("item %d podcast:episode %q, want %q", i, got, itoa0(ep.Number))
		}
		if got := extValue(pod["season"]); got != itoa0(ep.Season) {
			t.Errorf("item %d podcast:season %q, want %q", i, got, itoa0(ep.Season))
		}
		if len(pod["person"]) != len(ep.People) {
			t.Errorf("item %d: %d podcast:person, want %d", i, len(pod["person"]), len(ep.People))
		}
		for j, p := range pod["person"] {
			if j < len(ep.People) {
				w := ep.People[j]
				if strings.TrimSpace(p.Value) != strings.TrimSpace(w.Name) || p.Attrs["role"] != w.Role || p.Attrs["href"] != w.Href || p.Attrs["img"] != w.Img {
					t.Errorf("item %d podcast:person %d = %+v, want %+v", i, j, p, w)
				}
			}
		}
		got := pod["transcript"]
		if len(got) != len(ep.Transcripts) {
			t.Errorf("item %d: %d podcast:transcript, want %d", i, len(got), len(ep.Transcripts))
		}
		for j, tr := range ep.Transcripts {
			if j < len(got) && (got[j].Attrs["url"] != tr.URL || got[j].Attrs["type"] != tr.Type) {
				t.Errorf("item %d podcast:transcript %+v, want %+v", i, got[j], tr)
			}
		}
		chapters := pod["chapters"]
		psc := it.Extensions["psc"]["chapters"]
		if len(ep.Chapters) == 0 {
			if len(chapters) != 0 || len(psc) != 0 {
				t.Errorf("item %d: chapters written for an episode without chapters", i)
			}
			continue
		}
		if len(chapters) != 1 || chapters[0].Attrs["type"] != "application/json+chapters" {
			t.Fatalf("item %d podcast:chapters %+v", i, chapters)
		}
		key := "chapters/" + ep.Slug + ".json"
		if _, ok := out.Chapters[key]; !ok {
			t.Errorf("item %d: no %s in the output", i, key)
		}
		if url := chapters[0].Attrs["url"]; !strings.HasPrefix(url, "https://codingchats.example.com/chapters/") || !strings.HasSuffix(url, ".json") {
			t.Errorf("item %d podcast:chapters url %q", i, url)
		}
		if len(psc) != 1 || psc[0].Attrs["version"] != "1.2" || len(psc[0].Children["chapter"]) != len(ep.Chapters) {
			t.Fatalf("item %d psc:chapters %+v, want %d chapters", i, psc, len(ep.Chapters))
		}
		for j, c := range psc[0].Children["chapter"] {
			w := ep.Chapters[j]
			if c.Attrs["start"] != timecode.Format(w.Start, timecode.Clock) || c.Attrs["title"] != w.Title || c.Attrs["href"] != w.URL || c.Attrs["image"] != w.Image {
				t.Errorf("item %d psc:chapter %d = %v, want %+v", i, j, c.Attrs, w)
			}
		}
	}
}

type extension = gext.Extension

func firstExt(m gext.Extensions, ns, name string) *extension {
	if v := m[ns][name]; len(v) > 0 {
		return &v[0]
	}
	return nil
}

func extValue(v []extension) string {
	if len(v) == 0 {
		return ""
	}
	return v[0].Value
}

// checkDescriptions checks every item's description in feed.xml: Apple's
// tag subset, and at most 4000 bytes unless a warning says otherwise.
func checkDescriptions(t *testing.T, out *rendered) {
	t.Helper()
	var doc struct {
		Items []struct {
			Title       string `xml:"title"`
			Description string `xml:"description"`
		} `xml:"channel>item"`
	}
	if err := xml.Unmarshal(out.RSS, &doc); err != nil {
		t.Fatalf("read feed.xml: %v", err)
	}
	for _, it := range doc.Items {
		checkAppleSubset(t, it.Title, it.Description)
		if len(it.Description) > shownotes.MaxDescription && !strings.Contains(out.Warnings.Format(), "over the 4000") {
			t.Errorf("%q: description is %d bytes and no warning says so", it.Title, len(it.Description))
		}
	}
}

// checkAppleSubset fails unless s uses only p, ul, ol, li and a[href].
func checkAppleSubset(t testing.TB, name, s string) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		switch z.Next() {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				t.Fatalf("%s: tokenize description: %v", name, z.Err())
			}
			return
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "p", "ul", "ol", "li":
				if len(tok.Attr) > 0 {
					t.Errorf("%s: description has <%s> with attributes %v", name, tok.Data, tok.Attr)
				}
			case "a":
				if tok.Type == html.StartTagToken && (len(tok.Attr) != 1 || tok.Attr[0].Key != "href") {
					t.Errorf("%s: description has <a> with %v", name, tok.Attr)
				}
			default:
				t.Errorf("%s: description has <%s>", name, tok.Data)
			}
		}
	}
}

// checkJSONFeed reads feed.json back: ids are guids, every item has the
// content_html or content_text JSON Feed 1.1 requires, attachments carry the
// enclosure with a 64-bit size.
func checkJSONFeed(t *testing.T, eps []*episodes.Episode, out *rendered) {
	t.Helper()
	var doc struct {
		Version string `json:"version"`
		FeedURL string `json:"feed_url"`
		Items   []struct {
			ID          string  `json:"id"`
			ContentHTML *string `json:"content_html"`
			ContentText *string `json:"content_text"`
			Attachments []struct {
				URL      string  `json:"url"`
				MIMEType string  `json:"mime_type"`
				Size     int64   `json:"size_in_bytes"`
				Duration float64 `json:"duration_in_seconds"`
			} `json:"attachments"`
		} `json:"items"`
	}
	if err := json.Unmarshal(out.JSON, &doc); err != nil {
		t.Fatalf("read feed.json: %v", err)
	}
	if doc.Version != "https://jsonfeed.org/version/1.1" || doc.FeedURL != "https://codingchats.example.com/feed.json" {
		t.Errorf("feed.json version %q, feed_url %q", doc.Version, doc.FeedURL)
	}
	want := expected(eps)
	if len(doc.Items) != len(want) {
		t.Fatalf("feed.json has %d items, want %d", len(doc.Items), len(want))
	}
	for i, it := range doc.Items {
		ep := want[i]
		if it.ID != ep.GUID {
			t.Errorf("feed.json item %d id %q, want %q", i, it.ID, ep.GUID)
		}
		if (it.ContentHTML == nil || *it.ContentHTML == "") && (it.ContentText == nil || *it.ContentText == "") {
			t.Errorf("feed.json item %d (%q) has neither content_html nor content_text", i, it.ID)
		}
		if len(it.Attachments) != 1 {
			t.Errorf("feed.json item %d: %d attachments", i, len(it.Attachments))
			continue
		}
		a := it.Attachments[0]
		if a.URL != ep.Audio.URL || a.MIMEType != ep.Audio.Type || a.Size != ep.Audio.Length || a.Duration != ep.Audio.Duration.Seconds() {
			t.Errorf("feed.json item %d attachment %+v, want %+v", i, a, ep.Audio)
		}
	}
}

// TestAtomSchema validates every case's atom.xml against the RELAX NG
// schema of RFC 4287 (testdata/atom.rnc, Appendix B) with jing.
func TestAtomSchema(t *testing.T) {
	jing, err := exec.LookPath("jing")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("jing is needed to validate atom.xml (Debian package jing): %v", err)
		}
		t.Skip("jing not installed (Debian package jing); set CI to make this a failure")
	}
	dir := t.TempDir()
	args := []string{"-c", filepath.Join("testdata", "atom.rnc")}
	for _, tc := range goldenCases {
		show, eps, opts := tc.build()
		out := mustBuild(t, show, eps, opts)
		atoms := map[string][]byte{AtomFile: out.Atom}
		for name, data := range out.Pages {
			if strings.HasPrefix(name, "atom-") {
				atoms[name] = data
			}
		}
		for name, data := range atoms {
			path := filepath.Join(dir, tc.name+"."+name)
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			args = append(args, path)
		}
	}
	slices.Sort(args[2:])
	cmd := exec.Command(jing, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("jing: %v\n%s%s", err, stdout.String(), stderr.String())
	}
}
