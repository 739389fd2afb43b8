// Package scaffold starts a show and its episodes: [Init] writes a new show
// folder (a commented podcast.toml, a first episode and a .gitignore) that
// builds at once, and [New] and [AddEpisode] add the next episode file,
// with the next number, a fresh random guid and the title slugged into its
// name.
//
// New episodes are drafts: podfeed never publishes them, and does not yet
// need their [audio], until the draft line is removed. scaffold never reads
// the clock (the publication time is a parameter) and writes through
// showfile.WriteFiles, so it never overwrites a file unless told to.
package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/google/uuid"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/output"
	"github.com/podfeed/podfeed/internal/showfile"
)

// Options tune [Init], [New] and [AddEpisode].
type Options struct {
	// Overwrite allows replacing files that exist.
	Overwrite bool
	// NewGUID returns a fresh guid; nil means a random UUID
	// (uuid.NewRandom).
	NewGUID func() (string, error)
}

func (o Options) guid() (string, error) {
	if o.NewGUID != nil {
		return o.NewGUID()
	}
	u, err := uuid.NewRandom()
	if err != nil {
		return "", fmt.Errorf("make a guid: %w", err)
	}
	return u.String(), nil
}

// Show describes the show Init writes. Empty fields get placeholders that
// build but that podfeed check points out.
type Show struct {
	Title    string // default: from the folder's name
	Author   string // default config.PlaceholderName, "Your Name"
	Email    string // the owner's address; default config.PlaceholderEmail
	Link     string // the show's website; default config.PlaceholderLink
	Language string // default "en"
}

// ErrNoShow is returned, wrapped, when a folder has no podcast.toml.
var ErrNoShow = errors.New("no podcast.toml")

// Init writes a new show into dir (created when missing): podcast.toml
// with a comment on each setting, a first episode (a draft) and a
// .gitignore for the output folder. now is the first episode's publication
// time and gives the copyright year. It refuses, writing nothing, when one
// of the files exists, unless opts.Overwrite is set. It returns the paths
// written.
func Init(dir string, show Show, now time.Time, opts Options) ([]string, error) {
	if show.Title == "" {
		show.Title = titleFromDir(dir)
	}
	if show.Author == "" {
		show.Author = config.PlaceholderName
	}
	if show.Email == "" {
		show.Email = config.PlaceholderEmail
	}
	pinGUID := show.Link != ""
	if show.Link == "" {
		show.Link = config.PlaceholderLink
	}
	link, err := SiteURL(show.Link)
	if err != nil {
		return nil, err
	}
	show.Link = link
	if show.Language == "" {
		show.Language = "en"
	}
	ep := &episodes.Episode{
		Title:     "Welcome to " + show.Title,
		Number:    1,
		Published: now,
		Draft:     true,
		Summary:   episodes.PlaceholderSummary,
	}
	epFile, err := prepare(ep, opts)
	if err != nil {
		return nil, err
	}
	files := []output.File{
		{Name: config.FileName, Data: []byte(showFile(show, pinGUID, now))},
		{Name: "episodes/" + epFile, Data: episodeFile(ep)},
		{Name: ".gitignore", Data: []byte("# podfeed build writes the feeds here.\n/public/\n")},
	}
	return showfile.WriteFiles(dir, files, opts.Overwrite)
}

// episodeComment heads every episode file scaffold writes. Its commented
// keys are the episode's own, valid as they stand when uncommented: above
// title, they stay keys of the episode, not of a table.
const episodeComment = `An episode of the show. podfeed check explains every key, and the
README's format section lists them all: title, number, published, guid
(never change it once published), summary (Markdown), the [audio] table,
chapters, links, takeaways, people, and the tags commented out at the end
of this file.
Keep this episode out of Apple Podcasts and the directories (itunes:block).
block = true
The episode's license, when it is not the show's: an SPDX identifier.
license = "CC-BY-4.0"`

