package feed

import (
	"io"
	"time"

	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/address"
	"github.com/podfeed/podfeed/internal/diag"
	"github.com/podfeed/podfeed/internal/output"
	"github.com/podfeed/podfeed/internal/shownotes"
)

// Options are the settings of a build that come from neither the show nor
// its episodes. The zero value is ready to use.
type Options struct {
	// Updated is the time written as the channel's dates (lastBuildDate,
	// pubDate, Atom updated) when there are no episodes; with episodes, the
	// newest episode's publication time is used instead. Zero leaves the
	// RSS dates out and writes Atom's updated as 0001-01-01T00:00:00Z.
	Updated time.Time

	// Now is the build's clock: the status of every podcast:liveItem
	// (pending, live, ended) is its live window's at Now.
	Now time.Time

	// Generator names the program in RSS and Atom, e.g. "podfeed v0.1.0";
	// empty leaves the element out.
	Generator string

	// PageLinks links every episode that has a slug to its web page
	// (address.PagePath, beside feed.xml): the item's link in RSS, its
	// alternate link in Atom and its url in JSON Feed. An episode without a
	// slug has no page and gets no link.
	PageLinks bool

	// MaxItems caps each feed to its newest MaxItems items; the older ones
	// go to archive pages (in Output.Feeds: feed-2.xml, atom-2.xml,
	// feed-2.json, …), and every page links to the others as an RFC 5005
	// paged feed (JSON Feed: next_url), so nothing is lost. 0: no cap.
	MaxItems int

	// Stylesheet, when set, is the address of a stylesheet that browsers
	// apply to feed.xml: it is written in an xml-stylesheet processing
	// instruction right after the XML declaration, of type text/css for
	// an address ending in .css, else text/xsl (which browsers are
	// removing). A relative address such as "feed.css" resolves against
	// the feed's own address.
	// Empty writes no instruction.
	Stylesheet string

	// Reuse, when not nil, is asked for each episode (as given to Build)
	// whether an earlier build wrote its items from the same input: it
	// returns where they lie in the files that build wrote (recorded in
	// its Output.Spans) and the warnings rendering them gave. Build then
	// neither renders the episode's notes nor encodes its items, but
	// copies them; the episode has no Output.Notes. Reuse is called on
	// several goroutines at once.
	Reuse func(ep *episodes.Episode) (*Fragments, bool)
}

// Fragments are one episode's items as an earlier build wrote them.
type Fragments struct {
	RSS, Atom, JSON Span
	Warnings        diag.List
}

// Span is a run of bytes in a file.
type Span struct {
	From     io.ReaderAt
	Off, Len int64
}

// ItemSpan is where one item lies in a feed file: its episode's guid (Key),
// and its bytes (in JSON Feed without the comma and new line between
// items; in RSS and Atom with the new line and indentation it starts with).
type ItemSpan struct {
	Key      string
	Off, Len int64
}

// Output is what [Build] renders. Its files are rendered when they are
// written, so that a big show's feeds (about 100 MB each at 10,000
// episodes) are never whole in memory: the items of a feed are rendered on
// every core, a few hundred at a time, and streamed out in order (the
// feeds' Stream, the chapters' Render). Build has already rendered every
// episode's notes and found every problem it can report.
type Output struct {
	// Chapters holds one Podcasting 2.0 JSON chapters file per episode that
	// has chapters, "chapters/<slug>.json", sorted by name.
	Chapters []output.File

	// Feeds holds feed.xml, atom.xml and feed.json, with their archive
	// pages when Options.MaxItems splits them (feed-2.xml, atom-2.xml,
	// feed-2.json, …), in the order they are best published: archive pages
	// from the last, then feed.json, atom.xml and feed.xml.
	Feeds []output.File

	// Pages is how many pages each feed has: 1, or more with MaxItems.
	Pages int

	// Notes holds the show notes of every episode that has a slug, keyed
	// by the slug: the value content:encoded and the description are
	// written from, so that web pages show exactly the notes the feed
	// carries (site renders them with [shownotes.Notes.Page]).
	Notes map[string]*shownotes.Notes

	// Items are the keys of every item of the RSS feed, on all its pages,
	// in feed order, as written: what a reader of feed.xml finds in each
	// <item>'s guid, title, enclosure url and link (package
	// internal/publish reads the same keys back for its guard).
	Items []Item

	// Spans tell, by feed file name, where each item lies in it: filled
	// in as the file is streamed, for a later build's Options.Reuse.
	Spans map[string]*[]ItemSpan

	// ItemWarnings are the warnings each episode's items gave, by guid
	// (also in Warnings), for a later build's Options.Reuse.
	ItemWarnings map[string]diag.List

	// Warnings are advice about the output, such as a description that
	// had to leave sections to content:encoded. They never stop a build.
	Warnings diag.List
}

// Item is what a feed reader tells one episode's item by.
type Item struct {
	GUID, Title, EnclosureURL, Link string
}

// File names of the outputs, relative to the output folder, as package
// address names them; kept here for callers of feed.
const (
	RSSFile  = address.RSSFile
	AtomFile = address.AtomFile
	JSONFile = address.JSONFile

	ChaptersDir = address.ChaptersDir
)
