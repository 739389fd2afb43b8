package media

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf16"
)

// id3Tag is what Probe needs from one ID3v2 tag: where it ends and the
// chapters it holds.
type id3Tag struct {
	end      int64
	chapters []Chapter
}

// Limits that keep a corrupt tag from costing much.
const (
	maxID3FrameBody = 16 << 20 // a CHAP or CTOC frame, sub-frames included
	maxID3Chapters  = 10000
	maxID3Inflated  = 16 << 20 // all compressed CHAP and CTOC frames of a tag, inflated
)

// readID3 reads the ID3v2 tag at pos. It returns nil and no error when there
// is no tag there. Only CHAP and CTOC frames are read; the other frames
// (artwork among them) are skipped without reading them.
func readID3(r io.ReaderAt, size, pos int64) (*id3Tag, error) {
	var h [10]byte
	n, _ := r.ReadAt(h[:], pos)
	if n < 3 || string(h[:3]) != "ID3" {
		return nil, nil
	}
	if n < 10 {
		return nil, fmt.Errorf("%w: the ID3 tag header runs past the end of the file", ErrTruncated)
	}
	major, flags := h[3], h[5]
	tagSize, ok := syncsafe(h[6:10])
	if major < 2 || major > 4 || h[4] == 0xff || !ok {
		if pos == 0 {
			return nil, fmt.Errorf("%w (a broken ID3 tag header)", ErrUnknownFormat)
		}
		return nil, nil
	}
	end := pos + 10 + tagSize
	if major == 4 && flags&0x10 != 0 {
		end += 10 // footer
	}
	if end > size {
		return nil, fmt.Errorf("%w: the ID3 tag needs %d bytes, the file ends after %d", ErrTruncated, end-pos, size-pos)
	}
	tag := &id3Tag{end: end}
	if major < 3 { // ID3v2.2 has no chapters
		return tag, nil
	}

	// w walks the frames: straight from r, or from memory when the whole
	// v2.3 tag is unsynchronised.
	w := frameWalker{r: r, pos: pos + 10, end: pos + 10 + tagSize, major: major}
	if major == 3 && flags&0x80 != 0 {
		body := make([]byte, tagSize)
		if err := readFull(r, body, pos+10, size, "ID3 tag"); err != nil {
			return nil, err
		}
		body = unsync(body)
		w = frameWalker{r: bytes.NewReader(body), pos: 0, end: int64(len(body)), major: major}
	}
	w.allUnsync = major == 4 && flags&0x80 != 0
	w.inflate = maxID3Inflated
	if flags&0x40 != 0 { // extended header
		var eh [4]byte
		if err := readFull(w.r, eh[:], w.pos, w.end, "ID3 extended header"); err != nil {
			return nil, err
		}
		if major == 3 {
			w.pos += 4 + int64(binary.BigEndian.Uint32(eh[:]))
		} else {
			n, ok := syncsafe(eh[:])
			if !ok {
				return tag, nil // unreadable: keep the tag's extent, skip its frames
			}
			w.pos += n
		}
	}
	chapters, err := w.chapters()
	if err != nil {
		return nil, err
	}
	tag.chapters = chapters
	return tag, nil
}

// syncsafe decodes a 28-bit ID3 "synchsafe" integer.
func syncsafe(b []byte) (int64, bool) {
	var n int64
	for _, c := range b {
		if c&0x80 != 0 {
			return 0, false
		}
		n = n<<7 | int64(c)
	}
	return n, true
}

// unsync undoes ID3 unsynchronisation: every 0xFF 0x00 becomes 0xFF.
func unsync(b []byte) []byte {
	if !bytes.Contains(b, []byte{0xff, 0x00}) {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		out = append(out, b[i])
		if b[i] == 0xff && i+1 < len(b) && b[i+1] == 0 {
			i++
		}
	}
	return out
}

type frameWalker struct {
	r         io.ReaderAt
	pos, end  int64
	major     byte
	allUnsync bool  // v2.4 tag flag: every frame is unsynchronised
	inflate   int64 // bytes compressed frames may still inflate to
}

type id3Frame struct {
	id   string
	body []byte
}

type ctoc struct {
	topLevel bool
	children []string
}