// episodeTags closes every episode file scaffold writes with the tables
// an episode can carry, commented out: each, uncommented as it stands, is
// valid (a test checks).
const episodeTags = `
# The other tables an episode can carry, valid as they stand when
# uncommented. The README's format section explains each key.

# Transcripts, one table each: the type comes from the extension (.vtt,
# .srt, .json, .html) when left out; captions marks timed ones for apps
# to show while playing.
# [[transcripts]]
# url = "https://example.com/transcripts/episode.vtt"
# language = "en"
# captions = true

# Moments worth sharing, which apps play as clips: 15 to 120 seconds.
# [[soundbites]]
# start = "1:30"
# duration = 45
# title = "The best minute of the episode"

# Other versions of the media file, such as a smaller Opus file; [audio]
# stays the one every app plays.
# [[alternate_enclosures]]
# type = "audio/opus"
# length = 16861560
# bitrate = 64000
# title = "Opus, 64 kbps"
# [[alternate_enclosures.sources]]
# url = "https://example.com/audio/episode.opus"

# The post whose replies are the episode's comments.
# [[social_interact]]
# protocol = "activitypub"
# url = "https://mastodon.example/@yourshow/113000000000000001"
# account_id = "@yourshow"

# What the episode is about, or where it was recorded.
# [location]
# name = "Austin, Texas"
# geo = "geo:30.2672,-97.7431"
# country = "US"

# Text for services, or notes for apps.
# [[txt]]
# text = "recorded in one take"

# More artwork for the episode, such as a wide banner.
# [[images]]
# url = "https://example.com/episode-banner.jpg"
# alt = "The guest at the microphone"
# aspect_ratio = "16/9"
# width = 1920
# height = 1080

# Where listeners talk about this episode.
# [chat]
# server = "irc.zeronode.net"
# protocol = "irc"
# space = "#yourshow"

# Value for value for this episode, in place of the show's: listeners'
# apps stream sats to these recipients, split as given.
# [value]
# type = "lightning"
# method = "keysend"
# [[value.recipients]]
# name = "Your Name"
# type = "node"
# address = "02d5c1bf8b940dc9cadca86d1b0a3c37fbe39cee4c7e839e33bef9174531d27f52"
# split = 100

# A live show: the feed announces it as podcast:liveItem, pending before
# start, live until end and ended after, at the time of the build; build
# every few minutes (from cron) to move it along.
# [live]
# start = 2026-01-05T18:00:00Z
# end = 2026-01-05T19:30:00Z
# content_link = "https://example.com/live"
`

// episodeFile is ep as an episode file scaffold writes: episodeComment
// above, episodeTags below.
func episodeFile(ep *episodes.Episode) []byte {
	return append(showfile.EncodeEpisode(ep, episodeComment), episodeTags...)
}

// showFile is podcast.toml as Init writes it. With pinGUID, it writes the
// podcast:guid derived from the feed address, so that moving the feed
// later does not change it; without, the feed address is a placeholder
// whose guid every such show would share, and the guid line is a comment
// saying how to pin it.
func showFile(s Show, pinGUID bool, now time.Time) string {
	q := showfile.Quote
	feedURL := s.Link + "feed.xml"
	guid := fmt.Sprintf(`# The show's podcast:guid: apps and directories know the show by it. It was
# made from feed_url; never change it, not even when the feed moves.
guid = %s`, q(config.PodcastGUID(feedURL)))
	if !pinGUID {
		guid = `# The show's podcast:guid: apps and directories know the show by it. Until
# it is written here, podfeed makes it from feed_url. Once feed_url is the
# real address and the show is built, copy the <podcast:guid> of feed.xml here
# as guid = "…", and never change it, not even when the feed moves.`
	}
	return fmt.Sprintf(`# The show. podfeed check explains every key and what is missing; the full
# list is in podfeed's design (DESIGN.md).

title = %s
description = %s
# The show's website, and the address its feed.xml will be served from.
link = %s
feed_url = %s
%s
language = %s
author = %s
# Square artwork, 1400 to 3000 pixels, JPEG or PNG, served over https.
image = %s
# Apple Podcasts categories: "Name", or "Name/Sub" for a subcategory.
categories = ["Technology"]
explicit = false
# "episodic" (newest first) or "serial" (listened to in order).
type = "episodic"
copyright = %s
`+moreKeys+`
# Directories write to this address to confirm who owns the show.
[owner]
name = %s
email = %s

# Show links, written into every episode's notes after the episode's own.
# [[links]]
# group = "Find us"
# title = "Website"
# url = %s

# Where episodes are read from and the feeds are written to.
[build]
episodes = "episodes"
output = "public"
`+moreTags, q(s.Title), q(config.PlaceholderDescription), q(s.Link), q(feedURL), guid, q(s.Language), q(s.Author), q(artworkURL(s.Link)),
		q(fmt.Sprintf("© %d %s", now.Year(), s.Author)), q(s.Author), q(s.Email), q(s.Link))
}

