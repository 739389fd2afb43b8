package publish

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/podfeed/podfeed/internal/output"
)

// chunks returns a Stream that writes parts one Write call each.
func chunks(parts ...string) func(io.Writer) error {
	return func(w io.Writer) error {
		for _, p := range parts {
			if _, err := io.WriteString(w, p); err != nil {
				return err
			}
		}
		return nil
	}
}

// TestWriteStream checks that a streamed file is published with exactly
// the bytes it writes, and left alone (same mtime, no temporary file)
// when they equal the published ones, whatever the published file holds.
func TestWriteStream(t *testing.T) {
	long := strings.Repeat("0123456789", 20000) // past every buffer
	tests := []struct {
		name    string
		old     *string // nil: no published file
		parts   []string
		changed bool
	}{
		{"new file", nil, []string{"hello"}, true},
		{"new empty file", nil, nil, true},
		{"equal", ptr("hello world"), []string{"hello", " world"}, false},
		{"equal and empty", ptr(""), nil, false},
		{"equal and long", ptr(long + long), []string{long, long}, false},
		{"old longer", ptr("hello world"), []string{"hello"}, true},
		{"old shorter", ptr("hello"), []string{"hello", " world"}, true},
		{"old empty", ptr(""), []string{"x"}, true},
		{"differs at the start", ptr("hello"), []string{"jello"}, true},
		{"differs in the last chunk", ptr(long + "a"), []string{long, "b"}, true},
		{"differs deep inside", ptr(long + "x" + long), []string{long + "y" + long}, true},
		{"new is empty", ptr("hello"), nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			target := filepath.Join(dir, "feed.xml")
			old := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
			if tt.old != nil {
				put(t, dir, map[string]string{"feed.xml": *tt.old})
				if err := os.Chtimes(target, old, old); err != nil {
					t.Fatal(err)
				}
			}
			res, err := Write(dir, []output.File{{Name: "feed.xml", Stream: chunks(tt.parts...)}}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			want := strings.Join(tt.parts, "")
			if got := tree(t, dir); len(got) != 1 || got["feed.xml"] != want {
				t.Errorf("folder holds %d files, feed.xml of %d bytes; want only feed.xml of %d bytes", len(got), len(got["feed.xml"]), len(want))
			}
			if changed := len(res.Changed) == 1; changed != tt.changed || len(res.Changed)+len(res.Unchanged) != 1 {
				t.Errorf("Changed %v, Unchanged %v; want changed %v", res.Changed, res.Unchanged, tt.changed)
			}
			fi, err := os.Stat(target)
			if err != nil {
				t.Fatal(err)
			}
			if kept := fi.ModTime().Equal(old); kept == tt.changed {
				t.Errorf("modification time %v kept: %v, want %v", fi.ModTime(), kept, !tt.changed)
			}
			if tt.changed && fi.Mode().Perm() != fileMode {
				t.Errorf("mode %v, want %v", fi.Mode().Perm(), fileMode)
			}
		})
	}
}

// TestWriteStreamError checks that a stream failing before or after the
// first difference leaves the published file and no temporary file.
func TestWriteStreamError(t *testing.T) {
	for _, parts := range [][]string{{"same"}, {"same", " and then different"}} {
		dir := t.TempDir()
		put(t, dir, map[string]string{"feed.xml": "same old"})
		boom := errors.New("boom")
		stream := func(w io.Writer) error {
			if err := chunks(parts...)(w); err != nil {
				return err
			}
			if f, ok := w.(interface{ Flush() error }); ok {
				f.Flush() // push the bytes past the buffer, so the file exists
			}
			return boom
		}
		_, err := Write(dir, []output.File{{Name: "feed.xml", Stream: stream}}, Options{})
		if !errors.Is(err, boom) {
			t.Errorf("%q: error %v, want boom", parts, err)
		}
		if got := tree(t, dir); len(got) != 1 || got["feed.xml"] != "same old" {
			t.Errorf("%q: folder holds %v", parts, got)
		}
	}
}

func ptr(s string) *string { return &s }

// part is a piece of a streamed file: bytes, or a span of a file ("old"
// for the published one, "other" for another) or of memory.
type part struct {
	text     string
	from     string // "", "old", "other" or "memory"
	off, len int64
}

