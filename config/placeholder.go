package config

// The placeholders podfeed init writes into podcast.toml for the settings
// it was not given. They make a show that builds at once, but no feed should
// go out with them: [Parse] warns about each one left in the file.
const (
	PlaceholderDescription = "What the show is about, in two or three sentences: podcast apps show it under the title."
	PlaceholderLink        = "https://example.com/"
	PlaceholderFeedURL     = PlaceholderLink + "feed.xml"
	PlaceholderImage       = PlaceholderLink + "artwork.jpg"
	PlaceholderName        = "Your Name" // author, owner.name, and in copyright
	PlaceholderEmail       = "you@example.com"
)
