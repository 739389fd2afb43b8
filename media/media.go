package media

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/podfeed/podfeed/internal/diag"
	"github.com/podfeed/podfeed/internal/timecode"
)

// Info is what a probe learns about a media file.
type Info struct {
	Length   int64         `json:"length"`   // bytes: the file size
	Type     string        `json:"type"`     // MIME type, e.g. "audio/mpeg"
	Duration time.Duration `json:"duration"` // always > 0 when the probe succeeds
	Chapters []Chapter     `json:"chapters,omitempty"`
}

// Chapter is one chapter mark read from the file, in ascending Start order.
type Chapter struct {
	Start time.Duration `json:"start"`
	Title string        `json:"title"`
	URL   string        `json:"url,omitempty"`
	Image string        `json:"image,omitempty"` // a URL; images embedded in the file are not returned
}

// MIME types returned in [Info.Type].
const (
	TypeMP3       = "audio/mpeg"
	TypeM4A       = "audio/x-m4a"
	TypeMP4Video  = "video/mp4"
	TypeM4V       = "video/x-m4v"
	TypeQuickTime = "video/quicktime"
	TypeOgg       = "audio/ogg"
	TypeOggVideo  = "video/ogg" // Ogg with a Theora video stream
	TypeFLAC      = "audio/flac"
	TypeWAV       = "audio/wav"
)

// Sentinel errors, wrapped by the errors [Probe] returns.
var (
	ErrUnknownFormat = errors.New("not an audio file I know")
	ErrTruncated     = errors.New("truncated")
)

// Error is the error of a probe. It names the file.
type Error struct {
	Name string // the name given to Probe, or the path given to ProbeFile
	Err  error
}

func (e *Error) Error() string { return "media: " + e.Name + ": " + e.Err.Error() }

func (e *Error) Unwrap() error { return e.Err }

// maxDuration bounds believable durations: beyond it a header is corrupt.
// It is the longest time an episode file may hold.
const maxDuration = timecode.Max

// Probe reads the media file held in r (size bytes long) and returns its
// length, type, duration and chapters. name is only used in errors. The
// container is recognised from the bytes; see the package documentation for
// the formats. Probe reads only the parts of r it needs and is safe to call
// concurrently on different readers.
func Probe(r io.ReaderAt, size int64, name string) (Info, error) {
	info, err := probe(r, size)
	if err != nil {
		return Info{}, &Error{Name: name, Err: err}
	}
	return info, nil
}

// ProbeFile opens the file at path and probes it; see [Probe].
func ProbeFile(path string) (Info, error) {
	f, err := os.Open(path)
	if err != nil {
		return Info{}, &Error{Name: path, Err: diag.WithoutPath(err, true)}
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return Info{}, &Error{Name: path, Err: diag.WithoutPath(err, true)}
	}
	if !st.Mode().IsRegular() {
		return Info{}, &Error{Name: path, Err: errors.New("not a regular file")}
	}
	return Probe(f, st.Size(), path)
}

func probe(r io.ReaderAt, size int64) (Info, error) {
	if size <= 0 {
		return Info{}, errors.New("empty file")
	}
	var head [16]byte
	n, err := r.ReadAt(head[:], 0)
	if n < len(head) && err != io.EOF {
		return Info{}, fmt.Errorf("read: %w", err)
	}
	if int64(n) < size && n < len(head) {
		return Info{}, fmt.Errorf("read: %w", io.ErrUnexpectedEOF)
	}

	var info Info
	switch {
	case n >= 4 && string(head[:4]) == "fLaC":
		info, err = probeFLAC(r, size, 0)
	case n >= 4 && string(head[:4]) == "OggS":
		info, err = probeOgg(r, size)
	case n >= 12 && (string(head[:4]) == "RIFF" || string(head[:4]) == "RF64") && string(head[8:12]) == "WAVE":
		info, err = probeWAV(r, size)
	case n >= 8 && isMP4Start(head[:n]):
		info, err = probeMP4(r, size)
	case n >= 3 && string(head[:3]) == "ID3":
		info, err = probeID3Prefixed(r, size)
	default:
		info, err = probeMP3(r, size, 0, nil)
		if errors.Is(err, errNoSync) {
			err = unknownFormat(r, size)
		}
	}
	if err != nil {
		return Info{}, err
	}
	info.Length = size
	if info.Duration <= 0 {
		return Info{}, errors.New("no audio: the duration is zero")
	}
	if info.Duration > maxDuration {
		return Info{}, fmt.Errorf("implausible duration %v: the headers are corrupt", info.Duration)
	}
	info.Chapters = cleanChapters(info.Chapters, info.Duration)
	return info, nil
}

