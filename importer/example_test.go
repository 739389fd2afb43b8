package importer_test

import (
	"fmt"
	"time"

	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/importer"
)

func ExampleReadNotes() {
	notes := `My Show episode 7 - Testing in Go
Table tests, fuzzing and golden files.
Chapters
00:00 Hello
04:30 Table tests
LINKS
Ann's Links
https://github.com/ann
Takeaways
Fuzz every parser.
`
	ep, err := importer.ReadNotes([]byte(notes), importer.NotesOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ep.Title)
	fmt.Println("summary:", ep.Summary)
	for _, c := range ep.Chapters {
		fmt.Println(episodes.FormatClock(c.Start), c.Title)
	}
	for _, l := range ep.Links {
		fmt.Printf("%s: %s %s\n", l.Group, l.Title, l.URL)
	}
	fmt.Println("takeaways:", ep.Takeaways)
	// Output:
	// My Show episode 7 - Testing in Go
	// summary: Table tests, fuzzing and golden files.
	// 00:00:00 Hello
	// 00:04:30 Table tests
	// Ann's Links: Ann's GitHub https://github.com/ann
	// takeaways: [Fuzz every parser.]
}

func ExampleEncodeEpisode() {
	ep := &episodes.Episode{
		Title:     "Hello",
		Number:    1,
		Published: time.Date(2025, 2, 4, 9, 0, 0, 0, time.UTC),
		GUID:      "hello-1",
		Audio:     episodes.Audio{URL: "https://example.com/1.mp3", Length: 1234, Type: "audio/mpeg", Duration: 95 * time.Second},
		Chapters:  []episodes.Chapter{{Start: 0, Title: "Start"}},
	}
	fmt.Print(string(importer.EncodeEpisode(ep, "")))
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
	fmt.Println(importer.Slug("Rust in production at planet scale: lessons learned"))
	// Output: rust-in-production-at-planet-scale
}
