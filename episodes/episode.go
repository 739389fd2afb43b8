// Package episodes reads episode files: one TOML file per episode, decoded
// and validated with every problem reported at its file, line and column
// (see package internal/diag). [Parse] reads one file; [LoadDir] reads a
// whole folder and checks what spans files, such as duplicate guids and
// episode numbers; [Select] splits episodes into live and scheduled ones for
// a given time. The "H:MM:SS" times of durations and chapters are read and
// written by package internal/timecode.
//
// episodes knows nothing about the show or about feeds: package config reads
// podcast.toml and package feed renders both. It does not open media files:
// when the audio table names a local file, filling in length, type and duration from
// it is left to the caller. It never reads the clock; the time to select by
// is a parameter.
package episodes

import "time"

// Episode is one episode as its file describes it. It is the single model
// from which every output (RSS, Atom, JSON Feed, chapters, pages) renders.
type Episode struct {
	File string // the file it was read from, as given to Parse
	Slug string // file name without ".toml", e.g. "055-rust-in-production"

	Title       string
	Number      int    // itunes:episode; 0 when unset
	Season      int    // itunes:season; 0 when unset
	EpisodeType string // "full" (default), "trailer" or "bonus"
	Published   time.Time
	Draft       bool
	GUID        string // defaults to Audio.URL (with a warning)
	Summary     string // Markdown source
	Explicit    *bool  // nil: the show's setting
	Image       string // "" : the show's artwork
	Keywords    []string
	Audio       Audio
	Chapters    []Chapter
	Links       []Link
	Takeaways   []string
	People      []Person
	Transcript  *Transcript
	// Link is the episode's own web page (the item's <link>), kept from
	// the show's old website by podfeed import; "" links the item to
	// podfeed's page for it.
	Link string
}

// Audio is the episode's media file (the RSS enclosure).
type Audio struct {
	URL      string
	Length   int64         // bytes; 0 when unknown (written as length = 0, and check warns)
	Type     string        // MIME type, e.g. "audio/mpeg"
	Duration time.Duration // 0 when unknown
	File     string        // local media file, relative to the show folder, cleaned, with "/"; "" when none
}

// Chapter is one chapter mark.
type Chapter struct {
	Start time.Duration
	Title string
	URL   string
	Image string
}

// Link is one of the episode's own show links.
type Link struct {
	Group string
	Title string
	URL   string
	Note  string
}

// Person is podcast:person.
type Person struct {
	Name string
	Role string // e.g. "host", "guest"; default "host"
	Href string
	Img  string
}

// Transcript is podcast:transcript.
type Transcript struct {
	URL  string
	Type string // MIME type, e.g. "text/vtt"
}
