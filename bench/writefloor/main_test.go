package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestCopyTree writes a small tree with nested folders, a hidden file and
// an empty one, and finds the same names and bytes in the copy.
func TestCopyTree(t *testing.T) {
	from := t.TempDir()
	files := map[string]string{
		"feed.xml":                 "<rss/>",
		".podfeed-build.json":      "{}\n",
		".podfeed.lock":            "",
		"episodes/a/index.html":    "<p>a</p>",
		"episodes/b/index.html":    "<p>b</p>",
		"chapters/a.json":          `{"chapters":[]}`,
		"page/2/deeper/index.html": "<p>2</p>",
	}
	for name, s := range files {
		p := filepath.Join(from, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	to := filepath.Join(t.TempDir(), "out")
	if err := copyTree(from, to, 2); err != nil {
		t.Fatal(err)
	}
	n := 0
	err := filepath.WalkDir(to, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(to, path)
		want, ok := files[filepath.ToSlash(rel)]
		got, rerr := os.ReadFile(path)
		if !ok || rerr != nil || !bytes.Equal(got, []byte(want)) {
			t.Errorf("%s: got %q (%v), want %q (in the source: %v)", rel, got, rerr, want, ok)
		}
		n++
		return nil
	})
	if err != nil || n != len(files) {
		t.Errorf("copied %d files (%v), want %d", n, err, len(files))
	}
	if err := copyTree(from, to, 2); err == nil {
		t.Error("copyTree into an existing folder succeeded, want an error")
	}
}
