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

// SiblingURL appends plain names to plain feed addresses without parsing
// them: the addresses it gives so are those that resolving gives.
func TestSiblingURLPlain(t *testing.T) {
	for _, tt := range []struct {
		feedURL, name string
		plain         bool
	}{
		{"https://example.com/show/feed.xml", "episodes/055-rust/", true},
		{"http://example.com:8080/feed.xml", "embed/a.html", true},
		{"https://example.com", "atom.xml", true},
		{"https://example.com/", "chapters/x~y_z.json", true},
		{"https://example.com/show/", "./", false},
		{"https://example.com/show/feed.xml?x=1", "atom.xml", false},
		{"https://example.com/a/../feed.xml", "atom.xml", false},
		{"https://Example.com/feed.xml", "atom.xml", false},
		{"https://example.com/feed.xml", "a%20b/", false},
		{"https://example.com/feed.xml", "../up", false},
		{"https://example.com/feed.xml", "/root", false},
		{"https://example.com/feed.xml", "a//b", false},
		{"ftp://example.com/feed.xml", "atom.xml", false},
		{"feed.xml", "atom.xml", false},
	} {
		dir, ok := plainDir(tt.feedURL)
		if plain := ok && plainPath(tt.name); plain != tt.plain {
			t.Errorf("%q + %q: plain %v, want %v (dir %q)", tt.feedURL, tt.name, plain, tt.plain, dir)
		}
		if got, want := SiblingURL(tt.feedURL, tt.name), resolveSibling(tt.feedURL, tt.name); got != want {
			t.Errorf("SiblingURL(%q, %q) = %q, resolving gives %q", tt.feedURL, tt.name, got, want)
		}
	}
}

func FuzzSiblingURL(f *testing.F) {
	for _, s := range [][2]string{
		{"https://example.com/show/feed.xml", "episodes/055-rust/"},
		{"http://example.com:8080/feed.xml", "embed/a.html"},
		{"https://example.com", "a"},
		{"https://a.b/c/./d/feed.xml", "x/"},
		{"https://a.b/c//d", "x.y/z"},
		{"https://a.b:/c", "x"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, feedURL, name string) {
		if got, want := SiblingURL(feedURL, name), resolveSibling(feedURL, name); got != want {
			t.Errorf("SiblingURL(%q, %q) = %q, resolving gives %q", feedURL, name, got, want)
		}
	})
}
