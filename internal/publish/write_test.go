package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/podfeed/podfeed/internal/output"
)

// tree returns every regular file under dir by slash path, with its content.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := make(map[string]string)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			t.Errorf("%s is not a regular file", p)
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		got[filepath.ToSlash(rel)] = string(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// put writes files into dir the plain way, for setting up a test.
func put(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// files builds a file list from name, content pairs.
func files(pairs ...string) []output.File {
	var out []output.File
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, output.File{Name: pairs[i], Data: []byte(pairs[i+1])})
	}
	return out
}

func TestWrite(t *testing.T) {
	tests := []struct {
		name          string
		before        map[string]string
		write         []output.File
		wantChanged   []string
		wantUnchanged []string
		after         map[string]string
	}{
		{
			name:        "empty folder",
			write:       files("feed.xml", "<rss/>", "chapters/055.json", "{}"),
			wantChanged: []string{"feed.xml", "chapters/055.json"},
			after:       map[string]string{"feed.xml": "<rss/>", "chapters/055.json": "{}"},
		},
		{
			name:          "nothing changed",
			before:        map[string]string{"feed.xml": "<rss/>", "chapters/055.json": "{}"},
			write:         files("feed.xml", "<rss/>", "chapters/055.json", "{}"),
			wantUnchanged: []string{"feed.xml", "chapters/055.json"},
			after:         map[string]string{"feed.xml": "<rss/>", "chapters/055.json": "{}"},
		},
		{
			name:          "one changed, one unchanged, one new",
			before:        map[string]string{"feed.xml": "<rss>1</rss>", "atom.xml": "<feed/>"},
			write:         files("chapters/1.json", "[]", "atom.xml", "<feed/>", "feed.xml", "<rss>2</rss>"),
			wantChanged:   []string{"chapters/1.json", "feed.xml"},
			wantUnchanged: []string{"atom.xml"},
			after:         map[string]string{"feed.xml": "<rss>2</rss>", "atom.xml": "<feed/>", "chapters/1.json": "[]"},
		},
		{
			name:        "same size, different bytes",
			before:      map[string]string{"feed.xml": "aaaa"},
			write:       files("feed.xml", "aaab"),
			wantChanged: []string{"feed.xml"},
			after:       map[string]string{"feed.xml": "aaab"},
		},
		{
			name:        "emptied file",
			before:      map[string]string{"feed.xml": "x"},
			write:       files("feed.xml", ""),
			wantChanged: []string{"feed.xml"},
			after:       map[string]string{"feed.xml": ""},
		},
		{
			name:          "other files left alone",
			before:        map[string]string{"CNAME": "example.com", "feed.xml": "<rss/>"},
			write:         files("feed.xml", "<rss/>"),
			wantUnchanged: []string{"feed.xml"},
			after:         map[string]string{"CNAME": "example.com", "feed.xml": "<rss/>"},
		},
		{
			name:  "no files",
			after: map[string]string{},
		},
	}
	// Each case with the files synced, and not (NoSync): what is written
	// is the same.
	for _, tt := range tests {
		for _, noSync := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s, NoSync %v", tt.name, noSync), func(t *testing.T) {
				testWrite(t, tt.before, tt.write, Options{NoSync: noSync}, tt.wantChanged, tt.wantUnchanged, tt.after)
			})
		}
	}
}

// testWrite writes files into a folder holding before, with opts, and
// checks what Write reports and what the folder holds after.
func testWrite(t *testing.T, before map[string]string, write []output.File, opts Options, wantChanged, wantUnchanged []string, after map[string]string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "public")
	put(t, dir, before)
	res, err := Write(dir, write, opts)
	if err != nil {
		t.Fatalf("Write: %v", err)
	}
	if !slices.Equal(res.Changed, wantChanged) {
		t.Errorf("Changed = %q, want %q", res.Changed, wantChanged)
	}
	if !slices.Equal(res.Unchanged, wantUnchanged) {
		t.Errorf("Unchanged = %q, want %q", res.Unchanged, wantUnchanged)
	}
	if got := tree(t, dir); !maps.Equal(got, after) {
		t.Errorf("files after Write = %q, want %q", got, after)
	}
	for _, name := range wantChanged {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if perm := fi.Mode().Perm(); perm != 0o644 {
			t.Errorf("%s has mode %v, want 0644", name, perm)
		}
	}
}

