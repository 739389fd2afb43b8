package config

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse checks that no input makes Parse panic, that every problem
// points inside the file (or has no line), that a nil show comes with an
// error, and that the problems always format.
func FuzzParse(f *testing.F) {
	seeds, err := filepath.Glob(filepath.Join("testdata", "*", "*.toml"))
	if err != nil {
		f.Fatal(err)
	}
	seeds = append(seeds, filepath.Join("..", "examples", "coding-chats", FileName))
	for _, file := range seeds {
		src, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Add([]byte(validTop + validOwner + "locked = true\nmedium = \"musicL\"\n[[links]]\n[[funding]]\n[build]\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		show, probs := Parse("podcast.toml", src)
		if show == nil && probs.Err() == nil {
			t.Fatalf("nil show without an error")
		}
		lines := bytes.Count(src, []byte("\n")) + 1
		for _, p := range probs {
			if p.Pos.Line < 0 || p.Pos.Line > lines {
				t.Errorf("problem at line %d of a %d-line file: %s", p.Pos.Line, lines, p.Error())
			}
			if p.Pos.File != "podcast.toml" {
				t.Errorf("problem names file %q: %s", p.Pos.File, p.Error())
			}
			if p.Msg == "" {
				t.Errorf("problem without a message at %v", p.Pos)
			}
		}
		probs.Sort()
		_ = probs.Format()
		if err := probs.Err(); err != nil {
			_ = err.Error()
		}
	})
}
