package feed

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/address"
)

func TestBuildErrors(t *testing.T) {
	dup := func(mod func(a, b *episodes.Episode)) []*episodes.Episode {
		a, b := episode55(), episode55()
		another(b, "056-other", "codingchats-056")
		mod(a, b)
		return []*episodes.Episode{a, b}
	}
	tests := []struct {
		name string
		show *config.Show
		eps  []*episodes.Episode
		want string
	}{
		{"no show", nil, nil, "no show"},
		{"nil episode", codingChatsShow(), []*episodes.Episode{episode55(), nil}, "episode 1 is nil"},
		{"no guid", codingChatsShow(), dup(func(a, _ *episodes.Episode) { a.GUID = "" }),
			"episodes/055-rust-in-production.toml: episode has no guid"},
		{"guid twice", codingChatsShow(), dup(func(a, b *episodes.Episode) { b.GUID = a.GUID }),
			`episodes/056-other.toml: guid "codingchats-055-rust-in-production" is also the guid of episodes/055-rust-in-production.toml`},
		{"slug twice", codingChatsShow(), dup(func(a, b *episodes.Episode) { b.Slug = a.Slug }),
			`episodes/056-other.toml: slug "055-rust-in-production" is also the slug of episodes/055-rust-in-production.toml`},
		{"chapters without slug", codingChatsShow(), dup(func(a, _ *episodes.Episode) { a.Slug = "" }),
			"episodes/055-rust-in-production.toml: episode has chapters but no slug to name their file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := Build(tt.show, tt.eps, Options{})
			if err == nil || err.Error() != tt.want {
				t.Errorf("Build error %v, want %q", err, tt.want)
			}
			if out != nil {
				t.Errorf("Build returned output with an error")
			}
		})
	}
}

// Build neither modifies its input nor keeps the caller's order.
func TestBuildLeavesInputAlone(t *testing.T) {
	show := codingChatsShow()
	old, newer := episode55(), episode55()
	another(newer, "056-newer", "cc-056").Published = old.Published.Add(time.Hour)
	newer.Title = "bad \v title"
	eps := []*episodes.Episode{old, newer}
	before := []any{*codingChatsShow(), *old, *newer}
	if _, err := Build(show, eps, Options{}); err != nil {
		t.Fatal(err)
	}
	if eps[0] != old || eps[1] != newer {
		t.Errorf("Build reordered the caller's slice")
	}
	if !reflect.DeepEqual(before, []any{*show, *old, *newer}) {
		t.Errorf("Build modified its input")
	}
}

// Atom ids are UUIDv5 of the guid in the show's namespace: stable across
// builds and pinned here so that a change is noticed.
func TestAtomIDs(t *testing.T) {
	ns := showUUID(codingChatsShow())
	if got := entryID(ns, "codingchats-055-rust-in-production"); got != "urn:uuid:d77fb0a0-46b5-57c6-9b10-a74f8c7d1980" {
		t.Errorf("entry id %s", got)
	}
	s := codingChatsShow()
	s.GUID = ""
	if got := showUUID(s); got != ns {
		t.Errorf("show without guid: namespace %s, want the default guid %s", got, ns)
	}
	s.GUID = "not-a-uuid"
	if a, b := showUUID(s), showUUID(s); a != b || a == ns {
		t.Errorf("show with a non-UUID guid: %s, %s", a, b)
	}
}

