package showfile_test

import (
	"fmt"
	"time"

	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/showfile"
)

func ExampleEncodeEpisode() {
	ep := &episodes.Episode{
		Title:     "Hello",
		Number:    1,
		Published: time.Date(2025, 2, 4, 9, 0, 0, 0, time.UTC),
		GUID:      "hello-1",
		Audio:     episodes.Audio{URL: "https://example.com/1.mp3", Length: 1234, Type: "audio/mpeg", Duration: 95 * time.Second},
		Chapters:  []episodes.Chapter{{Start: 0, Title: "Start"}},
	}
	fmt.Print(string(showfile.EncodeEpisode(ep, "")))
	// Output:
	// title = "Hello"
	// number = 1
	// published = 2025-02-04T09:00:00Z
	// guid = "hello-1"
	//
	// [audio]
	// url = "https://example.com/1.mp3"
	// length = 1234
	// type = "audio/mpeg"
	// duration = "01:35"
	//
	// [[chapters]]
	// start = "00:00"
	// title = "Start"
}

func ExampleSlug() {
	fmt.Println(showfile.Slug("Rust in production at planet scale: lessons learned"))
	// Output: rust-in-production-at-planet-scale
}