// probeID3Prefixed skips the ID3v2 tags at the start of the file and probes
// what follows: usually MP3 frames, sometimes FLAC.
func probeID3Prefixed(r io.ReaderAt, size int64) (Info, error) {
	var chapters []Chapter
	pos := int64(0)
	for i := 0; i < 16; i++ { // some files carry several tags in a row
		tag, err := readID3(r, size, pos)
		if err != nil {
			return Info{}, err
		}
		if tag == nil {
			break
		}
		if len(tag.chapters) > 0 && chapters == nil {
			chapters = tag.chapters
		}
		pos = tag.end
	}
	if pos >= size {
		return Info{}, fmt.Errorf("%w: an ID3 tag but no audio after it", ErrTruncated)
	}
	var magic [4]byte
	if n, _ := r.ReadAt(magic[:], pos); n == 4 && string(magic[:]) == "fLaC" {
		info, err := probeFLAC(r, size, pos)
		info.Chapters = chapters
		return info, err
	}
	info, err := probeMP3(r, size, pos, chapters)
	if errors.Is(err, errNoSync) {
		return Info{}, fmt.Errorf("%w (an ID3 tag, then no MP3 frames)", ErrUnknownFormat)
	}
	return info, err
}

// unknownFormat says what a file that is not media looks like.
func unknownFormat(r io.ReaderAt, size int64) error {
	buf := make([]byte, min(size, 512))
	n, _ := r.ReadAt(buf, 0)
	buf = buf[:n]
	ct := http.DetectContentType(buf)
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = ct[:i]
	}
	if ct != "application/octet-stream" {
		return fmt.Errorf("%w (looks like %s)", ErrUnknownFormat, ct)
	}
	return fmt.Errorf("%w (starts with % x)", ErrUnknownFormat, buf[:min(len(buf), 8)])
}

// cleanChapters drops chapters that start after the end and orders the
// rest by start (stable, so a table of contents decides ties).
func cleanChapters(cs []Chapter, d time.Duration) []Chapter {
	if len(cs) == 0 {
		return nil
	}
	out := make([]Chapter, 0, len(cs))
	for _, c := range cs {
		if c.Start < 0 || c.Start >= d {
			continue
		}
		c.Title = strings.TrimSpace(c.Title)
		out = append(out, c)
	}
	// insertion sort: chapter lists are short and usually sorted already
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Start < out[j-1].Start; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// samplesToDuration converts a count of samples at rate per second to a
// duration without overflowing for long files. The caller checks rate > 0.
func samplesToDuration(samples, rate int64) time.Duration {
	if rate <= 0 || samples <= 0 {
		return 0
	}
	sec := samples / rate
	if sec > int64(maxDuration/time.Second) {
		return maxDuration + time.Second // reported as implausible
	}
	rem := samples % rate
	return time.Duration(sec)*time.Second + time.Duration(rem*int64(time.Second)/rate)
}

// readFull reads len(buf) bytes at off, or fails with a truncation error
// naming what was being read.
func readFull(r io.ReaderAt, buf []byte, off, size int64, what string) error {
	if off < 0 || off+int64(len(buf)) > size {
		return fmt.Errorf("%w: the %s runs past the end of the file", ErrTruncated, what)
	}
	n, err := r.ReadAt(buf, off)
	if n == len(buf) {
		return nil
	}
	if err == nil || err == io.EOF {
		return fmt.Errorf("%w: the %s runs past the end of the file", ErrTruncated, what)
	}
	return fmt.Errorf("read %s: %w", what, err)
}

// readAt reads up to len(buf) bytes at off and returns the part it got.
// A short read at the end of the file is not an error.
func readAt(r io.ReaderAt, buf []byte, off int64) ([]byte, error) {
	n, err := r.ReadAt(buf, off)
	if err != nil && err != io.EOF && n < len(buf) {
		return nil, fmt.Errorf("read: %w", err)
	}
	return buf[:n], nil
}

// hasPrefixAt reports whether p occurs in b at i.
func hasPrefixAt(b []byte, i int, p string) bool {
	return i >= 0 && i+len(p) <= len(b) && bytes.Equal(b[i:i+len(p)], []byte(p))
}