// chapters reads the CHAP and CTOC frames of the tag and returns the
// chapters in table-of-contents order.
func (w *frameWalker) chapters() ([]Chapter, error) {
	chaps := map[string]Chapter{}
	var order []string // CHAP element IDs in file order
	tocs := map[string]ctoc{}
	var top string
	for w.pos+10 <= w.end {
		var h [10]byte
		if err := readFull(w.r, h[:], w.pos, w.end, "ID3 frame header"); err != nil {
			return nil, err
		}
		if h[0] == 0 { // padding
			break
		}
		id := string(h[:4])
		if !validFrameID(id) {
			break // garbage: keep what was read so far
		}
		n := frameSize(h[4:8], w.major)
		w.pos += 10
		if n < 0 || w.pos+n > w.end {
			return nil, fmt.Errorf("%w: ID3 frame %s runs past the end of its tag", ErrTruncated, id)
		}
		start := w.pos
		w.pos += n
		if id != "CHAP" && id != "CTOC" {
			continue
		}
		if n > maxID3FrameBody || len(chaps) >= maxID3Chapters {
			continue
		}
		body := make([]byte, n)
		if err := readFull(w.r, body, start, w.end, "ID3 "+id+" frame"); err != nil {
			return nil, err
		}
		body, ok := frameBody(body, h[9], w.major, w.allUnsync, &w.inflate)
		if !ok {
			continue
		}
		switch id {
		case "CHAP":
			eid, c, ok := parseCHAP(body, w.major, &w.inflate)
			if !ok {
				continue
			}
			if _, dup := chaps[eid]; !dup {
				order = append(order, eid)
			}
			chaps[eid] = c
		case "CTOC":
			eid, t, ok := parseCTOC(body)
			if !ok {
				continue
			}
			tocs[eid] = t
			if t.topLevel && top == "" {
				top = eid
			}
		}
	}
	if len(chaps) == 0 {
		return nil, nil
	}
	if top != "" {
		var ids []string
		seen := map[string]bool{}
		var walk func(id string, depth int)
		walk = func(id string, depth int) {
			if seen[id] || depth > 8 {
				return
			}
			seen[id] = true
			if _, ok := chaps[id]; ok {
				ids = append(ids, id)
				return
			}
			for _, c := range tocs[id].children {
				walk(c, depth+1)
			}
		}
		walk(top, 0)
		if len(ids) > 0 {
			order = ids
		}
	}
	out := make([]Chapter, 0, len(order))
	for _, id := range order {
		out = append(out, chaps[id])
	}
	return out, nil
}

