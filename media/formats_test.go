package media

import (
	"bytes"
	"encoding/binary"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/Eyevinn/mp4ff/mp4"
)

func TestTrackDuration(t *testing.T) {
	trak := func(ts uint32, dur uint64, edits ...mp4.ElstEntry) *mp4.TrakBox {
		tr := &mp4.TrakBox{Mdia: &mp4.MdiaBox{Mdhd: &mp4.MdhdBox{Timescale: ts, Duration: dur}}}
		if edits != nil {
			tr.Edts = &mp4.EdtsBox{Elst: []*mp4.ElstBox{{Entries: edits}}}
		}
		return tr
	}
	tests := []struct {
		name    string
		trak    *mp4.TrakBox
		movieTS int64
		want    time.Duration
	}{
		{"no edit list", trak(44100, 44100*60), 1000, time.Minute},
		{"AAC priming skipped", trak(22050, 117889, mp4.ElstEntry{SegmentDuration: 5300, MediaTime: 1024}), 1000, 5300 * time.Millisecond},
		{"segment rounded to the movie tick", trak(44100, 44100+2112, mp4.ElstEntry{SegmentDuration: 1000, MediaTime: 2112}), 1000, time.Second},
		{"segment shorter than the media (padding trimmed)", trak(44100, 44100*2, mp4.ElstEntry{SegmentDuration: 1500, MediaTime: 0}), 1000, 1500 * time.Millisecond},
		{"segment duration 0 means all", trak(48000, 48000*3, mp4.ElstEntry{SegmentDuration: 0, MediaTime: 48000}), 600, 2 * time.Second},
		{"empty edit adds a pause", trak(1000, 2000, mp4.ElstEntry{SegmentDuration: 600, MediaTime: -1}, mp4.ElstEntry{SegmentDuration: 1200, MediaTime: 0}), 600, 3 * time.Second},
		{"no timescale", trak(0, 1000), 1000, 0},
		{"unknown duration", trak(1000, 0xffffffff), 1000, 0},
		{"fragmented: no duration", trak(1000, 0), 1000, 0},
	}
	for _, tt := range tests {
		if got := trackDuration(tt.trak, tt.movieTS); got != tt.want {
			t.Errorf("%s: trackDuration = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestMP4NeroChapters hides the chapter track reference of chapters.m4a,
// so that its chapters come from the Nero "chpl" box that ffmpeg also
// writes.
func TestMP4NeroChapters(t *testing.T) {
	b := readTestdata(t, "chapters.m4a")
	i := bytes.Index(b, []byte("tref"))
	if i < 0 || !bytes.Equal(b[i+8:i+12], []byte("chap")) {
		t.Fatal("chapters.m4a: no tref/chap box")
	}
	b = bytes.Clone(b)
	copy(b[i+8:], "xxxx")
	info, err := Probe(bytes.NewReader(b), int64(len(b)), "nero.m4a")
	if err != nil {
		t.Fatal(err)
	}
	if !chaptersEqual(info.Chapters, testChapters) {
		t.Errorf("Chapters = %+v, want %+v", info.Chapters, testChapters)
	}
	if info.Duration != 5300*time.Millisecond {
		t.Errorf("Duration = %v", info.Duration)
	}
}

func TestMP4Errors(t *testing.T) {
	box := func(typ string, body []byte) []byte {
		return cat(binary.BigEndian.AppendUint32(nil, uint32(8+len(body))), []byte(typ), body)
	}
	ftyp := box("ftyp", []byte("M4A \x00\x00\x02\x00isomM4A "))
	m4a := readTestdata(t, "aac-faststart.m4a")
	tests := []struct {
		name string
		file []byte
		want string
	}{
		{"no moov", cat(ftyp, box("mdat", make([]byte, 100))),
			"media: x.m4a: truncated: the MP4 file has no moov box (the index, often written last)"},
		{"garbage moov", cat(ftyp, box("moov", []byte("\x00\x00\x00\x10mvhdxxxxxxxx"))),
			"media: x.m4a: malformed MP4 moov box"},
		{"box past the end", cat(ftyp, []byte("\x00\x01\x00\x00mdat")),
			"media: x.m4a: truncated: the MP4 \"mdat\" box at byte 24 is 65536 bytes, the file ends after 8"},
		{"box size below its header", cat(ftyp, []byte("\x00\x00\x00\x04free")),
			"media: x.m4a: broken MP4 box header at byte 24"},
		{"moov without tracks", cat(ftyp, box("moov", box("mvhd", make([]byte, 100)))),
			"media: x.m4a: MP4 file without an audio or video track"},
		{"trailing zero bytes are fine", cat(m4a, make([]byte, 4)), ""},
	}
	for _, tt := range tests {
		info, err := Probe(bytes.NewReader(tt.file), int64(len(tt.file)), "x.m4a")
		if tt.want == "" {
			if err != nil || info.Duration != 5300*time.Millisecond {
				t.Errorf("%s: got %v, %v; want 5.3s", tt.name, info.Duration, err)
			}
			continue
		}
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s:\n got %v\nwant %s", tt.name, err, tt.want)
		}
	}
}

// wav builds a WAV file from chunks.
func wavFile(riff string, chunks ...[]byte) []byte {
	body := cat([]byte("WAVE"), cat(chunks...))
	return cat([]byte(riff), binary.LittleEndian.AppendUint32(nil, uint32(len(body))), body)
}

func chunk(id string, size uint32, body []byte) []byte {
	b := cat([]byte(id), binary.LittleEndian.AppendUint32(nil, size), body)
	if len(body)%2 == 1 {
		b = append(b, 0)
	}
	return b
}

func fmtChunk(format, channels uint16, rate, byteRate uint32, align, bits uint16) []byte {
	b := binary.LittleEndian.AppendUint16(nil, format)
	b = binary.LittleEndian.AppendUint16(b, channels)
	b = binary.LittleEndian.AppendUint32(b, rate)
	b = binary.LittleEndian.AppendUint32(b, byteRate)
	b = binary.LittleEndian.AppendUint16(b, align)
	b = binary.LittleEndian.AppendUint16(b, bits)
	return chunk("fmt ", uint32(len(b)), b)
}

func TestProbeWAV(t *testing.T) {
	pcm := fmtChunk(1, 2, 8000, 32000, 4, 16)
	ds64 := func(data, samples uint64) []byte {
		b := binary.LittleEndian.AppendUint64(nil, 0)
		b = binary.LittleEndian.AppendUint64(b, data)
		b = binary.LittleEndian.AppendUint64(b, samples)
		return chunk("ds64", 24, b)
	}
	tests := []struct {
		name string
		file []byte
		want time.Duration
		err  string
	}{
		{"PCM", wavFile("RIFF", pcm, chunk("data", 16000, make([]byte, 16000))), 500 * time.Millisecond, ""},
		{"odd chunk before data", wavFile("RIFF", pcm, chunk("LIST", 3, []byte("abc")), chunk("data", 8000, make([]byte, 8000))), 250 * time.Millisecond, ""},
		{"streamed: size 0", wavFile("RIFF", pcm, chunk("data", 0, make([]byte, 32000))), time.Second, ""},
		{"streamed: size -1", wavFile("RIFF", pcm, chunk("data", 0xffffffff, make([]byte, 32000))), time.Second, ""},
		{"RF64", wavFile("RF64", ds64(64000, 16000), pcm, chunk("data", 0xffffffff, make([]byte, 64000))), 2 * time.Second, ""},
		{"compressed with fact", wavFile("RIFF", fmtChunk(0x55, 1, 16000, 2000, 1, 0), chunk("fact", 4, binary.LittleEndian.AppendUint32(nil, 24000)), chunk("data", 3000, make([]byte, 3000))), 1500 * time.Millisecond, ""},
		{"compressed without fact", wavFile("RIFF", fmtChunk(0x55, 1, 16000, 2000, 1, 0), chunk("data", 3000, make([]byte, 3000))), 1500 * time.Millisecond, ""},
		{"no fmt", wavFile("RIFF", chunk("data", 4, make([]byte, 4))), 0, "media: x.wav: truncated: a WAV file without a fmt chunk before its end"},
		{"no data", wavFile("RIFF", pcm), 0, "media: x.wav: truncated: a WAV file without a data chunk"},
		{"empty data", wavFile("RIFF", pcm, chunk("data", 0, nil)), 0, "media: x.wav: no audio: the duration is zero"},
		{"zero rates", wavFile("RIFF", fmtChunk(1, 1, 0, 0, 0, 16), chunk("data", 4, make([]byte, 4))), 0, "media: x.wav: bad WAV fmt chunk: sample rate 0, byte rate 0"},
		{"short fmt", wavFile("RIFF", chunk("fmt ", 4, make([]byte, 4)), chunk("data", 4, make([]byte, 4))), 0, "media: x.wav: WAV fmt chunk too short"},
	}
	for _, tt := range tests {
		info, err := Probe(bytes.NewReader(tt.file), int64(len(tt.file)), "x.wav")
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("%s:\n got %v\nwant %s", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil || info.Duration != tt.want || info.Type != TypeWAV {
			t.Errorf("%s: got %v %s %v, want %v", tt.name, info.Duration, info.Type, err, tt.want)
		}
	}
}

// TestProbeFLACNoTotal: a FLAC file whose STREAMINFO leaves the sample
// count out gets it from the last frame header.
func TestProbeFLACNoTotal(t *testing.T) {
	b := bytes.Clone(readTestdata(t, "flac.flac"))
	si := b[8 : 8+34]
	si[13] &= 0xf0
	si[14], si[15], si[16], si[17] = 0, 0, 0, 0
	info, err := Probe(bytes.NewReader(b), int64(len(b)), "x.flac")
	if err != nil || info.Duration != 5300*time.Millisecond {
		t.Errorf("got %v, %v; want 5.3s", info.Duration, err)
	}
	// and behind an ID3 tag
	tagged := cat(mkTag(4, 0, mkFrame(4, "TIT2", 0, text(3, "x"))), readTestdata(t, "flac.flac"))
	info, err = Probe(bytes.NewReader(tagged), int64(len(tagged)), "x.flac")
	if err != nil || info.Duration != 5300*time.Millisecond || info.Type != TypeFLAC {
		t.Errorf("ID3 + FLAC: got %v %s, %v; want 5.3s audio/flac", info.Duration, info.Type, err)
	}
}

func TestFLACFrameHeader(t *testing.T) {
	si := streamInfo{minBlock: 4096, maxBlock: 4096, rate: 44100}
	withCRC := func(b ...byte) []byte { return append(b, crc8(b)) }
	tests := []struct {
		name        string
		b           []byte
		first, size int64
		ok          bool
	}{
		{"fixed, frame 0, 4096", withCRC(0xff, 0xf8, 0xc9, 0x18, 0x00), 0, 4096, true},
		{"fixed, frame 10", withCRC(0xff, 0xf8, 0xc9, 0x18, 0x0a), 40960, 4096, true},
		{"fixed, 2-byte frame number", withCRC(0xff, 0xf8, 0xc9, 0x18, 0xc2, 0x80), 128 * 4096, 4096, true},
		{"variable, sample 1000, 8-bit block size", withCRC(0xff, 0xf9, 0x69, 0x18, 0xcf, 0xa8, 0x63), 1000, 100, true},
		{"16-bit block size", withCRC(0xff, 0xf8, 0x79, 0x18, 0x01, 0x01, 0x00), 4096, 257, true},
		{"wrong sample rate", withCRC(0xff, 0xf8, 0xca, 0x18, 0x00), 0, 0, false},
		{"bad CRC", []byte{0xff, 0xf8, 0xc9, 0x18, 0x00, 0x00}, 0, 0, false},
		{"reserved block size", withCRC(0xff, 0xf8, 0x09, 0x18, 0x00), 0, 0, false},
		{"bad coded number", withCRC(0xff, 0xf8, 0xc9, 0x18, 0x80), 0, 0, false},
		{"short", []byte{0xff, 0xf8, 0xc9}, 0, 0, false},
	}
	for _, tt := range tests {
		first, n, ok := flacFrameHeader(tt.b, si)
		if ok != tt.ok || ok && (first != tt.first || n != tt.size) {
			t.Errorf("%s: got %d, %d, %v; want %d, %d, %v", tt.name, first, n, ok, tt.first, tt.size, tt.ok)
		}
	}
}

func TestProbeOgg(t *testing.T) {
	b := readTestdata(t, "vorbis.ogg")
	// a file that is only the first page: no page carries the audio's end
	p, ok, err := readOggPage(bytes.NewReader(b), int64(len(b)), 0)
	if err != nil || !ok {
		t.Fatal("vorbis.ogg: no first page")
	}
	first := b[:p.end()]
	_, err = Probe(bytes.NewReader(first), int64(len(first)), "x.ogg")
	if err == nil || err.Error() != "media: x.ogg: no audio: the duration is zero" {
		t.Errorf("first page only: %v", err)
	}
	// a corrupt checksum on the last page makes the one before it the last
	c := bytes.Clone(b)
	last := bytes.LastIndex(c, []byte("OggS"))
	c[last+22] ^= 0xff
	info, err := Probe(bytes.NewReader(c), int64(len(c)), "x.ogg")
	if err != nil || info.Duration >= 5300*time.Millisecond || info.Duration <= 0 {
		t.Errorf("bad last page CRC: got %v, %v; want a little less than 5.3s", info.Duration, err)
	}
	// an Ogg stream of something else
	other := bytes.Clone(first)
	copy(other[p.hdrLen:], "\x01video!")
	_, err = Probe(bytes.NewReader(other), int64(len(other)), "x.ogg")
	if !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("unknown Ogg codec: %v", err)
	}
}
