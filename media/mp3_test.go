package media

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"testing"
	"time"
	"unicode/utf16"
)

// mp3Audio returns the frames of cbr-noheader.mp3 (its ID3 tag dropped)
// and their duration.
func mp3Audio(t *testing.T) ([]byte, time.Duration) {
	t.Helper()
	b := readTestdata(t, "cbr-noheader.mp3")
	tag, err := readID3(bytes.NewReader(b), int64(len(b)), 0)
	if err != nil || tag == nil {
		t.Fatalf("cbr-noheader.mp3: no ID3 tag: %v", err)
	}
	return b[tag.end:], 5355102040
}

func TestParseMPEGHeader(t *testing.T) {
	tests := []struct {
		name string
		b    []byte
		ok   bool
		want mpegHeader
	}{
		{"MPEG-1 L3 128k 44.1k stereo", []byte{0xff, 0xfb, 0x90, 0x00}, true,
			mpegHeader{version: 3, layer: 3, sampleRate: 44100, frameLen: 417, samples: 1152}},
		{"MPEG-1 L3 128k 44.1k padded", []byte{0xff, 0xfb, 0x92, 0x00}, true,
			mpegHeader{version: 3, layer: 3, sampleRate: 44100, frameLen: 418, samples: 1152}},
		{"MPEG-2 L3 32k 22.05k mono", []byte{0xff, 0xf3, 0x40, 0xc0}, true,
			mpegHeader{version: 2, layer: 3, mono: true, sampleRate: 22050, frameLen: 104, samples: 576}},
		{"MPEG-2.5 L3 8k 8k", []byte{0xff, 0xe3, 0x18, 0x00}, true,
			mpegHeader{version: 0, layer: 3, sampleRate: 8000, frameLen: 72, samples: 576}},
		{"MPEG-1 L2 192k 48k with CRC", []byte{0xff, 0xfc, 0xa4, 0x00}, true,
			mpegHeader{version: 3, layer: 2, crc: true, sampleRate: 48000, frameLen: 576, samples: 1152}},
		{"MPEG-1 L1 384k 48k", []byte{0xff, 0xff, 0xc4, 0x00}, true,
			mpegHeader{version: 3, layer: 1, sampleRate: 48000, frameLen: 384, samples: 384}},
		{"no sync", []byte{0xff, 0x1b, 0x90, 0x00}, false, mpegHeader{}},
		{"reserved version", []byte{0xff, 0xeb, 0x90, 0x00}, false, mpegHeader{}},
		{"reserved layer", []byte{0xff, 0xf9, 0x90, 0x00}, false, mpegHeader{}},
		{"free format", []byte{0xff, 0xfb, 0x00, 0x00}, false, mpegHeader{}},
		{"bad bitrate", []byte{0xff, 0xfb, 0xf0, 0x00}, false, mpegHeader{}},
		{"reserved sample rate", []byte{0xff, 0xfb, 0x9c, 0x00}, false, mpegHeader{}},
		{"reserved emphasis", []byte{0xff, 0xfb, 0x90, 0x02}, false, mpegHeader{}},
		{"short", []byte{0xff, 0xfb, 0x90}, false, mpegHeader{}},
	}
	for _, tt := range tests {
		got, ok := parseMPEGHeader(tt.b)
		if ok != tt.ok || ok && got != tt.want {
			t.Errorf("%s: parseMPEGHeader(% x) = %+v, %v; want %+v, %v", tt.name, tt.b, got, ok, tt.want, tt.ok)
		}
	}
}

// vbriFrame builds a silent first frame like h's, holding a VBRI header.
func vbriFrame(h []byte, frameLen int, frames, size uint32) []byte {
	f := make([]byte, frameLen)
	copy(f, h[:4])
	copy(f[36:], "VBRI")
	binary.BigEndian.PutUint16(f[40:], 1)    // version
	binary.BigEndian.PutUint16(f[42:], 1105) // delay
	binary.BigEndian.PutUint16(f[44:], 75)   // quality
	binary.BigEndian.PutUint32(f[46:], size)
	binary.BigEndian.PutUint32(f[50:], frames)
	return f
}

