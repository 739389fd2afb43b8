package config

import "testing"

func TestPodcastGUID(t *testing.T) {
	tests := []struct {
		feedURL string
		want    string
	}{
		// The examples of the Podcasting 2.0 namespace (docs/tags/guid.md).
		{"https://podnews.net/rss", "9b024349-ccf0-5f69-a609-6b82873eab3c"},
		{"podnews.net/rss", "9b024349-ccf0-5f69-a609-6b82873eab3c"},
		{"http://podnews.net/rss/", "9b024349-ccf0-5f69-a609-6b82873eab3c"},
		{"https://podnews.net/rss//", "9b024349-ccf0-5f69-a609-6b82873eab3c"},
		{"https://mp3s.nashownotes.com/pc20rss.xml", "917393e3-1b1e-5cef-ace4-edaa54e1f810"},
	}
	for _, tt := range tests {
		if got := PodcastGUID(tt.feedURL); got != tt.want {
			t.Errorf("PodcastGUID(%q) = %s, want %s", tt.feedURL, got, tt.want)
		}
	}
	if PodcastGUID("https://podnews.net/rss") == PodcastGUID("https://podnews.net/rss.xml") {
		t.Errorf("different feed urls gave the same guid")
	}
}

func TestParseGUID(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"9b024349-ccf0-5f69-a609-6b82873eab3c", true},
		{"9B024349-CCF0-5F69-A609-6B82873EAB3C", true},
		{"0f8fad5b-d9cb-469f-a165-70867728950e", true}, // version 4: valid, warned about by Parse
		{"9b024349ccf05f69a6096b82873eab3c", false},    // no hyphens
		{"urn:uuid:9b024349-ccf0-5f69-a609-6b82873eab3c", false},
		{"{9b024349-ccf0-5f69-a609-6b82873eab3c}", false},
		{"9b024349-ccf0-5f69-a609-6b82873eab3g", false},
		{"", false},
		{"coding-chats", false},
	}
	for _, tt := range tests {
		if _, ok := parseGUID(tt.in); ok != tt.ok {
			t.Errorf("parseGUID(%q) ok = %v, want %v", tt.in, ok, tt.ok)
		}
	}
}
