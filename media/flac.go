package media

import (
	"errors"
	"fmt"
	"io"
)

// streamInfo is the part of FLAC's STREAMINFO block Probe uses.
type streamInfo struct {
	minBlock, maxBlock int64
	maxFrame           int64 // bytes; 0 when unknown
	rate               int64
	total              int64 // samples per channel; 0 when unknown
}

func parseStreamInfo(b []byte) streamInfo {
	return streamInfo{
		minBlock: int64(b[0])<<8 | int64(b[1]),
		maxBlock: int64(b[2])<<8 | int64(b[3]),
		maxFrame: int64(b[7])<<16 | int64(b[8])<<8 | int64(b[9]),
		rate:     int64(b[10])<<12 | int64(b[11])<<4 | int64(b[12])>>4,
		total:    int64(b[13]&0x0f)<<32 | int64(b[14])<<24 | int64(b[15])<<16 | int64(b[16])<<8 | int64(b[17]),
	}
}

// probeFLAC reads a native FLAC stream starting ("fLaC") at start.
func probeFLAC(r io.ReaderAt, size, start int64) (Info, error) {
	pos := start + 4
	var si *streamInfo
	for i := 0; ; i++ {
		var h [4]byte
		if err := readFull(r, h[:], pos, size, "FLAC metadata block header"); err != nil {
			return Info{}, err
		}
		last, typ := h[0]&0x80 != 0, h[0]&0x7f
		n := int64(h[1])<<16 | int64(h[2])<<8 | int64(h[3])
		if i == 0 {
			if typ != 0 || n < 34 {
				return Info{}, errors.New("FLAC file without a STREAMINFO block first")
			}
			var b [34]byte
			if err := readFull(r, b[:], pos+4, size, "FLAC STREAMINFO block"); err != nil {
				return Info{}, err
			}
			s := parseStreamInfo(b[:])
			si = &s
		}
		pos += 4 + n
		if pos > size {
			return Info{}, fmt.Errorf("%w: a FLAC metadata block runs past the end of the file", ErrTruncated)
		}
		if last {
			break
		}
		if i > 1<<16 {
			return Info{}, errors.New("too many FLAC metadata blocks")
		}
	}
	if si.rate == 0 {
		return Info{}, errors.New("bad FLAC STREAMINFO: sample rate 0")
	}
	if pos >= size {
		return Info{}, fmt.Errorf("%w: FLAC metadata but no audio frames", ErrTruncated)
	}
	// The last frame header tells where the audio really ends: it catches
	// truncated files and fills in a total that STREAMINFO left out.
	endSample, found, err := lastFLACFrame(r, size, pos, *si)
	if err != nil {
		return Info{}, err
	}
	total := si.total
	switch {
	case total == 0 && !found:
		return Info{}, errors.New("FLAC STREAMINFO gives no sample count and no frame header was found")
	case total == 0:
		total = endSample
	case found && endSample < total:
		return Info{}, fmt.Errorf("%w: STREAMINFO counts %d samples but the last frame ends at sample %d",
			ErrTruncated, total, endSample)
	}
	return Info{Type: TypeFLAC, Duration: samplesToDuration(total, si.rate)}, nil
}

// lastFLACFrame finds the last frame in the tail of the audio and returns
// the sample number where it ends. A frame header counts only when its CRC-8
// checks and the header before it ends where it starts, so that a stray
// sync code in the audio data is not taken for a frame. found is false when
// no such pair lies in the last 16 MiB.
func lastFLACFrame(r io.ReaderAt, size, audioStart int64, si streamInfo) (endSample int64, found bool, err error) {
	type frame struct{ first, n int64 }
	win := int64(64 << 10)
	if si.maxFrame > 0 {
		win = min(win, 3*si.maxFrame+1024) // room for two whole frames
	}
	for {
		start := max(audioStart, size-win)
		buf, err := readAt(r, make([]byte, size-start), start)
		if err != nil {
			return 0, false, err
		}
		var later []frame // valid headers after the current position, nearest first
		for i := len(buf) - 2; i >= 0; i-- {
			if buf[i] != 0xff || buf[i+1]&0xfe != 0xf8 {
				continue
			}
			first, n, ok := flacFrameHeader(buf[i:], si)
			if !ok {
				continue
			}
			for _, f := range later {
				if first+n == f.first {
					return f.first + f.n, true, nil
				}
			}
			if len(later) < 8 {
				later = append(later, frame{first, n})
			}
		}
		if start == audioStart || win >= 16<<20 {
			return 0, false, nil
		}
		win *= 4
	}
}

