package showfile

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/diag"
	"github.com/podfeed/podfeed/internal/episodetest"
	"github.com/podfeed/podfeed/internal/golden"
	"github.com/podfeed/podfeed/internal/tomlx"
	"github.com/podfeed/podfeed/podcast"
)

// tricky are strings that TOML writers get wrong.
var tricky = []struct{ name, s string }{
	{"plain", "Hello"},
	{"empty", ""},
	{"quote", `She said "hi"`},
	{"quote at end", `the "end"`},
	{"three quotes", `a """ b`},
	{"many quotes", `""""""`},
	{"backslash", `C:\path\to\file \n not a newline`},
	{"backslash at end", `ends with \`},
	{"newlines", "line one\nline two\n\nparagraph"},
	{"leading newline", "\nstarts with a newline"},
	{"trailing newline", "ends with a newline\n"},
	{"crlf", "windows\r\nline"},
	{"tab", "a\tb"},
	{"control", "bell\x07 and nul\x00 and del\x7f"},
	{"unicode", "Café crème, 日本語, emoji 🎙️, John’s"},
	{"invalid utf-8", "bad \xff byte"},
	{"long line", strings.Repeat("word ", 60) + "end"},
	{"long word", strings.Repeat("x", 250)},
	{"spaces at a wrap", strings.Repeat("a", 95) + "   " + strings.Repeat("b", 20)},
	{"trailing spaces", "text   "},
	{"leading spaces", "   text"},
	{"long line of quotes", strings.Repeat(`"quoted" `, 20)},
	{"backslash before wrap", strings.Repeat("a", 97) + `\ ` + strings.Repeat("b", 10)},
}

// decodeString parses `x = <encoded>` and returns x.
func decodeString(t *testing.T, encoded string) string {
	t.Helper()
	var probs diag.List
	root := tomlx.Parse("t.toml", []byte(encoded), &probs)
	if root == nil {
		t.Fatalf("not valid TOML:\n%s\n%s", encoded, probs.Format())
	}
	return root.String("x")
}

func TestQuote(t *testing.T) {
	for _, tt := range tricky {
		t.Run(tt.name, func(t *testing.T) {
			want := strings.ToValidUTF8(tt.s, "\uFFFD")
			if got := decodeString(t, "x = "+quote(tt.s)); got != want {
				t.Errorf("quote: want %q, got %q", want, got)
			}
		})
	}
}

func TestMultiline(t *testing.T) {
	for _, tt := range tricky {
		t.Run(tt.name, func(t *testing.T) {
			w := &tomlWriter{}
			w.text("x", tt.s)
			want := strings.ToValidUTF8(tt.s, "\uFFFD")
			if got := decodeString(t, w.b.String()); got != want {
				t.Errorf("multi-line string:\n%s\nwant %q\ngot  %q", w.b.String(), want, got)
			}
			for _, line := range strings.Split(w.b.String(), "\n") {
				if len([]rune(line)) > wrapWidth+1 && strings.Contains(line, " ") && !strings.Contains(tt.name, "word") {
					t.Errorf("line longer than %d: %q", wrapWidth, line)
				}
			}
		})
	}
}

// fullEpisode sets every key an episode file has.
func fullEpisode() *episodes.Episode {
	explicit := true
	return &episodes.Episode{
		Title:       `A "full" episode: every key`,
		Number:      7,
		Season:      2,
		EpisodeType: episodes.TypeBonus,
		Published:   time.Date(2025, 2, 4, 10, 0, 0, 0, time.FixedZone("", 3600)),
		Draft:       false,
		GUID:        "guid-7",
		Summary:     "First paragraph with *emphasis* and a [link](https://example.com/).\n\n- a list\n- of two\n\n" + strings.Repeat("Long text. ", 30),
		Explicit:    &explicit,
		Image:       "https://example.com/7.jpg",
		Keywords:    []string{"one", "two words"},
		Audio: episodes.Audio{
			URL: "https://example.com/7.mp3?x=1&y=2", Length: 123456789, Type: "audio/mpeg",
			Duration: time.Hour + 2*time.Minute + 3*time.Second + 456*time.Millisecond,
		},
		Chapters: []episodes.Chapter{
			{Start: 0, Title: "Start"},
			{Start: 90*time.Second + 500*time.Millisecond, Title: `Chapter "two"`, URL: "https://example.com/2", Image: "https://example.com/2.jpg"},
			{Start: time.Hour, Title: "An hour in"},
		},
		Links: []episodes.Link{
			{Group: "Guest's Links", Title: "Site", URL: "https://guest.example/", Note: "a note with \\ backslash"},
			{Title: "No group", URL: "https://example.org/"},
		},
		Takeaways:   []string{"First.", `Second "quoted".`},
		People:      []episodes.Person{{Name: "Ann", Role: "guest", Href: "https://ann.example/", Img: "https://ann.example/a.jpg"}, {Name: "Bo", Role: "host"}},
		Transcripts: []podcast.Transcript{{URL: "https://example.com/7.vtt", Type: "text/vtt"}},
	}
}

func TestEncodeEpisodeRoundTrip(t *testing.T) {
	ep := fullEpisode()
	data := EncodeEpisode(ep, "a comment\nof two lines")
	got, probs := episodes.Parse("e.toml", data)
	if len(probs) != 0 {
		t.Fatalf("problems:\n%s\n%s", probs.Format(), data)
	}
	if d := episodetest.Diff(ep, got); d != "" {
		t.Errorf("%s\n%s", d, data)
	}
}

// TestEncodeExamples re-encodes the example show and episode: they must
// parse back to the same values, and match the golden files.
func TestEncodeExamples(t *testing.T) {
	example := filepath.Join("..", "..", "examples", "coding-chats")
	showSrc := golden.Read(t, filepath.Join(example, "podcast.toml"))
	show, probs := config.Parse("podcast.toml", showSrc)
	if probs.Err() != nil {
		t.Fatal(probs.Format())
	}
	showOut := EncodeShow(show, "")
	again, probs := config.Parse("podcast.toml", showOut)
	if len(probs) != 0 {
		t.Errorf("re-encoded show has problems:\n%s", probs.Format())
	}
	if fmt.Sprintf("%+v", *show) != fmt.Sprintf("%+v", *again) {
		t.Errorf("show:\nwant %+v\ngot  %+v", *show, *again)
	}

	epSrc := golden.Read(t, filepath.Join(example, "episodes", "055-rust-in-production.toml"))
	ep, probs := episodes.Parse("055.toml", epSrc)
	if probs.Err() != nil {
		t.Fatal(probs.Format())
	}
	epOut := EncodeEpisode(ep, "")
	epAgain, probs := episodes.Parse("055.toml", epOut)
	if len(probs) != 0 {
		t.Errorf("re-encoded episode has problems:\n%s", probs.Format())
	}
	if d := episodetest.Diff(ep, epAgain); d != "" {
		t.Error(d)
	}

	for name, data := range map[string][]byte{"example-show.toml": showOut, "example-episode.toml": epOut} {
		file := filepath.Join("testdata", "golden", name)
		if *golden.Update {
			if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if want := string(golden.Read(t, file)); want != string(data) {
			t.Errorf("%s differs (run go test -update after checking):\n%s", file, golden.Diff(want, string(data)))
		}
	}
}

// TestEncodeEveryTagShow re-encodes the show of examples/every-tag, which
// sets every show-level tag: it must parse back to the same show.
func TestEncodeEveryTagShow(t *testing.T) {
	src := golden.Read(t, filepath.Join("..", "..", "examples", "every-tag", "podcast.toml"))
	show, probs := config.Parse("podcast.toml", src)
	if probs.Err() != nil {
		t.Fatal(probs.Format())
	}
	out := EncodeShow(show, "")
	again, probs := config.Parse("podcast.toml", out)
	if len(probs) != 0 {
		t.Errorf("re-encoded show has problems:\n%s\n%s", probs.Format(), out)
	}
	a, b := reflect.ValueOf(*show), reflect.ValueOf(*again)
	for i := range a.NumField() {
		if x, y := a.Field(i).Interface(), b.Field(i).Interface(); !reflect.DeepEqual(x, y) {
			t.Errorf("%s: want %s, got %s", a.Type().Field(i).Name, spew(x), spew(y))
		}
	}
	if t.Failed() {
		t.Logf("%s", out)
	}
}

// spew formats v, following pointers, for a message.
func spew(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestEncodeDraftWithoutAudio(t *testing.T) {
	ep := &episodes.Episode{Title: "Draft", Draft: true, GUID: "g", Published: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), Slug: "001-draft"}
	data := EncodeEpisode(ep, "")
	got, probs := episodes.Parse("001-draft.toml", data)
	if probs.Err() != nil {
		t.Fatalf("a draft without audio must parse:\n%s", probs.Format())
	}
	if !got.Draft || !strings.Contains(string(data), "# [audio]") {
		t.Errorf("want a draft with a commented [audio] stub:\n%s", data)
	}
}

// FuzzEncodeEpisode writes episodes holding arbitrary text: every file must
// parse back to the same text.
func FuzzEncodeEpisode(f *testing.F) {
	for _, tt := range tricky {
		f.Add(tt.s, tt.s, tt.s)
	}
	f.Add("Rust in production", "Emma Nedelcu discusses…", "shares real-world project ideas")
	f.Fuzz(func(t *testing.T, title, summary, note string) {
		if strings.TrimSpace(title) == "" {
			title = "t" + title
		}
		ep := fullEpisode()
		ep.Title, ep.Summary, ep.Links[0].Note, ep.Takeaways[0] = title, summary, note, summary
		data := EncodeEpisode(ep, note)
		got, probs := episodes.Parse("e.toml", data)
		if got == nil {
			t.Fatalf("not valid TOML:\n%s\n%s", probs.Format(), data)
		}
		valid := func(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }
		if got.Title != valid(title) || got.Summary != valid(summary) || got.Links[0].Note != valid(note) || got.Takeaways[0] != valid(summary) {
			t.Fatalf("text changed:\n%s", data)
		}
	})
}
