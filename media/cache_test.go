package media

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// showWith makes a show folder holding the named test files under audio/,
// dated an hour back (the cache remembers only settled files), and returns
// the folder and the files' paths.
func showWith(t testing.TB, names ...string) (string, []string) {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "audio"), 0o755); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	var paths []string
	for i, name := range names {
		p := filepath.Join(dir, "audio", strings.Repeat("x", i%3)+name)
		if err := os.WriteFile(p, readTestdata(t, name), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return dir, paths
}

func loadCache(t *testing.T, file string) *Cache {
	t.Helper()
	c, err := LoadCache(file)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// overwriteKeepingStat replaces the file's bytes with garbage of the same
// size and gives it back its modification time.
func overwriteKeepingStat(t *testing.T, path string) {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	garbage := []byte(strings.Repeat("not audio ", int(st.Size())/10+1)[:st.Size()])
	if err := os.WriteFile(path, garbage, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, st.ModTime(), st.ModTime()); err != nil {
		t.Fatal(err)
	}
}

func TestCache(t *testing.T) {
	dir, paths := showWith(t, "chapters.mp3")
	path := paths[0]
	cacheFile := filepath.Join(dir, CacheFile)
	want, err := ProbeFile(path)
	if err != nil {
		t.Fatal(err)
	}

	c := loadCache(t, cacheFile)
	got, err := c.Probe(path)
	if err != nil || got.Duration != want.Duration || !chaptersEqual(got.Chapters, want.Chapters) {
		t.Fatalf("first probe: %+v, %v; want %+v", got, err, want)
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	saved, err := os.ReadFile(cacheFile)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(saved), `"audio/chapters.mp3"`) {
		t.Errorf("cache keys are not relative to the show folder:\n%s", saved)
	}

	// Same size and time, different bytes: the cache answers without reading.
	overwriteKeepingStat(t, path)
	got, err = c.Probe(path)
	if err != nil || got.Duration != want.Duration {
		t.Errorf("cached probe read the file: %+v, %v", got, err)
	}
	// The chapters handed out are copies.
	got.Chapters[0].Title = "changed"
	c2 := loadCache(t, cacheFile)
	got, err = c2.Probe(path)
	if err != nil || got.Duration != want.Duration || !chaptersEqual(got.Chapters, want.Chapters) {
		t.Errorf("probe through the saved cache: %+v, %v; want %+v", got, err, want)
	}

	// Nothing changed: Save does not write.
	if err := os.Remove(cacheFile); err != nil {
		t.Fatal(err)
	}
	if err := c2.Save(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(cacheFile); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Save wrote an unchanged cache (%v)", err)
	}

	// A new modification time: the file is probed again.
	later := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	if err := os.Chtimes(path, later, later); err != nil {
		t.Fatal(err)
	}
	if _, err := c2.Probe(path); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("changed file: err = %v, want ErrUnknownFormat", err)
	}
	if err := c2.Save(); err != nil {
		t.Fatal(err)
	}
	saved, err = os.ReadFile(cacheFile)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(saved), "chapters.mp3") {
		t.Errorf("the stale entry was kept:\n%s", saved)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, ".*.tmp-*")); len(m) > 0 {
		t.Errorf("temporary files left behind: %v", m)
	}
}

// A file modified just before its probe could be rewritten at the same
// size and time: its result is not remembered, and the next probe reads it.
func TestCacheSkipsUnsettledFiles(t *testing.T) {
	dir, paths := showWith(t, "cbr.mp3")
	path := paths[0]
	now := time.Now()
	if err := os.Chtimes(path, now, now); err != nil {
		t.Fatal(err)
	}
	c := loadCache(t, filepath.Join(dir, CacheFile))
	if _, err := c.Probe(path); err != nil {
		t.Fatal(err)
	}
	overwriteKeepingStat(t, path)
	if _, err := c.Probe(path); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("probe of the rewritten file: err = %v, want ErrUnknownFormat", err)
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, CacheFile)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Save wrote a cache with nothing settled in it (%v)", err)
	}
}

