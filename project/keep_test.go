package project

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/output"
)

// TestKeepable: a file the last build wrote is kept when this build keys
// it alike and it is still as written, wherever the two builds list it
// (in the same order, shifted by a file added or removed, or in another
// order), and recorded again in the order of this build's keys.
func TestKeepable(t *testing.T) {
	out := t.TempDir()
	names := []string{"chapters/a.json", "embed/a.html", "chapters/b.json", "embed/b.html", "chapters/c.json", "embed/c.html", "page/2/index.html"}
	written := make(map[string]stamp)
	for i, name := range names {
		path := filepath.Join(out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(strings.Repeat("x", i+1)), 0o644); err != nil {
			t.Fatal(err)
		}
		st, err := stampOf(out, name)
		if err != nil {
			t.Fatal(err)
		}
		written[name] = st
	}
	// The key of each file: its name, with "!" when this build's differs.
	keyOfName := func(name string) string { return strings.TrimSuffix(name, "!") }
	old := func(names ...string) []keptOutput {
		var o []keptOutput
		for _, n := range names {
			o = append(o, keptOutput{Key: keyOfName(n), File: written[keyOfName(n)]})
		}
		return o
	}
	tests := []struct {
		name string
		old  []keptOutput
		next []string // this build's files, in its order; "!": keyed otherwise
		kept []string
	}{
		{"same order", old(names...), names, names},
		{"first added", old(names[2:]...), names, names[2:]},
		{"middle removed", old(names...), slices.Concat(names[:2], names[4:]), slices.Concat(names[:2], names[4:])},
		{"reversed", old(names...), reversed(names), names},
		{"key changed", old(names...), []string{"chapters/a.json", "embed/a.html!", "chapters/b.json"}, []string{"chapters/a.json", "chapters/b.json"}},
		{"not in the last build", old("chapters/a.json"), names, []string{"chapters/a.json"}},
		{"recorded twice", old("embed/b.html", "embed/b.html", "chapters/c.json"), names, []string{"embed/b.html", "chapters/c.json"}},
		{"nothing recorded", nil, names, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			keys := &keyedFiles{at: map[string]int32{}}
			k := &liveKeys{sorted: make([]*episodes.Episode, 3)}
			for _, n := range tt.next {
				name := keyOfName(n)
				ep, kind := int32(0), embedFile
				switch {
				case strings.HasSuffix(name, "b.json") || strings.HasSuffix(name, "b.html"):
					ep = 1
				case strings.HasSuffix(name, "c.json") || strings.HasSuffix(name, "c.html"):
					ep = 2
				}
				switch {
				case strings.HasPrefix(name, "chapters/"):
					kind = chaptersFile
				case strings.HasPrefix(name, "page/"):
					ep, kind = 0, 0 // a page of the episode list
				}
				key := name
				if strings.HasSuffix(n, "!") {
					key += " changed"
				}
				keys.add(fileKey{name: name, key: key, ep: ep, kind: kind})
			}
			c := &incrementalCache{old: &incremental{buildEarly: buildEarly{Outputs: tt.old}}, next: &incremental{}}
			c.keepable(out, keys, k)
			var kept []string
			var held [3]fileKind
			for _, fk := range keys.list {
				if fk.kept != nil {
					if *fk.kept != written[fk.name] {
						t.Errorf("%s kept as %v, want %v", fk.name, *fk.kept, written[fk.name])
					}
					kept = append(kept, fk.name)
					if !strings.HasPrefix(fk.name, "page/") {
						held[fk.ep] |= fk.kind
					}
				}
			}
			slices.Sort(kept)
			want := slices.Sorted(slices.Values(tt.kept))
			if !slices.Equal(kept, want) {
				t.Errorf("kept %q, want %q", kept, want)
			}
			if len(tt.old) > 0 && !slices.Equal(k.held, held[:]) {
				t.Errorf("held %v, want %v", k.held, held)
			}

			// Recorded again in the order of keys, whatever the files' order.
			files := make([]output.File, 0, len(keys.list)+1)
			keyOf := make([]int32, 0, cap(files))
			stamps := make([]stamp, 0, cap(files))
			files = append(files, output.File{Name: "index.html"})
			keyOf = append(keyOf, -1)
			stamps = append(stamps, stamp{Name: "index.html"})
			for j := len(keys.list) - 1; j >= 0; j-- {
				name := keys.list[j].name
				files = append(files, output.File{Name: name})
				keyOf = append(keyOf, int32(j))
				stamps = append(stamps, stamp{Name: name, Size: int64(j), ModTime: time.Unix(int64(j), 0)})
			}
			if err := c.recordOutputs(files, keys, keyOf, stamps); err != nil {
				t.Fatal(err)
			}
			if len(c.next.Outputs) != len(keys.list) {
				t.Fatalf("recorded %d outputs, want %d", len(c.next.Outputs), len(keys.list))
			}
			for j, o := range c.next.Outputs {
				if o.File.Name != keys.list[j].name || o.Key != keys.list[j].key || o.File.Size != int64(j) {
					t.Errorf("output %d recorded as %+v, want %s keyed %s", j, o, keys.list[j].name, keys.list[j].key)
				}
			}
		})
	}
}

// TestKeepableFileChanged: a file that is no longer as the last build
// wrote it, or gone, is not kept.
func TestKeepableFileChanged(t *testing.T) {
	out := t.TempDir()
	var old []keptOutput
	keys := &keyedFiles{at: map[string]int32{}}
	for _, name := range []string{"a.html", "b.html", "c.html"} {
		if err := os.WriteFile(filepath.Join(out, name), []byte(name), 0o644); err != nil {
			t.Fatal(err)
		}
		st, err := stampOf(out, name)
		if err != nil {
			t.Fatal(err)
		}
		old = append(old, keptOutput{Key: "k", File: st})
		keys.add(fileKey{name: name, key: "k", kind: pageFile})
	}
	if err := os.WriteFile(filepath.Join(out, "b.html"), []byte("bb.html"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(out, "c.html")); err != nil {
		t.Fatal(err)
	}
	c := &incrementalCache{old: &incremental{buildEarly: buildEarly{Outputs: old}}}
	c.keepable(out, keys, &liveKeys{sorted: make([]*episodes.Episode, 1)})
	for _, fk := range keys.list {
		if want := fk.name == "a.html"; (fk.kept != nil) != want {
			t.Errorf("%s kept: %v, want %v", fk.name, fk.kept != nil, want)
		}
	}
}

func reversed(s []string) []string {
	r := slices.Clone(s)
	slices.Reverse(r)
	return r
}
