package publish

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"
)

func TestReadRSSItemsNamespaced(t *testing.T) {
	f, err := os.Open("testdata/namespaced.rss")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := ReadRSSItems(f)
	if err != nil {
		t.Fatalf("ReadRSSItems: %v", err)
	}
	want := []Item{
		{GUID: "coding-chats-055", Title: "Rust & Performance", EnclosureURL: "https://cdn.example.com/055.mp3"},
		{GUID: "https://example.com/episodes/bonus-1", Title: "Bonus: Q&A", EnclosureURL: "https://cdn.example.com/bonus-1.m4a"},
		{Title: "No guid here", EnclosureURL: "https://cdn.example.com/old.mp3"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ReadRSSItems =\n%+v\nwant\n%+v", got, want)
	}
}

func TestReadRSSItems(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    []Item
		wantErr string // substring of the error; "" for no error
	}{
		{
			name: "no items",
			in:   `<rss version="2.0"><channel><title>Show</title></channel></rss>`,
		},
		{
			name: "undeclared prefixes",
			in: `<rss><channel><item><itunes:title>No</itunes:title><title>Yes</title>` +
				`<podcast:guid>no</podcast:guid><guid>g1</guid><atom:link>no</atom:link><link> https://e.com/1/ </link></item></channel></rss>`,
			want: []Item{{GUID: "g1", Title: "Yes", Link: "https://e.com/1/"}},
		},
		{
			name: "namespaced enclosure and url attribute ignored",
			in: `<rss xmlns:media="http://search.yahoo.com/mrss/"><channel><item><guid>g</guid>` +
				`<media:content url="https://no"/><enclosure media:url="https://no" url="https://yes"/></item></channel></rss>`,
			want: []Item{{GUID: "g", EnclosureURL: "https://yes"}},
		},
		{
			name: "items outside channel ignored",
			in:   `<rss><item><guid>no</guid></item><channel><item><guid>yes</guid></item></channel></rss>`,
			want: []Item{{GUID: "yes"}},
		},
		{
			name: "nested title not the item's",
			in:   `<rss><channel><item><source><title>no</title></source><title>yes</title></item></channel></rss>`,
			want: []Item{{Title: "yes"}},
		},
		{
			name: "latin-1",
			in:   "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><item><title>Caf\xe9</title></item></channel></rss>",
			want: []Item{{Title: "Café"}},
		},
		{
			name:    "atom feed",
			in:      `<feed xmlns="http://www.w3.org/2005/Atom"><entry/></feed>`,
			wantErr: "root element is <atom:feed>, not <rss>",
		},
		{
			name:    "empty",
			in:      "",
			wantErr: "no <rss> element",
		},
		{
			name:    "truncated",
			in:      `<rss><channel><item><title>Cut`,
			wantErr: "unexpected EOF",
		},
		{
			name:    "mismatched tags",
			in:      `<rss><channel><item></channel></rss>`,
			wantErr: "line 1",
		},
		{
			name:    "unsupported encoding",
			in:      `<?xml version="1.0" encoding="x-klingon"?><rss/>`,
			wantErr: `unsupported encoding "x-klingon"`,
		},
		{
			name: "shift_jis",
			in:   "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><rss><channel><item><title>\x93\xfa\x96\x7b</title></item></channel></rss>",
			want: []Item{{Title: "日本"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadRSSItems(strings.NewReader(tt.in))
			if tt.wantErr != "" {
				if err == nil {
					t.Fatalf("ReadRSSItems = %+v, want an error containing %q", got, tt.wantErr)
				}
				if !strings.Contains(err.Error(), tt.wantErr) || !strings.HasPrefix(err.Error(), "read rss: ") {
					t.Errorf("error %q, want \"read rss: …%s…\"", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ReadRSSItems: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ReadRSSItems = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestReadRSSShowGUID(t *testing.T) {
	const ns = `xmlns:podcast="https://podcastindex.org/namespace/1.0"`
	tests := []struct {
		name, in, want string
	}{
		{"in the channel", `<rss ` + ns + `><channel><podcast:guid> 917393e3-1b1e-5cef-ace4-edaa54e1f810 </podcast:guid></channel></rss>`, "917393e3-1b1e-5cef-ace4-edaa54e1f810"},
		{"after the items", `<rss ` + ns + `><channel><item><guid>a</guid></item><podcast:guid>g</podcast:guid></channel></rss>`, "g"},
		{"none", `<rss><channel><item><guid>a</guid></item></channel></rss>`, ""},
		{"in an item, not the show's", `<rss ` + ns + `><channel><item><podcast:guid>x</podcast:guid></item></channel></rss>`, ""},
		{"another namespace", `<rss xmlns:p="urn:other"><channel><p:guid>x</p:guid></channel></rss>`, ""},
		{"un-namespaced in the channel", `<rss><channel><guid>x</guid></channel></rss>`, ""},
		{"markup inside", `<rss ` + ns + `><channel><podcast:guid>a<b/>c</podcast:guid><title>t</title></channel></rss>`, "ac"},
	}
	for _, tt := range tests {
		f, err := ReadRSS(strings.NewReader(tt.in))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if f.ShowGUID != tt.want {
			t.Errorf("%s: ShowGUID = %q, want %q", tt.name, f.ShowGUID, tt.want)
		}
	}
}

func TestCompare(t *testing.T) {
	ep1 := Item{GUID: "g1", Title: "One", EnclosureURL: "https://cdn/1.mp3"}
	ep2 := Item{GUID: "g2", Title: "Two", EnclosureURL: "https://cdn/2.mp3"}
	ep3 := Item{GUID: "g3", Title: "Three", EnclosureURL: "https://cdn/3.mp3"}
	with := func(it Item, f func(*Item)) Item { f(&it); return it }
	ptr := func(it Item) *Item { return &it }

	tests := []struct {
		name       string
		prev, next []Item
		want       []Loss
	}{
		{name: "unchanged", prev: []Item{ep1, ep2}, next: []Item{ep1, ep2}},
		{name: "both empty"},
		{name: "first build", next: []Item{ep1}},
		{name: "added only", prev: []Item{ep1}, next: []Item{ep2, ep1, ep3}},
		{name: "reordered", prev: []Item{ep1, ep2}, next: []Item{ep2, ep1}},
		{
			name: "guid kept, everything else changed",
			prev: []Item{ep1},
			next: []Item{{GUID: "g1", Title: "New title", EnclosureURL: "https://new/1.mp3"}},
		},
		{
			name: "removed",
			prev: []Item{ep1, ep2, ep3},
			next: []Item{ep1, ep3},
			want: []Loss{{Old: ep2, Kind: Removed}},
		},
		{
			name: "all removed",
			prev: []Item{ep1, ep2},
			want: []Loss{{Old: ep1, Kind: Removed}, {Old: ep2, Kind: Removed}},
		},
		{
			name: "rekeyed by enclosure",
			prev: []Item{ep1, ep2},
			next: []Item{ep1, with(ep2, func(it *Item) { it.GUID = "g2-new"; it.Title = "Two, retitled" })},
			want: []Loss{{
				Old:  ep2,
				New:  ptr(with(ep2, func(it *Item) { it.GUID = "g2-new"; it.Title = "Two, retitled" })),
				Kind: Rekeyed,
			}},
		},
		{
			name: "rekeyed by title",
			prev: []Item{ep1, ep2},
			next: []Item{ep1, {GUID: "g2-new", Title: "Two", EnclosureURL: "https://new-cdn/2.mp3"}},
			want: []Loss{{
				Old:  ep2,
				New:  &Item{GUID: "g2-new", Title: "Two", EnclosureURL: "https://new-cdn/2.mp3"},
				Kind: Rekeyed,
			}},
		},
		{
			name: "enclosure match wins over an earlier title match",
			prev: []Item{ep1, ep2},
			next: []Item{
				{GUID: "x", Title: "One", EnclosureURL: "https://cdn/2.mp3"},
				{GUID: "y", Title: "One", EnclosureURL: "https://cdn/9.mp3"},
			},
			want: []Loss{
				{Old: ep1, New: &Item{GUID: "y", Title: "One", EnclosureURL: "https://cdn/9.mp3"}, Kind: Rekeyed},
				{Old: ep2, New: &Item{GUID: "x", Title: "One", EnclosureURL: "https://cdn/2.mp3"}, Kind: Rekeyed},
			},
		},
		{
			name: "an item kept under its own guid is no replacement",
			prev: []Item{{GUID: "a", Title: "Bonus"}, {GUID: "b", Title: "Bonus"}},
			next: []Item{{GUID: "b", Title: "Bonus"}},
			want: []Loss{{Old: Item{GUID: "a", Title: "Bonus"}, Kind: Removed}},
		},
		{
			name: "one replacement for one episode",
			prev: []Item{{GUID: "a", Title: "Bonus"}, {GUID: "b", Title: "Bonus"}},
			next: []Item{{GUID: "c", Title: "Bonus"}},
			want: []Loss{
				{Old: Item{GUID: "a", Title: "Bonus"}, New: &Item{GUID: "c", Title: "Bonus"}, Kind: Rekeyed},
				{Old: Item{GUID: "b", Title: "Bonus"}, Kind: Removed},
			},
		},
		{
			name: "empty keys never match",
			prev: []Item{{GUID: "a"}},
			next: []Item{{GUID: "b"}},
			want: []Loss{{Old: Item{GUID: "a"}, Kind: Removed}},
		},
		{
			name: "guid fixed in the wrong file",
			prev: []Item{ep1, ep3},
			next: []Item{
				ep1,
				{GUID: "g3", Title: "Four", EnclosureURL: "https://cdn/4.mp3"},
				with(ep3, func(it *Item) { it.GUID = "g4" }),
			},
			want: []Loss{{
				Old:  ep3,
				New:  ptr(with(ep3, func(it *Item) { it.GUID = "g4" })),
				Heir: &Item{GUID: "g3", Title: "Four", EnclosureURL: "https://cdn/4.mp3"},
				Kind: Moved,
			}},
		},
		{
			name: "two guids swapped",
			prev: []Item{ep1, ep2},
			next: []Item{with(ep2, func(it *Item) { it.GUID = "g1" }), with(ep1, func(it *Item) { it.GUID = "g2" })},
			want: []Loss{
				{Old: ep1, New: ptr(with(ep1, func(it *Item) { it.GUID = "g2" })), Heir: ptr(with(ep2, func(it *Item) { it.GUID = "g1" })), Kind: Moved},
				{Old: ep2, New: ptr(with(ep2, func(it *Item) { it.GUID = "g1" })), Heir: ptr(with(ep1, func(it *Item) { it.GUID = "g2" })), Kind: Moved},
			},
		},
		{
			name: "enclosures swapped to fix the audio",
			prev: []Item{ep1, ep2},
			next: []Item{
				with(ep1, func(it *Item) { it.EnclosureURL = ep2.EnclosureURL }),
				with(ep2, func(it *Item) { it.EnclosureURL = ep1.EnclosureURL }),
			},
		},
		{
			name: "titles swapped",
			prev: []Item{ep1, ep2},
			next: []Item{with(ep1, func(it *Item) { it.Title = ep2.Title }), with(ep2, func(it *Item) { it.Title = ep1.Title })},
		},
		{
			name: "a moved guid and a removal, in the order of prev",
			prev: []Item{ep1, ep2, ep3},
			next: []Item{{GUID: "g1", Title: "Other", EnclosureURL: "https://cdn/o.mp3"}, with(ep1, func(it *Item) { it.GUID = "g9" }), ep3},
			want: []Loss{
				{Old: ep1, New: ptr(with(ep1, func(it *Item) { it.GUID = "g9" })), Heir: &Item{GUID: "g1", Title: "Other", EnclosureURL: "https://cdn/o.mp3"}, Kind: Moved},
				{Old: ep2, Kind: Removed},
			},
		},
		{
			name: "guid added to an item that had none",
			prev: []Item{{Title: "Old", EnclosureURL: "https://cdn/old.mp3"}},
			next: []Item{{GUID: "g", Title: "Old", EnclosureURL: "https://cdn/old.mp3"}},
			want: []Loss{{
				Old:  Item{Title: "Old", EnclosureURL: "https://cdn/old.mp3"},
				New:  &Item{GUID: "g", Title: "Old", EnclosureURL: "https://cdn/old.mp3"},
				Kind: Rekeyed,
			}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Compare(tt.prev, tt.next)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Compare =\n%s\nwant\n%s", lossesString(got), lossesString(tt.want))
			}
		})
	}
}

func lossesString(ls []Loss) string {
	var b strings.Builder
	for _, l := range ls {
		b.WriteString("\t" + l.Kind.String() + ": " + l.String() + "\n")
	}
	if b.Len() == 0 {
		return "\t(none)"
	}
	return b.String()
}

func TestLossString(t *testing.T) {
	tests := []struct {
		loss Loss
		want string
	}{
		{
			Loss{Old: Item{GUID: "g1", Title: "Rust & Performance"}, Kind: Removed},
			`episode "Rust & Performance" (guid g1) would disappear from the feed`,
		},
		{
			Loss{Old: Item{GUID: "g1", Title: "One"}, New: &Item{GUID: "g2", Title: "One"}, Kind: Rekeyed},
			`episode "One" would change guid from g1 to g2`,
		},
		{
			Loss{Old: Item{Title: "Old"}, New: &Item{GUID: "g 2"}, Kind: Rekeyed},
			`episode "Old" would change guid from "" to "g 2"`,
		},
		{
			Loss{Old: Item{GUID: "g1", Title: "Two\nlines"}, Kind: Removed},
			`episode "Two\nlines" (guid g1) would disappear from the feed`,
		},
		{
			Loss{Old: Item{GUID: "g1", EnclosureURL: "https://cdn/1.mp3"}, Kind: Removed},
			`episode at "https://cdn/1.mp3" (guid g1) would disappear from the feed`,
		},
		{
			Loss{Old: Item{GUID: "g1"}, Kind: Removed},
			`episode (untitled) (guid g1) would disappear from the feed`,
		},
		{
			Loss{Old: Item{GUID: "g1", Title: "One"}, Kind: Rekeyed},
			`episode "One" would change guid from g1 to ?`,
		},
		{
			Loss{Old: Item{GUID: "g3", Title: "Three"}, New: &Item{GUID: "g4"}, Heir: &Item{GUID: "g3", Title: "Four"}, Kind: Moved},
			`episode "Three" would change guid from g3 to g4, and g3 would name "Four"`,
		},
		{
			Loss{Old: Item{GUID: "g1", Title: "One"}},
			`episode "One" (guid g1): LossKind(0)`,
		},
	}
	for _, tt := range tests {
		if got := tt.loss.String(); got != tt.want {
			t.Errorf("String() = %s\nwant       %s", got, tt.want)
		}
	}
}

func FuzzReadRSSItems(f *testing.F) {
	sample, err := os.ReadFile("testdata/namespaced.rss")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sample)
	f.Add([]byte(""))
	f.Add([]byte(`<rss><channel><item><title>T</title><guid>g</guid><enclosure url="u"/></item></channel></rss>`))
	f.Add([]byte(`<rss><channel><item><title><![CDATA[a<b]]></title></item><item/></channel></rss>`))
	f.Add([]byte("<?xml version=\"1.0\" encoding=\"latin1\"?><rss><channel><item><title>\xff</title></item></channel></rss>"))
	f.Add([]byte(`<feed/>`))
	f.Add([]byte(`<rss><channel><item><guid>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		items, err := ReadRSSItems(bytes.NewReader(data))
		if err != nil {
			if items != nil {
				t.Errorf("items %+v returned with error %v", items, err)
			}
			if msg := err.Error(); !strings.HasPrefix(msg, "read rss: ") {
				t.Errorf("error %q lacks the read rss: prefix", msg)
			}
			return
		}
		if losses := Compare(items, items); losses != nil {
			t.Errorf("Compare(items, items) = %v, want nil", losses)
		}
		for _, it := range items {
			for _, l := range Compare([]Item{it}, nil) {
				if msg := l.String(); strings.ContainsAny(msg, "\r\n") {
					t.Errorf("Loss.String() = %q is not one line", msg)
				}
			}
		}
	})
}
