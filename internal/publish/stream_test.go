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
