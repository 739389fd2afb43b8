package project

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/podfeed/podfeed/episodes"
)

func TestPageAddresses(t *testing.T) {
	ep := func(slug, guid string) *episodes.Episode {
		return &episodes.Episode{Slug: slug, GUID: guid, Title: "T " + guid}
	}
	tests := []struct {
		name      string
		prev      map[string]string
		live      []*episodes.Episode
		wantMoves []move
		wantNow   map[string]string
	}{
		{
			name:    "first build",
			live:    []*episodes.Episode{ep("a", "g1")},
			wantNow: map[string]string{"a": "g1"},
		},
		{
			name:    "unchanged",
			prev:    map[string]string{"a": "g1"},
			live:    []*episodes.Episode{ep("a", "g1")},
			wantNow: map[string]string{"a": "g1"},
		},
		{
			name:      "renamed",
			prev:      map[string]string{"a": "g1"},
			live:      []*episodes.Episode{ep("b", "g1")},
			wantMoves: []move{{From: "a", To: "b", Title: "T g1"}},
			wantNow:   map[string]string{"a": "g1", "b": "g1"},
		},
		{
			name:      "renamed twice: both old addresses lead to the newest",
			prev:      map[string]string{"a": "g1", "b": "g1"},
			live:      []*episodes.Episode{ep("c", "g1")},
			wantMoves: []move{{From: "a", To: "c", Title: "T g1"}, {From: "b", To: "c", Title: "T g1"}},
			wantNow:   map[string]string{"a": "g1", "b": "g1", "c": "g1"},
		},
		{
			name:      "renamed back: the page takes its address again",
			prev:      map[string]string{"a": "g1", "b": "g1"},
			live:      []*episodes.Episode{ep("a", "g1")},
			wantMoves: []move{{From: "b", To: "a", Title: "T g1"}},
			wantNow:   map[string]string{"a": "g1", "b": "g1"},
		},
		{
			name:    "removed episode: its addresses go with it",
			prev:    map[string]string{"a": "g1", "b": "g1", "x": "g2"},
			live:    []*episodes.Episode{ep("x", "g2")},
			wantNow: map[string]string{"x": "g2"},
		},
		{
			name:    "an old address taken by another episode is that episode's",
			prev:    map[string]string{"a": "g1", "b": "g2"},
			live:    []*episodes.Episode{ep("b", "g1"), ep("a", "g2")},
			wantNow: map[string]string{"a": "g2", "b": "g1"},
		},
		{
			name:    "renamed only in case: one folder on case-insensitive disks",
			prev:    map[string]string{"055-Rust": "g1"},
			live:    []*episodes.Episode{ep("055-rust", "g1")},
			wantNow: map[string]string{"055-rust": "g1"},
		},
		{
			name:    "an episode without a page",
			prev:    map[string]string{"a": "g1"},
			live:    []*episodes.Episode{ep("", "g1")},
			wantNow: map[string]string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			moves, now := pageAddresses(tt.prev, tt.live)
			if !reflect.DeepEqual(moves, tt.wantMoves) {
				t.Errorf("moves = %+v, want %+v", moves, tt.wantMoves)
			}
			if !reflect.DeepEqual(now, tt.wantNow) {
				t.Errorf("addresses = %v, want %v", now, tt.wantNow)
			}
		})
	}
}

