package address

import (
	"testing"

	_ "github.com/podfeed/podfeed/internal/golden"
)

func TestAddresses(t *testing.T) {
	for _, tt := range []struct{ name, got, want string }{
		{"first page", PageName(RSSFile, 0), "feed.xml"},
		{"second page", PageName(RSSFile, 1), "feed-2.xml"},
		{"json page", PageName(JSONFile, 2), "feed-3.json"},
		{"sibling", SiblingURL("https://example.com/show/feed.xml", "atom.xml"), "https://example.com/show/atom.xml"},
		{"sibling root", SiblingURL("https://example.com/feed.xml", "./"), "https://example.com/"},
		{"sibling without scheme", SiblingURL("show/feed.xml", "atom.xml"), "show/atom.xml"},
		{"page", PagePath("055-rust"), "episodes/055-rust/"},
		{"page escaped", PagePath("a b?"), "episodes/a%20b%3F/"},
		{"no slug, no page", PagePath(""), ""},
		{"embed", EmbedPath("a b"), "embed/a%20b.html"},
		{"chapters file", ChaptersFile("a b"), "chapters/a b.json"},
		{"chapters url", ChaptersURL("https://example.com/feed.xml", "a b"), "https://example.com/chapters/a%20b.json"},
	} {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

func TestLocalFile(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		ok       bool
	}{
		{"artwork.jpg", "artwork.jpg", true},
		{"art/cover.png", "art/cover.png", true},
		{"https://example.com/artwork.jpg", "", false},
		{"//example.com/artwork.jpg", "", false},
		{"/srv/artwork.jpg", "", false},
		{"../artwork.jpg", "", false},
		{"art/../../artwork.jpg", "", false},
		{"./artwork.jpg", "", false},
		{"art\\cover.jpg", "", false},
		{"artwork.jpg?v=2", "", false},
		{"mailto:artwork.jpg", "", false},
		{"", "", false},
	} {
		got, ok := LocalFile(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("LocalFile(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
