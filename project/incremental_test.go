package project

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/feed"
	"github.com/podfeed/podfeed/internal/address"
	"github.com/podfeed/podfeed/internal/diag"
	"github.com/podfeed/podfeed/internal/episodetest"
	"github.com/podfeed/podfeed/internal/output"
	"github.com/podfeed/podfeed/internal/publish"
	"github.com/podfeed/podfeed/site"
)

// seqShow is a show folder for the sequence test: the example with its
// local media, and n more episodes with the parts every output renders
// (notes, chapters, links, people, offsets other than Z), spread over
// two pages of the site's episode list.
func seqShow(t testing.TB, n int) string {
	t.Helper()
	dir := copyExample(t)
	for i := 1; i <= n; i++ {
		published := seqDate(i)
		src := fmt.Sprintf(`title = "Episode %[1]d: a talk about part %[1]d"
number = %[1]d
published = %[2]s
guid = "seq-%[1]d"
summary = """
We talk about **part %[1]d**, and at 01:30 about what came before.

- one point
- another point, see https://example.com/%[1]d
"""
takeaways = ["Part %[1]d matters."]
[audio]
url = "https://media.example.com/%[1]d.mp3"
length = %[3]d
type = "audio/mpeg"
duration = "20:00"
[[chapters]]
start = "0"
title = "Start"
[[chapters]]
start = "05:00"
title = "Part %[1]d"
[[links]]
group = "Links"
title = "Notes of part %[1]d"
url = "https://example.com/notes/%[1]d"
note = "a short note"
[[people]]
name = "Host %[4]d"
role = "host"
`, i, published, 1000+i, i%4)
		writeAged(t, filepath.Join(dir, "episodes", fmt.Sprintf("%03d-part-%d.toml", i, i)), src, 0)
	}
	ageFiles(t, dir)
	return dir
}

// seqDate is when episode i of seqShow went out: weekly, every third
// one written with an offset.
func seqDate(i int) string {
	published := time.Date(2022, 6, 6, 9, 0, 0, 0, time.UTC).AddDate(0, 0, 7*i).Format(time.RFC3339)
	if i%3 == 0 {
		published = strings.TrimSuffix(published, "Z") + "+01:00"
	}
	return published
}

// writeAged writes a file dated k minutes after a fixed old time, so that
// a build trusts its size and time (see filetime.Settled) and each edit of
// the sequence gets a time of its own.
func writeAged(t testing.TB, path, src string, k int) {
	t.Helper()
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	age(t, path, k)
}

// copyAged copies the file from to path, making its folder, and dates
// it as age does.
func copyAged(t testing.TB, from, path string, k int) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	writeAged(t, path, string(data), k)
}

// solidJPEG returns a JPEG of 1400 by 1400 pixels of the colour c.
func solidJPEG(t testing.TB, c color.RGBA) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 1400, 1400))
	draw.Draw(img, img.Bounds(), &image.Uniform{c}, image.Point{}, draw.Src)
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func age(t testing.TB, path string, k int) {
	t.Helper()
	at := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(k) * time.Minute)
	if err := os.Chtimes(path, at, at); err != nil {
		t.Fatal(err)
	}
}

// TestIncrementalEqualsFull builds a show through a sequence of edits,
// additions, removals, renames, schedule releases and failed builds into
// two output folders: one that keeps the incremental build's cache from
// build to build, and one whose cache is deleted before every build, so
// that everything is decoded and rendered again. After every step the two
// folders must hold the same files, byte for byte.
func TestIncrementalEqualsFull(t *testing.T) {
	t.Run("one feed", func(t *testing.T) { incrementalSequence(t, 0, 0) })
	// Items move between feed.xml and its archive pages as episodes come
	// and go; each is copied from wherever the last build wrote it.
	t.Run("archive pages", func(t *testing.T) { incrementalSequence(t, 20, 0) })
	// Feeds big enough to be kept as spares when replaced, which later
	// builds write into (see publish.Options.Spares).
	t.Run("big feeds", func(t *testing.T) { incrementalSequence(t, 0, 40<<10) })
}

