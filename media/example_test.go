package media_test

import (
	"fmt"
	"log"

	"github.com/podfeed/podfeed/media"
)

func ExampleProbeFile() {
	info, err := media.ProbeFile("testdata/chapters.mp3")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(info.Length, info.Type, info.Duration)
	for _, c := range info.Chapters {
		fmt.Println(c.Start, c.Title)
	}
	// Output:
	// 21884 audio/mpeg 5.35510204s
	// 0s Intro
	// 1.5s Café talk ☕
	// 3.25s Outro and links
}

func ExampleProbeFile_error() {
	_, err := media.ProbeFile("testdata/image.mp3")
	fmt.Println(err)
	// Output:
	// media: testdata/image.mp3: not an audio file I know (looks like image/png)
}
