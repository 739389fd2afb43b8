package config

import (
	"strings"

	"github.com/google/uuid"
)

// podcastNamespace is the UUID namespace the Podcasting 2.0 namespace
// defines for podcast:guid.
var podcastNamespace = uuid.MustParse("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")

// PodcastGUID returns the podcast:guid that Podcasting 2.0 assigns to a feed:
// the version 5 UUID, in the podcast namespace, of feedURL without its
// scheme ("https://") and without trailing slashes. For
// "https://podnews.net/rss" it is "9b024349-ccf0-5f69-a609-6b82873eab3c".
//
// A podcast keeps the guid of the feed address it first had: once
// published, write it into podcast.toml as guid so that moving the feed does
// not change it.
func PodcastGUID(feedURL string) string {
	s := feedURL
	if _, rest, ok := strings.Cut(s, "://"); ok {
		s = rest
	}
	s = strings.TrimRight(s, "/")
	return uuid.NewSHA1(podcastNamespace, []byte(s)).String()
}

// parseGUID checks a podcast:guid written in podcast.toml: 36 characters,
// four hyphens, hexadecimal digits (the form the namespace documents).
func parseGUID(s string) (uuid.UUID, bool) {
	if len(s) != 36 {
		return uuid.UUID{}, false
	}
	u, err := uuid.Parse(s)
	return u, err == nil
}
