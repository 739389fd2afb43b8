package publish

import (
	"path/filepath"
	"testing"
)

func TestRemoveTemps(t *testing.T) {
	dir := t.TempDir()
	put(t, dir, map[string]string{
		"feed.xml":               "keep",
		".feed.xml.tmp-123":      "stale",
		"chapters/a.json":        "keep",
		"chapters/.a.json.tmp-9": "stale",
		".hidden":                "keep",
		"notes.tmp-1":            "keep",
	})
	if err := RemoveTemps(dir); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"feed.xml": "keep", "chapters/a.json": "keep", ".hidden": "keep", "notes.tmp-1": "keep"}
	got := tree(t, dir)
	if len(got) != len(want) {
		t.Errorf("left %v, want %v", got, want)
	}
	for name := range want {
		if _, ok := got[name]; !ok {
			t.Errorf("%s was removed", name)
		}
	}
	if err := RemoveTemps(filepath.Join(dir, "missing")); err != nil {
		t.Errorf("missing folder: %v", err)
	}
}
