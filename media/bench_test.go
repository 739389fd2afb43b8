package media

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkProbeXingMP3 probes a 60-minute MP3 with an Info header from a
// file on disk, and reports how many bytes each probe reads.
func BenchmarkProbeXingMP3(b *testing.B) {
	data, want := longMP3(b, 60*time.Minute)
	path := filepath.Join(b.TempDir(), "long.mp3")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		b.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	r := &countingReaderAt{r: f}
	n := 0
	for b.Loop() {
		info, err := Probe(r, int64(len(data)), path)
		if err != nil || info.Duration != want {
			b.Fatalf("%v, %v; want %v", info.Duration, err, want)
		}
		n++
	}
	b.ReportMetric(float64(r.bytes.Load())/float64(n), "bytes-read/op")
}

// BenchmarkProbeNoHeaderMP3 probes a 60-minute MP3 without a Xing/Info
// header from a file on disk: every frame is counted.
func BenchmarkProbeNoHeaderMP3(b *testing.B) {
	data, want := longMP3(b, 60*time.Minute)
	tagEnd := 45 // cbr.mp3's ID3 tag, then the Info frame
	h, ok := parseMPEGHeader(data[tagEnd:])
	if !ok || string(data[tagEnd+13:tagEnd+17]) != "Info" {
		b.Fatal("long MP3: no Info frame after a 45-byte tag")
	}
	data = append(data[:tagEnd:tagEnd], data[tagEnd+h.frameLen:]...)
	path := filepath.Join(b.TempDir(), "long.mp3")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		info, err := ProbeFile(path)
		if err != nil || info.Duration != want {
			b.Fatalf("%v, %v; want %v", info.Duration, err, want)
		}
	}
}

// BenchmarkProbeAll500 builds a show folder of 500 copies of a small MP3
// and times a build's probing without a cache file (cold: every file is
// read, the cache written) against the next build's (warm: the cache is
// loaded, every file only stat'ed). It reports both and their ratio. The
// files are in the page cache either way, so "cold" is a lower bound of
// what a first build costs on a real disk.
func BenchmarkProbeAll500(b *testing.B) {
	for _, name := range []string{"cbr.mp3", "vbr-noheader.mp3"} {
		b.Run(name, func(b *testing.B) {
			dir := b.TempDir()
			src := readTestdata(b, name)
			paths := make([]string, 500)
			for i := range paths {
				paths[i] = filepath.Join(dir, fmt.Sprintf("%03d-%s", i, name))
				if err := os.WriteFile(paths[i], src, 0o644); err != nil {
					b.Fatal(err)
				}
			}
			cacheFile := filepath.Join(dir, CacheFile)
			build := func() time.Duration {
				start := time.Now()
				c, err := LoadCache(cacheFile)
				if err != nil {
					b.Fatal(err)
				}
				_, errs := ProbeAll(paths, c, 0, nil)
				for _, err := range errs {
					if err != nil {
						b.Fatal(err)
					}
				}
				if err := c.Save(); err != nil {
					b.Fatal(err)
				}
				return time.Since(start)
			}
			var cold, warm time.Duration
			n := 0
			for b.Loop() {
				if err := os.Remove(cacheFile); err != nil && !os.IsNotExist(err) {
					b.Fatal(err)
				}
				cold += build()
				warm += build()
				n++
			}
			b.ReportMetric(float64(cold.Microseconds())/float64(n)/1000, "cold-ms/op")
			b.ReportMetric(float64(warm.Microseconds())/float64(n)/1000, "warm-ms/op")
			b.ReportMetric(float64(warm)/float64(cold), "warm/cold")
		})
	}
}
