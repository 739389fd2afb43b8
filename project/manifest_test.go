package project

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestUpToDate(t *testing.T) {
	const gen = "podfeed test"
	tests := []struct {
		name   string
		change func(t *testing.T, dir, out string) BuildOptions // returns the next build's options
		want   bool
	}{
		{"nothing changed", func(t *testing.T, dir, out string) BuildOptions {
			return BuildOptions{Now: day, Output: out, Generator: gen}
		}, true},
		{"a later clock with nothing scheduled", func(t *testing.T, dir, out string) BuildOptions {
			return BuildOptions{Now: day.AddDate(1, 0, 0), Output: out, Generator: gen}
		}, true},
		{"a clock before the newest episode", func(t *testing.T, dir, out string) BuildOptions {
			return BuildOptions{Now: time.Date(2025, 2, 5, 0, 0, 0, 0, time.UTC), Output: out, Generator: gen}
		}, false},
		{"an episode file touched", func(t *testing.T, dir, out string) BuildOptions {
			later := time.Now().Add(time.Hour)
			if err := os.Chtimes(filepath.Join(dir, "episodes", "055-rust-in-production.toml"), later, later); err != nil {
				t.Fatal(err)
			}
			return BuildOptions{Now: day, Output: out, Generator: gen}
		}, false},
		{"an episode file added", func(t *testing.T, dir, out string) BuildOptions {
			addEpisode(t, dir, "057-new", "2025-02-18T09:00:00Z", "ep-57")
			return BuildOptions{Now: day, Output: out, Generator: gen}
		}, false},
		{"the media file replaced", func(t *testing.T, dir, out string) BuildOptions {
			later := time.Now().Add(time.Hour)
			if err := os.Chtimes(filepath.Join(dir, "audio", "056-sound-check.mp3"), later, later); err != nil {
				t.Fatal(err)
			}
			return BuildOptions{Now: day, Output: out, Generator: gen}
		}, false},
		{"a template added", func(t *testing.T, dir, out string) BuildOptions {
			if err := os.MkdirAll(filepath.Join(dir, "templates"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "templates", "index.html"), []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
			return BuildOptions{Now: day, Output: out, Generator: gen}
		}, false},
		{"an output deleted", func(t *testing.T, dir, out string) BuildOptions {
			if err := os.Remove(filepath.Join(out, "atom.xml")); err != nil {
				t.Fatal(err)
			}
			return BuildOptions{Now: day, Output: out, Generator: gen}
		}, false},
		{"another generator", func(t *testing.T, dir, out string) BuildOptions {
			return BuildOptions{Now: day, Output: out, Generator: "podfeed v9"}
		}, false},
		{"the manifest deleted", func(t *testing.T, dir, out string) BuildOptions {
			if err := os.Remove(filepath.Join(out, ManifestFile)); err != nil {
				t.Fatal(err)
			}
			return BuildOptions{Now: day, Output: out, Generator: gen}
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyExample(t)
			out := filepath.Join(t.TempDir(), "public")
			if _, err := load(t, dir).Build(context.Background(), BuildOptions{Now: day, Output: out, Generator: gen}); err != nil {
				t.Fatal(err)
			}
			opts := tt.change(t, dir, out)
			gotOut, got := UpToDate(dir, opts)
			if got != tt.want {
				t.Errorf("UpToDate = %v, want %v", got, tt.want)
			}
			if gotOut != out {
				t.Errorf("output folder %q, want %q", gotOut, out)
			}
		})
	}
}

func TestUpToDateUntilTheNextEpisode(t *testing.T) {
	dir := copyExample(t)
	addEpisode(t, dir, "057-later", "2025-06-01T09:00:00Z", "ep-57")
	out := filepath.Join(t.TempDir(), "public")
	if _, err := load(t, dir).Build(context.Background(), BuildOptions{Now: day, Output: out}); err != nil {
		t.Fatal(err)
	}
	if _, ok := UpToDate(dir, BuildOptions{Now: time.Date(2025, 6, 1, 8, 59, 59, 0, time.UTC), Output: out}); !ok {
		t.Errorf("not up to date a second before the scheduled episode")
	}
	if _, ok := UpToDate(dir, BuildOptions{Now: time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC), Output: out}); ok {
		t.Errorf("up to date when the scheduled episode is due")
	}
}
