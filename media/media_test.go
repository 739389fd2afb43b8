package media

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	goldenfile "github.com/podfeed/podfeed/internal/golden"
)

var update = goldenfile.Update // -update rewrites the golden files

// countingReaderAt counts the bytes read through it.
type countingReaderAt struct {
	r     io.ReaderAt
	bytes atomic.Int64
	calls atomic.Int64
}

func (c *countingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.bytes.Add(int64(n))
	c.calls.Add(1)
	return n, err
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// ffprobeDurations reads testdata/ffprobe.txt: name, seconds, method.
func ffprobeDurations(t *testing.T) map[string]float64 {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "ffprobe.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]float64{}
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) < 2 {
			t.Fatalf("ffprobe.txt:%d: want name<TAB>seconds, got %q", line, sc.Text())
		}
		s, err := strconv.ParseFloat(fields[1], 64)
		if err != nil {
			t.Fatalf("ffprobe.txt:%d: %v", line, err)
		}
		out[fields[0]] = s
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

var testChapters = []Chapter{
	{Start: 0, Title: "Intro"},
	{Start: 1500 * time.Millisecond, Title: "Café talk ☕"},
	{Start: 3250 * time.Millisecond, Title: "Outro and links"},
}

func TestProbeTestdata(t *testing.T) {
	want := map[string]struct {
		typ      string
		chapters []Chapter
	}{
		"cbr.mp3":             {TypeMP3, nil},
		"cbr-noheader.mp3":    {TypeMP3, nil},
		"vbr-xing.mp3":        {TypeMP3, nil},
		"vbr-noheader.mp3":    {TypeMP3, nil},
		"chapters.mp3":        {TypeMP3, testChapters},
		"chapters-id3v23.mp3": {TypeMP3, testChapters},
		"aac.m4a":             {TypeM4A, nil},
		"aac-faststart.m4a":   {TypeM4A, nil},
		"chapters.m4a":        {TypeM4A, testChapters},
		"video.mp4":           {TypeMP4Video, nil},
		"vorbis.ogg":          {TypeOgg, nil},
		"opus.opus":           {TypeOgg, nil},
		"flac.flac":           {TypeFLAC, nil},
		"wav.wav":             {TypeWAV, nil},
	}
	ref := ffprobeDurations(t)
	for name := range want {
		if _, ok := ref[name]; !ok {
			t.Errorf("testdata/ffprobe.txt has no line for %s", name)
		}
	}
	for name, seconds := range ref {
		t.Run(name, func(t *testing.T) {
			w, ok := want[name]
			if !ok {
				t.Fatalf("ffprobe.txt names %s, which this test does not know", name)
			}
			path := filepath.Join("testdata", name)
			st, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			info, err := ProbeFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if info.Length != st.Size() {
				t.Errorf("Length = %d, want the file size %d", info.Length, st.Size())
			}
			if info.Type != w.typ {
				t.Errorf("Type = %q, want %q", info.Type, w.typ)
			}
			diff := info.Duration.Seconds() - seconds
			tolerance := max(seconds*0.005, 0.050)
			if diff < -tolerance || diff > tolerance {
				t.Errorf("Duration = %.6f s, ffprobe says %.6f s (off by %+.6f s, allowed %.3f s)",
					info.Duration.Seconds(), seconds, diff, tolerance)
			}
			t.Logf("%-20s probed %.6f s, ffprobe %.6f s, off by %+.3f ms (%+.4f %%)",
				name, info.Duration.Seconds(), seconds, diff*1000, diff/seconds*100)
			if !chaptersEqual(info.Chapters, w.chapters) {
				t.Errorf("Chapters = %v, want %v", info.Chapters, w.chapters)
			}
		})
	}
}

func chaptersEqual(a, b []Chapter) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestProbeGolden pins the exact result (or error) for every file in
// testdata; go test -update rewrites testdata/probe.golden.
func TestProbeGolden(t *testing.T) {
	names, err := filepath.Glob(filepath.Join("testdata", "*.*"))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	for _, path := range names {
		switch filepath.Ext(path) {
		case ".txt", ".md", ".sh", ".ffmeta", ".golden":
			continue
		}
		info, err := ProbeFile(path)
		fmt.Fprintf(&buf, "%s\n", filepath.Base(path))
		if err != nil {
			fmt.Fprintf(&buf, "\terror: %v\n", err)
			continue
		}
		b, err := json.Marshal(info)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&buf, "\t%s\n\t%v\n", b, info.Duration)
	}
	golden := filepath.Join("testdata", "probe.golden")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("results differ from %s (go test -update rewrites it):\n%s", golden, goldenfile.Diff(string(want), buf.String()))
	}
}