func TestWriteKeepsUnchangedMtime(t *testing.T) {
	dir := t.TempDir()
	first := files("feed.xml", "<rss/>", "chapters/055.json", "{}", "atom.xml", "<feed/>")
	if _, err := Write(dir, first, Options{}); err != nil {
		t.Fatal(err)
	}
	old := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	for _, f := range first {
		if err := os.Chtimes(filepath.Join(dir, f.Name), old, old); err != nil {
			t.Fatal(err)
		}
	}

	second := files("feed.xml", "<rss/>", "chapters/055.json", "{}", "atom.xml", "<feed>new</feed>")
	res, err := Write(dir, second, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"atom.xml"}; !slices.Equal(res.Changed, want) {
		t.Errorf("Changed = %q, want %q", res.Changed, want)
	}
	for _, name := range []string{"feed.xml", "chapters/055.json"} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !fi.ModTime().Equal(old) {
			t.Errorf("%s: mtime %v, want it kept at %v", name, fi.ModTime(), old)
		}
	}
	fi, err := os.Stat(filepath.Join(dir, "atom.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if fi.ModTime().Equal(old) {
		t.Errorf("atom.xml: mtime still %v after its content changed", old)
	}
	if got, want := tree(t, dir)["atom.xml"], "<feed>new</feed>"; got != want {
		t.Errorf("atom.xml = %q, want %q", got, want)
	}
}

// A file marked Keep is taken on trust: never rendered, read or written,
// counted as unchanged, and not removed as a leftover of the last Write.
func TestWriteTrustsKept(t *testing.T) {
	dir := t.TempDir()
	first := files("feed.xml", "<rss/>", "episodes/a/index.html", "old page")
	if _, err := Write(dir, first, Options{}); err != nil {
		t.Fatal(err)
	}
	second := files("feed.xml", "<rss>new</rss>", "episodes/a/index.html", "new page")
	second[1].Keep = true
	second[1].Render = func(io.Writer) error { return errors.New("a kept file was rendered") }
	res, err := Write(dir, second, Options{Previous: []string{"feed.xml", "episodes/a/index.html"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"episodes/a/index.html"}; !slices.Equal(res.Unchanged, want) || len(res.Removed) != 0 {
		t.Errorf("Unchanged = %q, Removed = %q; want %q and none", res.Unchanged, res.Removed, want)
	}
	if got := tree(t, dir)["episodes/a/index.html"]; got != "old page" {
		t.Errorf("the kept file holds %q, want it as it was", got)
	}
	// Its folder is not even looked at: Write makes none for it.
	third := files("feed.xml", "<rss>new</rss>", "episodes/b/index.html", "a page never written")
	third[1].Keep = true
	if _, err := Write(dir, third, Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "episodes", "b")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Write made a folder for a kept file (%v)", err)
	}
}

func TestWriteFailureKeepsOldOutputs(t *testing.T) {
	errInjected := errors.New("injected failure")
	before := map[string]string{
		"feed.xml":          "<rss>old</rss>",
		"atom.xml":          "<feed>old</feed>",
		"chapters/055.json": `{"old":true}`,
		"blocker":           "a file where a folder is wanted",
	}
	next := files(
		"chapters/055.json", `{"new":true}`,
		"chapters/056.json", `{"new":true}`,
		"atom.xml", "<feed>new</feed>",
		"feed.xml", "<rss>new</rss>",
	)
	tests := []struct {
		name     string
		write    []output.File
		failOn   string // fail the AfterWrite call for this file; "": never
		wantErr  error
		wantName string // file the error must name
	}{
		{name: "after the first file", write: next, failOn: "chapters/055.json", wantErr: errInjected, wantName: "chapters/055.json"},
		{name: "after the second file", write: next, failOn: "chapters/056.json", wantErr: errInjected, wantName: "chapters/056.json"},
		{name: "after the last file", write: next, failOn: "feed.xml", wantErr: errInjected, wantName: "feed.xml"},
		{
			name:     "folder cannot be created",
			write:    append(slices.Clone(next[:2]), output.File{Name: "blocker/x.json", Data: []byte("{}")}, next[3]),
			wantName: "blocker/x.json",
		},
		{
			name:     "target is a folder",
			write:    append(slices.Clone(next[:3]), output.File{Name: "chapters", Data: []byte("{}")}),
			wantName: "chapters",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			put(t, dir, before)
			// Files are written on several goroutines: fail on a name, not
			// on the n-th call.
			opts := Options{AfterWrite: func(name string) error {
				if name == tt.failOn {
					return errInjected
				}
				return nil
			}}
			res, err := Write(dir, tt.write, opts)
			if err == nil {
				t.Fatalf("Write succeeded, want an error")
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("error %q does not wrap %q", err, tt.wantErr)
			}
			if !strings.Contains(err.Error(), " "+tt.wantName+":") {
				t.Errorf("error %q does not name %s", err, tt.wantName)
			}
			if strings.HasPrefix(err.Error(), "publish") {
				t.Errorf("error %q shows users a package prefix", err)
			}
			if res.Changed != nil || res.Unchanged != nil {
				t.Errorf("Result = %+v on error, want zero", res)
			}
			if got := tree(t, dir); !maps.Equal(got, before) {
				t.Errorf("files after failed Write = %q, want them unchanged: %q", got, before)
			}
		})
	}
}

