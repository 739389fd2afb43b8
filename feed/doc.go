// Package feed renders a show and its episodes into the files a podcast is
// published as:
//
//   - feed.xml: RSS 2.0 with the iTunes, Podcasting 2.0 (podcast:*),
//     Podlove Simple Chapters (psc:*), content:encoded and atom:link
//     extensions;
//   - atom.xml: Atom 1.0 (RFC 4287);
//   - feed.json: JSON Feed 1.1;
//   - chapters/<slug>.json: Podcasting 2.0 JSON chapters, one per episode
//     that has chapters.
//
// Each item carries the episode's show notes as HTML (see [Build]): the full
// notes in content:encoded and the subset Apple Podcasts and Spotify accept
// in the description.
//
// feed is built on github.com/gorilla/feeds: its RSS, Atom and JSON Feed
// structures are embedded in this package's own, which add the namespaced
// elements and fix what gorilla leaves out (stable Atom ids, enclosures
// without a length, JSON attachments, CDATA descriptions).
//
// Every string from the show and the episodes is first cleaned to XML 1.0
// characters, so the output is well-formed whatever the input holds. Output
// is deterministic: the same input gives the same bytes, and no date comes
// from the clock (channel dates are the newest episode's publication time).
//
// feed does not read or write files, filter drafts or scheduled episodes, or
// validate its input: packages config and episodes do that, and the caller
// writes the [Output].
package feed
