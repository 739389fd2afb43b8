package media

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// maxOggTailPages bounds how many pages lastGranule looks at, counting
// from the end, to find the audio stream's last one.
const maxOggTailPages = 4096

// oggPage is the header of one Ogg page.
type oggPage struct {
	flags   byte
	granule int64
	serial  uint32
	pos     int64
	hdrLen  int64 // 27 + segment table
	bodyLen int64
}

func (p oggPage) end() int64 { return p.pos + p.hdrLen + p.bodyLen }

// readOggPage reads the page header at pos. ok is false when there is no
// page header there (or only part of one).
func readOggPage(r io.ReaderAt, size, pos int64) (oggPage, bool, error) {
	var h [27 + 255]byte
	got, err := readAt(r, h[:], pos)
	if err != nil {
		return oggPage{}, false, err
	}
	if len(got) < 27 || string(got[:4]) != "OggS" || got[4] != 0 {
		return oggPage{}, false, nil
	}
	nseg := int(got[26])
	if len(got) < 27+nseg {
		return oggPage{}, false, nil
	}
	p := oggPage{
		flags:   got[5],
		granule: int64(binary.LittleEndian.Uint64(got[6:])),
		serial:  binary.LittleEndian.Uint32(got[14:]),
		pos:     pos,
		hdrLen:  int64(27 + nseg),
	}
	for _, s := range got[27 : 27+nseg] {
		p.bodyLen += int64(s)
	}
	return p, true, nil
}

// oggCRCTable is the table of the Ogg CRC-32 (polynomial 0x04c11db7, not
// reflected), which hash/crc32 does not offer.
var oggCRCTable = func() (t [256]uint32) {
	for i := range t {
		c := uint32(i) << 24
		for k := 0; k < 8; k++ {
			if c&0x80000000 != 0 {
				c = c<<1 ^ 0x04c11db7
			} else {
				c <<= 1
			}
		}
		t[i] = c
	}
	return t
}()

// oggCRCOK checks the checksum of the complete page p.
func oggCRCOK(r io.ReaderAt, size int64, p oggPage) (bool, error) {
	b := make([]byte, p.end()-p.pos)
	if err := readFull(r, b, p.pos, size, "Ogg page"); err != nil {
		return false, err
	}
	want := binary.LittleEndian.Uint32(b[22:])
	b[22], b[23], b[24], b[25] = 0, 0, 0, 0
	var crc uint32
	for _, c := range b {
		crc = crc<<8 ^ oggCRCTable[byte(crc>>24)^c]
	}
	return crc == want, nil
}

// oggStream is the audio stream chosen from the first pages.
type oggStream struct {
	serial  uint32
	codec   string
	rate    int64
	preSkip int64
}

func probeOgg(r io.ReaderAt, size int64) (Info, error) {
	var audio *oggStream
	video := false
	pos := int64(0)
	for i := 0; i < 16 && pos < size; i++ {
		p, ok, err := readOggPage(r, size, pos)
		if err != nil {
			return Info{}, err
		}
		if !ok {
			if i == 0 {
				return Info{}, fmt.Errorf("%w: the first Ogg page header is cut off", ErrTruncated)
			}
			break
		}
		if p.flags&0x02 == 0 { // not a beginning-of-stream page: the headers are over
			break
		}
		if p.end() > size {
			return Info{}, fmt.Errorf("%w: the first Ogg pages run past the end of the file", ErrTruncated)
		}
		pkt, err := readAt(r, make([]byte, min(p.bodyLen, 64)), p.pos+p.hdrLen)
		if err != nil {
			return Info{}, err
		}
		s, isVideo := oggCodec(pkt)
		video = video || isVideo
		if s != nil && audio == nil {
			s.serial = p.serial
			audio = s
		}
		pos = p.end()
	}
	if audio == nil {
		return Info{}, fmt.Errorf("%w (an Ogg file without Vorbis, Opus, FLAC or Speex audio)", ErrUnknownFormat)
	}
	if audio.rate <= 0 {
		return Info{}, fmt.Errorf("bad %s header: sample rate %d", audio.codec, audio.rate)
	}
	g, err := lastGranule(r, size, audio.serial)
	if err != nil {
		return Info{}, err
	}
	info := Info{Type: TypeOgg}
	if video {
		info.Type = TypeOggVideo
	}
	info.Duration = samplesToDuration(g-audio.preSkip, audio.rate)
	return info, nil
}

// oggCodec identifies the first packet of a stream.
func oggCodec(p []byte) (s *oggStream, video bool) {
	switch {
	case hasPrefixAt(p, 0, "\x01vorbis") && len(p) >= 16:
		return &oggStream{codec: "Vorbis", rate: int64(binary.LittleEndian.Uint32(p[12:]))}, false
	case hasPrefixAt(p, 0, "OpusHead") && len(p) >= 12:
		// granule positions count at 48 kHz whatever the input rate
		return &oggStream{codec: "Opus", rate: 48000, preSkip: int64(binary.LittleEndian.Uint16(p[10:]))}, false
	case hasPrefixAt(p, 0, "\x7fFLAC") && hasPrefixAt(p, 9, "fLaC") && len(p) >= 17+18:
		si := p[17:]
		return &oggStream{codec: "FLAC", rate: int64(si[10])<<12 | int64(si[11])<<4 | int64(si[12])>>4}, false
	case hasPrefixAt(p, 0, "Speex   ") && len(p) >= 40:
		return &oggStream{codec: "Speex", rate: int64(binary.LittleEndian.Uint32(p[36:]))}, false
	case hasPrefixAt(p, 0, "\x80theora"):
		return nil, true
	}
	return nil, false
}

// lastGranule finds the granule position of the last page of the stream,
// reading backwards from the end of the file in growing windows. A last
// page that runs past the end of the file means the file is truncated.
func lastGranule(r io.ReaderAt, size int64, serial uint32) (int64, error) {
	end := size
	win := int64(16 << 10)
	checkedEnd := false
	candidates := 0
	for {
		start := max(0, end-win)
		buf, err := readAt(r, make([]byte, end-start), start)
		if err != nil {
			return 0, err
		}
		for i := len(buf); ; {
			i = bytes.LastIndex(buf[:i], []byte("OggS"))
			if i < 0 {
				break
			}
			p, ok, err := readOggPage(r, size, start+int64(i))
			if err != nil {
				return 0, err
			}
			if !ok {
				continue
			}
			if candidates++; candidates > maxOggTailPages {
				return 0, errors.New("no Ogg page of the audio stream carries a granule position near the end of the file")
			}
			if p.end() > size {
				if !checkedEnd {
					return 0, fmt.Errorf("%w: the last Ogg page (at byte %d) needs %d bytes, the file ends after %d",
						ErrTruncated, p.pos, p.end()-p.pos, size-p.pos)
				}
				continue
			}
			good, err := oggCRCOK(r, size, p)
			if err != nil {
				return 0, err
			}
			if !good {
				continue
			}
			checkedEnd = true
			if p.serial == serial && p.granule >= 0 {
				return p.granule, nil
			}
		}
		if start == 0 {
			return 0, errors.New("no Ogg page of the audio stream carries a granule position")
		}
		end = start + 3 // "OggS" may straddle the windows
		win = min(win*4, 16<<20)
	}
}
