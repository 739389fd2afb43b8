package feed

import (
	"time"

	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/diag"
)

// Options are the settings of a build that come from neither the show nor
// its episodes. The zero value is ready to use.
type Options struct {
	// Updated is the time written as the channel's dates (lastBuildDate,
	// pubDate, Atom updated) when there are no episodes; with episodes, the
	// newest episode's publication time is used instead. Zero leaves the
	// RSS dates out and writes Atom's updated as 0001-01-01T00:00:00Z.
	Updated time.Time

	// Generator names the program in RSS and Atom, e.g. "podfeed v0.1.0";
	// empty leaves the element out.
	Generator string

	// ItemLink, when not nil, returns the address of an episode's web page:
	// the item's link in RSS, its alternate link in Atom and its url in
	// JSON Feed. It is given the episode with its strings cleaned.
	ItemLink func(*episodes.Episode) string

	// MaxItems caps each feed to its newest MaxItems items; the older ones
	// go to archive pages (Output.Pages: feed-2.xml, atom-2.xml,
	// feed-2.json, …), and every page links to the others as an RFC 5005
	// paged feed (JSON Feed: next_url), so nothing is lost. 0: no cap.
	MaxItems int

	// Stylesheet, when set, is the address of an XSLT stylesheet that
	// browsers apply to feed.xml: it is written in an xml-stylesheet
	// processing instruction right after the XML declaration. A relative
	// address such as "feed.xsl" resolves against the feed's own address.
	// Empty writes no instruction.
	Stylesheet string
}

// Output is what [Build] renders. Paths are relative to the output folder.
type Output struct {
	RSS  []byte // feed.xml
	Atom []byte // atom.xml
	JSON []byte // feed.json

	// Pages holds the archive pages when Options.MaxItems splits the
	// feeds, keyed by file name: "feed-2.xml", "atom-2.xml", "feed-2.json"…
	Pages map[string][]byte

	// Chapters holds one Podcasting 2.0 JSON chapters file per episode that
	// has chapters, keyed by its path: "chapters/<slug>.json".
	Chapters map[string][]byte

	// Notes holds the full show notes of every episode that has a slug, as
	// the HTML written into content:encoded, keyed by the slug, so that web
	// pages show exactly the notes the feed carries.
	Notes map[string]string

	// Warnings are advice about the output, such as a description that
	// had to leave sections to content:encoded. They never stop a build.
	Warnings diag.List
}

// File names of the outputs, relative to the output folder. The Atom and
// JSON feeds and the chapters are addressed relative to the show's feed_url,
// which is where feed.xml is served.
const (
	RSSFile  = "feed.xml"
	AtomFile = "atom.xml"
	JSONFile = "feed.json"

	ChaptersDir = "chapters"
)
