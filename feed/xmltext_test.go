package feed

import (
	"encoding/json"
	"encoding/xml"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/escape"
)

func TestCleanText(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", ""},
		{"plain", "plain"},
		{"tab\tlf\ncr\r", "tab\tlf\ncr\r"},
		{"<&>]]>", "<&>]]>"}, // markup is escaped by the writers, not here
		{"v\vtab", "vtab"},
		{"nul\x00 bel\x07 esc\x1b us\x1f", "nul bel esc us"},
		{"del\x7f c1\u0085", "del\x7f c1\u0085"}, // allowed by XML 1.0
		{"bad\xffbyte", "bad\uFFFDbyte"},
		{"two\xff\xfebad", "two\uFFFD\uFFFDbad"},
		{"cut \xe2\x82", "cut \uFFFD\uFFFD"},
		{"surrogate \xed\xa0\x80", "surrogate \uFFFD\uFFFD\uFFFD"}, // U+D800 encoded: invalid UTF-8
		{"nonchar \uFFFE\uFFFF end", "nonchar  end"},
		{"keep \uFFFD \U0001F399 \U0010FFFF", "keep \uFFFD \U0001F399 \U0010FFFF"},
		{"© 2025 Ü", "© 2025 Ü"},
	}
	for _, tt := range tests {
		if got := cleanText(tt.in); got != tt.want {
			t.Errorf("cleanText(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if !escape.IsXMLText(cleanText(tt.in)) {
			t.Errorf("cleanText(%q) is not XML text", tt.in)
		}
	}
}

// The CDATA writer (encoding/xml's ",cdata") splits "]]>" so that the text
// reads back unchanged.
func TestCDATASplit(t *testing.T) {
	type doc struct {
		XMLName xml.Name `xml:"d"`
		C       cdata    `xml:"c"`
	}
	for _, s := range []string{"]]>", "a]]>b", "]]>]]>", "]]]]>>", "<p>x</p> & ]]", "]"} {
		data, err := xml.Marshal(doc{C: cdata{s}})
		if err != nil {
			t.Fatal(err)
		}
		var back struct {
			C string `xml:"c"`
		}
		if err := xml.Unmarshal(data, &back); err != nil {
			t.Fatalf("%q gives malformed XML %s: %v", s, data, err)
		}
		if back.C != s {
			t.Errorf("%q reads back as %q from %s", s, back.C, data)
		}
	}
}

// fill sets every string reachable from v (through structs, pointers and
// slices) to s, allocating pointers and two-element slices on the way.
func fill(v reflect.Value, s string) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(s)
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		fill(v.Elem(), s)
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return
		}
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range v.Len() {
			fill(v.Index(i), s)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), s)
			}
		}
	}
}

// strs returns every string reachable from v with its path.
func strs(v reflect.Value, path string, out map[string]string) {
	switch v.Kind() {
	case reflect.String:
		out[path] = v.String()
	case reflect.Pointer:
		if !v.IsNil() {
			strs(v.Elem(), path, out)
		}
	case reflect.Slice:
		for i := range v.Len() {
			strs(v.Index(i), path+"["+string(rune('0'+i))+"]", out)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				strs(v.Field(i), path+"."+v.Type().Field(i).Name, out)
			}
		}
	}
}

// cleanShow and cleanEpisode clean every string field, including fields
// added to the models later, and leave the caller's values alone.
func TestCleanCoversEveryString(t *testing.T) {
	const dirty = "x\v\xff"
	const clean = "x\uFFFD"
	var show config.Show
	fill(reflect.ValueOf(&show), dirty)
	var ep episodes.Episode
	fill(reflect.ValueOf(&ep), dirty)

	for name, pair := range map[string][2]any{
		"Show":    {&show, cleanShow(&show)},
		"Episode": {&ep, cleanEpisode(&ep)},
	} {
		before, after := map[string]string{}, map[string]string{}
		strs(reflect.ValueOf(pair[0]), name, before)
		strs(reflect.ValueOf(pair[1]), name, after)
		if len(before) != len(after) {
			t.Errorf("%s: %d strings before cleaning, %d after", name, len(before), len(after))
		}
		for path, s := range after {
			if s != clean {
				t.Errorf("%s = %q after cleaning, want %q", path, s, clean)
			}
		}
		for path, s := range before {
			if s != dirty {
				t.Errorf("%s = %q: cleaning changed the caller's value", path, s)
			}
		}
	}
}

