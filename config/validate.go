package config

import (
	"net/mail"
	"net/url"
	"path"
	"strings"

	"golang.org/x/text/language"

	"github.com/podfeed/podfeed/internal/address"
	"github.com/podfeed/podfeed/internal/tomlx"
)

// The checks below report at key of t and skip empty values: a missing or
// empty required key is reported once, by the code that reads it.

// checkURL reports v unless it is an absolute http or https URL with a host,
// and returns it parsed when it is one.
func checkURL(t *tomlx.Table, key, v string) *url.URL {
	if v == "" {
		return nil
	}
	u, err := url.Parse(v)
	if err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Hostname() != "" {
		return u
	}
	p := t.Errorf(key, "%q is not an absolute http or https URL", v)
	switch {
	case err == nil && u.Scheme == "" && !strings.HasPrefix(v, "/") && strings.Contains(strings.SplitN(v, "/", 2)[0], "."):
		p.WithHint("write the whole address, with its scheme: %q", "https://"+v)
	case err == nil && u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https":
		p.WithHint("podcast apps follow only http and https addresses")
	default:
		p.WithHint(`write the whole address, such as "https://example.com/"`)
	}
	return nil
}

// checkImage reports artwork that is neither a file in the show folder
// (which package project reads and checks) nor an https URL, and warns
// about an address that does not name a JPEG or PNG file.
func checkImage(t *tomlx.Table, key, v string) {
	if name, ok := address.LocalFile(v); ok {
		switch strings.ToLower(path.Ext(name)) {
		case ".jpg", ".jpeg", ".png":
		default:
			t.Errorf(key, "%q is not a .jpg, .jpeg or .png file", v).
				WithHint("Apple Podcasts accepts square JPEG or PNG artwork, 1400 to 3000 pixels wide")
		}
		return
	}
	u := checkURL(t, key, v)
	if u == nil {
		return
	}
	if u.Scheme != "https" {
		fixed := *u
		fixed.Scheme = "https"
		t.Warnf(key, "%q is not https", v).
			WithHint("Apple Podcasts requires artwork served over https: serve it so and write %q", fixed.String())
	}
	switch strings.ToLower(path.Ext(u.Path)) {
	case ".jpg", ".jpeg", ".png":
	default:
		t.Warnf(key, "%q does not end in .jpg, .jpeg or .png", v).
			WithHint("Apple Podcasts accepts square JPEG or PNG artwork, 1400 to 3000 pixels wide")
	}
}

// checkLanguage reports v unless it is a BCP 47 language tag naming a
// language, with subtags separated by hyphens.
func checkLanguage(t *tomlx.Table, key, v string) {
	if v == "" {
		return
	}
	const example = `write a language tag such as "en" or "en-GB"`
	tag, err := language.Parse(v)
	switch {
	case err != nil:
		t.Errorf(key, "%q is not a BCP 47 language tag", v).WithHint(example)
	case strings.Contains(v, "_"):
		t.Errorf(key, "%q separates its parts with an underscore", v).
			WithHint("BCP 47 uses hyphens: write %q", tag.String())
	case tag == language.Und:
		t.Errorf(key, "%q names no language", v).WithHint(example)
	}
}

// checkEmail reports v unless it is a bare e-mail address.
func checkEmail(t *tomlx.Table, key, v string) {
	a, err := mail.ParseAddress(v)
	switch {
	case err != nil:
		t.Errorf(key, "%q is not an email address", v).WithHint(`write it as "name@example.com"`)
	case a.Address != v:
		t.Errorf(key, "%q is not a bare email address", v).
			WithHint("write only %q; the name goes in owner.name", a.Address)
	}
}

// warnPlaceholders warns about each placeholder of podfeed init still in
// the root table of s, at its key; readOwner warns about those in [owner].
func warnPlaceholders(t *tomlx.Table, s *Show) {
	warnPlaceholder(t, "description", s.Description, PlaceholderDescription,
		"say what the show is about in two or three sentences: podcast apps show it under the title")
	warnPlaceholder(t, "link", s.Link, PlaceholderLink, "write the address of the show's website")
	warnPlaceholder(t, "feed_url", s.FeedURL, PlaceholderFeedURL,
		"write the address feed.xml will be served from: listeners' apps fetch the feed there")
	warnPlaceholder(t, "author", s.Author, PlaceholderName, "write the name listeners know the show's author by")
	warnPlaceholder(t, "image", s.Image, PlaceholderImage,
		"write the address of the show's artwork: square, 1400 to 3000 pixels, JPEG or PNG, over https")
	if t.Has("guid") && strings.EqualFold(s.GUID, PodcastGUID(PlaceholderFeedURL)) {
		t.Warnf("guid", "%s is the guid of the placeholder feed_url %s, which every show left with it shares", s.GUID, PlaceholderFeedURL).
			WithHint("delete the guid line: once feed_url is the show's real address, the guid made from it (see feed.xml's <podcast:guid>) is the one to keep")
	}
	if strings.Contains(s.Copyright, PlaceholderName) {
		t.Warnf("copyright", "%q holds the placeholder %q written by podfeed init", s.Copyright, PlaceholderName).
			WithHint("write who holds the rights, such as %q", strings.ReplaceAll(s.Copyright, PlaceholderName, "Ann Author"))
	}
}

// warnPlaceholder warns at key of t when v is placeholder.
func warnPlaceholder(t *tomlx.Table, key, v, placeholder, hint string) {
	if strings.TrimSpace(v) != placeholder {
		return
	}
	if len(placeholder) > 40 {
		t.Warnf(key, "still the placeholder written by podfeed init").WithHint("%s", hint)
		return
	}
	t.Warnf(key, "%q is a placeholder written by podfeed init", v).WithHint("%s", hint)
}
