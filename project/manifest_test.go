package project

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/podfeed/podfeed/artwork/artworktest"
	"github.com/podfeed/podfeed/internal/filetime"
)

func TestUpToDate(t *testing.T) {
	const gen = "podfeed test"
	tests := []struct {
		name   string
		change func(t *testing.T, dir, out string) BuildOptions // returns the next build's options
		want   bool
	}{
		{"nothing changed", func(t *testing.T, dir, out string) BuildOptions {
			return BuildOptions{Now: day, Output: out, Generator: gen}
		}, true},
		{"a later clock with nothing scheduled", func(t *testing.T, dir, out string) BuildOptions {
			return BuildOptions{Now: day.AddDate(1, 0, 0), Output: out, Generator: gen}
		}, true},
		{"a clock before the newest episode", func(t *testing.T, dir, out string) BuildOptions {
			return BuildOptions{Now: time.Date(2025, 2, 5, 0, 0, 0, 0, time.UTC), Output: out, Generator: gen}
		}, false},
		{"an episode file touched", func(t *testing.T, dir, out string) BuildOptions {
			edited := time.Now().Add(-time.Minute)
			if err := os.Chtimes(filepath.Join(dir, "episodes", "055-rust-in-production.toml"), edited, edited); err != nil {
				t.Fatal(err)
			}
			return BuildOptions{Now: day, Output: out, Generator: gen}
		}, false},
		{"an episode file added", func(t *testing.T, dir, out string) BuildOptions {
			addEpisode(t, dir, "057-new", "2025-02-18T09:00:00Z", "ep-57")
			return BuildOptions{Now: day, Output: out, Generator: gen}
		}, false},
		{"the media file replaced", func(t *testing.T, dir, out string) BuildOptions {
			edited := time.Now().Add(-time.Minute)
			if err := os.Chtimes(filepath.Join(dir, "audio", "056-sound-check.mp3"), edited, edited); err != nil {
				t.Fatal(err)
			}
			return BuildOptions{Now: day, Output: out, Generator: gen}
		}, false},
		{"the transcript file edited", func(t *testing.T, dir, out string) BuildOptions {
			edited := time.Now().Add(-time.Minute)
			if err := os.Chtimes(filepath.Join(dir, "transcripts", "055-rust-in-production.vtt"), edited, edited); err != nil {
				t.Fatal(err)
			}
			return BuildOptions{Now: day, Output: out, Generator: gen}
		}, false},
		{"a template added", func(t *testing.T, dir, out string) BuildOptions {
			if err := os.MkdirAll(filepath.Join(dir, "templates"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "templates", "index.html"), []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
			return BuildOptions{Now: day, Output: out, Generator: gen}
		}, false},
		{"an output deleted", func(t *testing.T, dir, out string) BuildOptions {
			if err := os.Remove(filepath.Join(out, "atom.xml")); err != nil {
				t.Fatal(err)
			}
			return BuildOptions{Now: day, Output: out, Generator: gen}
		}, false},
		{"an episode's page written over", func(t *testing.T, dir, out string) BuildOptions {
			if err := os.WriteFile(filepath.Join(out, "episodes", "055-rust-in-production", "index.html"), []byte("<p>mine</p>"), 0o644); err != nil {
				t.Fatal(err)
			}
			return BuildOptions{Now: day, Output: out, Generator: gen}
		}, false},
		{"a line of the manifest that does not parse", func(t *testing.T, dir, out string) BuildOptions {
			f, err := os.OpenFile(filepath.Join(out, ManifestFile), os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if _, err := f.WriteString("o 12 oops \"x.html\"\n"); err != nil {
				t.Fatal(err)
			}
			return BuildOptions{Now: day, Output: out, Generator: gen}
		}, false},
		{"another generator", func(t *testing.T, dir, out string) BuildOptions {
			return BuildOptions{Now: day, Output: out, Generator: "podfeed v9"}
		}, false},
		{"the manifest deleted", func(t *testing.T, dir, out string) BuildOptions {
			if err := os.Remove(filepath.Join(out, ManifestFile)); err != nil {
				t.Fatal(err)
			}
			return BuildOptions{Now: day, Output: out, Generator: gen}
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyExample(t)
			ageFiles(t, dir)
			out := filepath.Join(t.TempDir(), "public")
			if _, err := load(t, dir).Build(context.Background(), BuildOptions{Now: day, Output: out, Generator: gen}); err != nil {
				t.Fatal(err)
			}
			opts := tt.change(t, dir, out)
			gotOut, got, _ := UpToDate(dir, opts)
			if got != tt.want {
				t.Errorf("UpToDate = %v, want %v", got, tt.want)
			}
			if gotOut != out {
				t.Errorf("output folder %q, want %q", gotOut, out)
			}
		})
	}
}

func TestUpToDateUntilTheNextEpisode(t *testing.T) {
	dir := copyExample(t)
	addEpisode(t, dir, "057-later", "2025-06-01T09:00:00Z", "ep-57")
	ageFiles(t, dir)
	out := filepath.Join(t.TempDir(), "public")
	buildShow(t, dir, out)
	if _, ok, _ := UpToDate(dir, BuildOptions{Now: time.Date(2025, 6, 1, 8, 59, 59, 0, time.UTC), Output: out}); !ok {
		t.Errorf("not up to date a second before the scheduled episode")
	}
	if _, ok, _ := UpToDate(dir, BuildOptions{Now: time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC), Output: out}); ok {
		t.Errorf("up to date when the scheduled episode is due")
	}
}

// An input written within filetime.Granularity of the build that read it
// could be written again at the same size and time: such a build matches none, and
// the next one, with the inputs settled, is trusted again.
func TestUpToDateNotWhileRacy(t *testing.T) {
	dir := copyExample(t)
	ageFiles(t, dir)
	name := filepath.Join(dir, "episodes", "056-sound-check.toml")
	for _, tt := range []struct {
		name string
		age  time.Duration // before the build
	}{
		{"just written", 0},
		{"written a moment ago", filetime.Granularity / 2},
		{"dated in the future", -time.Hour},
	} {
		t.Run(tt.name, func(t *testing.T) {
			// Dated just before the build, not when the table was made:
			// on a busy machine a subtest may start seconds later.
			modTime := time.Now().Add(-tt.age)
			if err := os.Chtimes(name, modTime, modTime); err != nil {
				t.Fatal(err)
			}
			opts := BuildOptions{Now: day, Output: filepath.Join(t.TempDir(), "public")}
			if _, err := load(t, dir).Build(context.Background(), opts); err != nil {
				t.Fatal(err)
			}
			if _, ok, _ := UpToDate(dir, opts); ok {
				t.Errorf("up to date after a build that read a file changed %v before it", time.Since(modTime).Round(time.Second))
			}
			settled := time.Now().Add(-2 * filetime.Granularity)
			if err := os.Chtimes(name, settled, settled); err != nil {
				t.Fatal(err)
			}
			if _, err := load(t, dir).Build(context.Background(), opts); err != nil {
				t.Fatal(err)
			}
			if _, ok, _ := UpToDate(dir, opts); !ok {
				t.Errorf("not up to date after a build with every input settled")
			}
		})
	}
}

// The program is known by its Go build ID, not by where it is: `go run`
// puts the same podfeed at a new path each time.
func TestFingerprintProgram(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Skip("no executable:", err)
	}
	if goBuildID(exe) == "" {
		if runtime.GOOS == "linux" {
			t.Fatalf("no Go build ID read from the test binary %s", exe)
		}
		t.Skipf("no Go build ID read on %s", runtime.GOOS)
	}
	data, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, data []byte, mtime time.Time) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(path, mtime, mtime); err != nil {
			t.Fatal(err)
		}
		return path
	}
	sum := func(path string) string {
		f := newFingerprint()
		f.program(path)
		return f.sum()
	}
	a := write("a", data, day)
	b := write("b", data, day.Add(time.Hour))
	if sum(a) != sum(b) {
		t.Errorf("one program at two paths and times has two fingerprints")
	}
	// Without a build ID (not ELF, or cut short), name, size and time count.
	for _, cut := range [][]byte{[]byte("#!/bin/sh\n"), data[:100], data[:len(data)/2]} {
		c, d := write("c", cut, day), write("d", cut, day)
		if goBuildID(c) != "" && len(cut) < 1000 {
			t.Errorf("a build ID read from %d bytes", len(cut))
		}
		if goBuildID(c) == "" && sum(c) == sum(d) {
			t.Errorf("two files without a build ID, at two paths, have one fingerprint")
		}
	}
}