func TestProbeErrors(t *testing.T) {
	tests := []struct {
		file string
		want string
		is   error
	}{
		{"empty.mp3", "media: testdata/empty.mp3: empty file", nil},
		{"truncated.mp3", "media: testdata/truncated.mp3: truncated: the Xing header counts 15083 bytes of audio but the whole file is 7564", ErrTruncated},
		{"image.mp3", "media: testdata/image.mp3: not an audio file I know (looks like image/png)", ErrUnknownFormat},
		{"text.mp3", "media: testdata/text.mp3: not an audio file I know (looks like text/plain)", ErrUnknownFormat},
		{"missing.mp3", "media: testdata/missing.mp3: open: no such file or directory", os.ErrNotExist},
		{"", "media: testdata: not a regular file", nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.ToSlash(filepath.Join("testdata", tt.file))
			info, err := ProbeFile(path)
			if err == nil {
				t.Fatalf("no error; got %+v", info)
			}
			if err.Error() != tt.want {
				t.Errorf("error:\n got %s\nwant %s", err, tt.want)
			}
			var pe *Error
			if !errors.As(err, &pe) || pe.Name != path {
				t.Errorf("error %v is not an *Error naming %s", err, path)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.is)
			}
			if info.Duration != 0 || info.Type != "" {
				t.Errorf("an error came with a result: %+v", info)
			}
		})
	}
}

// TestProbeCut cuts every good test file short at several points: each
// cut must be an error, and for all but the last frame of FLAC (whose end
// only a decoder finds) a truncation error.
func TestProbeCut(t *testing.T) {
	for name := range ffprobeDurations(t) {
		b := readTestdata(t, name)
		cuts := []int{0, 1, 3, 8, 16, 100, len(b) / 10, len(b) / 2, len(b) * 9 / 10, len(b) * 99 / 100, len(b) - 1}
		for _, n := range cuts {
			if name == "flac.flac" && n == len(b)-1 {
				continue // a cut inside FLAC's last frame is not noticed (see TestProbeFLACCutLastFrame)
			}
			info, err := Probe(bytes.NewReader(b[:n]), int64(n), name)
			if err == nil {
				t.Errorf("%s cut to %d of %d bytes: no error, got %v %s", name, n, len(b), info.Duration, info.Type)
				continue
			}
			if !strings.HasPrefix(err.Error(), "media: "+name+": ") {
				t.Errorf("%s cut to %d bytes: error %q does not name the file", name, n, err)
			}
			if n >= 100 && !errors.Is(err, ErrTruncated) {
				t.Errorf("%s cut to %d of %d bytes: %v, want a truncation error", name, n, len(b), err)
			}
		}
	}
}

// TestProbeFLACCutLastFrame documents a limit: losing the end of FLAC's
// last frame goes unnoticed.
func TestProbeFLACCutLastFrame(t *testing.T) {
	b := readTestdata(t, "flac.flac")
	info, err := Probe(bytes.NewReader(b[:len(b)-1]), int64(len(b)-1), "flac.flac")
	if err != nil || info.Duration != 5300*time.Millisecond {
		t.Errorf("got %v, %v; want 5.3s and no error (if this now fails with a truncation error, delete this test)", info.Duration, err)
	}
}

