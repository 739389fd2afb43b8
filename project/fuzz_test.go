package project

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
)

// FuzzShow runs the whole path from an episode file's bytes to the
// published outputs. The invariant: no panic, and either positioned errors
// (every one inside the file) or well-formed feeds that gofeed reads back
// with one item.
func FuzzShow(f *testing.F) {
	example, err := os.ReadFile(filepath.Join(exampleDir, "episodes", "055-rust-in-production.toml"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(example)
	f.Add([]byte(goodEpisode))
	f.Add([]byte(strings.Replace(goodEpisode, `summary = "Hello"`, `summary = "<b>]]></b> \u000b"`, 1)))
	f.Fuzz(func(t *testing.T, src []byte) {
		dir := t.TempDir()
		writeShow(t, dir)
		if err := os.WriteFile(filepath.Join(dir, "episodes", "ep.toml"), src, 0o644); err != nil {
			t.Fatal(err)
		}
		show, probs := Load(dir)
		lines := bytes.Count(src, []byte("\n")) + 1
		for _, p := range probs {
			if p.Pos.Line > lines {
				t.Errorf("problem past the end of the file (%d lines): %s", lines, p.Error())
			}
			_ = p.Error()
		}
		if probs.Err() != nil {
			return
		}
		out := filepath.Join(dir, "public")
		res, err := show.Build(context.Background(), BuildOptions{Now: day.AddDate(100, 0, 0), Output: out})
		if err != nil {
			t.Fatalf("a show that loaded without errors did not build: %v", err)
		}
		items := len(res.Plan.Live)
		for _, name := range []string{"feed.xml", "atom.xml"} {
			data, err := os.ReadFile(filepath.Join(out, name))
			if err != nil {
				t.Fatal(err)
			}
			if err := wellFormed(data); err != nil {
				t.Fatalf("%s is not well-formed: %v", name, err)
			}
			parsed, err := gofeed.NewParser().Parse(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("gofeed cannot read %s: %v", name, err)
			}
			if len(parsed.Items) != items {
				t.Errorf("gofeed reads %d items from %s, want %d", len(parsed.Items), name, items)
			}
		}
		data, err := os.ReadFile(filepath.Join(out, "feed.json"))
		if err != nil {
			t.Fatal(err)
		}
		if !json.Valid(data) {
			t.Errorf("feed.json is not valid JSON")
		}
	})
}