func TestProbeVBRI(t *testing.T) {
	audio, want := mp3Audio(t)
	h, _ := parseMPEGHeader(audio)
	// The VBRI frame counts itself among the frames (as Fraunhofer's
	// encoder does not); only the count in the header matters here.
	const frames = 205
	f := vbriFrame(audio, h.frameLen, frames, uint32(h.frameLen+len(audio)))
	file := append(f, audio...)
	info, err := Probe(bytes.NewReader(file), int64(len(file)), "vbri.mp3")
	if err != nil {
		t.Fatal(err)
	}
	if info.Duration != want || info.Type != TypeMP3 {
		t.Errorf("got %v %s, want %v audio/mpeg", info.Duration, info.Type, want)
	}

	// a VBRI header counting more bytes than the file has
	f = vbriFrame(audio, h.frameLen, frames, uint32(2*len(audio)))
	file = append(f, audio...)
	_, err = Probe(bytes.NewReader(file), int64(len(file)), "vbri.mp3")
	if !errors.Is(err, ErrTruncated) {
		t.Errorf("VBRI header counting too many bytes: err = %v, want a truncation error", err)
	}
}

func TestProbeMP3TrailingTags(t *testing.T) {
	xing := readTestdata(t, "vbr-xing.mp3")
	noheader := readTestdata(t, "vbr-noheader.mp3")
	id3v1 := append([]byte("TAG"), make([]byte, 125)...)
	ape := apeTag()
	for _, tt := range []struct {
		name string
		file []byte
	}{
		{"xing+id3v1", cat(xing, id3v1)},
		{"xing+ape", cat(xing, ape)},
		{"xing+ape+id3v1", cat(xing, ape, id3v1)},
		{"noheader+id3v1", cat(noheader, id3v1)},
		{"noheader+ape", cat(noheader, ape)},
		{"noheader+junk+frames", cat(noheader[:5000], []byte("junk in the middle"), noheader[5000:])},
	} {
		info, err := Probe(bytes.NewReader(tt.file), int64(len(tt.file)), tt.name)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if info.Duration != 5355102040 {
			t.Errorf("%s: Duration = %v, want 5.355102040s", tt.name, info.Duration)
		}
	}
}

func cat(parts ...[]byte) []byte {
	var b []byte
	for _, p := range parts {
		b = append(b, p...)
	}
	return b
}

// apeTag builds an APEv2 tag with a header, one item and a footer.
func apeTag() []byte {
	item := cat([]byte{5, 0, 0, 0, 0, 0, 0, 0}, []byte("Title\x00Hello"))
	hf := func(isHeader bool) []byte {
		b := make([]byte, 32)
		copy(b, "APETAGEX")
		binary.LittleEndian.PutUint32(b[8:], 2000)
		binary.LittleEndian.PutUint32(b[12:], uint32(len(item)+32))
		binary.LittleEndian.PutUint32(b[16:], 1)
		flags := uint32(1 << 31) // has header
		if isHeader {
			flags |= 1 << 29
		}
		binary.LittleEndian.PutUint32(b[20:], flags)
		return b
	}
	return cat(hf(true), item, hf(false))
}

// ID3v2 builders for the chapter tests.

func mkTag(major, flags byte, frames ...[]byte) []byte {
	body := cat(frames...)
	if major == 3 && flags&0x80 != 0 {
		body = unsyncEncode(body)
	}
	return cat([]byte{'I', 'D', '3', major, 0, flags}, syncsafeBytes(len(body)), body)
}

func mkFrame(major byte, id string, format byte, body []byte) []byte {
	size := make([]byte, 4)
	if major == 4 {
		size = syncsafeBytes(len(body))
	} else {
		binary.BigEndian.PutUint32(size, uint32(len(body)))
	}
	return cat([]byte(id), size, []byte{0, format}, body)
}

func syncsafeBytes(n int) []byte {
	return []byte{byte(n >> 21 & 0x7f), byte(n >> 14 & 0x7f), byte(n >> 7 & 0x7f), byte(n & 0x7f)}
}

func unsyncEncode(b []byte) []byte {
	var out []byte
	for _, c := range b {
		out = append(out, c)
		if c == 0xff {
			out = append(out, 0)
		}
	}
	return out
}

// text encodes s as an ID3 text frame body in the given encoding.
func text(enc byte, s string) []byte {
	return cat([]byte{enc}, encodeText(enc, s))
}

