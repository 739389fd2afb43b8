package site

import (
	"testing"
	"time"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/episodes"
)

// An episode's JSON-LD has its keys in order, as encoding/json writes a
// map's, and leaves out what the episode does not have.
func TestEpisodeLD(t *testing.T) {
	show := &config.Show{Title: "Show <&>", Language: "en"}
	published := time.Date(2025, 2, 4, 9, 0, 0, 0, time.UTC)
	bare := &Episode{Episode: &episodes.Episode{Title: "Bare", Published: published, Audio: episodes.Audio{URL: "https://x/a.mp3"}}}
	full := &Episode{
		Episode: &episodes.Episode{Title: "Full", Number: 7, Published: published,
			Audio: episodes.Audio{URL: "https://x/b.mp3", Type: "audio/mpeg", Duration: 3723 * time.Second}},
		URL: "https://x/episodes/full/", Image: "https://x/art.jpg", Description: "About <b>",
	}
	for _, tt := range []struct {
		e    *Episode
		want string
	}{
		{bare, `{"@context":"https://schema.org","@type":"PodcastEpisode","associatedMedia":{"@type":"MediaObject","contentUrl":"https://x/a.mp3"},"datePublished":"2025-02-04T09:00:00Z","description":"","image":"","inLanguage":"en","name":"Bare","partOfSeries":{"@type":"PodcastSeries","name":"Show \u003c\u0026\u003e","url":"https://x/"},"url":""}`},
		{full, `{"@context":"https://schema.org","@type":"PodcastEpisode","associatedMedia":{"@type":"MediaObject","contentUrl":"https://x/b.mp3","duration":"PT1H2M3S","encodingFormat":"audio/mpeg"},"datePublished":"2025-02-04T09:00:00Z","description":"About \u003cb\u003e","episodeNumber":7,"image":"https://x/art.jpg","inLanguage":"en","name":"Full","partOfSeries":{"@type":"PodcastSeries","name":"Show \u003c\u0026\u003e","url":"https://x/"},"timeRequired":"PT1H2M3S","url":"https://x/episodes/full/"}`},
	} {
		if got := string(episodeLD(show, "https://x/", tt.e)); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.e.Title, got, tt.want)
		}
	}
}
