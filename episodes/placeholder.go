package episodes

// The placeholders podfeed init and podfeed new write into an episode file
// for what they cannot know: the summary of init's first episode, and the
// [audio] table left as comments in a draft. [Parse] warns about each one
// left in the file, so that no episode is published with them.
const (
	PlaceholderSummary = "What listeners will hear in this episode. Markdown works here: *emphasis*, [links](https://example.com/), lists."
	// PlaceholderMediaHost is the host of the audio url placeholder,
	// "https://…/001-welcome.mp3".
	PlaceholderMediaHost = "…"
	PlaceholderLength    = 12345678 // audio.length, in bytes
)
