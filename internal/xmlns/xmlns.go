// Package xmlns is the one table of the XML namespaces podfeed writes and
// reads in feeds: their URIs, the variants real feeds declare for them, and
// the prefixes people know them by.
package xmlns

// Namespace URIs, as podfeed writes them.
const (
	Content = "http://purl.org/rss/1.0/modules/content/"
	Itunes  = "http://www.itunes.com/dtds/podcast-1.0.dtd"
	Podcast = "https://podcastindex.org/namespace/1.0"
	Atom    = "http://www.w3.org/2005/Atom"
	Psc     = "http://podlove.org/simple-chapters"
	// DublinCore is read, never written: dc:title and dc:date stand in for
	// a missing title and pubDate in feeds that podfeed imports.
	DublinCore = "http://purl.org/dc/elements/1.1/"
)

// aliases maps namespace URIs seen in real feeds to the one they mean.
var aliases = map[string]string{
	"https://www.itunes.com/dtds/podcast-1.0.dtd":                                 Itunes,
	"http://www.itunes.com/DTDs/Podcast-1.0.dtd":                                  Itunes,
	"https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md": Podcast,
	"http://podcastindex.org/namespace/1.0":                                       Podcast,
	"https://podlove.org/simple-chapters":                                         Psc,
	"https://podlove.org/simple-chapters/":                                        Psc,
	"http://podlove.org/simple-chapters/":                                         Psc,
}

// Canonical returns the URI podfeed knows a namespace by: uri itself, or
// the one a variant seen in real feeds stands for.
func Canonical(uri string) string {
	if c, ok := aliases[uri]; ok {
		return c
	}
	return uri
}

// prefixes names well-known namespaces in messages, whatever prefix a feed
// declared.
var prefixes = map[string]string{
	Itunes:                          "itunes",
	Podcast:                         "podcast",
	Psc:                             "psc",
	Content:                         "content",
	Atom:                            "atom",
	"http://search.yahoo.com/mrss/": "media",
	DublinCore:                      "dc",
	"http://www.google.com/schemas/play-podcasts/1.0":      "googleplay",
	"http://purl.org/rss/1.0/modules/syndication/":         "sy",
	"http://backend.userland.com/creativeCommonsRssModule": "creativeCommons",
}

// Prefix returns the conventional prefix of the namespace uri (after
// [Canonical]), or "" for one it does not know.
func Prefix(uri string) string { return prefixes[Canonical(uri)] }