// moreKeys are the other top-level keys, commented out; they stand before
// the first table so that, uncommented, they stay the show's own keys.
const moreKeys = `
# Other tags. Uncomment what your show uses; every example here and in the
# tables at the end is valid as it stands.
# The feed moved: apps follow to the new address (see podfeed check).
# new_feed_url = "https://feeds.example.com/show.xml"
# Keep the show out of every directory (true), or of the ones named.
# block = ["google"]
# No episode will follow.
# complete = true
# An SPDX identifier; license_url links the license's text (and names one
# that is not in the SPDX list).
# license = "CC-BY-4.0"
# license_url = "https://creativecommons.org/licenses/by/4.0/"
# What the feed is: podcast (the default), music, video, film, audiobook,
# newsletter, blog, course or publisher. A list feed of other feeds'
# episodes ([[remote_items]] at the end) adds L, as podcastL, or is mixed;
# a show with episodes of its own leaves medium out or writes "podcast".
# medium = "podcastL"
`

// moreTags closes podcast.toml with every other show-level tag, commented
// out: each block, uncommented as it stands, is valid (a test checks), so
// a podcaster edits a working example instead of reading a reference.
const moreTags = `
# The other tables a show can carry, valid as they stand when uncommented.
# The README's format section explains each key.


# Where listeners can support the show.
# [[funding]]
# url = "https://example.com/support"
# text = "Support the show"

# The show's hosts and crew (episodes list their guests). role and group
# come from the Podcast Taxonomy Project (https://podcasttaxonomy.com/):
# group is cast (the default), writing, audio production, visuals …
# [[people]]
# name = "Your Name"
# role = "host"
# group = "cast"
# href = "https://example.com/about"

# What the show is about, or recorded at: geo is RFC 5870, osm an
# OpenStreetMap object.
# [location]
# name = "Austin, Texas"
# rel = "subject"
# geo = "geo:30.2672,-97.7431"
# country = "US"

# Text for services, e.g. Apple's ownership check.
# [[txt]]
# text = "your-verification-code"
# purpose = "applepodcastsverify"

# More artwork than the square image: a wide banner, a social card.
# [[images]]
# url = "https://example.com/banner.jpg"
# alt = "The show's hosts in the studio"
# aspect_ratio = "16/9"
# width = 1920
# height = 1080
# type = "image/jpeg"
# purpose = "banner"

# A trailer for the show.
# [[trailers]]
# title = "Welcome to the show"
# url = "https://example.com/audio/trailer.mp3"
# published = 2026-01-05T08:00:00Z
# length = 1204320
# type = "audio/mpeg"

# How often episodes come out: text, and an RFC 5545 rule.
# [update_frequency]
# text = "Weekly on Mondays"
# rrule = "FREQ=WEEKLY;BYDAY=MO"

# Shows you recommend, by their podcast:guid.
# [[podroll]]
# feed_guid = "917393e3-1b1e-5cef-ace4-edaa54e1f810"
# title = "A show we like"

# The publisher feed that lists this show with its publisher's others.
# [publisher]
# feed_guid = "003af0a0-6a45-55cf-b765-68e3d349551a"
# feed_url = "https://example.com/publisher.xml"

# A list feed's items (with medium = "podcastL" above): episodes of other
# shows, by their podcast:guid and the episode's guid.
# [[remote_items]]
# feed_guid = "917393e3-1b1e-5cef-ace4-edaa54e1f810"
# item_guid = "episode-42"
# title = "An episode we like"

# Where listeners talk during and after episodes.
# [chat]
# server = "irc.zeronode.net"
# protocol = "irc"
# space = "#yourshow"

# Value for value: listeners' apps stream sats to these recipients, split
# as given.
# [value]
# type = "lightning"
# method = "keysend"
# [[value.recipients]]
# name = "Your Name"
# type = "node"
# address = "02d5c1bf8b940dc9cadca86d1b0a3c37fbe39cee4c7e839e33bef9174531d27f52"
# split = 100

# Tell apps the moment a feed changes, after podfeed deploy.
# [notify]
# hubs = ["https://pubsubhubbub.appspot.com/"]
# podping = true
`

// artworkURL is the artwork address Init writes for the website link:
// artwork.jpg under it, over https, which Apple Podcasts requires.
func artworkURL(link string) string {
	return "https://" + strings.TrimPrefix(strings.TrimPrefix(link, "https://"), "http://") + "artwork.jpg"
}

