package project

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkMediaShow500 builds a show of 500 episodes that each name only
// a local MP3 without a Xing header (the costliest to probe: every frame is
// counted), then builds it again: once with the build manifest deleted, so
// everything is rendered again but the probes come from the cache, and once
// as cron would, where the manifest says nothing changed. It reports both
// as ratios to the first build.
func BenchmarkMediaShow500(b *testing.B) {
	mp3, err := os.ReadFile(filepath.Join("..", "media", "testdata", "vbr-noheader.mp3"))
	if err != nil {
		b.Fatal(err)
	}
	var first, cached, unchanged time.Duration
	for b.Loop() {
		dir := b.TempDir()
		writeShow(b, dir)
		if err := os.Mkdir(filepath.Join(dir, "audio"), 0o755); err != nil {
			b.Fatal(err)
		}
		for i := range 500 {
			name := fmt.Sprintf("%03d", i)
			if err := os.WriteFile(filepath.Join(dir, "audio", name+".mp3"), mp3, 0o644); err != nil {
				b.Fatal(err)
			}
			src := fmt.Sprintf("title = \"Episode %s\"\npublished = 2025-01-01T09:00:00Z\nguid = \"ep-%s\"\n[audio]\nfile = \"audio/%s.mp3\"\n", name, name, name)
			if err := os.WriteFile(filepath.Join(dir, "episodes", name+".toml"), []byte(src), 0o644); err != nil {
				b.Fatal(err)
			}
		}
		ageFiles(b, dir)
		opts := BuildOptions{Now: day, Output: filepath.Join(dir, "public")}
		build := func() time.Duration {
			start := time.Now()
			if _, ok, _ := UpToDate(dir, opts); ok {
				return time.Since(start)
			}
			show, probs := Load(dir)
			if err := probs.Err(); err != nil {
				b.Fatal(err)
			}
			if _, err := show.Build(context.Background(), opts); err != nil {
				b.Fatal(err)
			}
			return time.Since(start)
		}
		first += build()
		if err := os.Remove(filepath.Join(opts.Output, ManifestFile)); err != nil {
			b.Fatal(err)
		}
		cached += build()
		unchanged += build()
	}
	b.ReportMetric(float64(cached)/float64(first), "cached/first")
	b.ReportMetric(float64(unchanged)/float64(first), "unchanged/first")
}

// BenchmarkIncremental builds a show of 1,000 episodes into an empty
// folder, then again after one episode's title changed, and reports the
// second as a ratio to the first (bench/run.sh measures the same for
// whole processes, at 10,000 episodes).
func BenchmarkIncremental(b *testing.B) {
	dir := seqShow(b, 1000)
	path := filepath.Join(dir, "episodes", "500-part-500.toml")
	out := filepath.Join(b.TempDir(), "public")
	// Each build as podfeed build runs it: UpToDate first, and what it
	// saw of the inputs handed on.
	build := func() time.Duration {
		start := time.Now()
		_, _, seen := UpToDate(dir, BuildOptions{Now: day, Output: out})
		show, probs := LoadWith(dir, LoadOptions{Output: out, Inputs: seen})
		if err := probs.Err(); err != nil {
			b.Fatal(err)
		}
		if _, err := show.Build(context.Background(), BuildOptions{Now: day, Output: out}); err != nil {
			b.Fatal(err)
		}
		return time.Since(start)
	}
	var full, edit time.Duration
	titles := []string{`title = "Episode 500:`, `title = "Episode five hundred:`}
	k := 0
	for b.Loop() {
		if err := os.RemoveAll(out); err != nil {
			b.Fatal(err)
		}
		full += build()
		k++
		editFile(b, path, titles[(k+1)%2], titles[k%2])
		age(b, path, k)
		edit += build()
	}
	b.ReportMetric(float64(edit)/float64(full), "edit/full")
}

// BenchmarkFolderStamps states 3,000 files laid out as a build's outputs
// are, by their names below the open output folder (as keepable and
// UpToDate do), and reports the time as a ratio to stating them by their
// whole paths, measured in the same loop.
func BenchmarkFolderStamps(b *testing.B) {
	out := filepath.Join(b.TempDir(), "show", "public")
	var names []string
	for i := range 1000 {
		slug := fmt.Sprintf("%04d-episode", i)
		names = append(names, "chapters/"+slug+".json", "embed/"+slug+".html", "episodes/"+slug+"/index.html")
	}
	for _, n := range names {
		p := filepath.Join(out, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(n), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	var byPath, byFolder time.Duration
	for b.Loop() {
		start := time.Now()
		for _, n := range names {
			if _, err := stampOf(out, n); err != nil {
				b.Fatal(err)
			}
		}
		byPath += time.Since(start)
		start = time.Now()
		dir := openFolder(out)
		for _, n := range names {
			if _, err := dir.stamp(n); err != nil {
				b.Fatal(err)
			}
		}
		dir.close()
		byFolder += time.Since(start)
	}
	b.ReportMetric(float64(byFolder)/float64(byPath), "folder/path")
}