func encodeText(enc byte, s string) []byte {
	switch enc {
	case 0:
		var b []byte
		for _, r := range s {
			b = append(b, byte(r))
		}
		return b
	case 1, 2:
		var b []byte
		if enc == 1 {
			b = []byte{0xff, 0xfe}
		}
		for _, u := range utf16.Encode([]rune(s)) {
			if enc == 1 {
				b = append(b, byte(u), byte(u>>8))
			} else {
				b = append(b, byte(u>>8), byte(u))
			}
		}
		return b
	default:
		return []byte(s)
	}
}

func chapBody(major byte, id string, start uint32, sub ...[]byte) []byte {
	times := make([]byte, 16)
	binary.BigEndian.PutUint32(times, start)
	binary.BigEndian.PutUint32(times[4:], start+1000)
	binary.BigEndian.PutUint32(times[8:], 0xffffffff)
	binary.BigEndian.PutUint32(times[12:], 0xffffffff)
	return cat([]byte(id), []byte{0}, times, cat(sub...))
}

func ctocBody(id string, flags byte, children ...string) []byte {
	b := cat([]byte(id), []byte{0, flags, byte(len(children))})
	for _, c := range children {
		b = cat(b, []byte(c), []byte{0})
	}
	return b
}

func wxxx(enc byte, desc, url string) []byte {
	term := []byte{0}
	if enc == 1 || enc == 2 {
		term = []byte{0, 0}
	}
	return cat([]byte{enc}, encodeText(enc, desc), term, []byte(url))
}

func apicLinkBody(url string) []byte {
	return cat([]byte{0}, []byte("-->\x00"), []byte{3}, []byte("cover\x00"), []byte(url))
}

func apicJPEG() []byte {
	return cat([]byte{0}, []byte("image/jpeg\x00"), []byte{3}, []byte{0}, []byte{0xff, 0xd8, 0xff, 0xe0, 1, 2, 3})
}

