package artwork

import (
	"image"
	"image/color"
	"strings"
	"testing"

	"github.com/podfeed/podfeed/artwork/artworktest"
)

func TestCheck(t *testing.T) {
	gray := image.NewGray(image.Rect(0, 0, 1400, 1400))
	paletted := image.NewPaletted(image.Rect(0, 0, 1400, 1400), color.Palette{color.Black, color.White})
	nrgba := image.NewNRGBA(image.Rect(0, 0, 1400, 1400))
	grayAlpha := pngGrayAlphaHeader(t)
	valid := artworktest.JPEG(t, artworktest.Gradient(1400, 1400))
	tests := []struct {
		name    string
		data    []byte
		want    string // "" when valid
		warning bool
	}{
		{"valid jpeg", valid, "", false},
		{"valid png", artworktest.PNG(t, artworktest.Gradient(1400, 1400)), "", false},
		{"valid 3000", artworktest.JPEG(t, image.NewRGBA(image.Rect(0, 0, 3000, 3000))), "", false},
		{"too small", artworktest.JPEG(t, artworktest.Gradient(1399, 1399)), "1399 × 1399 pixels is smaller than Apple's minimum of 1400 × 1400", false},
		{"too big", artworktest.JPEG(t, image.NewRGBA(image.Rect(0, 0, 3001, 3001))), "3001 × 3001 pixels is larger than Apple's maximum of 3000 × 3000", false},
		{"not square", artworktest.JPEG(t, artworktest.Gradient(1600, 1400)), "1600 × 1400 pixels is not square", false},
		{"cmyk jpeg", artworktest.CMYKJPEG(1400, 1400), "is a CMYK JPEG; Apple Podcasts accepts only RGB", false},
		{"grayscale jpeg", artworktest.JPEG(t, gray), "is a grayscale JPEG; Apple Podcasts accepts only RGB", false},
		{"grayscale png", artworktest.PNG(t, gray), "is a grayscale PNG; Apple Podcasts accepts only RGB", false},
		{"grayscale alpha png", grayAlpha, "is a grayscale PNG; Apple Podcasts accepts only RGB", false},
		{"palette png", artworktest.PNG(t, paletted), "is an indexed-colour (palette) PNG; Apple Podcasts accepts only RGB", false},
		{"alpha png", artworktest.PNG(t, nrgba), "is a PNG with an alpha channel; Apple says show artwork should not have one", true},
		{"gif", []byte("GIF89a\x78\x05\x78\x05\x00\x00\x00;"), "is a GIF image, not JPEG or PNG", false},
		{"webp", []byte("RIFF\x00\x00\x00\x00WEBPVP8 "), "is a WebP image, not JPEG or PNG", false},
		{"text", []byte("this is not an image"), "is not a JPEG or PNG image", false},
		{"empty", nil, "is not a JPEG or PNG image", false},
		{"truncated jpeg", valid[:len(valid)/2], "the JPEG image is damaged: invalid JPEG format: short Huffman data", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, probs := Check(tt.data)
			if tt.want == "" {
				if len(probs) != 0 {
					t.Fatalf("Check = %+v, want no problem", probs)
				}
				return
			}
			if len(probs) != 1 {
				t.Fatalf("Check = %+v, want one problem %q", probs, tt.want)
			}
			p := probs[0]
			if p.Msg != tt.want || p.Warning != tt.warning || p.Hint == "" {
				t.Errorf("Check = %+v, want %q (warning %v) with a hint", p, tt.want, tt.warning)
			}
		})
	}
}

func TestCheckInfo(t *testing.T) {
	info, probs := Check(artworktest.PNG(t, artworktest.Gradient(1500, 1500)))
	if want := (Info{Format: "png", Width: 1500, Height: 1500}); info != want || len(probs) != 0 {
		t.Errorf("Check = %+v, %+v; want %+v and no problem", info, probs, want)
	}
}

// pngGrayAlphaHeader returns a 1400 × 1400 PNG of colour type 4 (gray with
// alpha), which image/png reads but does not write.
func pngGrayAlphaHeader(t *testing.T) []byte {
	data := artworktest.PNG(t, image.NewNRGBA(image.Rect(0, 0, 1400, 1400)))
	// Colour type 4 has 2 samples a pixel where 6 has 4: the image data no
	// longer fits, but Check decides from the header before decoding it.
	data = append([]byte(nil), data...)
	data[pngColorTypeAt] = pngGrayAlpha
	artworktest.FixIHDRCRC(data)
	return data
}

func TestNotAnImageNamesFormat(t *testing.T) {
	_, probs := Check([]byte("<svg xmlns='http://www.w3.org/2000/svg'/>"))
	if len(probs) != 1 || !strings.Contains(probs[0].Msg, "SVG") {
		t.Errorf("Check(svg) = %+v", probs)
	}
}