func TestWriteRejectsBadNames(t *testing.T) {
	tests := []struct {
		name    string
		write   []output.File
		wantMsg string
	}{
		{"empty", files("", "x"), `empty file name`},
		{"absolute", files("/etc/feed.xml", "x"), `"/etc/feed.xml" is absolute`},
		{"dot dot", files("../feed.xml", "x"), `"../feed.xml" contains ".."`},
		{"dot dot inside", files("a/../../feed.xml", "x"), `"a/../../feed.xml" contains ".."`},
		{"dot dot last", files("chapters/..", "x"), `"chapters/.." contains ".."`},
		{"dot", files(".", "x"), `"." is not a clean relative path`},
		{"dot element", files("./feed.xml", "x"), `"./feed.xml" is not a clean relative path`},
		{"double slash", files("chapters//1.json", "x"), `"chapters//1.json" is not a clean relative path`},
		{"trailing slash", files("chapters/", "x"), `"chapters/" is not a clean relative path`},
		{"backslash", files(`chapters\1.json`, "x"), `"chapters\\1.json" contains a backslash`},
		{"lock file", files(".podfeed.lock", "x"), `".podfeed.lock" is the lock file`},
		{"bad after good", files("feed.xml", "x", "../atom.xml", "y"), `"../atom.xml" contains ".."`},
		{"twice", files("feed.xml", "x", "feed.xml", "y"), `"feed.xml" listed twice`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "public")
			_, err := Write(dir, tt.write, Options{})
			if err == nil {
				t.Fatalf("Write succeeded, want an error containing %s", tt.wantMsg)
			}
			if !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("error %q, want it to contain %s", err, tt.wantMsg)
			}
			if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("output folder touched before names were checked (stat: %v)", err)
			}
		})
	}
}

// FuzzPlainName holds plainName, checkName's fast path, to the checks it
// stands for: it accepts exactly the names they accept.
func FuzzPlainName(f *testing.F) {
	for _, name := range []string{"feed.xml", "episodes/a-b/index.html", "chapters/1.json", "", "/etc/feed.xml",
		"../feed.xml", "a/../../feed.xml", "chapters/..", ".", "./feed.xml", "chapters//1.json", "chapters/",
		`chapters\1.json`, "a\x00b", LockFile, WritingFile, "a/" + LockFile, "épisodes/é.html", "bad\xffutf8", "..a/b..", ".a/.b"} {
		f.Add(name)
	}
	f.Fuzz(func(t *testing.T, name string) {
		err := nameError(name)
		if plain := plainName(name); plain != (err == nil) {
			t.Errorf("plainName(%q) = %v, but the checks one by one say %v", name, plain, err)
		}
	})
}