// Episode files and folders may be symbolic links, which the loaders
// follow: a change behind a link is a change.
func TestUpToDateFollowsLinks(t *testing.T) {
	link := func(t *testing.T, from, to string) {
		t.Helper()
		if err := os.Rename(from, to); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(to, from); err != nil {
			t.Skip("no symlinks here:", err)
		}
	}
	tests := []struct {
		name   string
		setup  func(t *testing.T, dir, elsewhere string)
		change func(t *testing.T, dir, elsewhere string)
		want   bool
	}{
		{
			name: "a linked episode file, unchanged",
			setup: func(t *testing.T, dir, elsewhere string) {
				link(t, filepath.Join(dir, "episodes", "056-sound-check.toml"), filepath.Join(elsewhere, "056.toml"))
			},
			change: func(t *testing.T, dir, elsewhere string) {},
			want:   true,
		},
		{
			name: "a linked episode file edited",
			setup: func(t *testing.T, dir, elsewhere string) {
				link(t, filepath.Join(dir, "episodes", "056-sound-check.toml"), filepath.Join(elsewhere, "056.toml"))
			},
			change: func(t *testing.T, dir, elsewhere string) {
				edited := time.Now().Add(-time.Minute)
				if err := os.Chtimes(filepath.Join(elsewhere, "056.toml"), edited, edited); err != nil {
					t.Fatal(err)
				}
			},
		},
		{
			name: "an episode added to a linked episodes folder",
			setup: func(t *testing.T, dir, elsewhere string) {
				link(t, filepath.Join(dir, "episodes"), filepath.Join(elsewhere, "eps"))
			},
			change: func(t *testing.T, dir, elsewhere string) {
				addEpisode(t, dir, "057-new", "2025-02-18T09:00:00Z", "ep-57")
			},
		},
		{
			name: "a link in the episodes folder to the folder itself, unchanged",
			setup: func(t *testing.T, dir, elsewhere string) {
				if err := os.Symlink(".", filepath.Join(dir, "episodes", "loop")); err != nil {
					t.Skip("no symlinks here:", err)
				}
			},
			change: func(t *testing.T, dir, elsewhere string) {},
			want:   true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, elsewhere := copyExample(t), t.TempDir()
			tt.setup(t, dir, elsewhere)
			ageFiles(t, dir)
			ageFiles(t, elsewhere)
			opts := BuildOptions{Now: day, Output: filepath.Join(t.TempDir(), "public")}
			if _, err := load(t, dir).Build(context.Background(), opts); err != nil {
				t.Fatal(err)
			}
			tt.change(t, dir, elsewhere)
			if _, ok, _ := UpToDate(dir, opts); ok != tt.want {
				t.Errorf("UpToDate = %v, want %v", ok, tt.want)
			}
		})
	}
}

