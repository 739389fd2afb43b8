package media

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzProbe: Probe never panics; it returns either an error naming the
// file or a positive duration with the file's length and sorted chapters
// inside the duration.
func FuzzProbe(f *testing.F) {
	names, err := filepath.Glob(filepath.Join("testdata", "*"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range names {
		if st, err := os.Stat(name); err != nil || st.IsDir() {
			continue // testdata/fuzz holds the fuzzer's own corpus
		}
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		// Small inputs keep the fuzzer fast: whole files up to 32 KiB,
		// the head of larger ones.
		if len(b) > 32<<10 {
			b = b[:4<<10]
		}
		f.Add(b)
		if len(b) > 64 {
			f.Add(b[:len(b)/2])
		}
	}
	pcm := fmtChunk(1, 1, 8000, 16000, 2, 16)
	f.Add(wavFile("RIFF", pcm, chunk("data", 1600, make([]byte, 1600))))
	f.Add(wavFile("RF64", chunk("ds64", 24, make([]byte, 24)), pcm, chunk("data", 0xffffffff, make([]byte, 16))))
	f.Fuzz(func(t *testing.T, b []byte) {
		info, err := Probe(bytes.NewReader(b), int64(len(b)), "fuzz.bin")
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) || !strings.HasPrefix(err.Error(), "media: fuzz.bin: ") {
				t.Fatalf("error %q does not name the file", err)
			}
			if info.Duration != 0 || info.Type != "" || info.Length != 0 {
				t.Fatalf("an error came with a result: %+v", info)
			}
			return
		}
		if info.Duration <= 0 || info.Duration > maxDuration {
			t.Fatalf("duration %v without an error", info.Duration)
		}
		if info.Length != int64(len(b)) || info.Type == "" {
			t.Fatalf("length %d (want %d), type %q", info.Length, len(b), info.Type)
		}
		for i, c := range info.Chapters {
			if c.Start < 0 || c.Start >= info.Duration || i > 0 && c.Start < info.Chapters[i-1].Start {
				t.Fatalf("chapter %d out of order or range: %+v", i, info.Chapters)
			}
		}
	})
}

// FuzzLoadCache: a cache file of any content loads as a usable cache.
func FuzzLoadCache(f *testing.F) {
	f.Add([]byte(`{"version": 1, "files": {"a.mp3": {"size": 1, "mtime": 2, "info": {"length": 1, "type": "audio/mpeg", "duration": 5}}}}`))
	f.Add([]byte(`{"version": 1, "files": null}`))
	f.Add([]byte(`{`))
	f.Fuzz(func(t *testing.T, b []byte) {
		dir := t.TempDir()
		file := filepath.Join(dir, CacheFile)
		if err := os.WriteFile(file, b, 0o644); err != nil {
			t.Fatal(err)
		}
		c, _ := LoadCache(file)
		if c == nil {
			t.Fatal("nil cache")
		}
		if _, err := c.Probe(filepath.Join(dir, "a.mp3")); err == nil {
			t.Fatal("a missing file probed without error")
		}
		if err := c.Save(); err != nil {
			t.Fatal(err)
		}
	})
}
