package site

import (
	"html/template"
	"net/url"
	"strings"
)

// App is a link that opens the feed in a podcast app.
type App struct {
	Name string
	// URL opens the app. It is typed template.URL because most apps use
	// their own scheme (overcast://, pktc://), which html/template would
	// otherwise replace: Apps builds every URL from the feed address,
	// escaped, so it is safe to write.
	URL template.URL
	// Platforms says where the app runs, for the link's description.
	Platforms string
}

// Apps returns the subscribe links for a feed: the schemes and addresses
// that Overcast, Pocket Casts, AntennaPod and Podcast Addict document or
// register, and the generic podcast:// scheme that the system's default
// podcast app answers. Apple Podcasts is not among them: its podcasts://
// scheme does nothing off Apple's devices, and its https address needs the
// show's Apple id, so the show lists its Apple page with its directories
// ([[directories]] name = "Apple Podcasts"). feedURL must be an absolute http(s) address;
// otherwise Apps returns nil.
func Apps(title, feedURL string) []App {
	u, err := url.Parse(feedURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil
	}
	// The address without its scheme, as the "scheme://host/path" forms
	// take it; re-serialised so that it is escaped.
	bare := strings.TrimPrefix(u.String(), u.Scheme+"://")
	full := u.String()
	q := url.QueryEscape
	return []App{
		{Name: "Overcast", URL: template.URL("overcast://x-callback-url/add?url=" + q(full)), Platforms: "iPhone, iPad"},
		{Name: "Pocket Casts", URL: template.URL("pktc://subscribe/" + bare), Platforms: "iPhone, Android"},
		{Name: "AntennaPod", URL: template.URL("https://antennapod.org/deeplink/subscribe?url=" + q(full) + "&title=" + q(title)), Platforms: "Android"},
		{Name: "Podcast Addict", URL: template.URL("podcastaddict://" + bare), Platforms: "Android"},
		{Name: "Other apps", URL: template.URL("podcast://" + bare), Platforms: "the default podcast app"},
	}
}
