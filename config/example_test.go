package config_test

import (
	"fmt"

	"github.com/podfeed/podfeed/config"
)

func ExampleParse() {
	src := []byte(`title = "Coding Chats"
description = "Conversations with software engineers."
link = "https://codingchats.example.com/"
feed_url = "https://codingchats.example.com/feed.xml"
language = "en"
image = "https://codingchats.example.com/artwork.jpg"
categories = ["Technology", "Education/How-To"]
type = "serial"

[owner]
email = "podcast@codingchats.example.com"
`)
	show, probs := config.Parse("podcast.toml", src)
	fmt.Print(probs.Format())
	fmt.Println(show.Title, show.Type, show.Categories, show.GUID)
	fmt.Println(probs.Err() != nil)
	// Output:
	// podcast.toml: author: warning: not set; Apple Podcasts shows the author (itunes:author) under the show's title
	// 	hint: add author = "…" with the name listeners should see
	// podcast.toml:7:1: categories: "Education/How-To" is not an Apple Podcasts category
	// 	hint: did you mean "Education/How To"?
	// Coding Chats serial [Technology] 88058d69-5cea-52bd-8c94-4b9b30566cf1
	// true
}

func ExamplePodcastGUID() {
	fmt.Println(config.PodcastGUID("https://podnews.net/rss"))
	// Output: 9b024349-ccf0-5f69-a609-6b82873eab3c
}
