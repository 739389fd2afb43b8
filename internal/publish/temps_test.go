package publish

import (
	"maps"
	"path/filepath"
	"slices"
	"testing"

	"github.com/podfeed/podfeed/internal/output"
)

func TestRemoveTemps(t *testing.T) {
	outputs := map[string]string{
		"feed.xml":                "keep",
		".feed.xml.tmp-123":       "stale",
		"chapters/a.json":         "keep",
		"chapters/.a.json.tmp-9":  "stale",
		"episodes/new/index.html": "half",
		".hidden":                 "keep",
		"notes.tmp-1":             "keep",
	}
	listing := func(names ...string) string {
		s := markHead + "\n"
		for _, n := range names {
			s += n + "\n"
		}
		return s + markEnd + "\n"
	}
	for _, tc := range []struct {
		name    string
		mark    string // "" for none
		removed []string
	}{
		{"no mark: no write was cut short", "", nil},
		{"cut short while writing", listing("episodes/new/index.html"),
			[]string{".feed.xml.tmp-123", "chapters/.a.json.tmp-9", "episodes/new/index.html"}},
		{"cut short while renaming", listing(),
			[]string{".feed.xml.tmp-123", "chapters/.a.json.tmp-9"}},
		// A mark cut short while it was written lists nothing for sure.
		{"list cut short", markHead + "\nepisodes/new/index.html\n",
			[]string{".feed.xml.tmp-123", "chapters/.a.json.tmp-9"}},
		{"names outside the folder are not taken", listing("../feed.xml", "/etc/passwd", "chapters/a.json"),
			[]string{".feed.xml.tmp-123", "chapters/.a.json.tmp-9", "chapters/a.json"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "public")
			files := maps.Clone(outputs)
			if tc.mark != "" {
				files[WritingFile] = tc.mark
			}
			put(t, dir, files)
			put(t, filepath.Dir(dir), map[string]string{"feed.xml": "outside"})
			if got := CutShort(dir); got != (tc.mark != "") {
				t.Errorf("CutShort before RemoveTemps = %v, want %v", got, tc.mark != "")
			}
			if err := RemoveTemps(dir); err != nil {
				t.Fatal(err)
			}
			if CutShort(dir) {
				t.Error("CutShort after RemoveTemps = true")
			}
			want := maps.Clone(outputs)
			for _, n := range tc.removed {
				delete(want, n)
			}
			got := tree(t, dir)
			if !maps.Equal(got, want) {
				t.Errorf("left %v, want %v", slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
			}
			if tree(t, filepath.Dir(dir))["feed.xml"] != "outside" {
				t.Error("a file outside the folder was removed")
			}
		})
	}
	if err := RemoveTemps(filepath.Join(t.TempDir(), "missing")); err != nil {
		t.Errorf("missing folder: %v", err)
	}
}

// TestWriteNewFilesInPlace: a file that did not exist is created under its
// own name, not renamed into place, and the mark lists it until the
// renames start; a file that replaces another goes through a temporary
// file; nothing of the mark is left once Write is done.
func TestWriteNewFilesInPlace(t *testing.T) {
	dir := t.TempDir()
	put(t, dir, map[string]string{"feed.xml": "old"})
	var marks []string
	_, err := Write(dir, []output.File{{Name: "chapters/a.json", Data: []byte("a")}, {Name: "feed.xml", Data: []byte("new")}}, Options{
		AfterWrite: func(name string) error {
			marks = append(marks, tree(t, dir)[WritingFile])
			names := slices.Sorted(maps.Keys(tree(t, dir)))
			switch name {
			case "chapters/a.json":
				if !slices.Contains(names, "chapters/a.json") {
					t.Errorf("after writing chapters/a.json: %v, want it in place", names)
				}
			case "feed.xml":
				if tree(t, dir)["feed.xml"] != "old" {
					t.Error("feed.xml replaced before the renames")
				}
			}
			return nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range marks {
		if got := markedFiles([]byte(m)); !slices.Equal(got, []string{"chapters/a.json"}) {
			t.Errorf("mark while writing lists %q, want chapters/a.json", got)
		}
	}
	want := map[string]string{"chapters/a.json": "a", "feed.xml": "new"}
	if got := tree(t, dir); !maps.Equal(got, want) {
		t.Errorf("after Write: %v, want %v", got, want)
	}
}