// TestRenamedEpisodeKeepsItsAddress renames an episode file twice, then
// back, building after each, and removes an episode: each old address
// holds a redirect to the episode's page now, through every later build,
// until the episode leaves the feed.
func TestRenamedEpisodeKeepsItsAddress(t *testing.T) {
	dir := copyExample(t)
	out := filepath.Join(t.TempDir(), "public")
	eps := filepath.Join(dir, "episodes")
	build := func(opts BuildOptions) {
		t.Helper()
		opts.Now, opts.Output = day, out
		if _, err := load(t, dir).Build(context.Background(), opts); err != nil {
			t.Fatal(err)
		}
	}
	rename := func(from, to string) {
		t.Helper()
		if err := os.Rename(filepath.Join(eps, from+".toml"), filepath.Join(eps, to+".toml")); err != nil {
			t.Fatal(err)
		}
	}
	// page says what is at episodes/<slug>/index.html: "page", "gone", or
	// the address a redirect leads to.
	page := func(slug string) string {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(out, "episodes", slug, "index.html"))
		switch {
		case os.IsNotExist(err):
			return "gone"
		case err != nil:
			t.Fatal(err)
		}
		s := string(data)
		if !strings.Contains(s, `http-equiv="refresh"`) {
			return "page"
		}
		for _, want := range []string{`<meta name="robots" content="noindex">`, `<link rel="canonical" href="https://codingchats.example.com/episodes/`} {
			if !strings.Contains(s, want) {
				t.Errorf("redirect at %s lacks %s:\n%s", slug, want, s)
			}
		}
		_, to, _ := strings.Cut(s, `content="0; url=`)
		to, _, _ = strings.Cut(to, `"`)
		return to
	}
	check := func(step string, want map[string]string) {
		t.Helper()
		for slug, w := range want {
			if got := page(slug); got != w {
				t.Errorf("%s: episodes/%s/ = %s, want %s", step, slug, got, w)
			}
		}
	}

	const a, b, c = "055-rust-in-production", "055-rust", "055-rust-at-scale"
	build(BuildOptions{})
	rename(a, b)
	build(BuildOptions{})
	check("renamed", map[string]string{a: "../" + b + "/index.html", b: "page"})
	rename(b, c)
	build(BuildOptions{})
	check("renamed twice", map[string]string{a: "../" + c + "/index.html", b: "../" + c + "/index.html", c: "page"})
	build(BuildOptions{}) // an unchanged build keeps them
	editFile(t, filepath.Join(eps, "056-sound-check.toml"), `title = "`, `title = "New: `)
	build(BuildOptions{}) // and so does a build that changes something else
	check("later builds", map[string]string{a: "../" + c + "/index.html", b: "../" + c + "/index.html", c: "page"})
	rename(c, a)
	build(BuildOptions{})
	check("renamed back", map[string]string{a: "page", b: "../" + a + "/index.html", c: "../" + a + "/index.html"})

	if err := os.Remove(filepath.Join(eps, a+".toml")); err != nil {
		t.Fatal(err)
	}
	build(BuildOptions{AllowRemoval: []string{"codingchats-055-rust-in-production"}})
	check("removed", map[string]string{a: "gone", b: "gone", c: "gone", "056-sound-check": "page"})
}

// TestRenameWithoutManifest renames an episode in an output folder that
// holds only the published feed (the manifest deleted, or CI's fresh
// folder with the live feed.xml fetched): the feed's links say where the
// page was.
func TestRenameWithoutManifest(t *testing.T) {
	dir := copyExample(t)
	out := filepath.Join(t.TempDir(), "public")
	buildShow(t, dir, out)
	feed, err := os.ReadFile(filepath.Join(out, "feed.xml"))
	if err != nil {
		t.Fatal(err)
	}
	out = filepath.Join(t.TempDir(), "fresh")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "feed.xml"), feed, 0o644); err != nil {
		t.Fatal(err)
	}
	eps := filepath.Join(dir, "episodes")
	if err := os.Rename(filepath.Join(eps, "056-sound-check.toml"), filepath.Join(eps, "056-sound.toml")); err != nil {
		t.Fatal(err)
	}
	buildShow(t, dir, out)
	data, err := os.ReadFile(filepath.Join(out, "episodes", "056-sound-check", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if want := `content="0; url=../056-sound/index.html"`; !strings.Contains(string(data), want) {
		t.Errorf("old page lacks %s:\n%s", want, data)
	}
}
