package project

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStatTree: statTree makes the steps filepath.WalkDir makes, in its
// order, with the FileInfo of each entry that is not a link.
func TestStatTree(t *testing.T) {
	tests := []struct {
		name  string
		files []string // under the root; "dir/" makes a folder, "x -> y" a link
		root  string   // the walk's root under the test's folder; "" for it
	}{
		{name: "empty"},
		{name: "flat", files: []string{"b.toml", "a.toml", "c.md"}},
		{name: "nested, WalkDir's order", files: []string{"a/x.toml", "a-b.toml", "a0/y.toml", "a/z/w.toml", "b/"}},
		{name: "links", files: []string{"real/e.toml", "one.toml -> real/e.toml", "dir -> real", "broken -> nowhere"}},
		{name: "more than a batch", files: manyFiles(3*listBatch + 7)},
		{name: "a file", files: []string{"only.toml"}, root: "only.toml"},
		{name: "missing", root: "gone"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, f := range tt.files {
				path := filepath.Join(dir, filepath.FromSlash(f))
				if link, target, ok := strings.Cut(f, " -> "); ok {
					if err := os.Symlink(filepath.Join(dir, filepath.FromSlash(target)), filepath.Join(dir, link)); err != nil {
						t.Fatal(err)
					}
					continue
				}
				if strings.HasSuffix(f, "/") {
					if err := os.MkdirAll(path, 0o755); err != nil {
						t.Fatal(err)
					}
					continue
				}
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(f), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			root := filepath.Join(dir, tt.root)
			var want []string
			filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
				var fi fs.FileInfo
				if err == nil && d.Type()&fs.ModeSymlink == 0 {
					fi, _ = d.Info()
				}
				want = append(want, describeStep(path, d, err, fi))
				return nil
			})
			var got []string
			for _, st := range statTree(root) {
				got = append(got, describeStep(st.path, st.d, st.err, st.fi))
				// A folder's entries, as os.ReadDir lists them.
				if st.err != nil || st.d == nil || !st.d.IsDir() {
					if st.entries != nil {
						t.Errorf("%s: entries %v, want none", st.path, st.entries)
					}
					continue
				}
				want, _ := os.ReadDir(st.path)
				if len(st.entries) != len(want) || len(want) == 0 && st.entries != nil {
					t.Errorf("%s: %d entries, want %d", st.path, len(st.entries), len(want))
					continue
				}
				for i := range want {
					if st.entries[i].Name() != want[i].Name() || st.entries[i].Type() != want[i].Type() {
						t.Errorf("%s: entry %d is %s, want %s", st.path, i, st.entries[i].Name(), want[i].Name())
					}
				}
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("statTree:\n%s\nWalkDir:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// describeStep says what a step of a walk saw.
func describeStep(path string, d fs.DirEntry, err error, fi fs.FileInfo) string {
	s := path
	if d != nil {
		s += fmt.Sprintf(" %s %v", d.Name(), d.Type())
	}
	if err != nil {
		s += " error"
	}
	if fi != nil {
		s += fmt.Sprintf(" %s %d %v %d", fi.Name(), fi.Size(), fi.Mode(), fi.ModTime().UnixNano())
	}
	return s
}

// manyFiles names n episode files.
func manyFiles(n int) []string {
	files := make([]string, n)
	for i := range files {
		files[i] = fmt.Sprintf("%05d.toml", (i*7919)%n) // not in order of creation
	}
	return files
}
