package media

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/Eyevinn/mp4ff/bits"
	"github.com/Eyevinn/mp4ff/mp4"
)

const (
	maxMoovSize     = 256 << 20 // a moov box larger than this is not a podcast
	maxMP4Chapters  = 10000
	maxChapterTitle = 4 << 10
)

// isMP4Start reports whether b starts like an ISO base media file: an ftyp
// box, or (old QuickTime files) a moov, mdat, wide, free or skip box.
func isMP4Start(b []byte) bool {
	if len(b) < 8 {
		return false
	}
	switch string(b[4:8]) {
	case "ftyp":
		return true
	case "moov", "mdat", "wide", "free", "skip":
		n := binary.BigEndian.Uint32(b[:4])
		return n == 0 || n == 1 || n >= 8
	}
	return false
}

// topBox is one top-level box of an MP4 file.
type topBox struct {
	typ       string
	pos, size int64 // size includes the header
	hdr       int64
}

// mp4Boxes lists the top-level boxes, checking that they tile the file.
func mp4Boxes(r io.ReaderAt, size int64) ([]topBox, error) {
	var boxes []topBox
	for pos := int64(0); pos < size; {
		if size-pos < 8 {
			if len(boxes) > 0 && allZero(r, pos, size) {
				break // a few bytes of padding
			}
			return nil, fmt.Errorf("%w: a partial MP4 box header at byte %d", ErrTruncated, pos)
		}
		var h [16]byte
		if err := readFull(r, h[:8], pos, size, "MP4 box header"); err != nil {
			return nil, err
		}
		b := topBox{typ: string(h[4:8]), pos: pos, size: int64(binary.BigEndian.Uint32(h[:4])), hdr: 8}
		switch b.size {
		case 0: // to the end of the file
			b.size = size - pos
		case 1:
			if err := readFull(r, h[8:16], pos+8, size, "MP4 box header"); err != nil {
				return nil, err
			}
			u := binary.BigEndian.Uint64(h[8:16])
			if u > uint64(size) {
				return nil, fmt.Errorf("%w: the MP4 %q box at byte %d is %d bytes, the file ends after %d",
					ErrTruncated, b.typ, pos, u, size-pos)
			}
			b.size, b.hdr = int64(u), 16
		}
		if b.size < b.hdr {
			if len(boxes) == 0 {
				return nil, fmt.Errorf("%w (a broken MP4 box header)", ErrUnknownFormat)
			}
			return nil, fmt.Errorf("broken MP4 box header at byte %d", pos)
		}
		if b.size > size-pos {
			return nil, fmt.Errorf("%w: the MP4 %q box at byte %d is %d bytes, the file ends after %d",
				ErrTruncated, b.typ, pos, b.size, size-pos)
		}
		boxes = append(boxes, b)
		pos += b.size
	}
	return boxes, nil
}