func zlibBytes(b []byte) []byte {
	var buf bytes.Buffer
	w := zlib.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

func TestID3Chapters(t *testing.T) {
	audio, _ := mp3Audio(t)
	ms := time.Millisecond
	compressed := func(major byte, body []byte) []byte {
		if major == 3 { // decompressed size, then data
			return cat(binary.BigEndian.AppendUint32(nil, uint32(len(body))), zlibBytes(body))
		}
		return cat(syncsafeBytes(len(body)), zlibBytes(body))
	}
	tests := []struct {
		name string
		tag  []byte
		want []Chapter
	}{
		{
			name: "v2.3 UTF-16, CTOC order, URL and image link",
			tag: mkTag(3, 0,
				mkFrame(3, "TIT2", 0, text(1, "Episode")),
				mkFrame(3, "CHAP", 0, chapBody(3, "c2", 4000,
					mkFrame(3, "TIT2", 0, text(1, "Third ✓")),
					mkFrame(3, "APIC", 0, apicLinkBody("https://example.com/3.jpg")))),
				mkFrame(3, "CHAP", 0, chapBody(3, "c0", 0,
					mkFrame(3, "TIT2", 0, text(1, "First")),
					mkFrame(3, "APIC", 0, apicJPEG()))),
				mkFrame(3, "CHAP", 0, chapBody(3, "c1", 2000,
					mkFrame(3, "WXXX", 0, wxxx(1, "link", "https://example.com/2")),
					mkFrame(3, "TIT2", 0, text(2, "Second (BE)")))),
				mkFrame(3, "CTOC", 0, ctocBody("toc", 3, "c0", "c1", "c2")),
				mkFrame(3, "APIC", 0, apicJPEG()),
			),
			want: []Chapter{
				{Start: 0, Title: "First"},
				{Start: 2000 * ms, Title: "Second (BE)", URL: "https://example.com/2"},
				{Start: 4000 * ms, Title: "Third ✓", Image: "https://example.com/3.jpg"},
			},
		},
		{
			name: "v2.4 UTF-8, no CTOC: sorted by start",
			tag: mkTag(4, 0,
				mkFrame(4, "CHAP", 0, chapBody(4, "b", 3000, mkFrame(4, "TIT2", 0, text(3, "Zwei – two")))),
				mkFrame(4, "CHAP", 0, chapBody(4, "a", 0, mkFrame(4, "TIT2", 0, text(3, "Eins")))),
			),
			want: []Chapter{{Start: 0, Title: "Eins"}, {Start: 3000 * ms, Title: "Zwei – two"}},
		},
		{
			name: "v2.4 CTOC lists some chapters only, nested",
			tag: mkTag(4, 0,
				mkFrame(4, "CTOC", 0, ctocBody("top", 3, "part1", "x")),
				mkFrame(4, "CTOC", 0, ctocBody("part1", 1, "a")),
				mkFrame(4, "CHAP", 0, chapBody(4, "a", 0, mkFrame(4, "TIT2", 0, text(0, "Listed")))),
				mkFrame(4, "CHAP", 0, chapBody(4, "x", 1000, mkFrame(4, "TIT2", 0, text(0, "Also listed")))),
				mkFrame(4, "CHAP", 0, chapBody(4, "ad", 500, mkFrame(4, "TIT2", 0, text(0, "Not listed")))),
			),
			want: []Chapter{{Start: 0, Title: "Listed"}, {Start: 1000 * ms, Title: "Also listed"}},
		},
		{
			name: "v2.4 frame unsynchronisation and data length indicator",
			tag: mkTag(4, 0,
				mkFrame(4, "CHAP", 0x03, cat(syncsafeBytes(0), unsyncEncode(chapBody(4, "a", 0xff,
					mkFrame(4, "TIT2", 0, text(0, "ÿes ÿ")))))),
			),
			want: []Chapter{{Start: 0xff * ms, Title: "ÿes ÿ"}},
		},
		{
			name: "v2.3 whole-tag unsynchronisation",
			tag: mkTag(3, 0x80,
				mkFrame(3, "CHAP", 0, chapBody(3, "a", 0xff, mkFrame(3, "TIT2", 0, text(0, "ÿÿ")))),
			),
			want: []Chapter{{Start: 0xff * ms, Title: "ÿÿ"}},
		},
		{
			name: "compressed frames",
			tag: cat(
				mkTag(4, 0, mkFrame(4, "CHAP", 0x09, compressed(4, chapBody(4, "a", 0, mkFrame(4, "TIT2", 0, text(3, "Packed 4")))))),
			),
			want: []Chapter{{Start: 0, Title: "Packed 4"}},
		},
		{
			name: "v2.3 compressed frame",
			tag:  mkTag(3, 0, mkFrame(3, "CHAP", 0x80, compressed(3, chapBody(3, "a", 0, mkFrame(3, "TIT2", 0, text(3, "Packed 3")))))),
			want: []Chapter{{Start: 0, Title: "Packed 3"}},
		},
		{
			name: "encrypted frame skipped",
			tag: mkTag(4, 0,
				mkFrame(4, "CHAP", 0x04, chapBody(4, "a", 0, mkFrame(4, "TIT2", 0, text(3, "Secret")))),
				mkFrame(4, "CHAP", 0, chapBody(4, "b", 100, mkFrame(4, "TIT2", 0, text(3, "Plain"))))),
			want: []Chapter{{Start: 100 * ms, Title: "Plain"}},
		},
		{
			name: "chapter after the end dropped, title trimmed",
			tag: mkTag(4, 0,
				mkFrame(4, "CHAP", 0, chapBody(4, "a", 0, mkFrame(4, "TIT2", 0, text(3, "  Start  ")))),
				mkFrame(4, "CHAP", 0, chapBody(4, "b", 3600000, mkFrame(4, "TIT2", 0, text(3, "Too late"))))),
			want: []Chapter{{Start: 0, Title: "Start"}},
		},
		{
			name: "extended header and padding",
			tag: func() []byte {
				frames := cat(
					[]byte{0, 0, 0, 6, 0, 0, 0, 0, 0, 0}, // v2.3 extended header: size 6, flags, padding size
					mkFrame(3, "CHAP", 0, chapBody(3, "a", 0, mkFrame(3, "TIT2", 0, text(0, "After ext")))),
					make([]byte, 300))
				return cat([]byte{'I', 'D', '3', 3, 0, 0x40}, syncsafeBytes(len(frames)), frames)
			}(),
			want: []Chapter{{Start: 0, Title: "After ext"}},
		},
		{
			name: "v2.2 tag: no chapters",
			tag:  cat([]byte{'I', 'D', '3', 2, 0, 0}, syncsafeBytes(13), []byte("TT2\x00\x00\x07\x00Title!"), make([]byte, 0)),
			want: nil,
		},
		{
			name: "two tags, chapters in the second",
			tag: cat(mkTag(3, 0, mkFrame(3, "TIT2", 0, text(0, "x"))),
				mkTag(4, 0, mkFrame(4, "CHAP", 0, chapBody(4, "a", 0, mkFrame(4, "TIT2", 0, text(3, "Second tag")))))),
			want: []Chapter{{Start: 0, Title: "Second tag"}},
		},
		{
			name: "garbage frame ID ends the walk",
			tag: mkTag(4, 0,
				mkFrame(4, "CHAP", 0, chapBody(4, "a", 0, mkFrame(4, "TIT2", 0, text(3, "Kept")))),
				[]byte("ab\x01d\x00\x00\x00\x01\x00\x00x")),
			want: []Chapter{{Start: 0, Title: "Kept"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := cat(tt.tag, audio)
			info, err := Probe(bytes.NewReader(file), int64(len(file)), "chapters.mp3")
			if err != nil {
				t.Fatal(err)
			}
			if info.Duration != 5355102040 {
				t.Errorf("Duration = %v", info.Duration)
			}
			if !chaptersEqual(info.Chapters, tt.want) {
				t.Errorf("Chapters:\n got %+v\nwant %+v", info.Chapters, tt.want)
			}
		})
	}
}

func TestID3Errors(t *testing.T) {
	audio, _ := mp3Audio(t)
	tests := []struct {
		name string
		file []byte
		want string
	}{
		{"tag larger than file", cat([]byte{'I', 'D', '3', 4, 0, 0}, syncsafeBytes(1<<20), audio),
			"media: x.mp3: truncated: the ID3 tag needs 1048586 bytes, the file ends after 21430"},
		{"frame larger than tag", mkTag(4, 0, []byte("CHAP\x00\x00\x7f\x7f\x00\x00")),
			"media: x.mp3: truncated: ID3 frame CHAP runs past the end of its tag"},
		{"bad size bytes", cat([]byte{'I', 'D', '3', 4, 0, 0, 0x80, 0, 0, 0}, audio),
			"media: x.mp3: not an audio file I know (a broken ID3 tag header)"},
		{"tag only", mkTag(4, 0, mkFrame(4, "TIT2", 0, text(3, "x"))),
			"media: x.mp3: truncated: an ID3 tag but no audio after it"},
		{"tag then text", cat(mkTag(4, 0, mkFrame(4, "TIT2", 0, text(3, "x"))), []byte("hello, world")),
			"media: x.mp3: not an audio file I know (an ID3 tag, then no MP3 frames)"},
		{"short header", []byte("ID3\x04\x00"), "media: x.mp3: truncated: the ID3 tag header runs past the end of the file"},
	}
	for _, tt := range tests {
		_, err := Probe(bytes.NewReader(tt.file), int64(len(tt.file)), "x.mp3")
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s:\n got %v\nwant %s", tt.name, err, tt.want)
		}
	}
}

func TestSplitText(t *testing.T) {
	tests := []struct {
		enc  byte
		b    []byte
		want string
		rest string
	}{
		{0, []byte("caf\xe9\x00rest"), "café", "rest"},
		{3, []byte("café\x00rest"), "café", "rest"},
		{3, []byte("bad \xff utf8"), "bad \uFFFD utf8", ""},
		{1, []byte{0xff, 0xfe, 'h', 0, 'i', 0, 0, 0, 'r'}, "hi", "r"},
		{1, []byte{0xfe, 0xff, 0, 'h', 0, 'i', 0, 0}, "hi", ""},
		{2, []byte{0, 'h', 0, 'i'}, "hi", ""},
		{1, []byte{'h', 0, 0x00, 0x01, 0, 0}, "h\u0100", ""}, // no BOM: little-endian
		{1, []byte{0xff}, "", ""},
	}
	for _, tt := range tests {
		got, rest := splitText(tt.enc, tt.b)
		if got != tt.want || string(rest) != tt.rest {
			t.Errorf("splitText(%d, %q) = %q, %q; want %q, %q", tt.enc, tt.b, got, rest, tt.want, tt.rest)
		}
	}
}
