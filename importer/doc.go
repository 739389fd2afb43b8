// Package importer moves a podcast into podfeed: it reads an existing RSS
// feed, or an episode's plain-text show notes, and writes the podcast.toml
// and episodes/*.toml files that podfeed builds from.
//
// # Reading a feed
//
// [ReadFeed] reads a feed with package internal/xmltree, podfeed's one RSS
// reader: strictly first, so that a feed that is not well-formed XML is
// reported (and then read leniently), with every element positioned. One
// small reader per element or namespace, as gofeed has, takes the RSS core,
// the iTunes tags, the Podcasting 2.0 tags (podcast:guid, person,
// transcript, funding, locked, medium, chapters, season and episode) under
// whatever prefix the feed declares, and Podlove Simple Chapters
// (psc:chapters). Every element the
// episode files have no place for is reported as a warning at its first
// line, with the number of items that carry it: nothing is dropped silently.
//
// Each item keeps its guid, pubDate with its time zone, enclosure, duration,
// episode and season numbers, episode type, explicit flag, artwork, keywords,
// people and transcript. A date that is not RFC 822 ("Sept", a full
// month name, a zone name) is read as apps read it; an item with no date
// podfeed can read takes the latest it can have: the feed's lastBuildDate,
// else its pubDate, else its newest item's, said in the episode file.
// Chapters come from psc:chapters, else from the
// podcast:chapters JSON file when [Options.Client] may fetch it, else from
// timestamp lines in the show notes. The show notes (content:encoded, else
// the description) become the summary, in Markdown, with the Chapters,
// Links and Takeaways sections and trailing link lists taken out into
// chapters, links and takeaways where they can be recognised. Links that
// most episodes share become the show's links in podcast.toml.
//
// # Reading show notes
//
// [ReadNotes] turns plain-text show notes (a title line, a summary, a
// Chapters block, a LINKS block with groups and notes, a Takeaways list)
// into one episode.
//
// # Writing
//
// [Import.Files] gives the show folder's files, encoded as TOML by package
// internal/showfile, which also writes them without overwriting any.
//
// importer does not validate the show (podfeed check does that on the files
// it wrote), never reads the clock, and makes network requests only through
// the http.Client it is given.
package importer