// cleanEpisode copies an episode only when a string of it needs cleaning:
// any one, wherever it is.
func TestCleanEpisodeCopiesOnlyToClean(t *testing.T) {
	var ep episodes.Episode
	fill(reflect.ValueOf(&ep), "x")
	if cleanEpisode(&ep) != &ep {
		t.Errorf("an episode with nothing to clean is copied")
	}
	all := map[string]string{}
	strs(reflect.ValueOf(&ep), "Episode", all)
	for path := range all {
		// Make the string at path dirty, in a copy of the episode's.
		var dirty episodes.Episode
		n := 0
		var set func(v reflect.Value, at string)
		set = func(v reflect.Value, at string) {
			switch v.Kind() {
			case reflect.String:
				if at == path {
					v.SetString("x\v")
					n++
				} else {
					v.SetString("x")
				}
			case reflect.Pointer:
				v.Set(reflect.New(v.Type().Elem()))
				set(v.Elem(), at)
			case reflect.Slice:
				if v.Type().Elem().Kind() == reflect.Uint8 {
					return
				}
				v.Set(reflect.MakeSlice(v.Type(), 2, 2))
				for i := range v.Len() {
					set(v.Index(i), at+"["+string(rune('0'+i))+"]")
				}
			case reflect.Struct:
				for i := range v.NumField() {
					if f := v.Type().Field(i); f.IsExported() {
						set(v.Field(i), at+"."+f.Name)
					}
				}
			}
		}
		set(reflect.ValueOf(&dirty).Elem(), "Episode")
		if n != 1 {
			t.Fatalf("%s: set %d strings dirty, want 1", path, n)
		}
		c := cleanEpisode(&dirty)
		if c == &dirty {
			t.Errorf("%s needs cleaning, and the episode was not copied", path)
			continue
		}
		got := map[string]string{}
		strs(reflect.ValueOf(c), "Episode", got)
		if got[path] != "x" {
			t.Errorf("%s = %q after cleaning, want %q", path, got[path], "x")
		}
	}
}

// A title holding "<", "&", "]]>", a vertical tab and invalid UTF-8 gives
// well-formed feeds and valid JSON, and reads back cleaned.
func TestIllegalTitle(t *testing.T) {
	const title = "a < b & c ]]> d \v e \xff f"
	const want = "a < b & c ]]> d  e \uFFFD f"
	ep := episode55()
	ep.Title = title
	ep.Chapters[0].Title = title
	ep.Summary = title
	out := mustBuild(t, codingChatsShow(), []*episodes.Episode{ep}, Options{})
	checkWellFormed(t, RSSFile, out.RSS)
	checkWellFormed(t, AtomFile, out.Atom)
	for name, data := range files(out) {
		if strings.HasSuffix(name, ".json") {
			checkJSON(t, name, data)
		}
	}
	f, err := gofeed.NewParser().ParseString(string(out.RSS))
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Items[0].Title; got != want {
		t.Errorf("RSS title reads back as %q, want %q", got, want)
	}
	var atom struct {
		Title string `xml:"entry>title"`
	}
	if err := xml.Unmarshal(out.Atom, &atom); err != nil {
		t.Fatal(err)
	}
	if atom.Title != want {
		t.Errorf("Atom title reads back as %q, want %q", atom.Title, want)
	}
	var js struct {
		Items []struct{ Title, Summary string }
	}
	if err := json.Unmarshal(out.JSON, &js); err != nil {
		t.Fatal(err)
	}
	if js.Items[0].Title != want {
		t.Errorf("JSON title %q, want %q", js.Items[0].Title, want)
	}
	if words := strings.Join(strings.Fields(want), " "); js.Items[0].Summary != words {
		t.Errorf("JSON summary %q, want %q", js.Items[0].Summary, words)
	}
	var ch struct {
		Chapters []struct{ Title string }
	}
	if err := json.Unmarshal(out.Chapters["chapters/055-rust-in-production.json"], &ch); err != nil {
		t.Fatal(err)
	}
	if ch.Chapters[0].Title != want {
		t.Errorf("chapter title %q, want %q", ch.Chapters[0].Title, want)
	}
}

