// Package artworktest makes artwork for tests: JPEG and PNG images of any
// size and colour model from the standard library's encoders, and the head
// of a CMYK JPEG, which they cannot write.
package artworktest

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
)

// Gradient returns a w × h image with a gradient, so that resizing and
// encoding have something to keep.
func Gradient(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 128, 255})
		}
	}
	return img
}

// JPEG encodes img as a JPEG of quality 50.
func JPEG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 50}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// PNG encodes img as a PNG, fast.
func PNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// CMYKJPEG returns the head of a CMYK JPEG as Photoshop writes one (an
// Adobe APP14 segment and four components), up to its scan: enough for the
// decoder to tell its colour model, which the standard library's encoder
// cannot write.
func CMYKJPEG(w, h int) []byte {
	seg := func(marker byte, body []byte) []byte {
		out := []byte{0xff, marker, 0, 0}
		binary.BigEndian.PutUint16(out[2:], uint16(len(body)+2))
		return append(out, body...)
	}
	out := []byte{0xff, 0xd8}
	out = append(out, seg(0xee, []byte("Adobe\x00\x64\x00\x00\x00\x00\x00"))...) // transform 0: no YCbCr
	sof := []byte{8, byte(h >> 8), byte(h), byte(w >> 8), byte(w), 4}
	for id := byte(1); id <= 4; id++ {
		sof = append(sof, id, 0x11, 0)
	}
	out = append(out, seg(0xc0, sof)...)
	sos := []byte{4}
	for id := byte(1); id <= 4; id++ {
		sos = append(sos, id, 0)
	}
	return append(out, seg(0xda, append(sos, 0, 63, 0))...)
}

// FixIHDRCRC rewrites the checksum of a PNG's IHDR chunk after an edit.
func FixIHDRCRC(data []byte) {
	const start, end = 12, 12 + 4 + 13 // the chunk's type and data
	binary.BigEndian.PutUint32(data[end:], crc32.ChecksumIEEE(data[start:end]))
}
