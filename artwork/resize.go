package artwork

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"

	"golang.org/x/image/draw"
)

// Sizes of the copies the site shows, in pixels a side: Hero on the show's
// page, Thumb in lists and embeds, Icon as the favicon.
const (
	Hero  = 600
	Thumb = 160
	Icon  = 64
)

// Copies are the site's resized copies of an artwork.
type Copies struct {
	Hero, Thumb []byte // JPEG
	Icon        []byte // PNG
}

// Resize decodes the artwork data (JPEG or PNG) and returns its copies at
// the site's sizes, resampled with Catmull-Rom. The same data always gives
// the same bytes: the encoders write no time or name.
func Resize(data []byte) (Copies, error) {
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return Copies{}, fmt.Errorf("decode artwork: %w", err)
	}
	var c Copies
	if c.Hero, err = encodeJPEG(scale(src, Hero)); err != nil {
		return Copies{}, err
	}
	if c.Thumb, err = encodeJPEG(scale(src, Thumb)); err != nil {
		return Copies{}, err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, scale(src, Icon)); err != nil {
		return Copies{}, fmt.Errorf("encode icon: %w", err)
	}
	c.Icon = buf.Bytes()
	return c, nil
}

// scale returns src resampled to a size × size square.
func scale(src image.Image, size int) *image.RGBA {
	dst := image.NewRGBA(image.Rect(0, 0, size, size))
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
	return dst
}

func encodeJPEG(img image.Image) ([]byte, error) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 82}); err != nil {
		return nil, fmt.Errorf("encode artwork copy: %w", err)
	}
	return buf.Bytes(), nil
}
