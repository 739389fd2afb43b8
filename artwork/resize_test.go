package artwork

import (
	"bytes"
	"image"
	"testing"

	"github.com/podfeed/podfeed/artwork/artworktest"
)

func TestResize(t *testing.T) {
	src := artworktest.JPEG(t, artworktest.Gradient(1400, 1400))
	c, err := Resize(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, format string
		data         []byte
		size         int
	}{{"hero", "jpeg", c.Hero, Hero}, {"thumb", "jpeg", c.Thumb, Thumb}, {"icon", "png", c.Icon, Icon}} {
		cfg, format, err := image.DecodeConfig(bytes.NewReader(tt.data))
		if err != nil || format != tt.format || cfg.Width != tt.size || cfg.Height != tt.size {
			t.Errorf("%s: %s %d × %d (%v), want %s %d × %d", tt.name, format, cfg.Width, cfg.Height, err, tt.format, tt.size, tt.size)
		}
		if len(tt.data) >= len(src) {
			t.Errorf("%s: %d bytes, not lighter than the artwork's %d", tt.name, len(tt.data), len(src))
		}
	}
	again, err := Resize(src)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Hero, c.Hero) || !bytes.Equal(again.Thumb, c.Thumb) || !bytes.Equal(again.Icon, c.Icon) {
		t.Error("two resizes of the same artwork differ")
	}
	if _, err := Resize([]byte("not an image")); err == nil {
		t.Error("Resize of text: no error")
	}
}
