package publish

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/podfeed/podfeed/internal/output"
)

func TestMatchCase(t *testing.T) {
	tests := []struct {
		name  string
		disk  []string // files on disk
		match string
		want  []string // files on disk after
	}{
		{"a folder renamed in case", []string{"episodes/055-Rust/index.html"}, "episodes/055-rust/index.html",
			[]string{"episodes/055-rust/index.html"}},
		{"a file renamed in case", []string{"chapters/055-Rust.json", "chapters/054.json"}, "chapters/055-rust.json",
			[]string{"chapters/054.json", "chapters/055-rust.json"}},
		{"every step", []string{"Episodes/A/Index.HTML"}, "episodes/a/index.html",
			[]string{"episodes/a/index.html"}},
		{"already matching", []string{"embed/055-rust.html"}, "embed/055-rust.html",
			[]string{"embed/055-rust.html"}},
		{"both spellings: the exact one is kept as it is", []string{"embed/A.html", "embed/a.html"}, "embed/a.html",
			[]string{"embed/A.html", "embed/a.html"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			for _, name := range tt.disk {
				p := filepath.Join(out, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(name), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if err := matchCase(out, tt.match); err != nil {
				t.Fatal(err)
			}
			got := listFiles(t, out)
			if !slices.Equal(got, tt.want) {
				t.Errorf("files %q, want %q", got, tt.want)
			}
		})
	}
}

// A leftover of the last build is removed unless it is one of this build's
// outputs under another name, as a folder renamed only in case is on a file
// system that ignores case (a hard link stands in for one here).
func TestRemoveLeftoversKeepsOutputsUnderAnotherName(t *testing.T) {
	out := t.TempDir()
	write := func(name string) string {
		p := filepath.Join(out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(name), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	newPage := write("episodes/055-rust/index.html")
	if err := os.MkdirAll(filepath.Join(out, "episodes", "055-Rust"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(newPage, filepath.Join(out, "episodes", "055-Rust", "index.html")); err != nil {
		t.Skip("no hard links here:", err)
	}
	write("embed/055-Rust.html") // another case, another file: a real leftover
	write("episodes/054-gone/index.html")

	prev := []string{"episodes/055-Rust/index.html", "embed/055-Rust.html", "episodes/054-gone/index.html"}
	files := []output.File{{Name: "episodes/055-rust/index.html"}, {Name: "embed/055-rust.html"}}
	names, err := checkNames(files)
	if err != nil {
		t.Fatal(err)
	}
	removed, err := removeLeftovers(out, files, names, prev)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"embed/055-Rust.html", "episodes/054-gone/index.html"}; !slices.Equal(removed, want) {
		t.Errorf("removed %q, want %q", removed, want)
	}
	for name, want := range map[string]bool{
		"episodes/055-rust/index.html": true,
		"episodes/055-Rust/index.html": true, // the same file as the new page
		"embed/055-Rust.html":          false,
		"episodes/054-gone/index.html": false,
		"episodes/054-gone":            false, // left empty
	} {
		_, err := os.Stat(filepath.Join(out, filepath.FromSlash(name)))
		if got := err == nil; got != want {
			t.Errorf("%s exists: %v, want %v", name, got, want)
		}
	}
}

// listFiles returns the slash names of the files under dir, sorted.
func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		names = append(names, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(names)
	return names
}

// TestWriteRemovesStale publishes a feed with archive pages and a page,
// then one with fewer of both: Write removes the archive pages past the
// new last one and the files of Previous it was not given, and leaves
// every other file alone.
func TestWriteRemovesStale(t *testing.T) {
	dir := t.TempDir()
	first := []output.File{
		{Name: "feed-2.xml", Data: []byte("2")}, {Name: "atom-2.xml", Data: []byte("2")},
		{Name: "feed-1.xml", Data: []byte("1")}, {Name: "atom-1.xml", Data: []byte("1")},
		{Name: "episodes/a/index.html", Data: []byte("a")}, {Name: "episodes/b/index.html", Data: []byte("b")},
		{Name: "feed.xml", Data: []byte("0")}, {Name: "atom.xml", Data: []byte("0")},
	}
	if err := os.WriteFile(filepath.Join(dir, "robots.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	archives := []string{"feed.xml", "atom.xml", "feed.json"}
	if _, err := Write(dir, first, Options{Archives: archives}); err != nil {
		t.Fatal(err)
	}
	var prev []string
	for _, f := range first {
		prev = append(prev, f.Name)
	}
	second := []output.File{
		{Name: "feed-1.xml", Data: []byte("1")}, {Name: "atom-1.xml", Data: []byte("1")},
		{Name: "episodes/a/index.html", Data: []byte("a")},
		{Name: "feed.xml", Data: []byte("0")}, {Name: "atom.xml", Data: []byte("0")},
	}
	res, err := Write(dir, second, Options{Archives: archives, Previous: prev})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"feed-2.xml", "atom-2.xml", "episodes/b/index.html"}; !slices.Equal(res.Removed, want) {
		t.Errorf("Removed %q, want %q", res.Removed, want)
	}
	want := []string{"atom-1.xml", "atom.xml", "episodes/a/index.html", "feed-1.xml", "feed.xml", "robots.txt"}
	if got := listFiles(t, dir); !slices.Equal(got, want) {
		t.Errorf("files %q, want %q", got, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "episodes", "b")); err == nil {
		t.Error("episodes/b is left, empty")
	}
	// A Write without Archives or Previous removes nothing.
	res, err = Write(dir, second[2:3], Options{})
	if err != nil || len(res.Removed) != 0 {
		t.Errorf("Write without Previous: removed %q, %v", res.Removed, err)
	}
}
