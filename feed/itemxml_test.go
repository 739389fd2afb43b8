package feed

import (
	"bytes"
	"encoding/xml"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/gorilla/feeds"
)

// encodedXML is what writeXML writes for v with encoding/xml: a new line,
// then v indented with prefix.
func encodedXML(t *testing.T, v any, prefix string) string {
	t.Helper()
	var b bytes.Buffer
	b.WriteByte('\n')
	enc := xml.NewEncoder(&b)
	enc.Indent(prefix, xmlIndent)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// checkItemXML compares what it writes itself with what encoding/xml
// writes; an item it leaves to encoding/xml must have nothing written.
// It returns whether the item wrote itself.
func checkItemXML(t *testing.T, it xmlItem, prefix string) bool {
	t.Helper()
	var b bytes.Buffer
	b.WriteString("before")
	if !it.appendXML(&b, prefix) {
		if b.String() != "before" {
			t.Errorf("an item left to encoding/xml wrote %q", b.String())
		}
		return false
	}
	if got, want := b.String()[len("before"):], encodedXML(t, it, prefix); got != want {
		t.Errorf("appendXML writes\n%s\nencoding/xml\n%s", got, want)
	}
	return true
}

// odd are texts with everything that escaping and CDATA sections must
// get right.
var odd = []string{
	"", "plain", `Tom & "Jerry" <b>'s</b>`, "tab\tnew\nline\rreturn", "]]>", "a]]>b]]>c", "]]]>>",
	"\xff\xfe not UTF-8", "\x00\x01 controls", "\uFFFE\uFFFF", "müsli ✓ 日本", "&amp; already",
}

// randomRSSItem is an item with any of the fields rssItem sets, and with
// rare true one of those only some items have.
func randomRSSItem(r *rand.Rand, text func() string, rare bool) *rssItem {
	maybe := func(s string) string {
		if r.IntN(3) == 0 {
			return ""
		}
		return s
	}
	num := func() int { return []int{0, 1, 42, -3}[r.IntN(4)] }
	it := &rssItem{
		Title: text(), Link: maybe(text()),
		RssItem: feeds.RssItem{
			PubDate:   maybe(text()),
			Guid:      &feeds.RssGuid{Id: text(), IsPermaLink: maybe(text())},
			Enclosure: &feeds.RssEnclosure{Url: text(), Length: text(), Type: text()},
		},
		ItunesTitle: maybe(text()), ItunesDuration: maybe(text()), ItunesEpisode: num(), ItunesSeason: num(),
		ItunesEpisodeType: maybe(text()), ItunesExplicit: text(), ItunesKeywords: maybe(text()),
		PodcastEpisode: num(), PodcastSeason: num(),
	}
	if r.IntN(4) > 0 {
		it.Description = &cdata{Text: text()}
	}
	if r.IntN(4) > 0 {
		it.Content = &feeds.RssContent{Content: text()}
	}
	if r.IntN(2) == 0 {
		it.ItunesImage = &itunesImage{Href: text()}
	}
	for range r.IntN(3) {
		it.PodcastPeople = append(it.PodcastPeople, podcastPerson{Role: maybe(text()), Group: maybe(text()), Href: maybe(text()), Img: maybe(text()), Name: text()})
	}
	for range r.IntN(3) {
		it.PodcastTranscript = append(it.PodcastTranscript, podcastTranscript{URL: text(), Type: text(), Language: maybe(text()), Rel: maybe(text())})
	}
	if r.IntN(2) == 0 {
		it.PodcastChapters = &podcastChapters{URL: text(), Type: text()}
		it.PscChapters = &pscChapters{Version: text()}
		for range r.IntN(3) {
			it.PscChapters.Chapters = append(it.PscChapters.Chapters, pscChapter{Start: text(), Title: text(), Href: maybe(text()), Image: maybe(text())})
		}
	}
	if rare {
		switch r.IntN(5) {
		case 0:
			it.ItunesBlock = "Yes"
		case 1:
			it.PodcastSoundbites = []podcastSoundbite{{StartTime: "1", Duration: "2", Title: text()}}
		case 2:
			it.podcastTags.Location = &podcastLocation{Name: text()}
		case 3:
			it.podcastTags.License = &podcastLicense{Identifier: text()}
		case 4:
			it.Author = text() + "x"
		}
	}
	return it
}

// randomAtomEntry is an entry as newAtomEntry makes them, and with rare
// true with one of the elements it never gives one.
func randomAtomEntry(r *rand.Rand, text func() string, rare bool) *atomEntry {
	maybe := func(s string) string {
		if r.IntN(3) == 0 {
			return ""
		}
		return s
	}
	x := &atomEntry{AtomEntry: &feeds.AtomEntry{Title: text(), Updated: text(), Id: text(), Published: maybe(text())}}
	for range r.IntN(3) {
		x.Links = append(x.Links, feeds.AtomLink{Href: text(), Rel: maybe(text()), Type: maybe(text()), Length: maybe(text())})
	}
	if r.IntN(4) > 0 {
		x.Content = &atomHTML{Type: text(), cdata: cdata{Text: text()}}
	}
	if r.IntN(4) > 0 {
		x.Summary = &atomHTML{Type: text(), cdata: cdata{Text: text()}}
	}
	if rare {
		switch r.IntN(3) {
		case 0:
			x.Author = &feeds.AtomAuthor{AtomPerson: feeds.AtomPerson{Name: text()}}
		case 1:
			x.Rights = text() + "x"
		case 2:
			x.Category = text() + "x"
		}
	}
	return x
}

// What appendXML writes is what encoding/xml writes, for items with every
// common element, none, and texts to escape; items with an element only
// some items have are left to encoding/xml.
func TestItemXMLMatchesEncodingXML(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	text := func() string { return odd[r.IntN(len(odd))] }
	wrote, left := 0, 0
	for i := range 2000 {
		prefix := []string{"", "    ", "\t"}[i%3]
		rare := i%5 == 0
		var it xmlItem = randomRSSItem(r, text, rare)
		if i%2 == 1 {
			it = randomAtomEntry(r, text, rare)
		}
		if checkItemXML(t, it, prefix) {
			wrote++
			if rare {
				t.Errorf("an item with a rare element wrote itself")
			}
		} else {
			left++
		}
	}
	if wrote == 0 || left == 0 {
		t.Errorf("%d items wrote themselves, %d were left to encoding/xml", wrote, left)
	}
}

// FuzzItemXML compares appendXML with encoding/xml over fuzzed texts.
func FuzzItemXML(f *testing.F) {
	f.Add(uint64(1), "Title & <more>", "]]>", "\xff")
	f.Add(uint64(7), "", "\t\n\r", "\x00")
	f.Fuzz(func(t *testing.T, seed uint64, a, b, c string) {
		r := rand.New(rand.NewPCG(seed, seed>>1))
		texts := []string{a, b, c}
		text := func() string { return texts[r.IntN(3)] }
		checkItemXML(t, randomRSSItem(r, text, r.IntN(4) == 0), "    ")
		checkItemXML(t, randomAtomEntry(r, text, r.IntN(4) == 0), "  ")
	})
}

// appendXML writes or declines every field of the items it writes: a
// field added to rssItem, atomEntry or what they embed must be added to
// appendXML (written, or a reason to leave the item to encoding/xml) and
// to this list, or an item would lose it without a test noticing.
func TestItemXMLKnowsEveryField(t *testing.T) {
	known := map[string][]string{
		"rssItem": {"Title", "Link", "Description", "RssItem", "ItunesTitle", "ItunesDuration", "ItunesEpisode",
			"ItunesSeason", "ItunesEpisodeType", "ItunesExplicit", "ItunesImage", "ItunesKeywords", "PodcastEpisode",
			"PodcastSeason", "PodcastPeople", "PodcastTranscript", "PodcastChapters", "PscChapters", "ItunesBlock",
			"PodcastSoundbites", "PodcastAlternateEnclosures", "PodcastSocialInteract", "podcastTags"},
		"RssItem":     {"XMLName", "Title", "Link", "Description", "Content", "Author", "Category", "Comments", "Enclosure", "Guid", "PubDate", "Source"},
		"podcastTags": {"Location", "License", "Txt", "Images", "Chat", "Value"},
		"atomEntry":   {"AtomEntry", "Content", "Summary"},
		"AtomEntry": {"XMLName", "Xmlns", "Title", "Updated", "Id", "Category", "Content", "Rights", "Source", "Published",
			"Contributor", "Links", "Summary", "Author"},
		"RssGuid":           {"XMLName", "Id", "IsPermaLink"},
		"RssEnclosure":      {"XMLName", "Url", "Length", "Type"},
		"RssContent":        {"XMLName", "Content"},
		"AtomLink":          {"XMLName", "Href", "Rel", "Type", "Length"},
		"atomHTML":          {"Type", "cdata"},
		"cdata":             {"Text"},
		"podcastPerson":     {"Role", "Group", "Href", "Img", "Name"},
		"podcastTranscript": {"URL", "Type", "Language", "Rel"},
		"podcastChapters":   {"URL", "Type"},
		"pscChapters":       {"Version", "Chapters"},
		"pscChapter":        {"Start", "Title", "Href", "Image"},
		"itunesImage":       {"Href"},
	}
	for _, v := range []any{rssItem{}, feeds.RssItem{}, podcastTags{}, atomEntry{}, feeds.AtomEntry{}, feeds.RssGuid{},
		feeds.RssEnclosure{}, feeds.RssContent{}, feeds.AtomLink{}, atomHTML{}, cdata{}, podcastPerson{},
		podcastTranscript{}, podcastChapters{}, pscChapters{}, pscChapter{}, itunesImage{}} {
		typ := reflect.TypeOf(v)
		var fields []string
		for f := range typ.Fields() {
			fields = append(fields, f.Name)
		}
		if want := known[typ.Name()]; !slices.Equal(fields, want) {
			t.Errorf("%s has the fields %v; appendXML knows %v", typ.Name(), fields, want)
		}
	}
}
