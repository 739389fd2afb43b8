package importer

import (
	"fmt"
	"strings"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/internal/diag"
)

// MoveInSteps says what an import kept and what is left to do, at the old
// host and here, for the show's subscribers to follow it to podfeed.
func (imp *Import) MoveInSteps() []string {
	s := imp.Show
	old := imp.OldFeedURL
	if old == "" {
		old = "the old feed's address"
	}
	steps := []string{
		fmt.Sprintf("kept: every episode's guid, date, enclosure and link, and the show's podcast:guid %s, so apps see the same show", s.GUID),
	}
	if imp.standIn > 0 {
		steps[0] = strings.Replace(steps[0], "date,", "date (but for "+diag.Plural(imp.standIn, "episode", "")+" whose item had none: see the warnings),", 1)
	}
	steps = append(steps, "to move the feed, step by step:")
	if s.FeedURL == imp.OldFeedURL {
		steps = append(steps, "  1. set feed_url in podcast.toml to where podfeed's feed.xml will be served")
	} else {
		steps = append(steps, fmt.Sprintf("  1. serve the built output so that %s answers", s.FeedURL))
	}
	steps = append(steps,
		fmt.Sprintf("  2. at the old host, redirect %s to the new feed_url: an HTTP 301, or the host's \"redirect feed\" setting, which writes itunes:new-feed-url", old),
		"  3. keep the old host's feed (or its redirect) for at least 4 weeks, until Apple and the apps have followed; delete nothing there before",
		"  4. set locked = true and [owner] email in podcast.toml, so that no other host imports the show",
		"  5. change the feed's address in Apple Podcasts Connect, Spotify and podcastindex.org; once the website has moved too, set link_pages = true",
	)
	if s.Notify.Podping {
		steps = append(steps, "  6. the old feed announced podping, kept as [notify] podping = true: podfeed deploy sends a podping with the token in PODPING_TOKEN "+
			"(podping.cloud gives one); without a token, remove the line or deploy with --no-notify")
	}
	return steps
}

// MoveOutSteps says how to move the show's feed to s.NewFeedURL; nil when
// the show does not move.
func MoveOutSteps(s *config.Show) []string {
	if s.NewFeedURL == "" {
		return nil
	}
	return []string{
		fmt.Sprintf("the feed moves to %s (new_feed_url), step by step:", s.NewFeedURL),
		fmt.Sprintf("  1. the new feed must carry every episode with its guid unchanged, and podcast:guid %s", s.GUID),
		fmt.Sprintf("  2. keep publishing this feed at %s with itunes:new-feed-url for at least 4 weeks, or answer it with an HTTP 301 to the new address", s.FeedURL),
		"  3. set podcast:locked to yes at the new feed, with the owner's email, so that no other host imports it",
		"  4. change the feed's address in Apple Podcasts Connect, Spotify and podcastindex.org",
		"  5. delete nothing here until the apps have followed: then keep the 301 for good",
	}
}