// flacFrameHeader decodes a frame header: the number of its first sample
// and its block size.
func flacFrameHeader(b []byte, si streamInfo) (first, blockSize int64, ok bool) {
	if len(b) < 6 || b[0] != 0xff || b[1]&0xfe != 0xf8 || b[3]&1 != 0 {
		return 0, 0, false
	}
	variable := b[1]&1 != 0
	bsCode, srCode := b[2]>>4, b[2]&0x0f
	if bsCode == 0 || srCode == 15 || b[3]>>4 >= 11 || b[3]>>1&7 == 3 || b[3]>>1&7 == 7 {
		return 0, 0, false
	}
	if rates := flacRates; srCode >= 1 && srCode <= 11 && rates[srCode] != si.rate {
		return 0, 0, false
	}
	num, i, ok := flacCodedNumber(b, 4)
	if !ok {
		return 0, 0, false
	}
	blockSize, i, ok = flacBlockSize(b, i, bsCode)
	if !ok {
		return 0, 0, false
	}
	switch srCode {
	case 12:
		i++
	case 13, 14:
		i += 2
	}
	if len(b) < i+1 || crc8(b[:i]) != b[i] {
		return 0, 0, false
	}
	if variable {
		return num, blockSize, true
	}
	nominal := si.maxBlock
	if si.minBlock == si.maxBlock && nominal > 0 {
		return num * nominal, blockSize, true
	}
	return num * blockSize, blockSize, true
}

// flacCodedNumber decodes the UTF-8-like coded frame or sample number at
// b[i:], and returns it with the index after it.
func flacCodedNumber(b []byte, i int) (num int64, next int, ok bool) {
	c := b[i]
	var extra int
	switch {
	case c < 0x80:
		num = int64(c)
	case c&0xe0 == 0xc0:
		num, extra = int64(c&0x1f), 1
	case c&0xf0 == 0xe0:
		num, extra = int64(c&0x0f), 2
	case c&0xf8 == 0xf0:
		num, extra = int64(c&0x07), 3
	case c&0xfc == 0xf8:
		num, extra = int64(c&0x03), 4
	case c&0xfe == 0xfc:
		num, extra = int64(c&0x01), 5
	case c == 0xfe:
		num, extra = 0, 6
	default:
		return 0, 0, false
	}
	i++
	if len(b) < i+extra {
		return 0, 0, false
	}
	for k := 0; k < extra; k++ {
		if b[i]&0xc0 != 0x80 {
			return 0, 0, false
		}
		num = num<<6 | int64(b[i]&0x3f)
		i++
	}
	return num, i, true
}

// flacBlockSize decodes the block size of the frame header's code bsCode,
// reading its value from b[i:] where the code says it follows, and returns
// it with the index after what it read.
func flacBlockSize(b []byte, i int, bsCode byte) (size int64, next int, ok bool) {
	switch {
	case bsCode == 1:
		return 192, i, true
	case bsCode <= 5:
		return 576 << (bsCode - 2), i, true
	case bsCode == 6:
		if len(b) < i+1 {
			return 0, 0, false
		}
		return int64(b[i]) + 1, i + 1, true
	case bsCode == 7:
		if len(b) < i+2 {
			return 0, 0, false
		}
		return (int64(b[i])<<8 | int64(b[i+1])) + 1, i + 2, true
	}
	return 256 << (bsCode - 8), i, true
}

// flacRates are the sample rates of the frame header's codes 1 to 11.
var flacRates = [12]int64{0, 88200, 176400, 192000, 8000, 16000, 22050, 24000, 32000, 44100, 48000, 96000}

// crc8 is FLAC's frame header CRC (polynomial 0x07).
func crc8(b []byte) byte {
	var c byte
	for _, x := range b {
		c ^= x
		for k := 0; k < 8; k++ {
			if c&0x80 != 0 {
				c = c<<1 ^ 0x07
			} else {
				c <<= 1
			}
		}
	}
	return c
}