// A build after UpToDate takes what it saw of the inputs (LoadOptions.
// Inputs): podcast.toml, the fingerprint of the show's folders, and each
// episode file's size and time. It loads the same show, with the same
// fingerprint, as a build that looks at them all again; also when the
// episodes folder is a link, whose files tree walks under the folder it
// points to.
func TestLoadWithInputs(t *testing.T) {
	for _, linked := range []bool{false, true} {
		t.Run(fmt.Sprintf("linked=%v", linked), func(t *testing.T) {
			dir, elsewhere := copyExample(t), filepath.Join(t.TempDir(), "eps")
			if linked {
				eps := filepath.Join(dir, "episodes")
				if err := os.Rename(eps, elsewhere); err != nil {
					t.Fatal(err)
				}
				if err := os.Symlink(elsewhere, eps); err != nil {
					t.Skip("no symlinks here:", err)
				}
				ageFiles(t, elsewhere)
			}
			ageFiles(t, dir)
			opts := BuildOptions{Now: day, Output: filepath.Join(t.TempDir(), "public")}
			if _, err := load(t, dir).Build(context.Background(), opts); err != nil {
				t.Fatal(err)
			}
			// Added, and aged: the fingerprint of an input changed this
			// second is not to be trusted (see filetime).
			addEpisode(t, dir, "057-new", "2025-02-18T09:00:00Z", "ep-57")
			ageFiles(t, dir)
			if linked {
				ageFiles(t, elsewhere)
			}
			_, ok, seen := UpToDate(dir, opts)
			if ok || seen == nil {
				t.Fatalf("UpToDate = %v with inputs %v after an episode was added, want false and what it saw", ok, seen)
			}
			files, err := filepath.Glob(filepath.Join(dir, "episodes", "*.toml"))
			if err != nil || len(files) < 3 {
				t.Fatalf("episode files %v (%v)", files, err)
			}
			for _, f := range files {
				if _, ok := seen.files[f]; !ok {
					t.Errorf("UpToDate saw nothing of %s", f)
				}
			}
			with, probs := LoadWith(dir, LoadOptions{Output: opts.Output, Inputs: seen})
			if err := probs.Err(); err != nil {
				t.Fatal(err)
			}
			without := load(t, dir)
			if with.inputs == "" || with.inputs != without.inputs {
				t.Errorf("fingerprint %q with what UpToDate saw, %q without", with.inputs, without.inputs)
			}
			if len(with.Episodes) != len(files) || !reflect.DeepEqual(with.Episodes, without.Episodes) {
				t.Errorf("%d episodes with what UpToDate saw, %d without, or they differ", len(with.Episodes), len(without.Episodes))
			}
		})
	}
}

