package xmlns

import "testing"

func TestCanonicalAndPrefix(t *testing.T) {
	for _, tt := range []struct {
		uri, canonical, prefix string
	}{
		{Podcast, Podcast, "podcast"},
		{"http://podcastindex.org/namespace/1.0", Podcast, "podcast"},
		{"https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md", Podcast, "podcast"},
		{"https://www.itunes.com/dtds/podcast-1.0.dtd", Itunes, "itunes"},
		{"http://www.itunes.com/DTDs/Podcast-1.0.dtd", Itunes, "itunes"},
		{"https://podlove.org/simple-chapters/", Psc, "psc"},
		{Content, Content, "content"},
		{Atom, Atom, "atom"},
		{"http://search.yahoo.com/mrss/", "http://search.yahoo.com/mrss/", "media"},
		{"urn:example:unknown", "urn:example:unknown", ""},
		{"", "", ""},
	} {
		if got := Canonical(tt.uri); got != tt.canonical {
			t.Errorf("Canonical(%q) = %q, want %q", tt.uri, got, tt.canonical)
		}
		if got := Prefix(tt.uri); got != tt.prefix {
			t.Errorf("Prefix(%q) = %q, want %q", tt.uri, got, tt.prefix)
		}
	}
}