// longMP3 builds an MP3 of at least the given length from cbr.mp3: its
// Info frame, patched to count the new total, then its audio frames
// repeated. It returns the file and its duration.
func longMP3(t testing.TB, length time.Duration) ([]byte, time.Duration) {
	t.Helper()
	src := readTestdata(t, "cbr.mp3")
	tag, err := readID3(bytes.NewReader(src), int64(len(src)), 0)
	if err != nil || tag == nil {
		t.Fatalf("cbr.mp3: no ID3 tag: %v", err)
	}
	first, ok := parseMPEGHeader(src[tag.end:])
	if !ok {
		t.Fatal("cbr.mp3: no frame after the tag")
	}
	info := src[tag.end : tag.end+int64(first.frameLen)]
	audio := src[tag.end+int64(first.frameLen):]
	var frames int64
	w := &window{r: bytes.NewReader(audio), size: int64(len(audio)), chunk: len(audio)}
	for p := int64(0); p < int64(len(audio)); frames++ {
		h, ok := w.header(p, nil)
		if !ok {
			t.Fatalf("cbr.mp3: no frame at %d", p)
		}
		p += int64(h.frameLen)
	}
	per := samplesToDuration(frames*int64(first.samples), int64(first.sampleRate))
	copies := int64(length/per) + 1
	out := make([]byte, 0, tag.end+int64(len(info))+copies*int64(len(audio)))
	out = append(out, src[:tag.end]...)
	out = append(out, info...)
	for range copies {
		out = append(out, audio...)
	}
	x := int(tag.end) + 4 + 9 // Xing/Info header: MPEG-2 mono side info is 9 bytes
	if string(out[x:x+4]) != "Info" {
		t.Fatalf("cbr.mp3: no Info header at %d", x)
	}
	putU32(out[x+8:], uint32(copies*frames))
	putU32(out[x+12:], uint32(int64(len(out))-tag.end))
	return out, samplesToDuration(copies*frames*int64(first.samples), int64(first.sampleRate))
}

func putU32(b []byte, v uint32) {
	b[0], b[1], b[2], b[3] = byte(v>>24), byte(v>>16), byte(v>>8), byte(v)
}

// TestProbeReadsLittle: a 60-minute MP3 with a Xing/Info header is probed
// from a few KiB.
func TestProbeReadsLittle(t *testing.T) {
	b, want := longMP3(t, 60*time.Minute)
	r := &countingReaderAt{r: bytes.NewReader(b)}
	info, err := Probe(r, int64(len(b)), "long.mp3")
	if err != nil {
		t.Fatal(err)
	}
	if info.Duration != want || want < 60*time.Minute {
		t.Errorf("Duration = %v, want %v", info.Duration, want)
	}
	if n := r.bytes.Load(); n > 16<<10 {
		t.Errorf("read %d bytes of a %d-byte file; want a few KiB", n, len(b))
	}
	t.Logf("60-minute Xing MP3 (%d bytes): read %d bytes in %d calls", len(b), r.bytes.Load(), r.calls.Load())

	// the other test files, for the record
	for name := range ffprobeDurations(t) {
		b := readTestdata(t, name)
		r := &countingReaderAt{r: bytes.NewReader(b)}
		if _, err := Probe(r, int64(len(b)), name); err != nil {
			t.Fatal(err)
		}
		t.Logf("%-20s %6d bytes, read %6d in %3d calls", name, len(b), r.bytes.Load(), r.calls.Load())
	}
}

func TestSamplesToDuration(t *testing.T) {
	tests := []struct {
		samples, rate int64
		want          time.Duration
	}{
		{0, 44100, 0},
		{44100, 44100, time.Second},
		{1, 3, 333333333},
		{-5, 44100, 0},
		{5, 0, 0},
		{1 << 32, 48000, 89478485333333}, // 24.9 hours: samples * 1e9 would overflow int64 only far beyond
		{1 << 62, 1, maxDuration + time.Second},
	}
	for _, tt := range tests {
		if got := samplesToDuration(tt.samples, tt.rate); got != tt.want {
			t.Errorf("samplesToDuration(%d, %d) = %d, want %d", tt.samples, tt.rate, got, tt.want)
		}
	}
}
