package artwork

import (
	"image"
	"testing"

	"github.com/podfeed/podfeed/artwork/artworktest"
)

// FuzzCheck feeds Check any bytes: it never panics, every problem has a
// message and a hint, and an image it accepts decodes.
func FuzzCheck(f *testing.F) {
	f.Add(artworktest.JPEG(f, artworktest.Gradient(16, 16)))
	f.Add(artworktest.PNG(f, image.NewGray(image.Rect(0, 0, 8, 8))))
	f.Add(artworktest.CMYKJPEG(1400, 1400))
	f.Add([]byte("GIF89a"))
	f.Fuzz(func(t *testing.T, data []byte) {
		info, probs := Check(data)
		for _, p := range probs {
			if p.Msg == "" || p.Hint == "" {
				t.Fatalf("problem without message or hint: %+v", p)
			}
		}
		if len(probs) == 0 && (info.Width < MinSize || info.Width > MaxSize || info.Width != info.Height) {
			t.Fatalf("accepted %+v", info)
		}
	})
}
