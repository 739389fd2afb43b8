package project

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/podfeed/podfeed/artwork/artworktest"
	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/episodetest"
)

// Every field of an episode is in one part of it, the detail or the rest,
// and the two make the episode again: a field added to episodes.Episode
// and to neither part would be lost by a build with LoadOptions.Partial.
// The chapters alone are in both: all in the detail and the first in the
// rest, unless a build works on them for every episode (chaptersApart).
func TestEpisodeDetail(t *testing.T) {
	for _, tt := range []struct {
		name  string
		edit  func(*episodes.Episode)
		apart bool
	}{
		{"chapters with images", func(*episodes.Episode) {}, false},
		{"a media file of the show's own", func(e *episodes.Episode) {
			for i := range e.Chapters {
				e.Chapters[i].Image = ""
			}
		}, false},
		{"one chapter", func(e *episodes.Episode) {
			e.Audio.File = ""
			e.Chapters = e.Chapters[:1]
			e.Chapters[0].Image = ""
		}, false},
		{"chapters apart", func(e *episodes.Episode) {
			e.Audio.File = ""
			for i := range e.Chapters {
				e.Chapters[i].Image = ""
			}
		}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var e episodes.Episode
			fill(reflect.ValueOf(&e).Elem(), new(int))
			tt.edit(&e)
			bare, d := detailOf(&e)
			detail := reflect.ValueOf(d)
			ev, bv := reflect.ValueOf(e), reflect.ValueOf(bare)
			for i := range ev.NumField() {
				name := ev.Type().Field(i).Name
				df := detail.FieldByName(name)
				switch {
				case ev.Field(i).IsZero():
					t.Errorf("%s was not filled", name)
				case name == "Chapters":
				case df.IsValid() && !bv.Field(i).IsZero():
					t.Errorf("%s is in the detail, and left in the rest", name)
				case df.IsValid() && !reflect.DeepEqual(df.Interface(), ev.Field(i).Interface()):
					t.Errorf("%s is not in the detail as in the episode", name)
				case !df.IsValid() && !reflect.DeepEqual(bv.Field(i).Interface(), ev.Field(i).Interface()):
					t.Errorf("%s, not in the detail, is not in the rest as in the episode", name)
				}
			}
			for i := range detail.NumField() {
				if name := detail.Type().Field(i).Name; !ev.FieldByName(name).IsValid() {
					t.Errorf("the detail's %s is no field of an episode", name)
				}
			}
			wantBare, wantDetail := e.Chapters, []episodes.Chapter(nil)
			if tt.apart {
				wantBare, wantDetail = e.Chapters[:1], e.Chapters
			}
			if !reflect.DeepEqual(bare.Chapters, wantBare) || !reflect.DeepEqual(d.Chapters, wantDetail) {
				t.Errorf("chapters: %d in the rest and %d in the detail, want %d and %d",
					len(bare.Chapters), len(d.Chapters), len(wantBare), len(wantDetail))
			}
			if chaptersApart(&e) != tt.apart {
				t.Errorf("chaptersApart = %v, want %v", !tt.apart, tt.apart)
			}
			d.restore(&bare)
			if diff := episodetest.Diff(&e, &bare); diff != "" {
				t.Errorf("restored: %s", diff)
			}
		})
	}
}

// A detail that cannot be read or decoded fails the build that needs it,
// saying so, and leaves its episode without it.
func TestCompleteFails(t *testing.T) {
	codecs, err := newCacheCodecs()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		ref  detailRef
		want string
	}{
		{detailRef{raw: "\xff\xff"}, "does not decode"},
		{detailRef{at: strings.NewReader("short"), off: 3, n: 10}, "read an episode's detail"},
	} {
		for _, listed := range []bool{false, true} {
			e := &episodes.Episode{Title: "kept"}
			c := &incrementalCache{codecs: codecs, partial: true, details: map[*episodes.Episode]detailRef{e: tt.ref}}
			eps := []*episodes.Episode{e}
			var err error
			if listed {
				err = c.complete(nil, eps)
			} else {
				err = c.complete(eps, nil)
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("complete(%+v, listed %v) = %v, want an error saying %q", tt.ref, listed, err, tt.want)
			}
			if _, still := c.details[e]; !still || e.Title != "kept" || e.Summary != "" {
				t.Errorf("after a failed complete, the episode is %+v (still without its detail: %v)", e, still)
			}
		}
	}
}

