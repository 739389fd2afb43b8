package main

import (
	"bytes"
	"context"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/project"
)

var benchEpisodes = flag.Int("episodes", 1000, "episodes in the show BenchmarkBuild builds")

// TestShowLoads checks that a generated show of three episodes decodes and
// validates without a problem.
func TestShowLoads(t *testing.T) {
	dir := t.TempDir()
	if err := write(dir, 3, 1); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(dir, "podcast.toml"))
	if err != nil {
		t.Fatal(err)
	}
	show, probs := config.Parse("podcast.toml", src)
	if show == nil || len(probs) > 0 {
		t.Fatalf("podcast.toml: %d problems:\n%s", len(probs), probs.Format())
	}
	eps, probs := episodes.LoadDir(os.DirFS(dir), "episodes")
	if len(probs) > 0 {
		t.Fatalf("episodes: %d problems:\n%s", len(probs), probs.Format())
	}
	if len(eps) != 3 {
		t.Fatalf("loaded %d episodes, want 3", len(eps))
	}
	for _, ep := range eps {
		if len(ep.Chapters) != 12 || len(ep.Links) != 10 || len(ep.Takeaways) != 16 || len(ep.People) != 2 {
			t.Errorf("%s: %d chapters, %d links, %d takeaways, %d people; want 12, 10, 16, 2",
				ep.File, len(ep.Chapters), len(ep.Links), len(ep.Takeaways), len(ep.People))
		}
		if n := len(ep.Summary); n < 550 || n > 750 {
			t.Errorf("%s: summary of %d characters, want about 600", ep.File, n)
		}
	}
	// Every file carries the same old time, whatever the clock.
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err == nil && !fi.ModTime().Equal(fileTime) {
			t.Errorf("%s: modified %v, want %v", path, fi.ModTime(), fileTime)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestEpisodesDistinct checks that titles, guids, names and dates differ
// between episodes and that the output depends only on the arguments.
func TestEpisodesDistinct(t *testing.T) {
	const n = 500
	seen := map[string]int{}
	var prev time.Time
	for i := range n {
		name, src := Episode(i, n, 1)
		if name2, src2 := Episode(i, n, 1); name2 != name || !bytes.Equal(src, src2) {
			t.Fatalf("episode %d differs between two calls", i)
		}
		ep, probs := episodes.Parse(name, src)
		if ep == nil || len(probs) > 0 {
			t.Fatalf("%s: %d problems:\n%s", name, len(probs), probs.Format())
		}
		for _, key := range []string{"name " + name, "title " + ep.Title, "guid " + ep.GUID} {
			if j, dup := seen[key]; dup {
				t.Errorf("episodes %d and %d share the %s", j, i, key)
			}
			seen[key] = i
		}
		if ep.Number != i+1 {
			t.Errorf("%s: number %d, want %d", name, ep.Number, i+1)
		}
		if !ep.Published.After(prev) {
			t.Errorf("%s: published %s, not after the previous episode's %s", name, ep.Published, prev)
		}
		prev = ep.Published
	}
	if last := prev; last.Year() > 2025 {
		t.Errorf("last episode published in %d, want all by 2025", last.Year())
	}
}

// BenchmarkBuild loads and builds a generated show in process, for
// profiling:
//
//	go test ./bench/gen -run '^$' -bench Build -benchtime 3x -cpuprofile cpu.out
func BenchmarkBuild(b *testing.B) {
	dir := b.TempDir()
	if err := write(dir, *benchEpisodes, 1); err != nil {
		b.Fatal(err)
	}
	// Each build gets a new output folder: deleting the last one would
	// slow down creating files in the next (ext4 skips recently freed
	// inodes).
	outs := b.TempDir()
	now := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	i := 0
	for b.Loop() {
		i++
		out := filepath.Join(outs, strconv.Itoa(i))
		show, probs := project.Load(dir)
		if err := probs.Err(); err != nil {
			b.Fatal(err)
		}
		if _, err := show.Build(context.Background(), project.BuildOptions{Now: now, Output: out}); err != nil {
			b.Fatal(err)
		}
	}
}
