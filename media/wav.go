package media

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"time"
)

// probeWAV reads a RIFF/WAVE or RF64 file: the fmt chunk's byte rate and
// the size of the data chunk.
func probeWAV(r io.ReaderAt, size int64) (Info, error) {
	var head [12]byte
	if err := readFull(r, head[:], 0, size, "WAV header"); err != nil {
		return Info{}, err
	}
	rf64 := string(head[:4]) == "RF64"
	var (
		haveFmt               bool
		format                uint16
		rate, byteRate        int64
		blockAlign            int64
		factSamples, ds64Data int64
		dataPos, dataSize     int64 = -1, 0
		pos                   int64 = 12
	)
	for pos+8 <= size {
		var h [8]byte
		if err := readFull(r, h[:], pos, size, "WAV chunk header"); err != nil {
			return Info{}, err
		}
		id := string(h[:4])
		n := int64(binary.LittleEndian.Uint32(h[4:]))
		body := pos + 8
		switch id {
		case "ds64":
			var b [24]byte
			if err := readFull(r, b[:], body, size, "RF64 ds64 chunk"); err != nil {
				return Info{}, err
			}
			ds64Data = int64(binary.LittleEndian.Uint64(b[8:]))
			factSamples = int64(binary.LittleEndian.Uint64(b[16:]))
		case "fmt ":
			var b [16]byte
			if n < 16 {
				return Info{}, errors.New("WAV fmt chunk too short")
			}
			if err := readFull(r, b[:], body, size, "WAV fmt chunk"); err != nil {
				return Info{}, err
			}
			haveFmt = true
			format = binary.LittleEndian.Uint16(b[0:])
			rate = int64(binary.LittleEndian.Uint32(b[4:]))
			byteRate = int64(binary.LittleEndian.Uint32(b[8:]))
			blockAlign = int64(binary.LittleEndian.Uint16(b[12:]))
		case "fact":
			if !rf64 && n >= 4 {
				var b [4]byte
				if err := readFull(r, b[:], body, size, "WAV fact chunk"); err != nil {
					return Info{}, err
				}
				factSamples = int64(binary.LittleEndian.Uint32(b[:]))
			}
		case "data":
			dataPos, dataSize = body, n
			switch {
			case rf64 && n == 0xffffffff:
				dataSize = ds64Data
			case n == 0xffffffff || n == 0 && size > body:
				dataSize = size - body // written while streaming: the rest of the file
			}
		}
		if dataPos >= 0 {
			break
		}
		pos = body + n + n&1 // chunks are padded to an even size
	}
	if !haveFmt {
		return Info{}, fmt.Errorf("%w: a WAV file without a fmt chunk before its end", ErrTruncated)
	}
	if dataPos < 0 {
		return Info{}, fmt.Errorf("%w: a WAV file without a data chunk", ErrTruncated)
	}
	if dataPos+dataSize > size {
		return Info{}, fmt.Errorf("%w: the WAV data chunk is %d bytes, the file has %d after its start",
			ErrTruncated, dataSize, size-dataPos)
	}
	d, err := wavDuration(format, rate, byteRate, blockAlign, factSamples, dataSize)
	if err != nil {
		return Info{}, err
	}
	return Info{Type: TypeWAV, Duration: d}, nil
}

// wavDuration works out a WAV file's duration from its fmt chunk, its fact
// chunk's sample count and the size of its data: by whole sample frames for
// PCM, else by the fact chunk, else by the byte rate.
func wavDuration(format uint16, rate, byteRate, blockAlign, factSamples, dataSize int64) (time.Duration, error) {
	pcm := format == 1 || format == 3 || format == 0xfffe
	switch {
	case pcm && blockAlign > 0 && rate > 0:
		return samplesToDuration(dataSize/blockAlign, rate), nil
	case factSamples > 0 && rate > 0:
		return samplesToDuration(factSamples, rate), nil
	case byteRate > 0:
		return samplesToDuration(dataSize, byteRate), nil
	}
	return 0, fmt.Errorf("bad WAV fmt chunk: sample rate %d, byte rate %d", rate, byteRate)
}