func validFrameID(id string) bool {
	for i := 0; i < len(id); i++ {
		c := id[i]
		if (c < 'A' || c > 'Z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// frameSize decodes a frame size: plain in v2.3, synchsafe in v2.4 (with
// the common writer bug of a plain size in a v2.4 tag accepted).
func frameSize(b []byte, major byte) int64 {
	if major == 4 {
		if n, ok := syncsafe(b); ok {
			return n
		}
	}
	return int64(binary.BigEndian.Uint32(b))
}

// frameBody undoes a frame's grouping, compression and unsynchronisation
// flags. It reports false for frames it cannot read (encrypted ones).
func frameBody(b []byte, format byte, major byte, allUnsync bool, inflate *int64) ([]byte, bool) {
	var compressed, encrypted, grouped, unsynced, dataLen bool
	if major == 3 {
		compressed, encrypted, grouped = format&0x80 != 0, format&0x40 != 0, format&0x20 != 0
		if compressed {
			dataLen = true
		}
	} else {
		grouped, compressed, encrypted = format&0x40 != 0, format&0x08 != 0, format&0x04 != 0
		unsynced, dataLen = format&0x02 != 0 || allUnsync, format&0x01 != 0
	}
	if encrypted {
		return nil, false
	}
	if major == 3 {
		// v2.3 order: decompressed size, then group byte
		if dataLen {
			if len(b) < 4 {
				return nil, false
			}
			b = b[4:]
		}
		if grouped {
			if len(b) < 1 {
				return nil, false
			}
			b = b[1:]
		}
	} else {
		if grouped {
			if len(b) < 1 {
				return nil, false
			}
			b = b[1:]
		}
		if dataLen {
			if len(b) < 4 {
				return nil, false
			}
			b = b[4:]
		}
		if unsynced {
			b = unsync(b)
		}
	}
	if compressed {
		zr, err := zlib.NewReader(bytes.NewReader(b))
		if err != nil || *inflate <= 0 {
			return nil, false
		}
		out, err := io.ReadAll(io.LimitReader(zr, *inflate))
		*inflate -= int64(len(out))
		if err != nil {
			return nil, false
		}
		b = out
	}
	return b, true
}

// parseCHAP reads a CHAP frame body (ID3v2 Chapter Frame Addendum 1.0).
func parseCHAP(b []byte, major byte, inflate *int64) (string, Chapter, bool) {
	i := bytes.IndexByte(b, 0)
	if i < 0 || len(b) < i+1+16 {
		return "", Chapter{}, false
	}
	eid := string(b[:i])
	b = b[i+1:]
	c := Chapter{Start: time.Duration(binary.BigEndian.Uint32(b[0:4])) * time.Millisecond}
	b = b[16:]
	var linkURL string
	for _, f := range subframes(b, major, inflate) {
		switch {
		case f.id == "TIT2":
			c.Title = textFrame(f.body)
		case f.id == "WXXX":
			if u := wxxxURL(f.body); u != "" {
				c.URL = u
			}
		case f.id == "APIC":
			if u := apicLink(f.body); u != "" {
				c.Image = u
			}
		case f.id[0] == 'W' && linkURL == "":
			linkURL = latin1(trimNul(f.body))
		}
	}
	if c.URL == "" {
		c.URL = linkURL
	}
	return eid, c, true
}

// parseCTOC reads a CTOC frame body.
func parseCTOC(b []byte) (string, ctoc, bool) {
	i := bytes.IndexByte(b, 0)
	if i < 0 || len(b) < i+3 {
		return "", ctoc{}, false
	}
	eid := string(b[:i])
	flags, count := b[i+1], int(b[i+2])
	b = b[i+3:]
	t := ctoc{topLevel: flags&0x02 != 0}
	for k := 0; k < count; k++ {
		j := bytes.IndexByte(b, 0)
		if j < 0 {
			break
		}
		t.children = append(t.children, string(b[:j]))
		b = b[j+1:]
	}
	return eid, t, true
}

// subframes splits the embedded frames of a CHAP or CTOC body.
func subframes(b []byte, major byte, inflate *int64) []id3Frame {
	var out []id3Frame
	for len(b) >= 10 && b[0] != 0 {
		id := string(b[:4])
		if !validFrameID(id) {
			break
		}
		n := frameSize(b[4:8], major)
		if n < 0 || n > int64(len(b)-10) {
			break
		}
		body, ok := frameBody(b[10:10+n], b[9], major, false, inflate)
		if ok {
			out = append(out, id3Frame{id: id, body: body})
		}
		b = b[10+n:]
	}
	return out
}

// textFrame decodes a text frame: encoding byte, then text; of several
// NUL-separated values the first is kept.
func textFrame(b []byte) string {
	if len(b) < 1 {
		return ""
	}
	s, _ := splitText(b[0], b[1:])
	return s
}

// wxxxURL decodes a WXXX frame: encoding, description, then the URL in
// ISO-8859-1.
func wxxxURL(b []byte) string {
	if len(b) < 1 {
		return ""
	}
	_, rest := splitText(b[0], b[1:])
	return strings.TrimSpace(latin1(trimNul(rest)))
}

// apicLink returns the URL of an APIC frame whose MIME type is "-->" (the
// picture is a link, not data); "" for embedded pictures.
func apicLink(b []byte) string {
	if len(b) < 1 {
		return ""
	}
	enc := b[0]
	b = b[1:]
	i := bytes.IndexByte(b, 0)
	if i < 0 || string(b[:i]) != "-->" || len(b) < i+2 {
		return ""
	}
	b = b[i+2:] // MIME type, its NUL, picture type
	_, data := splitText(enc, b)
	return strings.TrimSpace(latin1(trimNul(data)))
}

// splitText decodes the first terminated string in b in the given ID3
// encoding and returns it with the bytes after its terminator.
func splitText(enc byte, b []byte) (string, []byte) {
	switch enc {
	case 1, 2: // UTF-16 with BOM, UTF-16BE: two-byte terminator on an even offset
		i := 0
		for ; i+1 < len(b); i += 2 {
			if b[i] == 0 && b[i+1] == 0 {
				return decodeUTF16(b[:i], enc == 2), b[i+2:]
			}
		}
		return decodeUTF16(b, enc == 2), nil
	default: // 0 ISO-8859-1, 3 UTF-8
		s, rest := b, []byte(nil)
		if i := bytes.IndexByte(b, 0); i >= 0 {
			s, rest = b[:i], b[i+1:]
		}
		if enc == 3 {
			return strings.ToValidUTF8(string(s), "\uFFFD"), rest
		}
		return latin1(s), rest
	}
}

func decodeUTF16(b []byte, bigEndian bool) string {
	if len(b) >= 2 {
		switch {
		case b[0] == 0xfe && b[1] == 0xff:
			bigEndian, b = true, b[2:]
		case b[0] == 0xff && b[1] == 0xfe:
			bigEndian, b = false, b[2:]
		}
	}
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		if bigEndian {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		} else {
			u = append(u, uint16(b[i+1])<<8|uint16(b[i]))
		}
	}
	return string(utf16.Decode(u))
}

func latin1(b []byte) string {
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

func trimNul(b []byte) []byte {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return b[:i]
	}
	return b
}
