package publish

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/podfeed/podfeed/internal/output"
)

func TestWriteCopiesSource(t *testing.T) {
	src := filepath.Join(t.TempDir(), "episode.mp3")
	if err := os.WriteFile(src, []byte("ID3 audio bytes"), 0o600); err != nil {
		t.Fatal(err)
	}
	then := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	if err := os.Chtimes(src, then, then); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	files := []output.File{{Name: "media/episode.mp3", Source: src}, {Name: "feed.xml", Data: []byte("<rss/>")}}

	res, err := Write(out, files, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Changed) != 2 {
		t.Errorf("first write changed %v, want both", res.Changed)
	}
	got, err := os.ReadFile(filepath.Join(out, "media", "episode.mp3"))
	if err != nil || string(got) != "ID3 audio bytes" {
		t.Fatalf("copy holds %q (%v)", got, err)
	}
	fi, err := os.Stat(filepath.Join(out, "media", "episode.mp3"))
	if err != nil {
		t.Fatal(err)
	}
	if !fi.ModTime().Equal(then) || fi.Mode().Perm() != fileMode {
		t.Errorf("copy has time %v mode %v, want %v %v", fi.ModTime(), fi.Mode().Perm(), then, fileMode)
	}

	res, err = Write(out, files, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Changed) != 0 {
		t.Errorf("second write changed %v, want nothing", res.Changed)
	}

	// A copy whose time changed but whose bytes did not stays as it is.
	later := then.Add(time.Hour)
	if err := os.Chtimes(filepath.Join(out, "media", "episode.mp3"), later, later); err != nil {
		t.Fatal(err)
	}
	if res, err = Write(out, files, Options{}); err != nil {
		t.Fatal(err)
	}
	if len(res.Changed) != 0 {
		t.Errorf("a touched but equal copy was rewritten: %v", res.Changed)
	}

	// A new source (same size, new time) is copied again.
	if err := os.WriteFile(src, []byte("ID3 other bytes"), 0o600); err != nil {
		t.Fatal(err)
	}
	res, err = Write(out, files, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Changed) != 1 || res.Changed[0] != "media/episode.mp3" {
		t.Errorf("after editing the source, changed %v", res.Changed)
	}

	if _, err := Write(out, []output.File{{Name: "x.mp3", Source: filepath.Join(t.TempDir(), "missing.mp3")}}, Options{}); err == nil {
		t.Errorf("a missing source gave no error")
	}
}