// incrementalSequence runs the sequence on seqShow's 60 episodes, with
// feeds of at most maxItems items (0: all) and, when takeaway is not 0, a
// takeaway of that many bytes more in each episode.
func incrementalSequence(t *testing.T, maxItems, takeaway int) {
	dir := seqShow(t, 60)
	if takeaway > 0 {
		for i := 1; i <= 60; i++ {
			path := filepath.Join(dir, "episodes", fmt.Sprintf("%03d-part-%d.toml", i, i))
			long := strings.Repeat(fmt.Sprintf("Part %d matters. ", i), takeaway/16)
			editFile(t, path, fmt.Sprintf(`takeaways = ["Part %d matters."]`, i), fmt.Sprintf("takeaways = [%q]", long))
			age(t, path, 0)
		}
	}
	if maxItems > 0 {
		f, err := os.OpenFile(filepath.Join(dir, "podcast.toml"), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(f, "\n[build]\nmax_items = %d\n", maxItems)
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		age(t, filepath.Join(dir, "podcast.toml"), 0)
	}
	inc := filepath.Join(t.TempDir(), "incremental")
	full := filepath.Join(t.TempDir(), "full")
	eps := filepath.Join(dir, "episodes")
	file := func(i int) string { return filepath.Join(eps, fmt.Sprintf("%03d-part-%d.toml", i, i)) }
	edit := func(k int, path, old, new string) {
		t.Helper()
		editFile(t, path, old, new)
		age(t, path, k)
	}
	now := day
	steps := []struct {
		name   string
		change func(k int)
		allow  []string
		fail   int // fail the incremental build's write after this many files, then build again
		read   int // episode files the incremental build reads again
	}{
		{name: "first build", change: func(int) {}},
		{name: "unchanged", change: func(int) {}},
		{name: "edit a title", read: 1, change: func(k int) { edit(k, file(45), `title = "Episode 45:`, `title = "Episode forty-five:`) }},
		{name: "edit the newest seq episode", read: 1, change: func(k int) { edit(k, file(60), "part 60**", "part sixty**") }},
		{name: "edit chapters", read: 1, change: func(k int) { edit(k, file(30), `start = "05:00"`, `start = "06:30"`) }},
		{name: "add the newest", read: 1, change: func(k int) {
			src, _ := os.ReadFile(file(59))
			// With a guest, not a host, so that the list of hosts that
			// every page of the episode list shows is as it was.
			s := strings.NewReplacer(`seq-59"`, `seq-61"`, "number = 59", "number = 61", "part 59", "part 61", `role = "host"`, `role = "guest"`).Replace(string(src))
			s = strings.Replace(s, "published = "+seqDate(59), "published = 2025-02-20T09:00:00Z", 1)
			writeAged(t, filepath.Join(eps, "061-part-61.toml"), s, k)
		}},
		{name: "add an old one", read: 1, change: func(k int) {
			addEpisode(t, dir, "000-zero", "2022-12-01T08:00:00-05:00", "seq-0")
			age(t, filepath.Join(eps, "000-zero.toml"), k)
		}},
		{name: "remove one", allow: []string{"seq-50"}, change: func(int) {
			if err := os.Remove(file(50)); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "rename one", read: 1, change: func(k int) {
			to := filepath.Join(eps, "040-part-forty.toml")
			if err := os.Rename(file(40), to); err != nil {
				t.Fatal(err)
			}
			age(t, to, k)
		}},
		{name: "draft one", read: 1, allow: []string{"seq-35"}, change: func(k int) { edit(k, file(35), "number = 35", "number = 35\ndraft = true") }},
		{name: "move a date", read: 1, change: func(k int) {
			edit(k, file(20), "published = "+seqDate(20), "published = "+seqDate(33)[:10]+"T10:00:00Z")
		}},
		{name: "schedule one", read: 1, change: func(k int) {
			addEpisode(t, dir, "122-later", "2025-03-05T00:00:00Z", "seq-122")
			age(t, filepath.Join(eps, "122-later.toml"), k)
		}},
		{name: "release it", change: func(int) { now = day.Add(5 * 24 * time.Hour) }},
		// The build that fails, on its feeds, has written the shards and
		// the outputs file already: the next takes the episode it decoded
		// from the shards, but keeps no output on the record of a build
		// that did not publish (see forgetOutputs).
		{name: "killed edit", read: 0, fail: 5, change: func(k int) { edit(k, file(25), "part 25**", "part twenty-five**") }},
		// A shard of the cache that a crash tore (it is not synced): here
		// episode 15's title in it. Episode 16 is edited, so that episode
		// 15's page is rendered again, from the cache if the shard were
		// trusted. The checksum finds the shard out, and its episodes are
		// decoded again.
		{name: "torn cache", read: -1, change: func(k int) {
			tearShard(t, inc, "episodes/015-part-15.toml", "Episode 15:")
			edit(k, file(16), "part 16**", "part sixteen**")
		}},
		// New artwork: its copies for the site are resized again, not
		// taken from the cache.
		{name: "new artwork", change: func(k int) {
			writeAged(t, filepath.Join(dir, "artwork.jpg"), solidJPEG(t, color.RGBA{200, 40, 90, 255}), k)
		}},
		{name: "edit the show", change: func(k int) {
			edit(k, filepath.Join(dir, "podcast.toml"), `title = "Coding Chats"`, `title = "Coding Chats Weekly"`)
		}},
		{name: "edit after the show", read: 1, change: func(k int) { edit(k, file(10), "part 10**", "part ten**") }},
		// A transcript's file is a part of its episode's key: edited
		// alone, the episode's page, which shows it, is rendered again.
		{name: "a transcript added", read: 1, change: func(k int) {
			if err := os.MkdirAll(filepath.Join(dir, "transcripts"), 0o755); err != nil {
				t.Fatal(err)
			}
			writeAged(t, filepath.Join(dir, "transcripts", "part-17.vtt"), "WEBVTT\n\n00:01.000 --> 00:02.000\nFirst words of part 17\n", k)
			edit(k, file(17), `role = "host"`, "role = \"host\"\n[[transcripts]]\nfile = \"transcripts/part-17.vtt\"")
		}},
		{name: "the transcript edited", change: func(k int) {
			writeAged(t, filepath.Join(dir, "transcripts", "part-17.vtt"), "WEBVTT\n\n00:01.000 --> 00:02.000\nOther words, of part seventeen\n", k)
		}},
		// So are an episode's media file and image file, each changed
		// alone: the media file gives its item's length and duration and
		// is published, the image is published and shown on its page.
		{name: "a media file and an image added", read: 2, change: func(k int) {
			copyAged(t, filepath.Join("..", "media", "testdata", "cbr.mp3"), filepath.Join(dir, "audio", "part-19.mp3"), k)
			edit(k, file(19), "url = \"https://media.example.com/19.mp3\"\nlength = 1019\ntype = \"audio/mpeg\"\nduration = \"20:00\"", `file = "audio/part-19.mp3"`)
			edit(k, file(19), "[[chapters]]\nstart = \"05:00\"\ntitle = \"Part 19\"\n", "")
			if err := os.MkdirAll(filepath.Join(dir, "images"), 0o755); err != nil {
				t.Fatal(err)
			}
			writeAged(t, filepath.Join(dir, "images", "part-18.jpg"), solidJPEG(t, color.RGBA{20, 90, 200, 255}), k)
			edit(k, file(18), "number = 18", "number = 18\nimage = \"images/part-18.jpg\"")
		}},
		{name: "the media file and the image changed", change: func(k int) {
			copyAged(t, filepath.Join("..", "media", "testdata", "chapters.mp3"), filepath.Join(dir, "audio", "part-19.mp3"), k)
			writeAged(t, filepath.Join(dir, "images", "part-18.jpg"), solidJPEG(t, color.RGBA{240, 200, 20, 255}), k)
		}},
		// A page removed by hand is rendered again, with its notes,
		// though the episode's items are copied.
		{name: "a page deleted", change: func(int) {
			for _, e := range load(t, dir).Episodes {
				if strings.HasSuffix(e.File, "012-part-12.toml") {
					if err := os.Remove(filepath.Join(inc, filepath.FromSlash(address.PageFile(e.Slug)))); err != nil {
						t.Fatal(err)
					}
				}
			}
		}},
		// So are a chapters file and an embed: the chapters with all of
		// them, which the cache keeps apart with the episode's detail.
		{name: "a chapters file and an embed deleted", change: func(int) {
			for _, e := range load(t, dir).Episodes {
				var name string
				switch {
				case strings.HasSuffix(e.File, "013-part-13.toml"):
					name = address.ChaptersFile(e.Slug)
				case strings.HasSuffix(e.File, "014-part-14.toml"):
					name = address.EmbedFile(e.Slug)
				default:
					continue
				}
				if err := os.Remove(filepath.Join(inc, filepath.FromSlash(name))); err != nil {
					t.Fatal(err)
				}
			}
		}},
		// After a build cut short (its mark left behind), nothing is kept
		// on the record of what it may have written.
		{name: "after a build cut short", change: func(int) {
			if err := os.WriteFile(filepath.Join(inc, publish.WritingFile), nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}},
	}
	spare := filepath.Join(inc, IncrementalFile, sparesFolder, address.RSSFile)
	filled := 0 // builds that wrote feed.xml into its spare
	for k, step := range steps {
		step.change(k + 1)
		spareBefore, _ := os.Stat(spare)
		reused, kept, keyed, copied, live, entries := int64(-1), -1, -1, -1, -1, -1
		build := func(out string, pub publish.Options) error {
			// The incremental build as podfeed build runs it: after
			// UpToDate, with what it saw of the inputs.
			var seen *Inputs
			if out == inc {
				_, _, seen = UpToDate(dir, BuildOptions{Now: now, Output: out})
			}
			show, probs := LoadWith(dir, LoadOptions{Output: out, Inputs: seen, Partial: out == inc})
			if err := probs.Err(); err != nil {
				t.Fatal(err)
			}
			if out == inc {
				reused = show.inc.reused.Load()
			}
			res, err := show.Build(context.Background(), BuildOptions{Now: now, Output: out, AllowRemoval: step.allow, Publish: pub})
			if err == nil && out == inc {
				kept, keyed = 0, 0
				for _, j := range res.Plan.keyOf {
					if j >= 0 {
						keyed++
					}
				}
				live = len(res.Plan.Live)
				copied = live
				if r := res.Plan.reused; r != nil {
					copied -= int(r.hits.Load())
					entries = r.copied
				}
				for _, f := range res.Plan.Files {
					if f.Keep {
						kept++
					}
				}
			}
			return err
		}
		if step.fail > 0 {
			n := 0
			errKilled := errors.New("killed")
			err := build(inc, publish.Options{AfterWrite: func(string) error {
				if n++; n > step.fail {
					return errKilled
				}
				return nil
			}})
			if !errors.Is(err, errKilled) {
				t.Fatalf("%s: the failed build returned %v", step.name, err)
			}
		}
		if err := build(inc, publish.Options{}); err != nil {
			t.Fatalf("%s: incremental build: %v", step.name, err)
		}
		if now, err := os.Stat(filepath.Join(inc, address.RSSFile)); err == nil && spareBefore != nil && os.SameFile(spareBefore, now) {
			filled++
		}
		if err := os.RemoveAll(filepath.Join(full, IncrementalFile)); err != nil {
			t.Fatal(err)
		}
		if err := build(full, publish.Options{}); err != nil {
			t.Fatalf("%s: full build: %v", step.name, err)
		}
		compareOutputs(t, step.name, readTree(t, full), readTree(t, inc))
		// An edit renders the episode's page, embed and chapters again,
		// its neighbours' pages and the pages of the list that list it:
		// of 60 episodes, index.html lists the newest 50 and page/1 the
		// oldest 50, so that episodes 11 to 50 are on both. A new episode
		// is rendered with its neighbour's page and index.html alone. An
		// edit of the show renders everything.
		if want, ok := map[string]int{"unchanged": 0, "edit a title": 7, "edit the newest seq episode": 6, "edit chapters": 7,
			"add the newest": 5, "killed edit": keyed, "edit the show": keyed, "edit after the show": 6, "a page deleted": 1, "after a build cut short": keyed}[step.name]; ok && keyed-kept != want {
			t.Errorf("%s: rendered %d of %d files again, want %d", step.name, keyed-kept, keyed, want)
		}
		// and the items of the episode edited alone: its neighbours' are
		// copied, and their notes rendered for their pages.
		if want, ok := map[string]int{"unchanged": 0, "edit a title": 1, "edit chapters": 1, "edit the show": live, "a page deleted": 0}[step.name]; ok && copied != want {
			t.Errorf("%s: rendered the items of %d episodes again, want %d", step.name, copied, want)
		}
		// page/1 rendered again copies the entries of the episodes it
		// listed before from the page as it was: all but the one edited or
		// added, or the one that joins it from index.html.
		if want, ok := map[string]int{"unchanged": 0, "edit a title": 49, "add the newest": 0, "add an old one": 49,
			"draft one": 49, "edit the show": 0, "after a build cut short": 0}[step.name]; ok && entries != want {
			t.Errorf("%s: copied the entries of %d episodes on the pages of the list, want %d", step.name, entries, want)
		}
		// Every episode file but the one edited, added or renamed comes
		// from the cache.
		read := step.read
		if read < 0 { // the episodes of the torn shard, and episode 16
			read = 0
			for _, e := range load(t, dir).Episodes {
				name, _ := filepath.Rel(dir, e.File)
				name = filepath.ToSlash(name)
				if shardOf(name) == shardOf("episodes/015-part-15.toml") || strings.HasPrefix(name, "episodes/016-") {
					read++
				}
			}
		}
		if want := int64(len(load(t, dir).Episodes) - read); k > 0 && reused != want {
			t.Errorf("%s: %d episodes from the cache, want %d", step.name, reused, want)
		}
	}
	// Once a build kept the feed it replaced, each later one that changed
	// the feed wrote it into that spare.
	if takeaway > 0 && filled < len(steps)/2 {
		t.Errorf("feed.xml written into its spare by %d builds of %d", filled, len(steps))
	}
}

// tearShard changes the first byte of text in the cache's shard of the
// episode file name (relative to the show folder) in the output folder
// out, as a crash may leave a file that was not synced.
func tearShard(t *testing.T, out, name, text string) {
	t.Helper()
	path := filepath.Join(out, IncrementalFile, shardFile(shardOf(name)))
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(data, []byte(text))
	if i < 0 {
		t.Fatalf("no %q in %s", text, path)
	}
	data[i] ^= 0x20 // a letter of the other case
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// compareOutputs reports every file that differs between two output trees.
func compareOutputs(t *testing.T, step string, want, got map[string][]byte) {
	t.Helper()
	var names []string
	for name := range want {
		names = append(names, name)
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	bad := 0
	for _, name := range names {
		w, inWant := want[name]
		g, inGot := got[name]
		switch {
		case !inGot:
			t.Errorf("%s: %s is missing from the incremental build", step, name)
		case !inWant:
			t.Errorf("%s: %s is only in the incremental build", step, name)
		case !bytes.Equal(w, g):
			t.Errorf("%s: %s differs from the full build", step, name)
		default:
			continue
		}
		if bad++; bad == 10 {
			t.Fatalf("%s: and more", step)
		}
	}
}

// TestCacheKeepsEpisodesAsDecoded builds the example, whose episodes name
// a local media file, artwork and a transcript that a build fills in, and
// checks that every episode the cache gives back is still the one its file
// decodes to: what a build changes in a loaded episode must not reach the
// cache, and what the cache's file holds must read back whole.
func TestCacheKeepsEpisodesAsDecoded(t *testing.T) {
	dir := copyExample(t)
	editFile(t, filepath.Join(dir, "podcast.toml"), "explicit = false", "explicit = true") // so that an episode's false shows
	ageFiles(t, dir)
	out := filepath.Join(t.TempDir(), "public")
	for range 2 { // the second build takes its episodes from the cache
		show, probs := LoadWith(dir, LoadOptions{Output: out})
		if err := probs.Err(); err != nil {
			t.Fatal(err)
		}
		if _, err := show.Build(context.Background(), BuildOptions{Now: day, Output: out}); err != nil {
			t.Fatal(err)
		}
	}
	fresh, probs := episodes.LoadDir(os.DirFS(dir), "episodes")
	if err := probs.Err(); err != nil {
		t.Fatal(err)
	}
	reuse := openIncremental(out, time.Now(), false).loadOptions().Reuse
	for _, want := range fresh {
		info, err := os.Stat(filepath.Join(dir, want.File))
		if err != nil {
			t.Fatal(err)
		}
		got, ok := reuse(want.File, info)
		if !ok {
			t.Fatalf("%s is not in the cache", want.File)
		}
		if d := episodetest.Diff(want, got.Episode); d != "" {
			t.Errorf("%s from the cache: %s", want.File, d)
		}
	}
}

// A show with templates of its own may show any episode on any page: its
// pages are rendered every time, while episodes still come from the cache.
func TestOwnTemplatesKeepNoPages(t *testing.T) {
	dir := copyExample(t)
	src, err := os.ReadFile(filepath.Join("..", "site", "templates", "episode.html"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "templates"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "templates", "episode.html"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	ageFiles(t, dir)
	out := filepath.Join(t.TempDir(), "public")
	var first map[string][]byte
	for i := range 2 {
		// As podfeed build loads it: the episodes from the cache come
		// without their detail, which every page rendered again shows.
		show, probs := LoadWith(dir, LoadOptions{Output: out, Partial: true})
		if err := probs.Err(); err != nil {
			t.Fatal(err)
		}
		res, err := show.Build(context.Background(), BuildOptions{Now: day, Output: out})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range res.Plan.Files {
			if f.Keep {
				t.Errorf("build %d kept %s", i+1, f.Name)
			}
		}
		if want := int64(i * len(show.Episodes)); show.inc.reused.Load() != want {
			t.Errorf("build %d took %d episodes from the cache, want %d", i+1, show.inc.reused.Load(), want)
		}
		files := readTree(t, out)
		if first == nil {
			first = files
			continue
		}
		for name, data := range first {
			if !bytes.Equal(files[name], data) {
				t.Errorf("build %d wrote %s otherwise than build 1", i+1, name)
			}
		}
	}
}

// Every field of what the cache holds is written and read back: filled
// with a value of its own, down to the Podcasting 2.0 tags of an episode,
// a cached episode and the build file come back equal. A field that pack
// cannot write makes newCacheCodecs fail, and the cache would be off.
func TestCacheCodecs(t *testing.T) {
	codecs, shard, written := filledShard(t)
	if e := shard[0].Decoded.Episode; e.Explicit == nil || len(e.Value.Recipients) == 0 {
		t.Fatalf("not filled: %+v", e)
	}
	// Read whole, and read without the details, which are then read from
	// where they lie (a shard file; here a copy of it in memory).
	body := written.String()
	// Read without the details, the summaries are read a window at a time
	// (see complete) into one buffer: the whole shard at once; a record at
	// a time, the window as big as the biggest record (-1), each copied out
	// before the next overwrites the buffer; each record on its own,
	// bigger than the window of one byte.
	for _, read := range []struct {
		partial bool
		window  int64
	}{{false, 0}, {true, 0}, {true, -1}, {true, 1}} {
		partial := read.partial
		var at io.ReaderAt
		if partial {
			at = strings.NewReader(body)
		}
		back, err := readShard(codecs, body, at, 0)
		if err != nil {
			t.Fatalf("read back (partial %v): %v", partial, err)
		}
		if len(back) != len(shard) {
			t.Fatalf("read back %d episodes, want %d", len(back), len(shard))
		}
		c := &incrementalCache{codecs: codecs, partial: partial, window: read.window, details: map[*episodes.Episode]detailRef{}}
		if read.window < 0 {
			c.window = 0
			for i := range back {
				c.window = max(c.window, back[i].detail.n)
			}
		}
		for i := range back {
			ep := back[i].Decoded.Episode
			if partial {
				if want, _ := detailOf(shard[i].Decoded.Episode); episodetest.Diff(&want, ep) != "" {
					t.Errorf("episode %d read without its detail: %s", i, episodetest.Diff(&want, ep))
				}
				c.details[ep] = back[i].detail
			}
		}
		var all []*episodes.Episode
		for i := range back {
			all = append(all, back[i].Decoded.Episode, back[i].Decoded.Episode) // named twice, completed once
		}
		// The summaries alone of the first half, once, though named twice:
		// the rest of their detail is still to be read.
		half := all[:len(all)/2]
		if err := c.complete(nil, half); err != nil || partial && len(c.details) != len(back) {
			t.Fatalf("complete of the summaries: %v, %d left", err, len(c.details))
		}
		for i := range len(half) / 2 {
			want := shard[i].Decoded.Episode
			if ep := back[i].Decoded.Episode; partial && (ep.Summary != want.Summary || ep.Links != nil) {
				t.Errorf("episode %d given its summary is %+v", i, ep)
			}
		}
		if err := c.complete(all[:1], nil); err != nil { // one read on its own, then the rest in one piece
			t.Fatal(err)
		}
		if err := c.complete(all, nil); err != nil || len(c.details) != 0 {
			t.Fatalf("complete: %v, %d left", err, len(c.details))
		}
		for i := range shard {
			if d := episodetest.Diff(shard[i].Decoded.Episode, back[i].Decoded.Episode); d != "" {
				t.Errorf("episode %d (partial %v): %s", i, partial, d)
			}
			a, b := *shard[i].cachedEpisode, *back[i].cachedEpisode
			a.Decoded.Episode, b.Decoded.Episode = nil, nil
			if !reflect.DeepEqual(a, b) {
				t.Errorf("cached episode %d read back as %+v, want %+v", i, b, a)
			}
		}
		// A shard written again from what was read copies its episodes'
		// bytes, whatever became of them since.
		back[0].Decoded.Episode.Title = "changed after it was read"
		back[0].Decoded.Episode.Summary = "changed after it was read"
		var again bytes.Buffer
		if err := writeShard(codecs, &again, back); err != nil || again.String() != body {
			t.Errorf("the shard written again differs (partial %v, %v)", partial, err)
		}
	}
	// Cut short anywhere, a shard does not read.
	for n := range len(body) {
		if _, err := readShard(codecs, body[:n], nil, 0); err == nil {
			t.Errorf("a shard cut to %d of %d bytes reads", n, len(body))
		}
	}
	// The outputs file, the items file and the build file.
	var build, buildBack incremental
	n := new(int)
	fill(reflect.ValueOf(&build.buildEarly).Elem(), n)
	fill(reflect.ValueOf(&build.buildItems).Elem(), n)
	fill(reflect.ValueOf(&build.buildLate).Elem(), n)
	if err := readAll(codecs.early, string(codecs.early.Append(nil, &build.buildEarly)), &buildBack.buildEarly); err != nil {
		t.Fatal(err)
	}
	if err := readAll(codecs.items, string(codecs.items.Append(nil, &build.buildItems)), &buildBack.buildItems); err != nil {
		t.Fatal(err)
	}
	if err := readAll(codecs.late, string(codecs.late.Append(nil, &build.buildLate)), &buildBack.buildLate); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(build, buildBack) {
		t.Errorf("the outputs, items and build files read back as %+v, want %+v", buildBack, build)
	}
}

// fill sets every field under v to a value of its own, numbering them
// with n: strings, numbers and times differ, pointers point, slices hold
// two elements, bools are true.
func fill(v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("s%d", *n))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(*n))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(*n))
	case reflect.Float32, reflect.Float64:
		v.SetFloat(float64(*n) + 0.5)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), n)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(v.Index(i), n)
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(time.Date(2025, 1, 1, 0, 0, *n, 0, time.FixedZone("", 3600))))
			return
		}
		for i := range v.NumField() {
			fill(v.Field(i), n)
		}
	}
}