// BenchmarkCheckNames checks the names of a show of 10,000 episodes'
// outputs: with plainName first, as Write does, and with the checks one by
// one alone, as before it.
func BenchmarkCheckNames(b *testing.B) {
	var names []string
	for i := range 10_000 {
		slug := fmt.Sprintf("%05d-an-episode-with-a-title-of-some-length", i)
		names = append(names, "episodes/"+slug+"/index.html", "embed/"+slug+"/index.html", "chapters/"+slug+".json")
	}
	for _, bb := range []struct {
		name  string
		check func(string) error
	}{{"plain first", checkName}, {"one by one", nameError}} {
		b.Run(bb.name, func(b *testing.B) {
			for b.Loop() {
				for _, n := range names {
					if err := bb.check(n); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

func TestWriteOutputIsAFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	put(t, filepath.Dir(dir), map[string]string{"public": "not a folder"})
	_, err := Write(dir, files("feed.xml", "x"), Options{})
	if err == nil {
		t.Fatal("Write into a file succeeded, want an error")
	}
	if !strings.Contains(err.Error(), "not a folder") {
		t.Errorf("error %q does not say the output is not a folder", err)
	}
}

// TestWriteRenameFailure makes the last rename fail (its target turned into a
// folder meanwhile): the error says so, and no temporary file is left.
func TestWriteRenameFailure(t *testing.T) {
	dir := t.TempDir()
	put(t, dir, map[string]string{"atom.xml": "old", "feed.xml": "old"})
	opts := Options{AfterWrite: func(name string) error {
		if name != "feed.xml" {
			return nil
		}
		target := filepath.Join(dir, "feed.xml")
		if err := os.Remove(target); err != nil {
			return err
		}
		put(t, dir, map[string]string{"feed.xml/x": "in the way"})
		return nil
	}}
	_, err := Write(dir, files("atom.xml", "new", "feed.xml", "new"), opts)
	if err == nil {
		t.Fatal("Write succeeded, want a rename error")
	}
	if want := "replace feed.xml (1 of 2 changed files already replaced): "; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %q, want it to start with %q", err, want)
	}
	want := map[string]string{"atom.xml": "new", "feed.xml/x": "in the way"}
	if got := tree(t, dir); !maps.Equal(got, want) {
		t.Errorf("files after failed rename = %q, want %q", got, want)
	}
}

// TestSameContent: a file holds data only when every byte agrees, read a
// piece at a time; against bytes.Equal of the whole file.
func TestSameContent(t *testing.T) {
	big := bytes.Repeat([]byte("0123456789abcdef"), 10000) // several pieces
	changed := func(b []byte, i int) []byte {
		c := bytes.Clone(b)
		c[i] ^= 1
		return c
	}
	tests := []struct {
		name       string
		file, data []byte // file nil: no file
	}{
		{"same", []byte("hello"), []byte("hello")},
		{"empty", []byte{}, []byte{}},
		{"no file", nil, []byte("hello")},
		{"shorter file", []byte("hell"), []byte("hello")},
		{"longer file", []byte("hello!"), []byte("hello")},
		{"first byte", []byte("jello"), []byte("hello")},
		{"big same", big, bytes.Clone(big)},
		{"big, first piece", changed(big, 10), big},
		{"big, a later piece", changed(big, 64<<10+7), big},
		{"big, last byte", changed(big, len(big)-1), big},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := filepath.Join(t.TempDir(), "f")
			if tt.file != nil {
				if err := os.WriteFile(name, tt.file, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			fi, err := sameContent(name, tt.data)
			want := tt.file != nil && bytes.Equal(tt.file, tt.data)
			if got := fi != nil; err != nil || got != want {
				t.Errorf("sameContent = %v, %v; want %v", got, err, want)
			}
			if fi != nil && fi.Size() != int64(len(tt.data)) {
				t.Errorf("sameContent gave a file of %d bytes, want %d", fi.Size(), len(tt.data))
			}
		})
	}
}

// TestWriteGivesFilesAsWritten checks Result.Files: each file as it lies
// after Write, whether written anew, streamed (and begun), copied,
// replaced or left as it was, and nil for a kept one.
func TestWriteGivesFilesAsWritten(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(t.TempDir(), "cover.jpg")
	if err := os.WriteFile(src, []byte("jpeg bytes"), 0o644); err != nil {
		t.Fatal(err)
	}
	stream := func(s string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
	}
	// The third round writes what the second did: every file is left.
	for round, pages := range []string{"first", "second", "second"} {
		list := files("same.html", "unchanged", "page.html", pages, "kept.html", "kept")
		list = append(list, output.File{Name: "cover.jpg", Source: src}, output.File{Name: "feed.xml", Stream: stream("<rss>" + pages + "</rss>")})
		list[2].Keep = round > 0
		var opts Options
		var early []fs.FileInfo // as AwaitingBegun was given them
		if round > 0 {
			begun, err := Begin(dir, list[4:], BeginOptions{})
			if err != nil {
				t.Fatal(err)
			}
			opts.Begun = begun
			opts.AwaitingBegun = func(files []fs.FileInfo) {
				if early != nil {
					t.Error("AwaitingBegun called twice")
				}
				early = files
			}
		}
		res, err := Write(dir, list, opts)
		if err != nil {
			t.Fatal(err)
		}
		if round > 0 {
			// What was written before the begun feed, as it is after.
			if len(early) != len(list) || early[4] != nil {
				t.Fatalf("round %d: AwaitingBegun was given %v", round, early)
			}
			for i := range 4 {
				if early[i] != res.Files[i] {
					t.Errorf("round %d: AwaitingBegun was given %s as %v, Write gives %v", round, list[i].Name, early[i], res.Files[i])
				}
			}
		}
		if len(res.Files) != len(list) {
			t.Fatalf("round %d: %d files, want %d", round, len(res.Files), len(list))
		}
		for i, f := range list {
			got := res.Files[i]
			if f.Keep {
				if got != nil {
					t.Errorf("round %d: %s is kept, yet Write gave it", round, f.Name)
				}
				continue
			}
			want, err := os.Stat(filepath.Join(dir, f.Name))
			if err != nil {
				t.Fatal(err)
			}
			if got == nil || got.Size() != want.Size() || !got.ModTime().Equal(want.ModTime()) {
				t.Errorf("round %d: %s as Write gave it: %v, want size %d, time %v", round, f.Name, got, want.Size(), want.ModTime())
			}
		}
	}
}

// TestAwaitingBegunEndsBeforeRenames checks that AwaitingBegun, which runs
// while the begun files end and everything is synced, has returned before
// Write renames anything, and before Write returns: a build reads what it
// recorded as soon as Write is done.
func TestAwaitingBegunEndsBeforeRenames(t *testing.T) {
	dir := t.TempDir()
	if _, err := Write(dir, files("page.html", "old", "feed.xml", "<rss>old</rss>"), Options{}); err != nil {
		t.Fatal(err)
	}
	feed := output.File{Name: "feed.xml", Stream: func(w io.Writer) error { _, err := io.WriteString(w, "<rss>new</rss>"); return err }}
	begun, err := Begin(dir, []output.File{feed}, BeginOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var (
		ended bool
		seen  string // page.html as the callback found it, once it had let Write go on
	)
	opts := Options{Begun: begun, AwaitingBegun: func([]fs.FileInfo) {
		time.Sleep(50 * time.Millisecond) // long enough for the renames, were they not waiting
		b, err := os.ReadFile(filepath.Join(dir, "page.html"))
		if err != nil {
			t.Error(err)
		}
		seen, ended = string(b), true
	}}
	if _, err := Write(dir, append(files("page.html", "new"), feed), opts); err != nil {
		t.Fatal(err)
	}
	if !ended {
		t.Fatal("Write returned before AwaitingBegun did")
	}
	if seen != "old" {
		t.Errorf("AwaitingBegun found page.html holding %q: renamed before it returned", seen)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "page.html")); string(b) != "new" {
		t.Errorf("page.html holds %q after Write, want %q", b, "new")
	}
}

// TestWriteInPlace: a file that no file is in the way of, in a folder
// there before or made by the write (at any depth), is written straight
// into place and listed in the mark; one that replaces a file goes through
// a temporary file, the old bytes in place until the rename.
func TestWriteInPlace(t *testing.T) {
	dir := t.TempDir()
	put(t, dir, map[string]string{"old.html": "old", "there/old.html": "old"})
	in := files("old.html", "new", "there/old.html", "new", "there/new.html", "new",
		"made/new.html", "new", "made/deeper/new.html", "new", "top.html", "new")
	wantInPlace := []string{"made/deeper/new.html", "made/new.html", "there/new.html", "top.html"}
	seen := map[string]string{} // what each target held once its file was written
	var marked []string
	opts := Options{AfterWrite: func(name string) error {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			return err
		}
		seen[name] = string(b)
		if marked == nil {
			m, err := os.ReadFile(filepath.Join(dir, WritingFile))
			if err != nil {
				return err
			}
			marked = markedFiles(m)
		}
		return nil
	}}
	if _, err := Write(dir, in, opts); err != nil {
		t.Fatal(err)
	}
	var inPlace []string
	for name, held := range seen {
		if held == "new" {
			inPlace = append(inPlace, name)
		}
	}
	slices.Sort(inPlace)
	slices.Sort(marked)
	if !slices.Equal(inPlace, wantInPlace) {
		t.Errorf("written in place: %q, want %q", inPlace, wantInPlace)
	}
	if !slices.Equal(marked, wantInPlace) {
		t.Errorf("the mark lists %q, want %q", marked, wantInPlace)
	}
	for name := range seen {
		if got := tree(t, dir)[name]; got != "new" {
			t.Errorf("%s holds %q after the write, want %q", name, got, "new")
		}
	}
}