func TestSeconds(t *testing.T) {
	for _, tt := range []struct {
		d    time.Duration
		want string
	}{
		{0, "0"},
		{229 * time.Second, "229"},
		{90*time.Second + 250*time.Millisecond, "90.25"},
		{time.Second + 5*time.Millisecond, "1.005"},
		{500 * time.Millisecond, "0.5"},
		{time.Second + 999*time.Microsecond, "1"}, // below a millisecond is dropped
	} {
		if got := seconds(tt.d); got != tt.want {
			t.Errorf("seconds(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestItunesCategories(t *testing.T) {
	got := itunesCategories([]config.Category{
		{Name: "Technology"}, {Name: "Education", Sub: "How To"}, {Name: "Arts"},
		{Name: "Education", Sub: "Courses"}, {Name: "Education", Sub: "How To"}, {Name: ""},
	})
	var s []string
	for _, c := range got {
		subs := []string{}
		for _, sub := range c.Subs {
			subs = append(subs, sub.Text)
		}
		s = append(s, c.Text+"("+strings.Join(subs, ",")+")")
	}
	if want := "Technology() Education(How To,Courses) Arts()"; strings.Join(s, " ") != want {
		t.Errorf("categories %q, want %q", strings.Join(s, " "), want)
	}
}

func TestSibling(t *testing.T) {
	for _, tt := range []struct {
		feedURL, name, want string
	}{
		{"https://example.com/feed.xml", "atom.xml", "https://example.com/atom.xml"},
		{"https://example.com/podcast/feed.xml?x=1", "feed.json", "https://example.com/podcast/feed.json"},
		{"https://example.com/podcast/", "chapters/a.json", "https://example.com/podcast/chapters/a.json"},
		{"https://example.com", "atom.xml", "https://example.com/atom.xml"},
		{"https://example.com/feed.xml", "chapters/a%20b.json", "https://example.com/chapters/a%20b.json"},
		{"feeds/feed.xml", "atom.xml", "feeds/atom.xml"},
	} {
		b := &build{show: &config.Show{FeedURL: tt.feedURL}, siblings: address.NewSiblings(tt.feedURL)}
		if got := b.sibling(tt.name); got != tt.want {
			t.Errorf("sibling(%q, %q) = %q, want %q", tt.feedURL, tt.name, got, tt.want)
		}
	}
}

func TestIsPermaLink(t *testing.T) {
	for guid, want := range map[string]bool{
		"https://example.com/ep/1": true,
		"http://example.com/ep/1":  true,
		"codingchats-055":          false,
		"urn:uuid:1234":            false,
		"ftp://example.com/1":      false,
		"https://":                 false,
		"":                         false,
	} {
		if got := isPermaLink(guid); got != want {
			t.Errorf("isPermaLink(%q) = %v, want %v", guid, got, want)
		}
	}
}

func FuzzBuild(f *testing.F) {
	ep := episode55()
	f.Add(ep.Title, ep.Summary, ep.Chapters[1].Title)
	f.Add("a < b & c ]]> \v \xff", "*x* <script>alert(1)</script> ]]> &#1;", "]]>\x00")
	f.Add("", "", "")
	f.Add("<![CDATA[x]]>", "<![CDATA[y]]>", "&amp;&#0;&#xD800;")
	show := codingChatsShow()
	f.Fuzz(func(t *testing.T, title, summary, chapter string) {
		ep := episode55()
		ep.Title = title
		ep.Summary = summary
		ep.Takeaways = append(ep.Takeaways, chapter)
		ep.Links[0].Note = chapter
		for i := range ep.Chapters {
			ep.Chapters[i].Title = chapter
		}
		out := buildTwice(t, show, []*episodes.Episode{ep}, Options{Generator: title})
		checkWellFormed(t, RSSFile, out.RSS)
		checkWellFormed(t, AtomFile, out.Atom)
		checkJSON(t, JSONFile, out.JSON)
		for name, data := range out.Chapters {
			checkJSON(t, name, data)
		}
		var js map[string]any
		if err := json.Unmarshal(out.JSON, &js); err != nil {
			t.Fatalf("feed.json: %v", err)
		}
		fd, err := gofeed.NewParser().Parse(bytes.NewReader(out.RSS))
		if err != nil {
			t.Fatalf("gofeed: %v", err)
		}
		if len(fd.Items) != 1 {
			t.Fatalf("gofeed reads %d items, want 1", len(fd.Items))
		}
		atom, err := gofeed.NewParser().Parse(bytes.NewReader(out.Atom))
		if err != nil {
			t.Fatalf("gofeed atom: %v", err)
		}
		if len(atom.Items) != 1 {
			t.Fatalf("gofeed reads %d atom entries, want 1", len(atom.Items))
		}
	})
}

// BenchmarkBuild500 renders a show of 500 episodes like episode 55: Build,
// then every file it returns, written to io.Discard.
func BenchmarkBuild500(b *testing.B) {
	show := codingChatsShow()
	var eps []*episodes.Episode
	for i := range 500 {
		ep := another(episode55(), fmt.Sprintf("%03d-episode", i), fmt.Sprintf("cc-%03d", i))
		ep.Published = ep.Published.AddDate(0, 0, -7*i)
		eps = append(eps, ep)
	}
	for b.Loop() {
		out, err := Build(show, eps, Options{})
		if err != nil {
			b.Fatal(err)
		}
		for _, d := range append(out.Chapters, out.Feeds...) {
			if err := d.Write(io.Discard); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// Options.Stylesheet puts an xml-stylesheet instruction right after the XML
// declaration of feed.xml, and only there; without it nothing changes.
func TestStylesheet(t *testing.T) {
	plain := buildTwice(t, codingChatsShow(), []*episodes.Episode{episode55()}, Options{})
	for _, tt := range []struct {
		href, want string
	}{
		{"feed.css", `<?xml-stylesheet type="text/css" href="feed.css"?>`},
		{"/style/Feed.CSS?v=1", `<?xml-stylesheet type="text/css" href="/style/Feed.CSS?v=1"?>`},
		{"feed.xsl", `<?xml-stylesheet type="text/xsl" href="feed.xsl"?>`},
		{"/style/feed.xsl?v=1&x=\"?>", `<?xml-stylesheet type="text/xsl" href="/style/feed.xsl?v=1&amp;x=&quot;?&gt;"?>`},
	} {
		out := buildTwice(t, codingChatsShow(), []*episodes.Episode{episode55()}, Options{Stylesheet: tt.href})
		decl := `<?xml version="1.0" encoding="UTF-8"?>` + "\n"
		if want := decl + tt.want + "\n"; !bytes.HasPrefix(out.RSS, []byte(want)) {
			t.Errorf("Stylesheet %q: feed.xml starts\n%.120s\nwant\n%s", tt.href, out.RSS, want)
		}
		if got := bytes.Replace(out.RSS, []byte(tt.want+"\n"), nil, 1); !bytes.Equal(got, plain.RSS) {
			t.Errorf("Stylesheet %q: feed.xml differs from the one without a stylesheet beyond the instruction", tt.href)
		}
		if !bytes.Equal(out.Atom, plain.Atom) || !bytes.Equal(out.JSON, plain.JSON) {
			t.Errorf("Stylesheet %q changed atom.xml or feed.json", tt.href)
		}
		checkWellFormed(t, "feed.xml with a stylesheet", out.RSS)
	}
}

// Output.Notes holds, per slug, exactly the notes written into
// content:encoded.
func TestNotes(t *testing.T) {
	a, b, noSlug := episode55(), episode55(), episode55()
	another(b, "056 chapters & more", "cc-056").Title = "Second <script>alert(1)</script>"
	another(noSlug, "", "cc-057").Chapters = nil
	out := buildTwice(t, codingChatsShow(), []*episodes.Episode{a, b, noSlug}, Options{})
	if len(out.Notes) != 2 {
		t.Errorf("Notes has %d entries, want 2 (episodes with a slug)", len(out.Notes))
	}
	parsed, err := gofeed.NewParser().ParseString(string(out.RSS))
	if err != nil {
		t.Fatal(err)
	}
	content := map[string]string{}
	for _, it := range parsed.Items {
		content[it.GUID] = it.Content
	}
	for slug, guid := range map[string]string{a.Slug: a.GUID, b.Slug: b.GUID} {
		n, ok := out.Notes[slug]
		if !ok {
			t.Errorf("Notes[%q] missing", slug)
			continue
		}
		if notes := n.HTML(); notes == "" || notes != content[guid] {
			t.Errorf("Notes[%q] is not the item's content:encoded:\n%s\nwant\n%s", slug, n.HTML(), content[guid])
		}
	}
	if !strings.Contains(out.Notes[a.Slug].HTML(), "<p>00:03:49 Performance Gains with Rust</p>") {
		t.Errorf("Notes[%q] lacks the chapter line", a.Slug)
	}
}

// TestNotesAsBuildRendersThem renders the notes of every golden case's
// episodes with Notes and with Build: a page shows the notes Notes gives
// when Build copied the episode's items, so both must write them alike.
func TestNotesAsBuildRendersThem(t *testing.T) {
	for _, c := range goldenCases {
		t.Run(c.name, func(t *testing.T) {
			show, eps, opts := c.build()
			out, err := Build(show, eps, opts)
			if err != nil {
				t.Fatal(err)
			}
			notes, err := Notes(show, eps)
			if err != nil {
				t.Fatal(err)
			}
			if len(notes) != len(out.Notes) {
				t.Errorf("Notes gave %d episodes' notes, Build %d", len(notes), len(out.Notes))
			}
			for slug, want := range out.Notes {
				got := notes[slug]
				if got == nil {
					t.Errorf("%s: no notes", slug)
					continue
				}
				if got.HTML() != want.HTML() {
					t.Errorf("%s: HTML\n got %q\nwant %q", slug, got.HTML(), want.HTML())
				}
				gotPage, err1 := got.Page()
				wantPage, err2 := want.Page()
				if err1 != nil || err2 != nil || gotPage != wantPage {
					t.Errorf("%s: page (%v, %v)\n got %q\nwant %q", slug, err1, err2, gotPage, wantPage)
				}
			}
		})
	}
	if _, err := Notes(codingChatsShow(), []*episodes.Episode{nil}); err == nil {
		t.Error("Notes of a nil episode: no error")
	}
}
