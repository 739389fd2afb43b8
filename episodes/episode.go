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

import (
	"time"

	"github.com/podfeed/podfeed/podcast"
)

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
	// Link is the episode's own web page (the item's <link>), kept from
	// the show's old website by podfeed import; "" links the item to
	// podfeed's page for it.
	Link string
	// Transcripts are [transcript] and the [[transcripts]] tables, in
	// this order.
	Transcripts []podcast.Transcript

	// Podcasting 2.0 tags of the item, and itunes:block.
	Soundbites          []podcast.Soundbite
	AlternateEnclosures []podcast.AlternateEnclosure
	Location            *podcast.Location
	License             *podcast.License
	Txt                 []podcast.Txt
	Images              []podcast.Image
	Chat                *podcast.Chat
	SocialInteract      []podcast.SocialInteract
	Value               *podcast.Value
	Block               bool // itunes:block: keep this episode out of Apple Podcasts
	// Live, when set, makes the episode a podcast:liveItem: an announced
	// live show, whose status follows the build's clock.
	Live *Live
}

// Live is the live window of a podcast:liveItem.
type Live struct {
	Start, End  time.Time
	ContentLink string // where to watch or listen besides the enclosure; "" when none
}

// LiveStatus is a live item's status at now: "pending" before its start,
// "live" until its end, "ended" after.
func (l *Live) Status(now time.Time) string {
	switch {
	case now.Before(l.Start):
		return "pending"
	case now.Before(l.End):
		return "live"
	}
	return "ended"
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
type Person = podcast.Person