// An episode's image file is an input like its media file: a build that
// read one is up to date until the file changes.
func TestUpToDateWithEpisodeImage(t *testing.T) {
	dir := copyExample(t)
	img := filepath.Join(dir, "images", "055.jpg")
	if err := os.MkdirAll(filepath.Dir(img), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(img, artworktest.JPEG(t, artworktest.Gradient(1400, 1400)), 0o644); err != nil {
		t.Fatal(err)
	}
	editFile(t, filepath.Join(dir, "episodes", "055-rust-in-production.toml"), "explicit = false", "explicit = false\nimage = \"images/055.jpg\"")
	ageFiles(t, dir)
	opts := BuildOptions{Now: day, Output: filepath.Join(t.TempDir(), "public")}
	if _, err := load(t, dir).Build(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := UpToDate(dir, opts); !ok {
		t.Fatal("not up to date after a build, with nothing changed")
	}
	edited := time.Now().Add(-time.Minute)
	if err := os.Chtimes(img, edited, edited); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := UpToDate(dir, opts); ok {
		t.Error("up to date after the episode's image changed")
	}
}

// TestReadManifest reads manifests as this podfeed writes them (a head,
// then the lines of a body) and as podfeed wrote them before (version 1,
// one object), whose outputs a build still removes when it no longer makes
// them.
func TestReadManifest(t *testing.T) {
	for _, tc := range []struct {
		name, data string
		outputs    int // -1: unreadable
		pages      int
	}{
		{"this version", `{"version": 3, "inputs": "x"}` + "\n" + `o 3 1735689600000000000 "feed.xml"` + "\n" + `o 0 1 "a b/index.html"` + "\n" + `p "a b" "g 1"` + "\n", 2, 1},
		{"version 1", `{"version": 1, "inputs": "x", "outputs": [{"name": "feed.xml", "size": 3, "mtime": "2025-01-01T00:00:00Z"}, {"name": "a/index.html"}], "pages": {"a": "g"}}`, 2, 1},
		{"no body", `{"version": 3, "inputs": "x"}`, 0, 0},
		{"a body line cut short", `{"version": 3, "inputs": "x"}` + "\n" + `o 3 1735689600000000000 "feed.x`, -1, 0},
		{"a line of no kind", `{"version": 3, "inputs": "x"}` + "\n" + `x 3`, -1, 0},
		{"a size not a number", `{"version": 3, "inputs": "x"}` + "\n" + `o three 1 "feed.xml"`, -1, 0},
		{"not JSON", `version = 3`, -1, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			if err := os.WriteFile(filepath.Join(out, ManifestFile), []byte(tc.data), 0o644); err != nil {
				t.Fatal(err)
			}
			m, st, err := readManifest(out)
			if tc.outputs < 0 {
				if err == nil {
					t.Errorf("read %+v, want an error", m)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(m.Outputs) != tc.outputs || len(m.Pages) != tc.pages || m.Inputs != "x" {
				t.Errorf("read %d outputs, %d pages, inputs %q; want %d, %d, x", len(m.Outputs), len(m.Pages), m.Inputs, tc.outputs, tc.pages)
			}
			if st.Name != ManifestFile || st.Size != int64(len(tc.data)) {
				t.Errorf("stamp %+v", st)
			}
		})
	}
}

// TestReadHead reads heads shorter and longer than the part readHead reads
// first, with and without a body, and a head cut short.
func TestReadHead(t *testing.T) {
	media := make([]string, 2000) // a head of about 30 KB
	for i := range media {
		media[i] = fmt.Sprintf("media/episode-%04d.mp3", i)
	}
	long, err := json.Marshal(manifestHead{Version: 3, Inputs: "x", Media: media})
	if err != nil {
		t.Fatal(err)
	}
	if len(long) <= headBytes {
		t.Fatalf("a head of %d bytes is not longer than headBytes", len(long))
	}
	body := `o 3 1735689600000000000 "feed.xml"` + "\n"
	for _, tc := range []struct {
		name, head, body string
		media            int // -1: unreadable
	}{
		{"short, with a body", `{"version": 3, "inputs": "x"}` + "\n", body, 0},
		{"short, alone", `{"version": 3, "inputs": "x"}`, "", 0},
		{"long, with a body", string(long) + "\n", body, len(media)},
		{"long, alone", string(long), "", len(media)},
		{"long, cut short", string(long[:len(long)-10]), "", -1},
		{"short, cut short", `{"version": 3, "inp`, "", -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := strings.NewReader(tc.head + tc.body)
			head, body, err := readHead(r)
			if tc.media < 0 {
				if err == nil {
					t.Errorf("read %+v, want an error", head)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if head.Inputs != "x" || len(head.Media) != tc.media {
				t.Errorf("read inputs %q and %d media files, want x and %d", head.Inputs, len(head.Media), tc.media)
			}
			// What it read of the body and what it left unread are the
			// body, as decodeHead finds it in the whole file.
			more, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			_, rest, _ := decodeHead([]byte(tc.head + tc.body))
			if got := string(body) + string(more); got != string(rest) {
				t.Errorf("body read %q, want %q", got, rest)
			}
		})
	}
	if _, _, err := readHead(iotest.ErrReader(errors.New("unreadable"))); err == nil {
		t.Error("an unreadable manifest read without an error")
	}
}

// TestManifestBodyRoundTrip writes bodies and reads them back: names and
// addresses with spaces, quotes, backslashes and other scripts, times to
// the nanosecond.
func TestManifestBodyRoundTrip(t *testing.T) {
	at := time.Date(2026, 12, 6, 1, 2, 3, 456789012, time.UTC)
	for _, b := range []manifestBody{
		{},
		{Outputs: []stamp{{Name: "feed.xml", Size: 113504627, ModTime: at}}},
		{Outputs: []stamp{{Name: `episodes/a "quoted" b\c/index.html`, Size: 0, ModTime: at.Add(-time.Hour)}, {Name: "épisodes/日本/index.html", Size: 1, ModTime: time.Unix(0, 0)}},
			Pages: map[string]string{"a b": "guid with spaces", `q"`: "\n"}},
	} {
		data := appendBody(nil, &b)
		got, err := parseBody(data)
		if err != nil {
			t.Fatalf("%q: %v", data, err)
		}
		if len(got.Outputs) != len(b.Outputs) || len(got.Pages) != len(b.Pages) {
			t.Fatalf("%q read back as %+v", data, got)
		}
		for i, o := range b.Outputs {
			if g := got.Outputs[i]; g.Name != o.Name || g.Size != o.Size || !g.ModTime.Equal(o.ModTime) {
				t.Errorf("output %d read back as %+v, want %+v", i, g, o)
			}
		}
		for slug, guid := range b.Pages {
			if got.Pages[slug] != guid {
				t.Errorf("page %q read back as %q, want %q", slug, got.Pages[slug], guid)
			}
		}
	}
}

// appendQuoted writes what strconv.Quote writes, on its fast path and off
// it.
func TestAppendQuoted(t *testing.T) {
	for _, s := range []string{
		"", "feed.xml", "episodes/055-rust/index.html", "a b", "~", " ",
		`a"b`, `a\b`, "a\nb", "a\x7fb", "a\x1fb", "épisode", "日本", "\xff", "tab\t", "bell\a",
	} {
		if got, want := string(appendQuoted([]byte("x"), s)), "x"+strconv.Quote(s); got != want {
			t.Errorf("appendQuoted(%q) = %s, want %s", s, got, want)
		}
	}
}

// stampOf, and a folder's stamp whether the folder is open or not, give
// what os.Stat gives: the size and the time to the nanosecond, through a
// symbolic link, and fs.ErrNotExist for no file.
func TestStampOf(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "sub", "a b.html")
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte("twelve bytes"), 0o644); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 12, 6, 1, 2, 3, 456789012, time.UTC)
	if err := os.Chtimes(name, at, at); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	links := []string{"sub/a b.html"}
	if os.Symlink(name, filepath.Join(dir, "link")) == nil {
		links = append(links, "link")
	}
	open := openFolder(dir)
	defer open.close()
	for _, c := range []struct {
		how   string
		stamp func(name string) (stamp, error)
	}{
		{"stampOf", func(n string) (stamp, error) { return stampOf(dir, n) }},
		{"open folder", open.stamp},
		{"folder by path", pathFolder(dir).stamp},
	} {
		for _, n := range links {
			st, err := c.stamp(n)
			if err != nil {
				t.Fatalf("%s: %v", c.how, err)
			}
			if st.Name != n || st.Size != fi.Size() || !st.ModTime.Equal(fi.ModTime()) {
				t.Errorf("%s of %q = %+v, os.Stat gives %d bytes at %v", c.how, n, st, fi.Size(), fi.ModTime())
			}
		}
		_, err := c.stamp("missing.html")
		if !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s of no file: %v, want fs.ErrNotExist", c.how, err)
		}
		if want := filepath.Join(dir, "missing.html"); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s of no file: %v, want an error naming %s", c.how, err, want)
		}
	}
	// A folder that cannot be opened is stated by whole paths: none here.
	gone := openFolder(filepath.Join(dir, "gone"))
	defer gone.close()
	if _, err := gone.stamp("sub/a b.html"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a folder that is not there: %v, want fs.ErrNotExist", err)
	}
}

