// Package config reads a show's podcast.toml: it decodes the file, fills in
// defaults and validates every key, reporting each problem with its file,
// line and column (see package internal/diag).
//
// [Parse] is the one entry point: it starts from [Default], reads every key
// through internal/tomlx (so unknown keys are reported with a did-you-mean
// hint), validates the values (absolute http(s) addresses, https artwork,
// BCP 47 language, Apple Podcasts categories, e-mail addresses, the
// podcast:guid) and returns the [Show] together with every problem found:
// errors, which make the show unusable, and warnings for what Apple Podcasts
// or Podcasting 2.0 recommend.
//
// config knows nothing about episodes or feeds: package episodes reads the
// episode files and package feed renders both. It reads no files itself and
// makes no network requests: whether the artwork or the website answers is
// not checked.
package config

import "github.com/podfeed/podfeed/podcast"

// FileName is the name of the show file inside a show folder.
const FileName = "podcast.toml"

// The values of Show.Type (itunes:type).
const (
	TypeEpisodic = "episodic" // newest first; the default
	TypeSerial   = "serial"   // oldest first, listened to in order
)

// Default returns the settings a show has before podcast.toml is read:
// type "episodic", episodes read from "episodes" and outputs written to
// "public".
func Default() Show {
	return Show{
		Type:  TypeEpisodic,
		Build: Build{Episodes: "episodes", Output: "public"},
	}
}

// Show is a podcast as podcast.toml describes it, with defaults applied.
type Show struct {
	File string // the file it was read from, as given to Parse

	Title       string
	Description string
	Link        string // the show's website
	FeedURL     string // public address of feed.xml
	Language    string // BCP 47
	Author      string
	Image       string // square artwork: an https address, or a file in the show folder that package project publishes and replaces with its address
	Categories  []Category
	Explicit    bool
	Type        string // "episodic" (default) or "serial"
	Copyright   string
	GUID        string // podcast:guid; defaults to UUIDv5 of FeedURL
	Owner       Owner
	Links       []Link // show links, after each episode's own links
	Funding     []Funding
	Directories []Directory // the show's pages in podcast directories, for the web page
	Locked      *Locked     // podcast:locked; nil when not set
	Medium      string      // podcast:medium; "" when not set
	// LinkPages links every item to its page on podfeed's site, also
	// an episode that keeps its old page in its link key: set once the
	// show's website has moved to podfeed too (link_pages = true).
	LinkPages bool

	// NewFeedURL is itunes:new-feed-url: the feed's new address, when the
	// show has moved (the old feed keeps it until apps have followed).
	NewFeedURL string
	Block      podcast.Block // itunes:block and podcast:block
	Complete   bool          // itunes:complete: no episode will follow

	// Podcasting 2.0 tags of the channel.
	People          []podcast.Person
	Location        *podcast.Location
	License         *podcast.License
	Txt             []podcast.Txt
	Images          []podcast.Image
	Trailers        []podcast.Trailer
	UpdateFrequency *podcast.UpdateFrequency
	Podroll         []podcast.RemoteItem
	Publisher       *podcast.RemoteItem
	RemoteItems     []podcast.RemoteItem // the items of a list feed (medium podcastL, mixed …)
	Chat            *podcast.Chat
	Value           *podcast.Value

	Notify Notify // [notify]: WebSub hubs and podping

	Build Build
}

// Category is an Apple Podcasts category, with an optional subcategory.
// In podcast.toml it is written "Name" or "Name/Sub".
type Category struct {
	Name string // "Technology"
	Sub  string // "" or e.g. "How To" under "Education"
}

// String returns the category as podcast.toml writes it: "Technology" or
// "Education/How To".
func (c Category) String() string {
	if c.Sub == "" {
		return c.Name
	}
	return c.Name + "/" + c.Sub
}

// Owner is itunes:owner.
type Owner struct {
	Name  string
	Email string
}

// Link is one show link, written into every episode's show notes.
type Link struct {
	Group string
	Title string
	URL   string
	Note  string
}

// Funding is podcast:funding.
type Funding struct {
	URL  string
	Text string
}

// Directory is the show's page in a podcast directory or app (Apple
// Podcasts, Spotify, …), linked from the show's web page.
type Directory struct {
	Name string // as the page shows it, e.g. "Spotify"
	URL  string
}

// Locked is podcast:locked: whether other platforms may import the feed.
type Locked struct {
	Locked bool
	Owner  string // email of the owner, the tag's owner attribute
}

// Build holds the [build] table: where episodes are read from and where the
// outputs are written, both relative to the show folder.
type Build struct {
	Episodes string // default "episodes"
	Output   string // default "public"
	// MaxItems caps the items of feed.xml (and atom.xml, feed.json) to the
	// newest MaxItems; older ones go to archive pages (feed-2.xml, …)
	// linked from each page as RFC 5005 paged feeds. 0: no cap.
	MaxItems int
}
