package media

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// errNoSync means no run of MPEG audio frames was found: the file is not
// MP3 (or the ID3 tag is followed by something else).
var errNoSync = errors.New("no MPEG audio frames")

// syncWindow is how far past the ID3 tags (or the start) the first frame
// is looked for.
const syncWindow = 64 << 10

// mpegHeader is a decoded MPEG audio frame header.
type mpegHeader struct {
	version    byte // 0 MPEG-2.5, 2 MPEG-2, 3 MPEG-1 (the header's bits)
	layer      byte // 1, 2 or 3
	crc        bool
	mono       bool
	sampleRate int
	frameLen   int // bytes, header included
	samples    int // per frame
}

var (
	// bitrates in kbit/s by [MPEG-1?][layer-1][index]
	mpegBitrates = [2][3][15]int{
		{ // MPEG-2 and 2.5
			{0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},
			{0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
			{0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
		},
		{ // MPEG-1
			{0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},
			{0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},
			{0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},
		},
	}
	// sample rates by version bits and index
	mpegRates = [4][3]int{
		{11025, 12000, 8000},  // MPEG-2.5
		{},                    // reserved
		{22050, 24000, 16000}, // MPEG-2
		{44100, 48000, 32000}, // MPEG-1
	}
)

// parseMPEGHeader decodes the four bytes of a frame header. Free-format
// bitrates are not supported.
func parseMPEGHeader(b []byte) (mpegHeader, bool) {
	if len(b) < 4 || b[0] != 0xff || b[1]&0xe0 != 0xe0 {
		return mpegHeader{}, false
	}
	version := b[1] >> 3 & 3
	layerBits := b[1] >> 1 & 3
	brIndex := int(b[2] >> 4)
	srIndex := int(b[2] >> 2 & 3)
	if version == 1 || layerBits == 0 || brIndex == 0 || brIndex == 15 || srIndex == 3 {
		return mpegHeader{}, false
	}
	if b[3]&3 == 2 { // reserved emphasis
		return mpegHeader{}, false
	}
	h := mpegHeader{
		version:    version,
		layer:      4 - layerBits,
		crc:        b[1]&1 == 0,
		mono:       b[3]>>6 == 3,
		sampleRate: mpegRates[version][srIndex],
	}
	v1 := 0
	if version == 3 {
		v1 = 1
	}
	bitrate := mpegBitrates[v1][h.layer-1][brIndex] * 1000
	pad := int(b[2] >> 1 & 1)
	switch {
	case h.layer == 1:
		h.samples = 384
		h.frameLen = (12*bitrate/h.sampleRate + pad) * 4
	case h.layer == 2 || version == 3:
		h.samples = 1152
		h.frameLen = 144*bitrate/h.sampleRate + pad
	default: // layer 3, MPEG-2 and 2.5
		h.samples = 576
		h.frameLen = 72*bitrate/h.sampleRate + pad
	}
	return h, h.frameLen > 4
}

// sameStream reports whether h can follow first in one stream.
func (h mpegHeader) sameStream(first mpegHeader) bool {
	return h.version == first.version && h.layer == first.layer && h.sampleRate == first.sampleRate
}

// window serves small reads from a buffered chunk of r, so that walking
// frame headers costs one read per chunk.
type window struct {
	r     io.ReaderAt
	size  int64
	chunk int
	buf   []byte
	off   int64 // file offset of buf[0]
	err   error
}

// at returns up to n bytes at pos (fewer at the end of the file).
func (w *window) at(pos int64, n int) []byte {
	if pos < 0 || pos >= w.size {
		return nil
	}
	if pos < w.off || pos+int64(n) > w.off+int64(len(w.buf)) {
		c := max(w.chunk, n)
		if cap(w.buf) < c {
			w.buf = make([]byte, c)
		}
		got, err := readAt(w.r, w.buf[:c], pos)
		if err != nil {
			w.err = err
			return nil
		}
		w.buf, w.off = got, pos
	}
	i := int(pos - w.off)
	return w.buf[i:min(len(w.buf), i+n)]
}

// header returns the valid frame header at pos that fits first's stream
// (any valid header when first is nil).
func (w *window) header(pos int64, first *mpegHeader) (mpegHeader, bool) {
	h, ok := parseMPEGHeader(w.at(pos, 4))
	if !ok || first != nil && !h.sameStream(*first) {
		return mpegHeader{}, false
	}
	return h, true
}

// findFrame looks for a frame at or after pos (up to limit) that is followed
// by further frames of the same stream, or ends the file. When it finds
// none, cut reports whether a run of frames starting at pos is cut off by
// the end of the file.
func (w *window) findFrame(pos, limit int64, first *mpegHeader) (at int64, h mpegHeader, found, cut bool) {
	start := pos
	for ; pos < limit && pos+4 <= w.size; pos++ {
		b := w.at(pos, 4)
		if len(b) < 4 || b[0] != 0xff {
			continue
		}
		h, ok := w.header(pos, first)
		if !ok {
			continue
		}
		ref := &h
		if first != nil {
			ref = first
		}
		// two more frames, or the end of the file
		p, good := pos+int64(h.frameLen), true
		for k := 0; k < 2 && p < w.size; k++ {
			if p+4 > w.size {
				p = w.size + 1 // a partial header
				break
			}
			n, ok := w.header(p, ref)
			if !ok {
				good = false
				break
			}
			p += int64(n.frameLen)
		}
		if good && p <= w.size {
			return pos, h, true, false
		}
		cut = cut || good && pos == start // only right where frames should begin
		if w.err != nil {
			return 0, mpegHeader{}, false, false
		}
	}
	return 0, mpegHeader{}, false, cut
}

// vbrHeader is what a Xing/Info or VBRI header in the first frame says.
type vbrHeader struct {
	kind   string // "Xing", "Info" or "VBRI"
	frames int64  // 0 when absent
	bytes  int64  // 0 when absent
}

// readVBRHeader looks for a Xing/Info or VBRI header in the frame f.
func readVBRHeader(f []byte, h mpegHeader) (vbrHeader, bool) {
	side := 32
	switch {
	case h.version == 3 && h.mono:
		side = 17
	case h.version != 3 && !h.mono:
		side = 17
	case h.version != 3 && h.mono:
		side = 9
	}
	for _, off := range []int{4 + side, 4 + side + 2} { // + CRC
		if !hasPrefixAt(f, off, "Xing") && !hasPrefixAt(f, off, "Info") {
			continue
		}
		v := vbrHeader{kind: string(f[off : off+4])}
		p := off + 4
		if len(f) < p+4 {
			return v, true
		}
		flags := binary.BigEndian.Uint32(f[p:])
		p += 4
		if flags&1 != 0 && len(f) >= p+4 {
			v.frames = int64(binary.BigEndian.Uint32(f[p:]))
			p += 4
		}
		if flags&2 != 0 && len(f) >= p+4 {
			v.bytes = int64(binary.BigEndian.Uint32(f[p:]))
		}
		return v, true
	}
	if hasPrefixAt(f, 36, "VBRI") && len(f) >= 36+18 {
		return vbrHeader{
			kind:   "VBRI",
			bytes:  int64(binary.BigEndian.Uint32(f[36+10:])),
			frames: int64(binary.BigEndian.Uint32(f[36+14:])),
		}, true
	}
	return vbrHeader{}, false
}

// probeMP3 reads MPEG audio starting at or shortly after start.
func probeMP3(r io.ReaderAt, size, start int64, chapters []Chapter) (Info, error) {
	w := &window{r: r, size: size, chunk: 4 << 10}
	pos, first, ok, cut := w.findFrame(start, start+syncWindow, nil)
	if w.err != nil {
		return Info{}, w.err
	}
	if cut {
		return Info{}, fmt.Errorf("%w: the end of the file cuts off the first MP3 frames", ErrTruncated)
	}
	if !ok {
		return Info{}, errNoSync
	}
	info := Info{Type: TypeMP3, Chapters: chapters}
	rate := int64(first.sampleRate)
	frame := w.at(pos, first.frameLen)
	vbr, hasVBR := readVBRHeader(frame, first)
	if hasVBR && vbr.frames > 0 {
		if vbr.bytes > 0 && size < vbr.bytes {
			return Info{}, fmt.Errorf("%w: the %s header counts %d bytes of audio but the whole file is %d",
				ErrTruncated, vbr.kind, vbr.bytes, size)
		}
		if err := checkMP3Tail(r, size, pos, first); err != nil {
			return Info{}, err
		}
		info.Duration = samplesToDuration(vbr.frames*int64(first.samples), rate)
		return info, nil
	}

	// No usable header: count the frames.
	w.chunk = 256 << 10
	var frames int64
	if hasVBR { // an empty Xing/Info/VBRI frame is silence, not audio
		pos += int64(first.frameLen)
	}
	for pos+4 <= size {
		h, ok := w.header(pos, &first)
		if !ok {
			next, _, found, _ := w.findFrame(pos+1, size, &first)
			if !found {
				break
			}
			pos = next
			continue
		}
		if pos+int64(h.frameLen) > size {
			return Info{}, fmt.Errorf("%w: the last MP3 frame (at byte %d) needs %d bytes, the file ends after %d",
				ErrTruncated, pos, h.frameLen, size-pos)
		}
		frames++
		pos += int64(h.frameLen)
	}
	if w.err != nil {
		return Info{}, w.err
	}
	info.Duration = samplesToDuration(frames*int64(first.samples), rate)
	return info, nil
}

// mp3TailSize is how much of the end of a file checkMP3Tail reads.
const mp3TailSize = 4 << 10

// checkMP3Tail reads the last few KiB of the audio and follows its frames to
// the end: a last frame that runs past the end of the file means the file
// was cut off, whatever the header in the first frame says. Trailing ID3v1
// and APEv2 tags are skipped; anything else that breaks the run of frames
// leaves the question open (and is not an error).
func checkMP3Tail(r io.ReaderAt, size, audioStart int64, first mpegHeader) error {
	end := size
	if tag, err := readAt(r, make([]byte, 3), end-128); err == nil && end-128 > audioStart && string(tag) == "TAG" {
		end -= 128
	}
	if f, err := readAt(r, make([]byte, 32), end-32); err == nil && len(f) == 32 && string(f[:8]) == "APETAGEX" {
		n := int64(binary.LittleEndian.Uint32(f[12:]))
		if f[23]&0x80 != 0 { // the tag has a header too
			n += 32
		}
		if n > 0 && end-n > audioStart {
			end -= n
		}
	}
	start := max(audioStart, end-mp3TailSize)
	w := &window{r: r, size: end, chunk: int(end - start)}
	for pos := start; pos+4 <= end; pos++ {
		h, ok := w.header(pos, &first)
		if !ok {
			continue
		}
		next := pos + int64(h.frameLen)
		if next+4 > end {
			continue
		}
		if _, ok := w.header(next, &first); !ok {
			continue
		}
		// two frames in a row: follow them to the end
		for p := pos; p < end; {
			h, ok := w.header(p, &first)
			if !ok {
				return w.err // something else follows the frames
			}
			if p+int64(h.frameLen) > end {
				return fmt.Errorf("%w: the last MP3 frame (at byte %d) needs %d bytes, the file ends after %d",
					ErrTruncated, p, h.frameLen, end-p)
			}
			p += int64(h.frameLen)
		}
		return w.err
	}
	return w.err
}