// An episode's detail starts with its summary, which detailSummary reads
// alone for a page of the episode list.
func TestDetailSummary(t *testing.T) {
	if f := reflect.TypeFor[episodeDetail]().Field(0); f.Name != "Summary" || f.Type.Kind() != reflect.String {
		t.Fatalf("the detail starts with %s %s, not the summary", f.Name, f.Type)
	}
	codecs, err := newCacheCodecs()
	if err != nil {
		t.Fatal(err)
	}
	var e episodes.Episode
	fill(reflect.ValueOf(&e).Elem(), new(int))
	_, d := detailOf(&e)
	var got detailSummary
	if _, err := codecs.summary.Read(string(codecs.detail.Append(nil, &d)), &got); err != nil || got.Summary != e.Summary {
		t.Errorf("the summary read alone is %q (%v), want %q", got.Summary, err, e.Summary)
	}
}

// TestChaptersKeptWhole: a build that loads its show with
// LoadOptions.Partial works on the chapters that every build works on as
// a full build does: those with an image of the show's own, published
// beside the feed at an address written into the chapter, and those of
// an episode with a media file of its own, compared with the file's.
func TestChaptersKeptWhole(t *testing.T) {
	dir := seqShow(t, 3)
	eps := filepath.Join(dir, "episodes")
	if err := os.WriteFile(filepath.Join(dir, "chapter.png"), artworktest.PNG(t, artworktest.Gradient(64, 64)), 0o644); err != nil {
		t.Fatal(err)
	}
	editFile(t, filepath.Join(eps, "001-part-1.toml"), "title = \"Part 1\"\n", "title = \"Part 1\"\nimage = \"chapter.png\"\n")
	// Two chapters in the TOML, others in the MP3's CHAP frames: a warning.
	sound := filepath.Join(eps, "056-sound-check.toml")
	f, err := os.OpenFile(sound, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprint(f, "\n[[chapters]]\nstart = \"0\"\ntitle = \"A\"\n[[chapters]]\nstart = \"00:02\"\ntitle = \"B\"\n")
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	ageFiles(t, dir)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	inc, full := filepath.Join(t.TempDir(), "inc"), filepath.Join(t.TempDir(), "full")
	// build builds into out and returns the warnings of the load.
	build := func(out string, partial bool) string {
		t.Helper()
		show, probs := LoadWith(dir, LoadOptions{Output: out, Partial: partial})
		if err := probs.Err(); err != nil {
			t.Fatal(err)
		}
		if _, err := show.Build(context.Background(), BuildOptions{Now: now, Output: out}); err != nil {
			t.Fatal(err)
		}
		return probs.Format()
	}
	first := build(inc, true)
	if !strings.Contains(first, "2 chapters, but the media file has") {
		t.Fatalf("the first build does not warn of the chapters that differ from the media file's:\n%s", first)
	}
	// Everything is rendered again, from the episodes in the cache.
	editFile(t, filepath.Join(dir, "podcast.toml"), `title = "Coding Chats"`, `title = "Coding Chats Weekly"`)
	age(t, filepath.Join(dir, "podcast.toml"), 1)
	if got := build(inc, true); got != first {
		t.Errorf("the incremental build warns\n%s\nwant, as the first\n%s", got, first)
	}
	build(full, false)
	want, got := readTree(t, full), readTree(t, inc)
	compareOutputs(t, "edit the show", want, got)
	if !bytes.Contains(want["chapters/001-part-1.json"], []byte("chapter.png")) {
		t.Errorf("episode 1's chapters name no image:\n%s", want["chapters/001-part-1.json"])
	}
}
