package contenttype

import (
	"testing"

	_ "github.com/podfeed/podfeed/internal/golden"
)

func TestByName(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"feed.xml", "application/rss+xml; charset=utf-8"},
		{"feed-2.xml", "application/xml; charset=utf-8"},
		{"atom.xml", "application/atom+xml; charset=utf-8"},
		{"feed.json", "application/feed+json; charset=utf-8"},
		{"chapters/055-rust.json", "application/json+chapters"},
		{"episodes/055/index.html", "text/html; charset=utf-8"},
		{"audio/EP.MP3", "audio/mpeg"},
		{"feed.xsl", "text/xsl; charset=utf-8"},
		{"notes.unknown", ""},
		{"README", ""},
	} {
		if got := ByName(tt.name); got != tt.want {
			t.Errorf("ByName(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}
