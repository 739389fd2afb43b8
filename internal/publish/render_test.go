package publish

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/podfeed/podfeed/internal/output"
)

func TestWriteRendersLazily(t *testing.T) {
	dir := t.TempDir()
	calls := 0
	page := func(s string) func(io.Writer) error {
		return func(w io.Writer) error { calls++; _, err := io.WriteString(w, s); return err }
	}
	files := []output.File{{Name: "episodes/a/index.html", Render: page("A")}, {Name: "feed.xml", Data: []byte("<rss/>")}}
	if _, err := Write(dir, files, Options{}); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(filepath.Join(dir, "episodes", "a", "index.html")); err != nil || string(got) != "A" {
		t.Fatalf("rendered page holds %q (%v)", got, err)
	}
	res, err := Write(dir, files, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Changed) != 0 || calls != 2 {
		t.Errorf("second write: changed %v after %d renders, want none after 2", res.Changed, calls)
	}

	// A render that fails aborts the whole set: the old outputs stay.
	broken := errors.New("template failed (injected)")
	files = []output.File{
		{Name: "episodes/a/index.html", Render: page("A2")},
		{Name: "episodes/b/index.html", Render: func(io.Writer) error { return broken }},
		{Name: "feed.xml", Data: []byte("<rss>new</rss>")},
	}
	if _, err := Write(dir, files, Options{}); !errors.Is(err, broken) {
		t.Fatalf("got %v, want the render error", err)
	}
	for name, want := range map[string]string{"episodes/a/index.html": "A", "feed.xml": "<rss/>"} {
		if got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name))); err != nil || string(got) != want {
			t.Errorf("%s holds %q (%v) after a failed write, want %q", name, got, err, want)
		}
	}
	if leftovers := tree(t, dir); len(leftovers) != 2 {
		t.Errorf("files after a failed write: %v", leftovers)
	}
}