func TestCachePrunesUnusedEntries(t *testing.T) {
	dir, paths := showWith(t, "cbr.mp3", "wav.wav", "vorbis.ogg")
	cacheFile := filepath.Join(dir, CacheFile)
	c := loadCache(t, cacheFile)
	if _, errs := ProbeAll(paths, c, 2, nil); errors.Join(errs...) != nil {
		t.Fatal(errors.Join(errs...))
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	// Next run: one file deleted, one not probed but still there.
	if err := os.Remove(paths[1]); err != nil {
		t.Fatal(err)
	}
	c = loadCache(t, cacheFile)
	if _, err := c.Probe(paths[0]); err != nil {
		t.Fatal(err)
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	saved, err := os.ReadFile(cacheFile)
	if err != nil {
		t.Fatal(err)
	}
	for i, keep := range []bool{true, false, true} {
		key := filepath.ToSlash(strings.TrimPrefix(paths[i], dir+string(filepath.Separator)))
		if strings.Contains(string(saved), `"`+key+`"`) != keep {
			t.Errorf("entry %s kept = %v, want %v:\n%s", key, !keep, keep, saved)
		}
	}
}

func TestLoadCacheBadFiles(t *testing.T) {
	dir, paths := showWith(t, "cbr.mp3")
	cacheFile := filepath.Join(dir, CacheFile)
	tests := []struct {
		name, content, err string
	}{
		{"corrupt", "{not json", "probe cache " + cacheFile + ": invalid character 'n' looking for beginning of object key string (starting afresh)"},
		{"other version", `{"version": 999, "files": {"audio/cbr.mp3": {"size": 1, "mtime": 1, "info": {"type": "audio/mpeg", "duration": 1}}}}`, ""},
		{"wrong shape", `{"version": 1, "files": []}`, "probe cache " + cacheFile + ": json: cannot unmarshal array into Go struct field cacheDoc.files of type map[string]media.cacheEntry (starting afresh)"},
		{"entry without duration", `{"version": 1, "files": {"audio/cbr.mp3": {"size": 1, "mtime": 1, "info": {"type": "audio/mpeg"}}}}`, ""},
	}
	for _, tt := range tests {
		if err := os.WriteFile(cacheFile, []byte(tt.content), 0o644); err != nil {
			t.Fatal(err)
		}
		c, err := LoadCache(cacheFile)
		if tt.err == "" && err != nil || tt.err != "" && (err == nil || err.Error() != tt.err) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.err)
		}
		if c == nil {
			t.Fatalf("%s: nil cache", tt.name)
		}
		info, err := c.Probe(paths[0])
		if err != nil || info.Duration != 5355102040 {
			t.Errorf("%s: probe through the fresh cache: %v, %v", tt.name, info.Duration, err)
		}
		if err := c.Save(); err != nil {
			t.Errorf("%s: Save: %v", tt.name, err)
		}
		if _, err := LoadCache(cacheFile); err != nil {
			t.Errorf("%s: the saved cache does not load: %v", tt.name, err)
		}
	}
}

func TestProbeAll(t *testing.T) {
	dir, paths := showWith(t, "cbr.mp3", "text.mp3", "flac.flac", "opus.opus", "empty.mp3", "aac.m4a")
	paths = append(paths, filepath.Join(dir, "audio", "missing.mp3"))
	wantErr := []bool{false, true, false, false, true, false, true}
	wantType := []string{TypeMP3, "", TypeFLAC, TypeOgg, "", TypeM4A, ""}
	for _, cache := range []*Cache{nil, loadCache(t, filepath.Join(dir, CacheFile))} {
		for _, workers := range []int{0, 1, 3, 100} {
			var calls []int
			infos, errs := ProbeAll(paths, cache, workers, func(done int) { calls = append(calls, done) })
			if len(calls) != len(paths) || calls[len(calls)-1] != len(paths) {
				t.Errorf("progress called with %v for %d paths", calls, len(paths))
			}
			if len(infos) != len(paths) || len(errs) != len(paths) {
				t.Fatalf("got %d infos and %d errors for %d paths", len(infos), len(errs), len(paths))
			}
			for i := range paths {
				if (errs[i] != nil) != wantErr[i] || infos[i].Type != wantType[i] {
					t.Errorf("cache %v, %d workers: %s: %q, %v", cache != nil, workers, filepath.Base(paths[i]), infos[i].Type, errs[i])
				}
				if errs[i] != nil && !strings.Contains(errs[i].Error(), paths[i]) {
					t.Errorf("error %q does not name %s", errs[i], paths[i])
				}
			}
		}
	}
	if infos, errs := ProbeAll(nil, nil, 4, nil); len(infos) != 0 || len(errs) != 0 {
		t.Errorf("no paths: %v, %v", infos, errs)
	}
}