// TestManifestDraft drafts a manifest with the stamps of its first files
// alone, as a build does while its feeds are written, and finishes it:
// it must be the manifest drafted with all of them, which readManifest
// reads back.
func TestManifestDraft(t *testing.T) {
	at := time.Date(2026, 12, 7, 1, 2, 3, 456789012, time.UTC)
	stamps := []stamp{
		{Name: "index.html", Size: 10, ModTime: at},
		{Name: `episodes/a "b"/index.html`, Size: 20, ModTime: at.Add(time.Second)},
		{Name: "feed.json", Size: 30, ModTime: at.Add(2 * time.Second)},
		{Name: "feed.xml", Size: 40, ModTime: at.Add(3 * time.Second)},
	}
	plan := &Plan{Addresses: map[string]string{"b": "guid-b", "a": "guid-a"}}
	s := &Show{inputs: "fingerprint", readFiles: []string{"media/a.mp3"}}
	opts := BuildOptions{Generator: "podfeed test"}
	whole, err := s.draftManifest(plan, opts, stamps)
	if err != nil {
		t.Fatal(err)
	}
	want := whole.finish(stamps)
	for known := range len(stamps) + 1 {
		partial := slices.Clone(stamps)
		for i := known; i < len(partial); i++ {
			partial[i] = stamp{} // not written yet
		}
		draft, err := s.draftManifest(plan, opts, partial)
		if err != nil {
			t.Fatal(err)
		}
		if draft.done != known {
			t.Errorf("drafted with %d stamps known: %d outputs drafted", known, draft.done)
		}
		if got := draft.finish(stamps); !bytes.Equal(got, want) {
			t.Errorf("drafted with %d stamps known:\n%s\nwant\n%s", known, got, want)
		}
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ManifestFile), want, 0o644); err != nil {
		t.Fatal(err)
	}
	m, _, err := readManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	if m.Inputs != "fingerprint" || len(m.Outputs) != len(stamps) || m.Outputs[1].Name != stamps[1].Name || m.Pages["a"] != "guid-a" {
		t.Errorf("read back as %+v", m)
	}
}

