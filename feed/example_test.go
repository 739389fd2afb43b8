package feed_test

import (
	"fmt"
	"log"
	"os"
	"regexp"
	"time"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/feed"
)

func ExampleBuild() {
	show := &config.Show{
		Title:       "Example Show",
		Description: "An example.",
		Link:        "https://example.com/",
		FeedURL:     "https://example.com/podcast/feed.xml",
		Language:    "en",
		Image:       "https://example.com/art.jpg",
		GUID:        config.PodcastGUID("https://example.com/podcast/feed.xml"),
	}
	ep := &episodes.Episode{
		Slug:      "001-hello",
		Title:     "Hello",
		GUID:      "example-001",
		Published: time.Date(2025, 2, 4, 9, 0, 0, 0, time.UTC),
		Summary:   "Our *first* episode.",
		Audio:     episodes.Audio{URL: "https://example.com/001.mp3", Length: 1234, Type: "audio/mpeg", Duration: 90 * time.Second},
		Chapters: []episodes.Chapter{
			{Start: 0, Title: "Welcome"},
			{Start: 61500 * time.Millisecond, Title: "Goodbye"},
		},
	}
	out, err := feed.Build(show, []*episodes.Episode{ep}, feed.Options{Generator: "podfeed v0.1.0"})
	if err != nil {
		log.Fatal(err)
	}
	// Each file renders when it is written; feed.xml comes last.
	rss, err := out.Feeds[len(out.Feeds)-1].Bytes()
	if err != nil {
		log.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`<(lastBuildDate|itunes:duration)>[^<]*</[^>]*>|<(podcast:chapters|psc:chapter) [^>]*>`).FindAll(rss, -1) {
		fmt.Println(string(m))
	}
	if err := out.Chapters[0].Write(os.Stdout); err != nil {
		log.Fatal(err)
	}
	// Output:
	// <lastBuildDate>Tue, 04 Feb 2025 09:00:00 +0000</lastBuildDate>
	// <itunes:duration>90</itunes:duration>
	// <podcast:chapters url="https://example.com/podcast/chapters/001-hello.json" type="application/json+chapters">
	// <psc:chapter start="00:00:00" title="Welcome">
	// <psc:chapter start="00:01:01.500" title="Goodbye">
	// {
	//   "version": "1.2.0",
	//   "chapters": [
	//     {
	//       "startTime": 0,
	//       "title": "Welcome"
	//     },
	//     {
	//       "startTime": 61.5,
	//       "title": "Goodbye"
	//     }
	//   ]
	// }
}