// TestWriteStreamSpans checks that a stream of bytes and spans (see
// output.SpanWriter) is published with exactly its bytes, and left alone
// when they equal the published ones: spans of the published file where
// they lie already, spans that moved, and spans of other files, before and
// after the first difference.
func TestWriteStreamSpans(t *testing.T) {
	long := strings.Repeat("0123456789", 20000) // past every buffer
	old := "<feed>" + long + "<a/>" + long + "</feed>"
	other := "<b/>" + long
	at := int64(len("<feed>"))
	tests := []struct {
		name    string
		parts   []part
		changed bool
	}{
		{"the old file's spans where they lie", []part{{text: "<feed>"}, {from: "old", off: at, len: int64(len(long)) + 4}, {from: "old", off: at + int64(len(long)) + 4, len: int64(len(long))}, {text: "</feed>"}}, false},
		{"the same bytes from another file", []part{{text: "<feed>"}, {from: "other", off: 4, len: int64(len(long))}, {text: "<a/>"}, {from: "memory", off: 0, len: int64(len(long))}, {text: "</feed>"}}, false},
		{"a new item before the old ones", []part{{text: "<feed>"}, {from: "other", off: 0, len: 4}, {from: "old", off: at, len: int64(len(old)) - at}}, true},
		{"an old span moved forward", []part{{text: "<feed>"}, {from: "old", off: at + int64(len(long)), len: 4}, {from: "old", off: at, len: int64(len(long))}, {text: "</feed>"}}, true},
		{"a change after old spans, then spans copied", []part{{text: "<feed>"}, {from: "old", off: at, len: int64(len(long))}, {text: "<c/>"}, {from: "old", off: at + int64(len(long)) + 4, len: int64(len(long))}, {from: "other", off: 0, len: int64(len(other))}, {text: "</feed>"}}, true},
		{"old spans, and less", []part{{text: "<feed>"}, {from: "old", off: at, len: int64(len(long))}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			put(t, dir, map[string]string{"feed.xml": old, "other": other})
			target := filepath.Join(dir, "feed.xml")
			was := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
			if err := os.Chtimes(target, was, was); err != nil {
				t.Fatal(err)
			}
			files := map[string]io.ReaderAt{"memory": strings.NewReader(long)}
			for _, name := range []string{"feed.xml", "other"} {
				f, err := os.Open(filepath.Join(dir, name))
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				files[map[string]string{"feed.xml": "old", "other": "other"}[name]] = f
			}
			var want strings.Builder
			stream := func(w io.Writer) error {
				sw, ok := w.(output.SpanWriter)
				if !ok {
					t.Fatal("Write's stream writer takes no spans")
				}
				for _, p := range tt.parts {
					if p.from == "" {
						want.WriteString(p.text)
						if _, err := io.WriteString(w, p.text); err != nil {
							return err
						}
						continue
					}
					b := make([]byte, p.len)
					files[p.from].ReadAt(b, p.off)
					want.Write(b)
					if err := sw.WriteSpan(files[p.from], p.off, p.len); err != nil {
						return err
					}
				}
				return nil
			}
			res, err := Write(dir, []output.File{{Name: "feed.xml", Stream: stream}}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := tree(t, dir)["feed.xml"]; got != want.String() {
				t.Errorf("feed.xml of %d bytes, want %d: %.60q…", len(got), want.Len(), got)
			}
			if changed := len(res.Changed) == 1; changed != tt.changed {
				t.Errorf("changed: %v, want %v", changed, tt.changed)
			}
			fi, err := os.Stat(target)
			if err != nil {
				t.Fatal(err)
			}
			if kept := fi.ModTime().Equal(was); kept == tt.changed {
				t.Errorf("modification time kept: %v, want %v", kept, !tt.changed)
			}
		})
	}
}

// countingReader counts the reads of a span's source.
type countingReader struct {
	r     io.ReaderAt
	reads int
}

func (c *countingReader) ReadAt(p []byte, off int64) (int, error) {
	c.reads++
	return c.r.ReadAt(p, off)
}

// After an episode is removed, the older items follow as one run that no
// longer lies where it did: once it differs from the published file, the
// rest of it is copied in big reads, not compared and written 32 KB at a
// time (it was half the feed).
func TestWriteStreamRunAfterDifference(t *testing.T) {
	removed := strings.Repeat("<item>gone</item>", 10000)
	rest := strings.Repeat("<item>kept 0123456789</item>", 80000) // 2.2 MB
	dir := t.TempDir()
	put(t, dir, map[string]string{"feed.xml": "<feed>" + removed + rest + "</feed>"})
	src := &countingReader{r: strings.NewReader(rest)}
	stream := func(w io.Writer) error {
		io.WriteString(w, "<feed>")
		if err := w.(output.SpanWriter).WriteSpan(src, 0, int64(len(rest))); err != nil {
			return err
		}
		_, err := io.WriteString(w, "</feed>")
		return err
	}
	if _, err := Write(dir, []output.File{{Name: "feed.xml", Stream: stream}}, Options{}); err != nil {
		t.Fatal(err)
	}
	if got, want := tree(t, dir)["feed.xml"], "<feed>"+rest+"</feed>"; got != want {
		t.Errorf("feed.xml of %d bytes, want %d", len(got), len(want))
	}
	// One chunk compared, then pieces of bigBuffer.
	if max := 2 + len(rest)/bigBuffer + 1; src.reads > max {
		t.Errorf("the run was read in %d reads, want at most %d", src.reads, max)
	}
}