func allZero(r io.ReaderAt, from, to int64) bool {
	b := make([]byte, to-from)
	if n, _ := r.ReadAt(b, from); n != len(b) {
		return false
	}
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// mp4BrandAndMoov returns the major brand of the first ftyp box and the
// first moov box among the top-level boxes; moov is nil when there is none.
func mp4BrandAndMoov(r io.ReaderAt, size int64, boxes []topBox) (brand string, moov *topBox, err error) {
	for i, b := range boxes {
		switch b.typ {
		case "ftyp":
			if b.size >= 12 && brand == "" {
				var mb [4]byte
				if err := readFull(r, mb[:], b.pos+b.hdr, size, "MP4 ftyp box"); err != nil {
					return "", nil, err
				}
				brand = string(mb[:])
			}
		case "moov":
			if moov == nil {
				moov = &boxes[i]
			}
		}
	}
	return brand, moov, nil
}

// mp4Type is the media type of an MP4 file of the major brand, with or
// without a video track.
func mp4Type(brand string, hasVideo bool) string {
	switch {
	case brand == "qt  ":
		return TypeQuickTime
	case hasVideo && brand == "M4V ":
		return TypeM4V
	case hasVideo:
		return TypeMP4Video
	}
	return TypeM4A
}

func probeMP4(r io.ReaderAt, size int64) (Info, error) {
	boxes, err := mp4Boxes(r, size)
	if err != nil {
		return Info{}, err
	}
	brand, moovBox, err := mp4BrandAndMoov(r, size, boxes)
	if err != nil {
		return Info{}, err
	}
	if moovBox == nil {
		return Info{}, fmt.Errorf("%w: the MP4 file has no moov box (the index, often written last)", ErrTruncated)
	}
	if moovBox.size > maxMoovSize || moovBox.hdr != 8 {
		return Info{}, fmt.Errorf("MP4 moov box of %d bytes is too large", moovBox.size)
	}
	buf := make([]byte, moovBox.size)
	if err := readFull(r, buf, moovBox.pos, size, "MP4 moov box"); err != nil {
		return Info{}, err
	}
	moov, err := decodeMoov(buf, moovBox.pos)
	if err != nil {
		return Info{}, err
	}
	if moov.Mvhd == nil {
		return Info{}, errors.New("MP4 moov box without mvhd")
	}
	movieTS := int64(moov.Mvhd.Timescale)

	var audio, video time.Duration
	var hasAudio, hasVideo bool
	var chapterIDs []uint32
	tracks := map[uint32]*mp4.TrakBox{}
	for _, t := range moov.Traks {
		if t.Tkhd != nil {
			tracks[t.Tkhd.TrackID] = t
		}
		if t.Mdia == nil || t.Mdia.Hdlr == nil || t.Mdia.Mdhd == nil {
			continue
		}
		kind := t.Mdia.Hdlr.HandlerType
		if kind != "soun" && kind != "vide" {
			continue
		}
		if kind == "vide" && sampleCount(t) <= 1 {
			continue // cover art stored as a one-frame video track
		}
		chapterIDs = append(chapterIDs, chapRefs(t)...)
		d := trackDuration(t, movieTS)
		if d == 0 && moov.Mvex != nil && moov.Mvex.Mehd != nil && movieTS > 0 {
			d = samplesToDuration(moov.Mvex.Mehd.FragmentDuration, movieTS) // fragmented file
		}
		if kind == "soun" {
			hasAudio, audio = true, max(audio, d)
		} else {
			hasVideo, video = true, max(video, d)
		}
	}
	if !hasAudio && !hasVideo {
		return Info{}, errors.New("MP4 file without an audio or video track")
	}
	info := Info{Type: mp4Type(brand, hasVideo), Duration: max(audio, video)}
	if info.Duration == 0 {
		return Info{}, errors.New("MP4 tracks have no duration (a fragmented file without one?)")
	}
	if info.Chapters, err = mp4Chapters(r, size, moov, chapterIDs, tracks); err != nil {
		return Info{}, err
	}
	return info, nil
}

// decodeMoov decodes the moov box with mp4ff. A panic in the decoder on a
// malformed file becomes an error: files are untrusted input.
func decodeMoov(buf []byte, pos int64) (moov *mp4.MoovBox, err error) {
	defer func() {
		if p := recover(); p != nil {
			moov, err = nil, fmt.Errorf("malformed MP4 moov box (%v)", p)
		}
	}()
	box, err := mp4.DecodeBoxSR(uint64(pos), bits.NewFixedSliceReader(buf))
	if err != nil {
		return nil, fmt.Errorf("malformed MP4 moov box: %w", err)
	}
	m, ok := box.(*mp4.MoovBox)
	if !ok {
		return nil, errors.New("malformed MP4 moov box")
	}
	return m, nil
}

func sampleCount(t *mp4.TrakBox) int64 {
	if t.Mdia.Minf == nil || t.Mdia.Minf.Stbl == nil || t.Mdia.Minf.Stbl.Stsz == nil {
		return 0
	}
	return int64(t.Mdia.Minf.Stbl.Stsz.SampleNumber)
}

// trackDuration is the track's presentation duration: its media duration,
// less what the edit list skips (the encoder priming of AAC), plus empty
// edits. Segment durations are in the movie's coarser timescale, so an edit
// that reaches (within one movie tick) the end of the media counts as
// reaching it exactly.
func trackDuration(t *mp4.TrakBox, movieTS int64) time.Duration {
	md := t.Mdia.Mdhd
	ts := int64(md.Timescale)
	media := int64(md.Duration)
	if ts <= 0 || md.Duration == 0 || md.Version == 0 && md.Duration == 0xffffffff || media < 0 {
		return 0
	}
	if t.Edts == nil || len(t.Edts.Elst) == 0 || len(t.Edts.Elst[0].Entries) == 0 || movieTS <= 0 {
		return samplesToDuration(media, ts)
	}
	tick := samplesToDuration(1, movieTS)
	var d time.Duration
	for _, e := range t.Edts.Elst[0].Entries {
		seg := samplesToDuration(int64(min(e.SegmentDuration, 1<<62)), movieTS)
		if e.MediaTime < 0 { // empty edit: a pause before the media starts
			d += seg
			continue
		}
		avail := samplesToDuration(media-e.MediaTime, ts)
		if e.SegmentDuration == 0 || seg+tick >= avail {
			d += avail
		} else {
			d += seg
		}
		if d > maxDuration {
			break
		}
	}
	return d
}

// chapRefs returns the track IDs a track names in its tref/chap box.
func chapRefs(t *mp4.TrakBox) []uint32 {
	var ids []uint32
	for _, c := range t.Children {
		tref, ok := c.(*mp4.TrefBox)
		if !ok {
			continue
		}
		for _, rc := range tref.Children {
			if rc.Type() != "chap" {
				continue
			}
			switch b := rc.(type) {
			case *mp4.TrefTypeBox:
				ids = append(ids, b.TrackIDs...)
			case *mp4.UnknownBox:
				p := b.Payload()
				for i := 0; i+4 <= len(p); i += 4 {
					ids = append(ids, binary.BigEndian.Uint32(p[i:]))
				}
			}
		}
	}
	return ids
}

// chapterTrack reads the titles of a QuickTime chapter track: one text
// sample per chapter, a 16-bit length and then UTF-8 or UTF-16 text.
func chapterTrack(r io.ReaderAt, size int64, t *mp4.TrakBox) ([]Chapter, error) {
	if t.Mdia == nil || t.Mdia.Mdhd == nil || t.Mdia.Minf == nil || t.Mdia.Minf.Stbl == nil {
		return nil, nil
	}
	st := t.Mdia.Minf.Stbl
	ts := int64(t.Mdia.Mdhd.Timescale)
	if st.Stsz == nil || st.Stsc == nil || st.Stts == nil || (st.Stco == nil && st.Co64 == nil) || ts <= 0 {
		return nil, nil
	}
	n := min(int(st.Stsz.SampleNumber), maxMP4Chapters)
	sizeOf := func(i int) int64 {
		if i < len(st.Stsz.SampleSize) {
			return int64(st.Stsz.SampleSize[i])
		}
		return int64(st.Stsz.SampleUniformSize)
	}
	var offsets []uint64
	if st.Co64 != nil {
		offsets = st.Co64.ChunkOffset
	} else {
		for _, o := range st.Stco.ChunkOffset {
			offsets = append(offsets, uint64(o))
		}
	}
	// sample offsets, from the sample-to-chunk table
	pos := make([]int64, 0, n)
	for ei, e := range st.Stsc.Entries {
		if ei > 0 && e.FirstChunk <= st.Stsc.Entries[ei-1].FirstChunk {
			break // not ascending: corrupt
		}
		last := uint32(len(offsets))
		if ei+1 < len(st.Stsc.Entries) {
			last = st.Stsc.Entries[ei+1].FirstChunk - 1
		}
		for ch := e.FirstChunk; ch >= 1 && ch <= last && int(ch) <= len(offsets) && len(pos) < n; ch++ {
			off := int64(offsets[ch-1])
			for k := uint32(0); k < e.SamplesPerChunk && len(pos) < n; k++ {
				pos = append(pos, off)
				off += sizeOf(len(pos) - 1)
			}
		}
	}
	// sample times, from the time-to-sample table
	var cs []Chapter
	var at int64
	i := 0
	for ei := 0; ei < len(st.Stts.SampleCount) && ei < len(st.Stts.SampleTimeDelta) && i < len(pos); ei++ {
		for k := uint32(0); k < st.Stts.SampleCount[ei] && i < len(pos); k++ {
			title, err := chapterText(r, size, pos[i], sizeOf(i))
			if err != nil {
				return nil, err
			}
			cs = append(cs, Chapter{Start: samplesToDuration(at, ts), Title: title})
			at += int64(st.Stts.SampleTimeDelta[ei])
			i++
		}
	}
	return cs, nil
}

func chapterText(r io.ReaderAt, size, off, n int64) (string, error) {
	if n < 2 {
		return "", nil
	}
	b := make([]byte, min(n, maxChapterTitle+2))
	if err := readFull(r, b, off, size, "MP4 chapter text"); err != nil {
		return "", err
	}
	l := int(binary.BigEndian.Uint16(b))
	b = b[2:]
	if l < len(b) {
		b = b[:l]
	}
	if len(b) >= 2 && (b[0] == 0xfe && b[1] == 0xff || b[0] == 0xff && b[1] == 0xfe) {
		return decodeUTF16(b, true), nil
	}
	return strings.ToValidUTF8(string(b), "\uFFFD"), nil
}

// mp4Chapters returns the chapters of the first chapter track (of the
// track ids that the media tracks refer to) that has any, else those of a
// Nero chpl box.
func mp4Chapters(r io.ReaderAt, size int64, moov *mp4.MoovBox, ids []uint32, tracks map[uint32]*mp4.TrakBox) ([]Chapter, error) {
	for _, id := range ids {
		if t := tracks[id]; t != nil {
			cs, err := chapterTrack(r, size, t)
			if err != nil {
				return nil, err
			}
			if len(cs) > 0 {
				return cs, nil
			}
		}
	}
	return neroChapters(moov), nil
}

// neroChapters reads the Nero "chpl" box in moov/udta: start times in
// 100 ns units and titles of at most 255 bytes.
func neroChapters(moov *mp4.MoovBox) []Chapter {
	for _, c := range moov.Children {
		udta, ok := c.(*mp4.UdtaBox)
		if !ok {
			continue
		}
		for _, u := range udta.Children {
			chpl, ok := u.(*mp4.UnknownBox)
			if !ok || chpl.Type() != "chpl" {
				continue
			}
			p := chpl.Payload()
			if len(p) < 5 {
				return nil
			}
			i := 4
			if p[0] != 0 { // version 1 has four more bytes
				i += 4
			}
			if len(p) < i+1 {
				return nil
			}
			n := int(p[i])
			i++
			var cs []Chapter
			for k := 0; k < n && i+9 <= len(p); k++ {
				start := int64(binary.BigEndian.Uint64(p[i:]))
				l := int(p[i+8])
				i += 9
				if i+l > len(p) {
					break
				}
				title := p[i : i+l]
				i += l
				if start < 0 {
					continue
				}
				t := string(title)
				if !utf8.Valid(title) {
					t = latin1(title)
				}
				cs = append(cs, Chapter{Start: time.Duration(min(start, int64(maxDuration/100))) * 100, Title: t})
			}
			return cs
		}
	}
	return nil
}
