package importer_test

import (
	"fmt"

	"github.com/podfeed/podfeed/importer"
	"github.com/podfeed/podfeed/internal/timecode"
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
		fmt.Println(timecode.Format(c.Start, timecode.Clock), c.Title)
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
