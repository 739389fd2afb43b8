package project

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/internal/address"
	goldenfile "github.com/podfeed/podfeed/internal/golden"
	"github.com/podfeed/podfeed/internal/publish"
)

var update = goldenfile.Update // -update rewrites the golden files

const exampleDir = "../examples/coding-chats"

// day is a clock after the example's episode went out.
var day = time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)

// copyExample copies the example show, without any outputs the README's
// first command built in it, into a temporary folder.
func copyExample(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "coding-chats")
	if err := os.CopyFS(dir, os.DirFS(exampleDir)); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dir, "public")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// ageFiles dates every file and folder under dir an hour back, so that a
// build's manifest trusts their times (see filetime.Settled).
func ageFiles(tb testing.TB, dir string) {
	tb.Helper()
	old := time.Now().Add(-time.Hour)
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.Type()&fs.ModeSymlink != 0 {
			return err
		}
		return os.Chtimes(path, old, old)
	})
	if err != nil {
		tb.Fatal(err)
	}
}

func load(t *testing.T, dir string) *Show {
	t.Helper()
	show, probs := Load(dir)
	if err := probs.Err(); err != nil {
		t.Fatalf("load %s:\n%v", dir, err)
	}
	return show
}

// readTree returns every file under dir by slash path, leaving out the lock,
// the build manifest and the incremental build's cache.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && d.Name() == IncrementalFile {
			return filepath.SkipDir
		}
		if err != nil || d.IsDir() || d.Name() == publish.LockFile || d.Name() == ManifestFile {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		files[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestExampleGolden builds the example show and compares every output with
// testdata/golden/coding-chats; -update rewrites the golden files.
func TestExampleGolden(t *testing.T) {
	got := buildGolden(t, exampleDir, "coding-chats", day)
	for _, name := range []string{"feed.xml", "atom.xml", "feed.json", "index.html", "chapters/055-rust-in-production.json"} {
		if _, ok := got[name]; !ok {
			t.Errorf("%s: missing from the outputs", name)
		}
	}
}

// buildGolden builds the show in dir at now and compares every output
// with testdata/golden/NAME, which -update rewrites; it returns the
// outputs.
func buildGolden(t *testing.T, dir, name string, now time.Time) map[string][]byte {
	t.Helper()
	show := load(t, dir)
	out := t.TempDir()
	if _, err := show.Build(context.Background(), BuildOptions{Now: now, Output: out}); err != nil {
		t.Fatal(err)
	}
	got := readTree(t, out)
	golden := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.RemoveAll(golden); err != nil {
			t.Fatal(err)
		}
		for name, data := range got {
			path := filepath.Join(golden, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	want := readTree(t, golden)
	for name, w := range want {
		g, ok := got[name]
		if !ok {
			t.Errorf("%s: not written", name)
			continue
		}
		if !bytes.Equal(g, w) {
			t.Errorf("%s differs from the golden file (run go test ./... -update if intended):\n%s", name, goldenfile.Diff(string(w), string(g)))
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: written but has no golden file", name)
		}
	}
	return got
}

// addEpisode writes an episode file into the show folder.
func addEpisode(t *testing.T, dir, name, published, guid string) {
	t.Helper()
	src := fmt.Sprintf(`title = "Episode %[1]s"
published = %[2]s
guid = "%[3]s"
[audio]
url = "https://media.example.com/%[1]s.mp3"
length = 1000
type = "audio/mpeg"
duration = "10:00"
[[chapters]]
start = "0"
title = "Start"
`, name, published, guid)
	if err := os.WriteFile(filepath.Join(dir, "episodes", name+".toml"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestScheduledEpisodeStaysOutUntilItsTime(t *testing.T) {
	dir := copyExample(t)
	today := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	tomorrow := today.Add(24 * time.Hour).Format(time.RFC3339)
	addEpisode(t, dir, "056-tomorrow", tomorrow, "ep-56")

	build := func(now time.Time) map[string][]byte {
		t.Helper()
		out := t.TempDir()
		if _, err := load(t, dir).Build(context.Background(), BuildOptions{Now: now, Output: out}); err != nil {
			t.Fatal(err)
		}
		return readTree(t, out)
	}
	before := build(today)
	for name, data := range before {
		if bytes.Contains(data, []byte("ep-56")) || bytes.Contains(data, []byte("Episode 056-tomorrow")) {
			t.Errorf("today: %s mentions the scheduled episode", name)
		}
	}
	if _, ok := before["chapters/056-tomorrow.json"]; ok {
		t.Errorf("today: the scheduled episode's chapters were written")
	}
	after := build(today.Add(48 * time.Hour))
	for _, name := range []string{"feed.xml", "atom.xml", "feed.json", "index.html"} {
		if !bytes.Contains(after[name], []byte("Episode 056-tomorrow")) {
			t.Errorf("the day after: %s lacks the episode", name)
		}
	}
	if _, ok := after["chapters/056-tomorrow.json"]; !ok {
		t.Errorf("the day after: chapters/056-tomorrow.json not written")
	}
}

func TestUnchangedBuildKeepsBytesAndTimes(t *testing.T) {
	dir := copyExample(t)
	out := filepath.Join(t.TempDir(), "public")
	show := load(t, dir)
	if _, err := show.Build(context.Background(), BuildOptions{Now: day, Output: out}); err != nil {
		t.Fatal(err)
	}
	// Age every output so that a rewrite would show in its time.
	old := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	before := readTree(t, out)
	for name := range before {
		if err := os.Chtimes(filepath.Join(out, name), old, old); err != nil {
			t.Fatal(err)
		}
	}
	// A later clock and a fresh load: still nothing to change.
	res, err := load(t, dir).Build(context.Background(), BuildOptions{Now: day.Add(time.Hour), Output: out})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Changed) != 0 {
		t.Errorf("changed %v, want none", res.Changed)
	}
	after := readTree(t, out)
	for name, data := range before {
		if !bytes.Equal(after[name], data) {
			t.Errorf("%s: bytes changed", name)
		}
		fi, err := os.Stat(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		if !fi.ModTime().Equal(old) {
			t.Errorf("%s: modification time changed to %v", name, fi.ModTime())
		}
	}
}

func TestFailedWriteKeepsPreviousOutputs(t *testing.T) {
	dir := copyExample(t)
	out := filepath.Join(t.TempDir(), "public")
	buildShow(t, dir, out)
	before := readTree(t, out)

	addEpisode(t, dir, "056-next", "2025-02-11T09:00:00Z", "ep-56")
	injected := errors.New("disk full (injected)")
	written := 0
	opts := BuildOptions{Now: day, Output: out, Publish: publish.Options{AfterWrite: func(string) error {
		written++
		if written == 1 {
			return injected
		}
		return nil
	}}}
	_, err := load(t, dir).Build(context.Background(), opts)
	if !errors.Is(err, injected) {
		t.Fatalf("got error %v, want the injected one", err)
	}
	after := readTree(t, out)
	if len(after) != len(before) {
		t.Errorf("%d files after the failed build, %d before", len(after), len(before))
	}
	for name, data := range before {
		if !bytes.Equal(after[name], data) {
			t.Errorf("%s changed in a failed build", name)
		}
	}
}

func TestConcurrentBuildsEndConsistent(t *testing.T) {
	dir := copyExample(t)
	addEpisode(t, dir, "056-next", "2025-02-11T09:00:00Z", "ep-56")
	out := filepath.Join(t.TempDir(), "public")
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = load(t, dir).Build(context.Background(), BuildOptions{Now: day, Output: out})
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("build %d: %v", i, err)
		}
	}
	// The set on disk is exactly what one build renders, and well-formed.
	plan, err := load(t, dir).Render(BuildOptions{Now: day})
	if err != nil {
		t.Fatal(err)
	}
	got := readTree(t, out)
	if len(got) != len(plan.Files) {
		t.Errorf("%d files on disk, want %d", len(got), len(plan.Files))
	}
	for _, f := range plan.Files {
		want, err := f.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got[f.Name], want) {
			t.Errorf("%s differs from a single build's", f.Name)
		}
	}
	for _, name := range []string{"feed.xml", "atom.xml"} {
		if err := wellFormed(got[name]); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func wellFormed(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func TestBuildRefusesToLoseEpisodes(t *testing.T) {
	const guid = "codingchats-055-rust-in-production"
	file := filepath.Join("episodes", "055-rust-in-production.toml")
	tests := []struct {
		name   string
		change func(t *testing.T, dir string)
		want   string
	}{
		{
			name: "file deleted",
			change: func(t *testing.T, dir string) {
				if err := os.Remove(filepath.Join(dir, file)); err != nil {
					t.Fatal(err)
				}
			},
			want: "(guid " + guid + ") would disappear from the feed: no episode file has this guid any more",
		},
		{
			name: "guid edited",
			change: func(t *testing.T, dir string) {
				path := filepath.Join(dir, file)
				src, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				src = bytes.Replace(src, []byte(guid), []byte("new-guid"), 1)
				if err := os.WriteFile(path, src, 0o644); err != nil {
					t.Fatal(err)
				}
			},
			want: "would change guid from " + guid + " to new-guid: the guid of ",
		},
		{
			name: "made a draft",
			change: func(t *testing.T, dir string) {
				path := filepath.Join(dir, file)
				src, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, append([]byte("draft = true\n"), src...), 0o644); err != nil {
					t.Fatal(err)
				}
			},
			want: "is now a draft",
		},
		{
			name: "moved to the future",
			change: func(t *testing.T, dir string) {
				editFile(t, filepath.Join(dir, file), "published = 2025-02-04T09:00:00Z", "published = 2030-01-01T09:00:00+02:00")
			},
			want: "is now scheduled for 2030-01-01T09:00:00+02:00",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyExample(t)
			out := filepath.Join(t.TempDir(), "public")
			buildShow(t, dir, out)
			before := readTree(t, out)
			tt.change(t, dir)

			_, err := load(t, dir).Build(context.Background(), BuildOptions{Now: day, Output: out})
			var removal *RemovalError
			if !errors.As(err, &removal) {
				t.Fatalf("got %v, want a RemovalError", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
			if !strings.Contains(removal.Hint(), "--allow-removal "+guid) {
				t.Errorf("hint %q does not say how to confirm", removal.Hint())
			}
			// Nothing changed: not feed.xml, whose new version was begun
			// before the guard refused it, and no temporary file or mark
			// of the write is left.
			if after := readTree(t, out); !maps.EqualFunc(after, before, bytes.Equal) {
				t.Errorf("a refused build changed the output folder: %d files before, %d after", len(before), len(after))
				for name := range after {
					if !bytes.Equal(after[name], before[name]) {
						t.Errorf("changed or new: %s", name)
					}
				}
			}

			if _, err := load(t, dir).Build(context.Background(), BuildOptions{Now: day, Output: out, AllowRemoval: []string{guid}}); err != nil {
				t.Fatalf("confirmed build: %v", err)
			}
			if after := readTree(t, out); bytes.Contains(after["feed.xml"], []byte(">"+guid+"<")) {
				t.Errorf("the confirmed removal left the guid in feed.xml")
			}
		})
	}
}

// buildShow builds the show in dir into out at day.
func buildShow(t *testing.T, dir, out string) {
	t.Helper()
	if _, err := load(t, dir).Build(context.Background(), BuildOptions{Now: day, Output: out}); err != nil {
		t.Fatal(err)
	}
}

// editFile replaces old by new in the file at path, once.
func editFile(t testing.TB, path, old, new string) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(src, []byte(old)) {
		t.Fatalf("%s holds no %q", path, old)
	}
	if err := os.WriteFile(path, bytes.Replace(src, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A confirmation that matches no loss is named: in the refusal, or as a
// warning of a build that goes ahead.
func TestBuildNamesUnmatchedConfirmations(t *testing.T) {
	const guid = "codingchats-055-rust-in-production"
	dir := copyExample(t)
	out := filepath.Join(t.TempDir(), "public")
	buildShow(t, dir, out)
	if err := os.Remove(filepath.Join(dir, "episodes", "055-rust-in-production.toml")); err != nil {
		t.Fatal(err)
	}
	_, err := load(t, dir).Build(context.Background(), BuildOptions{Now: day, Output: out, AllowRemoval: []string{"codingchats-55"}})
	var removal *RemovalError
	if !errors.As(err, &removal) || !slices.Equal(removal.Unmatched, []string{"codingchats-55"}) {
		t.Fatalf("got %v, want a RemovalError naming the unmatched guid", err)
	}
	if want := "--allow-removal codingchats-55: the build drops or re-keys no episode with this guid"; !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not contain %q", err, want)
	}

	res, err := load(t, dir).Build(context.Background(), BuildOptions{Now: day, Output: out, AllowRemoval: []string{guid, "codingchats-55"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Plan.Warnings.Format(); !strings.Contains(got, "--allow-removal codingchats-55: ") || strings.Contains(got, "--allow-removal "+guid) {
		t.Errorf("warnings name the wrong confirmations:\n%s", got)
	}
}

// Two published guids swapped between episode files (or one fixed in the
// wrong file) re-key both episodes, although every guid is still there.
func TestBuildRefusesMovedGUIDs(t *testing.T) {
	const g55, g56 = "codingchats-055-rust-in-production", "codingchats-056-sound-check"
	dir := copyExample(t)
	out := filepath.Join(t.TempDir(), "public")
	buildShow(t, dir, out)
	editFile(t, filepath.Join(dir, "episodes", "055-rust-in-production.toml"), g55, "swap")
	editFile(t, filepath.Join(dir, "episodes", "056-sound-check.toml"), g56, g55)
	editFile(t, filepath.Join(dir, "episodes", "055-rust-in-production.toml"), "swap", g56)

	_, err := load(t, dir).Build(context.Background(), BuildOptions{Now: day, Output: out})
	var removal *RemovalError
	if !errors.As(err, &removal) {
		t.Fatalf("got %v, want a RemovalError", err)
	}
	for _, want := range []string{
		"2 episode(s) of",
		"would change guid from " + g55 + " to " + g56 + ", and " + g55 + " would name ",
		"would change guid from " + g56 + " to " + g55 + ", and " + g56 + " would name ",
		"the guid of " + filepath.Join(dir, "episodes", "055-rust-in-production.toml") + " changed",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
	if _, err := load(t, dir).Build(context.Background(), BuildOptions{Now: day, Output: out, AllowRemoval: []string{g55, g56}}); err != nil {
		t.Fatalf("confirmed build: %v", err)
	}
}

// A new feed_url gives a show without a guid in podcast.toml a new
// podcast:guid: the build refuses and says which guid to write down.
func TestBuildRefusesANewShowGUID(t *testing.T) {
	dir := copyExample(t)
	out := filepath.Join(t.TempDir(), "public")
	buildShow(t, dir, out)
	show := filepath.Join(dir, "podcast.toml")
	oldGUID := load(t, dir).Config.GUID
	editFile(t, show, "https://codingchats.example.com/feed.xml", "https://new-host.example.net/feed.xml")

	_, err := load(t, dir).Build(context.Background(), BuildOptions{Now: day, Output: out})
	var removal *RemovalError
	if !errors.As(err, &removal) {
		t.Fatalf("got %v, want a RemovalError", err)
	}
	if removal.ShowGUID == nil || removal.ShowGUID.Old != oldGUID || len(removal.Losses) != 0 {
		t.Errorf("RemovalError %+v, want only the show guid %s changed", removal, oldGUID)
	}
	for _, want := range []string{"would change its podcast:guid", "from " + oldGUID + " to "} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
	for _, want := range []string{`guid = "` + oldGUID + `"`, "--allow-removal " + oldGUID} {
		if !strings.Contains(removal.Hint(), want) {
			t.Errorf("hint %q does not contain %q", removal.Hint(), want)
		}
	}

	// Following the hint keeps the show's identity.
	src, err := os.ReadFile(show)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(show, append([]byte(`guid = "`+oldGUID+"\"\n"), src...), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := load(t, dir).Build(context.Background(), BuildOptions{Now: day, Output: out}); err != nil {
		t.Fatalf("build with the guid written down: %v", err)
	}
}

// The show's guid is held only where it means something: a published feed
// with episodes, not init's placeholder feed_url; only --allow-removal with
// the old guid confirms a new one.
func TestShowGUIDGuard(t *testing.T) {
	const feedURL = "https://codingchats.example.com/feed.xml"
	tests := []struct {
		name        string
		publishedAt string // feed_url of the first build
		noEpisodes  bool   // the first build has no live episode
		opts        func(oldGUID string) BuildOptions
		refused     bool
	}{
		{"a new feed_url", feedURL, false, func(string) BuildOptions { return BuildOptions{} }, true},
		{"--allow-removals is about episodes", feedURL, false, func(string) BuildOptions { return BuildOptions{AllowAllRemovals: true} }, true},
		{"--allow-removal with the old guid", feedURL, false, func(g string) BuildOptions { return BuildOptions{AllowRemoval: []string{g}} }, false},
		{"a feed without episodes", feedURL, true, func(string) BuildOptions { return BuildOptions{} }, false},
		{"init's placeholder feed_url", config.PlaceholderFeedURL, false, func(string) BuildOptions { return BuildOptions{} }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyExample(t)
			show := filepath.Join(dir, "podcast.toml")
			editFile(t, show, feedURL, tt.publishedAt)
			now := day
			if tt.noEpisodes {
				now = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
			}
			out := filepath.Join(t.TempDir(), "public")
			if _, err := load(t, dir).Build(context.Background(), BuildOptions{Now: now, Output: out}); err != nil {
				t.Fatal(err)
			}
			oldGUID := load(t, dir).Config.GUID
			editFile(t, show, tt.publishedAt, "https://new-host.example.net/feed.xml")
			opts := tt.opts(oldGUID)
			opts.Now, opts.Output = day, out
			_, err := load(t, dir).Build(context.Background(), opts)
			var removal *RemovalError
			if refused := errors.As(err, &removal) && removal.ShowGUID != nil; refused != tt.refused {
				t.Errorf("refused for the show guid: %v, want %v (err %v)", refused, tt.refused, err)
			}
			if tt.refused && strings.Contains(removal.Hint(), "--allow-removals") {
				t.Errorf("hint %q offers --allow-removals, which does not confirm a show guid", removal.Hint())
			}
			if !tt.refused && err != nil {
				t.Errorf("build: %v", err)
			}
		})
	}
}

// A published feed.xml that cannot be read stops the build, with a hint.
func TestBuildRefusesAnUnreadableFeed(t *testing.T) {
	dir := copyExample(t)
	out := filepath.Join(t.TempDir(), "public")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "feed.xml"), []byte("garbage\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, opts := range []BuildOptions{{Now: day, Output: out}, {Now: day, Output: out, AllowAllRemovals: true}} {
		_, err := load(t, dir).Build(context.Background(), opts)
		var unreadable *UnreadableFeedError
		if !errors.As(err, &unreadable) {
			t.Fatalf("got %v, want an UnreadableFeedError", err)
		}
		if !strings.Contains(unreadable.Hint(), "delete it") {
			t.Errorf("hint %q does not say how to go on", unreadable.Hint())
		}
	}
}

func TestLockBusy(t *testing.T) {
	dir := copyExample(t)
	out := filepath.Join(t.TempDir(), "public")
	unlock, err := publish.Lock(context.Background(), out, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	_, err = load(t, dir).Build(context.Background(), BuildOptions{Now: day, Output: out, LockWait: time.Millisecond})
	if !errors.Is(err, publish.ErrBusy) {
		t.Fatalf("got %v, want ErrBusy", err)
	}
}

// TestMaxItemsKeepsTheArchive builds the example with one item per page:
// feed.xml holds the newest episode, feed-2.xml the older one, and the
// guard reads both, so a rebuild loses nothing and a deletion is still
// caught on the archive page.
func TestMaxItemsKeepsTheArchive(t *testing.T) {
	dir := copyExample(t)
	path := filepath.Join(dir, "podcast.toml")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append(src, "\n[build]\nmax_items = 1\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	buildShow(t, dir, out)
	got := readTree(t, out)
	for name, want := range map[string]string{
		"feed.xml":    "codingchats-056-sound-check",
		"feed-2.xml":  "codingchats-055-rust-in-production",
		"atom-2.xml":  "Rust in production",
		"feed-2.json": "codingchats-055-rust-in-production",
	} {
		if !bytes.Contains(got[name], []byte(want)) {
			t.Errorf("%s lacks %q", name, want)
		}
	}
	if bytes.Contains(got["feed.xml"], []byte("codingchats-055")) {
		t.Errorf("feed.xml holds the archived episode")
	}
	plan, err := load(t, dir).Render(BuildOptions{Now: day, Output: out})
	if err != nil {
		t.Fatal(err)
	}
	maxItemsLine := bytes.Count(src, []byte("\n")) + 3 // after a blank line and [build]
	want := fmt.Sprintf("%s:%d:1: warning:", filepath.Join(dir, "podcast.toml"), maxItemsLine)
	want += " 1 older episode is only on the archive page feed-2.xml, which Apple Podcasts, Spotify and most apps never read (max_items = 1)"
	if got := plan.Warnings.Format(); !strings.Contains(got, want) {
		t.Errorf("warnings:\n%s\nwant one containing %q", got, want)
	}
	if !bytes.Contains(got["feed.xml"], []byte(`<atom:link href="https://codingchats.example.com/feed-2.xml" rel="next"`)) {
		t.Errorf("feed.xml does not link to its next page")
	}

	// A new episode pushes 056 to page 2 and 055 to page 3: nothing lost.
	addEpisode(t, dir, "057-next", "2025-02-18T09:00:00Z", "ep-57")
	if _, err := load(t, dir).Build(context.Background(), BuildOptions{Now: day, Output: out}); err != nil {
		t.Fatalf("a build that moves episodes to archive pages was refused: %v", err)
	}
	if err := os.Remove(filepath.Join(dir, "episodes", "055-rust-in-production.toml")); err != nil {
		t.Fatal(err)
	}
	_, err = load(t, dir).Build(context.Background(), BuildOptions{Now: day, Output: out})
	var removal *RemovalError
	if !errors.As(err, &removal) || !strings.Contains(err.Error(), "codingchats-055-rust-in-production") {
		t.Errorf("deleting an archived episode: got %v, want a RemovalError naming it", err)
	}

	// Confirmed, the removal leaves two pages: page 3 goes, and the next
	// build does not find the removed episode on it.
	confirm := BuildOptions{Now: day, Output: out, AllowRemoval: []string{"codingchats-055-rust-in-production"}}
	if _, err := load(t, dir).Build(context.Background(), confirm); err != nil {
		t.Fatalf("confirmed removal: %v", err)
	}
	for _, name := range []string{"feed-3.xml", "atom-3.xml", "feed-3.json"} {
		if _, err := os.Stat(filepath.Join(out, name)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s is still there after the feed shrank to two pages", name)
		}
	}
	if _, err := load(t, dir).Build(context.Background(), BuildOptions{Now: day, Output: out}); err != nil {
		t.Errorf("the build after a confirmed removal: %v", err)
	}
}

// TestBrokenPageTemplate: an episode page's template fails only when the
// page is rendered, which a build does as it writes; check finds it with
// RenderAll, and the failed build leaves the published outputs alone.
func TestBrokenPageTemplate(t *testing.T) {
	dir := copyExample(t)
	out := filepath.Join(t.TempDir(), "public")
	buildShow(t, dir, out)
	before := readTree(t, out)
	if err := os.MkdirAll(filepath.Join(dir, "templates"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "templates", "episode.html"), []byte("{{.Show.Nope}}"), 0o644); err != nil {
		t.Fatal(err)
	}
	show := load(t, dir)
	plan, err := show.Render(BuildOptions{Now: day})
	if err != nil {
		t.Fatal(err)
	}
	if err := plan.RenderAll(); err == nil || !strings.Contains(err.Error(), "can't evaluate field Nope") {
		t.Errorf("RenderAll: %v, want the template's error", err)
	}
	if _, err := show.Build(context.Background(), BuildOptions{Now: day, Output: out}); err == nil || !strings.Contains(err.Error(), "Nope") {
		t.Errorf("Build: %v, want the template's error", err)
	}
	after := readTree(t, out)
	for name, data := range before {
		if !bytes.Equal(after[name], data) {
			t.Errorf("%s changed in a failed build", name)
		}
	}
}

// TestConfirmedRemovalTakesTheEpisodesFiles: once a removal is confirmed,
// the episode's page, embed and chapters leave the output folder too, and
// nothing podfeed did not write is touched.
func TestConfirmedRemovalTakesTheEpisodesFiles(t *testing.T) {
	dir := copyExample(t)
	out := filepath.Join(t.TempDir(), "public")
	buildShow(t, dir, out)
	if err := os.WriteFile(filepath.Join(out, "robots.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "episodes", "056-sound-check.toml")); err != nil {
		t.Fatal(err)
	}
	opts := BuildOptions{Now: day, Output: out, AllowRemoval: []string{"codingchats-056-sound-check"}}
	if _, err := load(t, dir).Build(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	got := readTree(t, out)
	for _, gone := range []string{"episodes/056-sound-check/index.html", "embed/056-sound-check.html",
		"chapters/056-sound-check.json", "audio/056-sound-check.mp3"} {
		if _, ok := got[gone]; ok {
			t.Errorf("%s is still there", gone)
		}
	}
	for _, dirGone := range []string{"episodes/056-sound-check", "audio"} {
		if _, err := os.Stat(filepath.Join(out, dirGone)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("folder %s is still there", dirGone)
		}
	}
	for _, kept := range []string{"robots.txt", "episodes/055-rust-in-production/index.html", "feed.xml"} {
		if _, ok := got[kept]; !ok {
			t.Errorf("%s was removed", kept)
		}
	}
}

// TestBuildCallsBegun: BuildOptions.Begun is called once, when the feeds
// are begun and none is published yet; Render, which writes nothing, does
// not call it.
func TestBuildCallsBegun(t *testing.T) {
	dir := copyExample(t)
	out := t.TempDir()
	calls := 0
	opts := BuildOptions{Now: day, Output: out, Begun: func() {
		calls++
		if _, err := os.Stat(filepath.Join(out, address.RSSFile)); err == nil {
			t.Errorf("feed.xml is published when Begun is called")
		}
	}}
	if _, err := load(t, dir).Build(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	if calls != 1 {
		t.Errorf("Build called Begun %d times, want 1", calls)
	}
	if _, err := load(t, dir).Render(opts); err != nil {
		t.Fatal(err)
	}
	if calls != 1 {
		t.Errorf("Render called Begun: %d calls in all, want 1", calls)
	}
}
