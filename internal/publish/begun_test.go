package publish

import (
	"errors"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/podfeed/podfeed/internal/output"
)

// streamed is a file that streams data, as the feeds are written.
func streamed(name, data string) output.File {
	return output.File{Name: name, Stream: func(w io.Writer) error {
		_, err := io.WriteString(w, data)
		return err
	}}
}

// TestBegin writes the same files into the same folder with Write alone
// and with some of them begun first: the folders and the results must
// agree, whichever files are begun.
func TestBegin(t *testing.T) {
	before := map[string]string{
		"feed.xml":          "<rss>old</rss>",
		"atom.xml":          "<feed>same</feed>",
		"chapters/055.json": `{"old":true}`,
		"episodes/055.html": "old page",
	}
	next := []output.File{
		{Name: "chapters/055.json", Data: []byte(`{"new":true}`)},
		{Name: "episodes/055.html", Data: []byte("old page")},
		{Name: "episodes/056/index.html", Data: []byte("new page")},
		streamed("feed-1.xml", "<rss>archive</rss>"),
		streamed("atom.xml", "<feed>same</feed>"),
		streamed("feed.xml", "<rss>new</rss>"),
	}
	run := func(t *testing.T, begin []string) (Result, map[string]string) {
		dir := filepath.Join(t.TempDir(), "public")
		put(t, dir, before)
		var early []output.File
		for _, f := range next {
			if slices.Contains(begin, f.Name) {
				early = append(early, f)
			}
		}
		var opts Options
		if begin != nil {
			b, err := Begin(dir, early, BeginOptions{})
			if err != nil {
				t.Fatalf("Begin: %v", err)
			}
			opts.Begun = b
		}
		res, err := Write(dir, next, opts)
		if err != nil {
			t.Fatalf("Write: %v", err)
		}
		return res, tree(t, dir)
	}
	wantRes, want := run(t, nil)
	if want["feed.xml"] != "<rss>new</rss>" || want["episodes/056/index.html"] != "new page" {
		t.Fatalf("Write alone wrote %q", want)
	}
	for _, begin := range [][]string{
		{"feed.xml"},
		{"feed-1.xml", "atom.xml", "feed.xml"},
		{"atom.xml"},                               // unchanged
		{"episodes/056/index.html", "feed-1.xml"},  // new, in a new folder
		{"chapters/055.json", "episodes/055.html"}, // not streamed
	} {
		t.Run(strings.Join(begin, ","), func(t *testing.T) {
			res, got := run(t, begin)
			if !maps.Equal(got, want) {
				t.Errorf("files = %q, want %q", got, want)
			}
			if !slices.Equal(res.Changed, wantRes.Changed) || !slices.Equal(res.Unchanged, wantRes.Unchanged) {
				t.Errorf("Result = %+v, want %+v", res, wantRes)
			}
		})
	}
}

// TestBeginAbandoned leaves the folder as it was, with no temporary file
// and no mark, however a begun write ends without publishing: aborted, a
// begun file that fails, a later file that fails, a begun file that Write
// is not given.
func TestBeginAbandoned(t *testing.T) {
	errInjected := errors.New("injected failure")
	before := map[string]string{
		"feed.xml":          "<rss>old</rss>",
		"chapters/055.json": `{"old":true}`,
	}
	feeds := []output.File{
		streamed("feed-1.xml", "<rss>archive</rss>"), // new: written in place
		streamed("feed.xml", "<rss>new</rss>"),
	}
	failing := output.File{Name: "feed.xml", Stream: func(w io.Writer) error {
		io.WriteString(w, "<rss>half")
		return errInjected
	}}
	rest := []output.File{{Name: "chapters/055.json", Data: []byte(`{"new":true}`)}}
	tests := []struct {
		name   string
		begin  []output.File
		write  []output.File // nil: Abort instead
		failOn string        // fail the AfterWrite call for this file
	}{
		{name: "aborted", begin: feeds},
		{name: "aborted twice", begin: feeds},
		{name: "begun file fails", begin: []output.File{feeds[0], failing}, write: append(slices.Clone(rest), feeds[0], failing)},
		{name: "later file fails", begin: feeds, write: append(slices.Clone(rest), feeds...), failOn: "chapters/055.json"},
		{name: "begun file fails its hook", begin: feeds, write: append(slices.Clone(rest), feeds...), failOn: "feed.xml"},
		{name: "begun file not written", begin: feeds, write: append(slices.Clone(rest), feeds[1])},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			put(t, dir, before)
			b, err := Begin(dir, tt.begin, BeginOptions{})
			if err != nil {
				t.Fatalf("Begin: %v", err)
			}
			if tt.write == nil {
				if err := b.Abort(); err != nil {
					t.Fatalf("Abort: %v", err)
				}
				if tt.name == "aborted twice" {
					if err := b.Abort(); err != nil {
						t.Fatalf("second Abort: %v", err)
					}
				}
			} else {
				opts := Options{Begun: b, AfterWrite: func(name string) error {
					if name == tt.failOn {
						return errInjected
					}
					return nil
				}}
				if _, err := Write(dir, tt.write, opts); err == nil {
					t.Fatal("Write succeeded, want an error")
				}
				if _, err := Write(dir, tt.write, Options{Begun: b}); err == nil {
					t.Error("a second Write with the same Begun succeeded")
				}
			}
			if got := tree(t, dir); !maps.Equal(got, before) {
				t.Errorf("files = %q, want them as before: %q", got, before)
			}
		})
	}
}

// TestBeginIsCleanedUp: Begin writes nothing where it can be read before
// Write, not even a file that was not there; a build killed after Begin
// leaves files that RemoveTemps removes, as after a Write cut short.
func TestBeginIsCleanedUp(t *testing.T) {
	dir := t.TempDir()
	before := map[string]string{"feed.xml": "<rss>old</rss>"}
	put(t, dir, before)
	b, err := Begin(dir, []output.File{streamed("feed-1.xml", "<rss>archive</rss>"), streamed("feed.xml", "<rss>new</rss>")}, BeginOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b.wg.Wait() // as if killed here, once written
	if _, err := os.Stat(filepath.Join(dir, "feed-1.xml")); !os.IsNotExist(err) {
		t.Errorf("a new file is in place before Write (stat: %v)", err)
	}
	if got := tree(t, dir); len(got) != 4 || got["feed.xml"] != before["feed.xml"] {
		t.Errorf("files before Write = %q, want the old feed, two temporary files and the mark", got)
	}
	if err := RemoveTemps(dir); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, dir); !maps.Equal(got, before) {
		t.Errorf("files after RemoveTemps = %q, want %q", got, before)
	}
}