// TestInputsReadDir: the entries of a folder of the show as UpToDate's walk
// listed them are what os.ReadDir gives (names, kinds, order), for the
// episodes folder with files, a folder, a link and a dotfile in it, and for
// a folder the walk did not list.
func TestInputsReadDir(t *testing.T) {
	dir := copyExample(t)
	eps := filepath.Join(dir, "episodes")
	if err := os.Mkdir(filepath.Join(eps, "drafts"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeAged(t, filepath.Join(eps, "drafts", "later.toml"), "title = \"later\"\n", 0)
	writeAged(t, filepath.Join(eps, ".hidden.toml"), "", 0)
	if err := os.Symlink("drafts", filepath.Join(eps, "link")); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	buildShow(t, dir, out)
	writeAged(t, filepath.Join(eps, "drafts", "later.toml"), "title = \"later, edited\"\n", 1)
	_, ok, in := UpToDate(dir, BuildOptions{Now: day, Output: out})
	if ok || in == nil {
		t.Fatalf("UpToDate after an edit: %v, %v; want false and what it saw", ok, in)
	}
	if _, listed := in.dirs[eps]; !listed {
		t.Errorf("the walk did not list %s", eps)
	}
	names := func(entries []fs.DirEntry) []string {
		var out []string
		for _, e := range entries {
			out = append(out, fmt.Sprintf("%s %v", e.Name(), e.Type()))
		}
		return out
	}
	for _, name := range []string{"episodes", "episodes/drafts", "."} {
		got, err := in.readDir(name)
		if err != nil {
			t.Fatalf("readDir(%q): %v", name, err)
		}
		want, err := os.ReadDir(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		if g, w := names(got), names(want); !slices.Equal(g, w) {
			t.Errorf("readDir(%q) = %q, want %q", name, g, w)
		}
	}
}

// TestReadRest: readRest returns what was read of a file followed by the
// rest of it, however much of it was read, and however long it is.
func TestReadRest(t *testing.T) {
	dir := t.TempDir()
	for _, size := range []int{0, 1, 4095, 4096, 16 << 10, 100003} {
		for _, read := range []int{0, 1, 10, size} {
			if read > size {
				continue
			}
			data := make([]byte, size)
			for i := range data {
				data[i] = byte('a' + i%26)
			}
			name := filepath.Join(dir, fmt.Sprintf("%d-%d", size, read))
			if err := os.WriteFile(name, data, 0o644); err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(name)
			if err != nil {
				t.Fatal(err)
			}
			have := make([]byte, read)
			if _, err := io.ReadFull(f, have); err != nil {
				t.Fatal(err)
			}
			got, err := readRest(f, have)
			f.Close()
			if err != nil {
				t.Fatalf("size %d, %d read: %v", size, read, err)
			}
			if !bytes.Equal(got, data) {
				t.Errorf("size %d, %d read: got %d bytes, want the file's %d", size, read, len(got), size)
			}
		}
	}
}