// A build without a record of the published feed reads its files once:
// asked again, it trusts what it read while every page is as it was, and
// reads the files again once one changed.
func TestPublishedReadOnce(t *testing.T) {
	dir := copyExample(t)
	out := filepath.Join(t.TempDir(), "public")
	buildShow(t, dir, out)
	c := &incrementalCache{} // no record of the last build
	first, err := c.published(out)
	if err != nil || len(first.Items) == 0 {
		t.Fatalf("published: %v, %d items", err, len(first.Items))
	}
	// The same size and time, other bytes: still as it was, by its stamp.
	name := filepath.Join(out, "feed.xml")
	fi, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, bytes.Repeat([]byte{'x'}, int(fi.Size())), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(name, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	again, err := c.published(out)
	if err != nil || !reflect.DeepEqual(again, first) {
		t.Fatalf("asked again: %v, %+v, want the %d items read before", err, again, len(first.Items))
	}
	// Another time: read again, and found unreadable.
	later := fi.ModTime().Add(time.Second)
	if err := os.Chtimes(name, later, later); err != nil {
		t.Fatal(err)
	}
	if _, err := c.published(out); err == nil {
		t.Errorf("a changed feed was not read again")
	}
}

// A shard of any bytes reads as episodes or fails, whole or without the
// details, and never panics; what reads is written again in a form that
// reads back the same way and is written again the same (a length may
// have been written in more bytes than it needs). Read without them, the
// details are not decoded: complete finds one that does not.
func FuzzReadShard(f *testing.F) {
	codecs, _, written := filledShard(f)
	f.Add(written.Bytes())
	f.Add([]byte{0})
	f.Add([]byte{1, 2, 0, 1, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		body := string(data)
		for _, at := range []io.ReaderAt{nil, strings.NewReader(body)} {
			back, err := readShard(codecs, body, at, 0)
			if err != nil {
				continue
			}
			var again, third bytes.Buffer
			if err := writeShard(codecs, &again, back); err != nil {
				t.Fatalf("a shard read (partial %v) is not written again: %v", at != nil, err)
			}
			var againAt io.ReaderAt
			if at != nil {
				againAt = strings.NewReader(again.String())
			}
			back, err = readShard(codecs, again.String(), againAt, 0)
			if err != nil {
				t.Fatalf("a shard written again (partial %v) does not read: %v", at != nil, err)
			}
			if err := writeShard(codecs, &third, back); err != nil || third.String() != again.String() {
				t.Errorf("a shard written again (partial %v) is written a third time otherwise (%v):\n%q\n%q", at != nil, err, again.String(), third.String())
			}
		}
	})
}

// filledShard returns the cache's codecs, a shard of episodes whose every
// field is filled (see fill), and the shard as writeShard writes it.
func filledShard(t testing.TB) (*cacheCodecs, []shardEntry, *bytes.Buffer) {
	t.Helper()
	codecs, err := newCacheCodecs()
	if err != nil {
		t.Fatal(err)
	}
	var eps []*cachedEpisode
	fill(reflect.ValueOf(&eps).Elem(), new(int))
	var shard []shardEntry
	for _, e := range eps {
		shard = append(shard, shardEntry{cachedEpisode: e})
	}
	var written bytes.Buffer
	if err := writeShard(codecs, &written, shard); err != nil {
		t.Fatal(err)
	}
	return codecs, shard, &written
}

// The summaries of many episodes of a shard, read a window at a time into
// one buffer (see complete), are each the episode's own, whatever the
// window: all at once, a record or two at a time, each on its own.
func TestCompleteSummaries(t *testing.T) {
	codecs, filled, _ := filledShard(t)
	var shard []shardEntry
	for i := range 12 {
		ce := *filled[i%len(filled)].cachedEpisode
		e := *ce.Decoded.Episode
		e.Summary = fmt.Sprintf("The summary of episode %d. %s", i, strings.Repeat("More. ", i*7))
		ce.Decoded.Episode = &e
		shard = append(shard, shardEntry{cachedEpisode: &ce})
	}
	var written bytes.Buffer
	if err := writeShard(codecs, &written, shard); err != nil {
		t.Fatal(err)
	}
	body := written.String()
	for _, window := range []int64{0, 1, 2000, 3000, 5000} {
		back, err := readShard(codecs, body, strings.NewReader(body), 0)
		if err != nil {
			t.Fatal(err)
		}
		c := &incrementalCache{codecs: codecs, partial: true, window: window, details: map[*episodes.Episode]detailRef{}}
		var listed []*episodes.Episode
		for i := range back {
			c.details[back[i].Decoded.Episode] = back[i].detail
			listed = append(listed, back[i].Decoded.Episode)
		}
		if err := c.complete(nil, listed); err != nil {
			t.Fatalf("window %d: %v", window, err)
		}
		for i := range back {
			if got, want := back[i].Decoded.Episode.Summary, shard[i].Decoded.Episode.Summary; got != want {
				t.Errorf("window %d: episode %d has the summary %.40q…, want %.40q…", window, i, got, want)
			}
		}
	}
}

// RendersAll tells a build that renders every output again from one that
// renders a few, though both take their episodes from the cache: after an
// edit of podcast.toml, with templates of the show's own, or without the
// last build's outputs, every output is rendered.
func TestRendersAll(t *testing.T) {
	dir := seqShow(t, 3)
	out := filepath.Join(t.TempDir(), "public")
	// build loads the show, builds it, and returns what RendersAll said
	// and how many episodes came from the cache.
	build := func(step string) (bool, int) {
		t.Helper()
		show, probs := LoadWith(dir, LoadOptions{Output: out, Partial: true})
		if err := probs.Err(); err != nil {
			t.Fatal(err)
		}
		all, cached := show.RendersAll(), show.Cached()
		res, err := show.Build(context.Background(), BuildOptions{Now: day, Output: out})
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		if kept := slices.ContainsFunc(res.Plan.Files, func(f output.File) bool { return f.Keep }); all == kept {
			t.Errorf("%s: RendersAll says %v, and the build kept files: %v", step, all, kept)
		}
		return all, cached
	}
	steps := []struct {
		name   string
		change func()
		want   bool
	}{
		{"first build", func() {}, true},
		{"unchanged", func() {}, false},
		{"edit an episode", func() {
			editFile(t, filepath.Join(dir, "episodes", "002-part-2.toml"), `title = "Episode 2:`, `title = "Episode two:`)
			age(t, filepath.Join(dir, "episodes", "002-part-2.toml"), 1)
		}, false},
		{"edit the show", func() {
			editFile(t, filepath.Join(dir, "podcast.toml"), `title = "Coding Chats"`, `title = "Coding Chats Weekly"`)
			age(t, filepath.Join(dir, "podcast.toml"), 2)
		}, true},
		{"after the show", func() {}, false},
		{"outputs forgotten", func() {
			if err := os.Remove(filepath.Join(out, IncrementalFile, outputsFile)); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"templates of its own", func() {
			tmpl := filepath.Join(dir, site.TemplatesDir)
			if err := os.MkdirAll(tmpl, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(tmpl, "extra.txt"), []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, true},
	}
	for _, step := range steps {
		step.change()
		all, cached := build(step.name)
		if all != step.want {
			t.Errorf("%s: RendersAll = %v, want %v", step.name, all, step.want)
		}
		if step.name != "first build" && cached == 0 {
			t.Errorf("%s: no episode came from the cache", step.name)
		}
	}
}

// TestItemsFileStandsWithBuildFile: the items file is read only with the
// build file that names it. One written by a build cut short after its
// items file and before its build file is not: neither the items nor the
// published feed it records are taken, and the outputs file still is.
func TestItemsFileStandsWithBuildFile(t *testing.T) {
	dir := copyExample(t)
	ageFiles(t, dir) // settled: keyed
	out := filepath.Join(t.TempDir(), "public")
	buildShow(t, dir, out)
	c := openIncremental(out, time.Now(), false)
	if c.old == nil || len(c.old.Items) == 0 || c.old.PublishedFeed == nil || len(c.old.Outputs) == 0 {
		t.Fatalf("after a build, the cache holds no items, published feed or outputs: %+v", c.old)
	}
	for _, it := range c.old.Items {
		if it.RSS.File == "" || it.Atom.File == "" || it.JSON.File == "" {
			t.Errorf("item %s read without where it lies: %+v", it.GUID, it.itemParts)
		}
	}
	items := filepath.Join(out, IncrementalFile, itemsFile)
	first, err := os.ReadFile(items)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "episodes", "055-rust-in-production.toml")
	editFile(t, path, `title = "Rust in production`, `title = "Rust in production, again`)
	age(t, path, 1)
	buildShow(t, dir, out)
	second, err := os.ReadFile(items)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(first, second) {
		t.Fatal("an edited title left the items file as it was")
	}
	if err := os.WriteFile(items, first, 0o644); err != nil {
		t.Fatal(err)
	}
	c = openIncremental(out, time.Now(), false)
	if c.old == nil || len(c.old.Outputs) == 0 {
		t.Fatalf("the outputs file was not read with an items file of another build")
	}
	if len(c.old.Items) != 0 || c.old.PublishedFeed != nil || c.old.ListFiles != nil {
		t.Errorf("an items file of another build was read: %d items, published feed %v, list files %v", len(c.old.Items), c.old.PublishedFeed != nil, c.old.ListFiles)
	}
}

// TestRecordParts: each item's places in the feeds are found by its place
// in the record, and by its guid where a feed (an archive page) or an
// item without a key (not recorded) moves it.
func TestRecordParts(t *testing.T) {
	c := &incrementalCache{next: &incremental{}}
	items := []feed.Item{{GUID: "a"}, {GUID: "live"}, {GUID: "b"}, {GUID: "c"}, {GUID: "d"}}
	keys := map[string]string{"a": "ka", "b": "kb", "c": "kc", "d": "kd"}
	at := c.recordItems(items, keys, map[string]diag.List{"b": {{Msg: "long"}}}, publish.Feed{ShowGUID: "show"})
	if got := len(c.next.Records); got != 4 || c.next.Records[1].GUID != "b" || c.next.Records[1].Key != "kb" || len(c.next.Records[1].Warnings) != 1 {
		t.Fatalf("records %+v", c.next.Records)
	}
	span := func(keys ...string) *[]feed.ItemSpan {
		var s []feed.ItemSpan
		for i, k := range keys {
			s = append(s, feed.ItemSpan{Key: k, Off: int64(100 * (i + 1)), Len: int64(len(k))})
		}
		return &s
	}
	// Two pages of each feed: a and live on the first, b, c, d on the
	// archive page; the JSON feed's first page also out of order.
	spans := map[string]*[]feed.ItemSpan{
		"feed.xml": span("a", "live"), "feed-2.xml": span("b", "c", "d"),
		"atom.xml": span("a", "live"), "atom-2.xml": span("b", "c", "d"),
		"feed.json": span("live", "a"), "feed-2.json": span("b", "c", "d"),
	}
	feeds := map[string]stamp{}
	for name := range spans {
		feeds[name] = stamp{Name: name, Size: int64(len(name))}
	}
	if err := c.recordParts(feeds, spans, 2, at); err != nil {
		t.Fatal(err)
	}
	want := map[string]itemParts{
		"a": {RSS: filePart{"feed.xml", 100, 1}, Atom: filePart{"atom.xml", 100, 1}, JSON: filePart{"feed.json", 200, 1}},
		"b": {RSS: filePart{"feed-2.xml", 100, 1}, Atom: filePart{"atom-2.xml", 100, 1}, JSON: filePart{"feed-2.json", 100, 1}},
		"c": {RSS: filePart{"feed-2.xml", 200, 1}, Atom: filePart{"atom-2.xml", 200, 1}, JSON: filePart{"feed-2.json", 200, 1}},
		"d": {RSS: filePart{"feed-2.xml", 300, 1}, Atom: filePart{"atom-2.xml", 300, 1}, JSON: filePart{"feed-2.json", 300, 1}},
	}
	for i, r := range c.next.Records {
		if got := c.next.Parts[i]; got != want[r.GUID] {
			t.Errorf("%s: parts %+v, want %+v", r.GUID, got, want[r.GUID])
		}
	}
	if len(c.next.FeedFiles) != len(spans) || !slices.IsSortedFunc(c.next.FeedFiles, func(a, b stamp) int { return strings.Compare(a.Name, b.Name) }) {
		t.Errorf("feed files %+v, want the %d feeds by name", c.next.FeedFiles, len(spans))
	}
	delete(feeds, "feed-2.json")
	if err := c.recordParts(feeds, spans, 2, at); err == nil {
		t.Errorf("a feed not written was not found out")
	}
}