// TestCleanEach checks that cleanEach shares a slice with nothing to clean
// and copies one with something, leaving the original alone.
func TestCleanEach(t *testing.T) {
	tests := []struct {
		in, want []string
		shared   bool
	}{
		{nil, nil, true},
		{[]string{"a", "b"}, []string{"a", "b"}, true},
		{[]string{"a\v", "b"}, []string{"a", "b"}, false},
		{[]string{"a", "b\x00", "c\v"}, []string{"a", "b", "c"}, false},
	}
	for _, tt := range tests {
		orig := slices.Clone(tt.in)
		got := cleanEach(tt.in, cleanText)
		if !slices.Equal(got, tt.want) {
			t.Errorf("cleanEach(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if shared := len(got) > 0 && &got[0] == &tt.in[0]; len(got) > 0 && shared != tt.shared {
			t.Errorf("cleanEach(%q): shared %v, want %v", tt.in, shared, tt.shared)
		}
		if !slices.Equal(tt.in, orig) {
			t.Errorf("cleanEach modified its input: %q, was %q", tt.in, orig)
		}
	}
}

// cleanBare cleans what an episode's copied items are made of, and only
// that: each string the entry of a reused episode reads, its chapters
// file included, is clean, dirty alone or with all others; the caller's
// episode is left alone; an episode clean there is not copied, however
// dirty its show notes.
func TestCleanBare(t *testing.T) {
	const dirty = "x\v\xff"
	read := map[string]func(e *episodes.Episode) *string{
		"File":              func(e *episodes.Episode) *string { return &e.File },
		"Slug":              func(e *episodes.Episode) *string { return &e.Slug },
		"Title":             func(e *episodes.Episode) *string { return &e.Title },
		"GUID":              func(e *episodes.Episode) *string { return &e.GUID },
		"Link":              func(e *episodes.Episode) *string { return &e.Link },
		"Audio.URL":         func(e *episodes.Episode) *string { return &e.Audio.URL },
		"Chapters[1].Title": func(e *episodes.Episode) *string { return &e.Chapters[1].Title },
		"Chapters[1].URL":   func(e *episodes.Episode) *string { return &e.Chapters[1].URL },
		"Chapters[1].Image": func(e *episodes.Episode) *string { return &e.Chapters[1].Image },
	}
	show := &build{show: &config.Show{FeedURL: "https://example.com/feed.xml"}}
	for name, field := range read {
		for _, all := range []bool{false, true} {
			var ep episodes.Episode
			fill(reflect.ValueOf(&ep), "x")
			if all {
				fill(reflect.ValueOf(&ep), dirty)
			}
			*field(&ep) = dirty
			c := cleanBare(&ep)
			if got := *field(c); !escape.IsXMLText(got) {
				t.Errorf("%s = %q after cleanBare (all dirty: %v), want it clean", name, got, all)
			}
			if *field(&ep) != dirty {
				t.Errorf("cleanBare changed the caller's %s", name)
			}
			if e := show.bareEntry(c); !escape.IsXMLText(e.link) || !escape.IsXMLText(e.chaptersPath) {
				t.Errorf("dirty %s: the entry's link %q or chapters file %q is not clean", name, e.link, e.chaptersPath)
			}
		}
	}
	var notes episodes.Episode
	fill(reflect.ValueOf(&notes), "x")
	notes.Summary, notes.Takeaways, notes.Links[0].Note = dirty, []string{dirty}, dirty
	if cleanBare(&notes) != &notes {
		t.Errorf("an episode whose copied items need no cleaning is copied")
	}
}
