package artwork

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // the decoders Check uses
	_ "image/png"
)

// Apple's limits on a show's artwork, in pixels per side.
const (
	MinSize = 1400
	MaxSize = 3000
)

// Info is what Check learnt of an image.
type Info struct {
	Format string // "jpeg" or "png"
	Width  int
	Height int
}

// Problem is one way the artwork breaks Apple's rules. Warning marks what
// Apple recommends against but accepts.
type Problem struct {
	Msg     string
	Hint    string
	Warning bool
}

// The first bytes of image formats that are not JPEG or PNG, to name them
// in the error.
var otherFormats = []struct{ magic, name string }{
	{"GIF87a", "a GIF"}, {"GIF89a", "a GIF"},
	{"RIFF", "a WebP"}, // "RIFF....WEBP"; a RIFF file is no artwork either way
	{"\x00\x00\x00\x0cjP  ", "a JPEG 2000"},
	{"BM", "a BMP"},
	{"II*\x00", "a TIFF"}, {"MM\x00*", "a TIFF"},
	{"<svg", "an SVG"}, {"<?xml", "an SVG or other XML"},
}

const (
	formatHint = "export it as a JPEG (or PNG) in RGB, square, 1400 to 3000 pixels wide; Apple Podcasts accepts no other format"
	exportHint = "export it again as an RGB JPEG (sRGB) from your image editor"
)

// Check decodes data as JPEG or PNG and returns its size and format, and
// every rule of Apple's that it breaks. An image that cannot be decoded
// returns only that problem.
func Check(data []byte) (Info, []Problem) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return Info{}, []Problem{notAnImage(data, err)}
	}
	info := Info{Format: format, Width: cfg.Width, Height: cfg.Height}
	var probs []Problem
	add := func(warning bool, hint, msg string, args ...any) {
		probs = append(probs, Problem{Msg: fmt.Sprintf(msg, args...), Hint: hint, Warning: warning})
	}
	w, h := cfg.Width, cfg.Height
	switch {
	case w != h:
		add(false, "crop it to a square, 1400 to 3000 pixels a side (3000 × 3000 at best): apps show artwork square",
			"%d × %d pixels is not square", w, h)
	case w < MinSize:
		add(false, "Apple Podcasts asks for 1400 to 3000 pixels a side, 3000 preferred; export it at 3000 × 3000 from the original, not enlarged",
			"%d × %d pixels is smaller than Apple's minimum of %d × %d", w, h, MinSize, MinSize)
	case w > MaxSize:
		add(false, "scale it down to 3000 × 3000 pixels: Apple Podcasts refuses larger artwork",
			"%d × %d pixels is larger than Apple's maximum of %d × %d", w, h, MaxSize, MaxSize)
	}
	if p, ok := colorProblem(data, format, cfg.ColorModel); ok {
		probs = append(probs, p)
	}
	if len(probs) == 0 || allWarnings(probs) {
		if _, _, err := image.Decode(bytes.NewReader(data)); err != nil {
			probs = append(probs, Problem{Msg: fmt.Sprintf("the %s image is damaged: %v", formatName(format), err), Hint: exportHint})
		}
	}
	return info, probs
}

// notAnImage says what data is when it is not a JPEG or PNG image.
func notAnImage(data []byte, err error) Problem {
	for _, f := range otherFormats {
		if bytes.HasPrefix(data, []byte(f.magic)) {
			return Problem{Msg: "is " + f.name + " image, not JPEG or PNG", Hint: formatHint}
		}
	}
	if bytes.HasPrefix(data, []byte("\xff\xd8")) || bytes.HasPrefix(data, []byte("\x89PNG")) {
		return Problem{Msg: fmt.Sprintf("cannot be read as an image: %v", err), Hint: exportHint}
	}
	return Problem{Msg: "is not a JPEG or PNG image", Hint: formatHint}
}

// colorProblem reports artwork whose colours are not RGB.
func colorProblem(data []byte, format string, m color.Model) (Problem, bool) {
	switch {
	case m == color.CMYKModel:
		return Problem{Msg: "is a CMYK JPEG; Apple Podcasts accepts only RGB", Hint: "convert it to RGB (sRGB): CMYK is for print, and apps show it with wrong colours or not at all"}, true
	case m == color.GrayModel || m == color.Gray16Model || format == "png" && pngColorType(data) == pngGrayAlpha:
		return Problem{Msg: "is a grayscale " + formatName(format) + "; Apple Podcasts accepts only RGB", Hint: "save it as an RGB image, even when it looks gray"}, true
	}
	if _, ok := m.(color.Palette); ok {
		return Problem{Msg: "is an indexed-colour (palette) PNG; Apple Podcasts accepts only RGB", Hint: "save it as a 24-bit RGB PNG or as a JPEG"}, true
	}
	if m == color.NRGBAModel || m == color.NRGBA64Model {
		return Problem{Msg: "is a PNG with an alpha channel; Apple says show artwork should not have one", Hint: "flatten it onto a background and save it without transparency, or as a JPEG", Warning: true}, true
	}
	return Problem{}, false
}

// pngGrayAlpha is the colour type of a grayscale PNG with alpha, which
// image/png reports as NRGBA; pngColorTypeAt is where a PNG file holds its
// colour type: after the signature, the IHDR chunk's length and type, the
// width, the height and the bit depth.
const (
	pngGrayAlpha   = 4
	pngColorTypeAt = 8 + 8 + 4 + 4 + 1
)

// pngColorType returns the colour type byte of a PNG's IHDR chunk, which
// the decoder has already read and checked.
func pngColorType(data []byte) int {
	if len(data) <= pngColorTypeAt {
		return -1
	}
	return int(data[pngColorTypeAt])
}

func formatName(format string) string {
	if format == "jpeg" {
		return "JPEG"
	}
	return "PNG"
}

func allWarnings(probs []Problem) bool {
	for _, p := range probs {
		if !p.Warning {
			return false
		}
	}
	return true
}