// SiteURL returns the website address raw as Init writes it: with
// "https://" in front when it has no scheme (as "mypod.example.org"), and
// ending in "/", so that the feed and artwork addresses can be made from it.
// It returns an error, saying what is wrong, when raw is not an http or
// https address with a host, or has a query or fragment.
func SiteURL(raw string) (string, error) {
	s := strings.TrimSpace(raw)
	if !strings.Contains(s, "://") {
		s = "https://" + strings.TrimLeft(s, "/")
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return "", fmt.Errorf("%q is not a web address", raw)
	case u.Scheme != "http" && u.Scheme != "https":
		return "", fmt.Errorf("%q is not an http or https address", raw)
	case u.Hostname() == "" || u.User != nil:
		return "", fmt.Errorf("%q names no host", raw)
	case u.RawQuery != "" || u.Fragment != "" || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "#"):
		return "", fmt.Errorf("%q has a query or fragment; give the show's website only", raw)
	}
	// The scheme and host as URLs are usually written: lower case
	// ("HTTPS://Mypod.Example.org" works, but the artwork address is made
	// by replacing the scheme).
	u.Host = strings.ToLower(u.Host)
	s = u.String()
	if !strings.HasSuffix(s, "/") {
		s += "/"
	}
	return s, nil
}

// titleFromDir makes a show title from a folder name: "my-show" → "My Show".
func titleFromDir(dir string) string {
	base := filepath.Base(filepath.Clean(dir))
	words := strings.FieldsFunc(base, func(r rune) bool { return r == '-' || r == '_' || r == ' ' || r == '.' })
	for i, w := range words {
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		words[i] = string(r)
	}
	if len(words) == 0 {
		return "My Podcast"
	}
	return strings.Join(words, " ")
}

// New adds a draft episode titled title to the show in dir, published at
// published, with the next number and a fresh guid. It returns the file
// written.
func New(dir, title string, published time.Time, opts Options) (string, error) {
	ep := &episodes.Episode{Title: title, Published: published, Draft: true}
	return AddEpisode(dir, ep, opts)
}

// AddEpisode writes ep into the episodes folder of the show in dir. What
// ep leaves unset is filled in: Number with the next number (one more than
// the highest number or file-name prefix among the episode files), GUID
// with a fresh random UUID. Its file is named NNN-slug.toml from the number
// and the title. It returns the file written.
func AddEpisode(dir string, ep *episodes.Episode, opts Options) (string, error) {
	epDir, err := EpisodesDir(dir)
	if err != nil {
		return "", err
	}
	if ep.Number == 0 {
		n, err := NextNumber(epDir)
		if err != nil {
			return "", err
		}
		ep.Number = n
	}
	name, err := prepare(ep, opts)
	if err != nil {
		return "", err
	}
	written, err := showfile.WriteFiles(epDir, []output.File{{Name: name, Data: episodeFile(ep)}}, opts.Overwrite)
	if err != nil {
		return "", err
	}
	return written[0], nil
}

// prepare gives ep its guid, slug and file name, and rounds its time to the
// second.
func prepare(ep *episodes.Episode, opts Options) (string, error) {
	if ep.GUID == "" {
		g, err := opts.guid()
		if err != nil {
			return "", err
		}
		ep.GUID = g
	}
	ep.Published = ep.Published.Truncate(time.Second)
	ep.Slug = fmt.Sprintf("%03d-%s", ep.Number, showfile.Slug(ep.Title))
	ep.File = ep.Slug + ".toml"
	return ep.File, nil
}

// EpisodesDir returns the episodes folder of the show in dir, as its
// podcast.toml names it ([build] episodes, "episodes" by default).
func EpisodesDir(dir string) (string, error) {
	name := filepath.Join(dir, config.FileName)
	src, err := os.ReadFile(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("%s: %w", dir, ErrNoShow)
		}
		return "", err
	}
	episodesDir := config.Default().Build.Episodes
	if show, _ := config.Parse(name, src); show != nil && show.Build.Episodes != "" {
		episodesDir = show.Build.Episodes
	}
	if filepath.IsAbs(episodesDir) {
		return episodesDir, nil
	}
	return filepath.Join(dir, filepath.FromSlash(episodesDir)), nil
}

// numberPrefix matches the number at the start of an episode file name.
var numberPrefix = regexp.MustCompile(`^(\d+)`)

// NextNumber returns one more than the highest episode number in the
// episode files of dir: the number key of each file that has one, and the
// number its name starts with. A missing folder gives 1.
func NextNumber(dir string) (int, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return 1, nil
	}
	if err != nil {
		return 0, err
	}
	top := 0
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".toml") {
			continue
		}
		if m := numberPrefix.FindString(name); m != "" {
			if n, err := strconv.Atoi(m); err == nil {
				top = max(top, n)
			}
		}
		src, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return 0, err
		}
		if ep, _ := episodes.Parse(name, src); ep != nil {
			top = max(top, ep.Number)
		}
	}
	return top + 1, nil
}
