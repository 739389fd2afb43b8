package config

import (
	"net/url"
	"path/filepath"
	"strings"

	"github.com/podfeed/podfeed/internal/diag"
	"github.com/podfeed/podfeed/internal/tomlx"
	"github.com/podfeed/podfeed/podcast"
)

// Parse decodes src, the contents of file (a podcast.toml), fills in the
// defaults of [Default] and validates every key. It returns the show and
// every problem found, errors and warnings, sorted by position; file is used
// only to name positions.
//
// The show is nil only when src could not be decoded at all (invalid UTF-8
// or a TOML syntax error) or sets no key. Otherwise it is returned even when some problems
// are errors, holding what could be read, so that callers can report as much
// as possible: check the list's Err before using it.
func Parse(file string, src []byte) (*Show, diag.List) {
	var probs diag.List
	root := tomlx.Parse(file, src, &probs)
	if root == nil {
		probs.Sort()
		return nil, probs
	}
	if root.Len() == 0 {
		probs.Add(diag.Pos{File: file}, "the file is empty: it sets no key").
			WithHint("`podfeed init` writes a podcast.toml with a comment on every setting")
		return nil, probs
	}
	root.Doc().SetAliases(keyAliases)
	s := Default()
	s.File = file
	readShow(root, &s, &probs)
	root.Finish()
	probs.Sort()
	return &s, probs
}

// descriptionLimit is the most Apple Podcasts shows of a description, in
// bytes.
const descriptionLimit = 4000

// fundingTextLimit is the length past which Podcasting 2.0 says aggregators
// may truncate podcast:funding text.
const fundingTextLimit = 128

// required are the keys a show must set, with how to add each.
var required = []struct{ key, hint string }{
	{"title", `add title = "…", the show's name`},
	{"description", `add description = "…", a few sentences about the show`},
	{"link", `add link = "https://…/", the address of the show's website`},
	{"feed_url", `add feed_url = "https://…/feed.xml", the address where feed.xml will be served`},
	{"language", `add language = "en", the language the show is in (a code such as en, en-GB or de)`},
	{"image", `add image = "https://…/artwork.jpg", square artwork of 1400 to 3000 pixels`},
}

// keyAliases are the words people write for a show's keys, for the "did you
// mean" hint of an unknown key (see diag.SuggestKey).
var keyAliases = diag.Aliases{
	"summary": {"description"}, "about": {"description"},
	"website": {"link"}, "url": {"link"}, "homepage": {"link"}, "site": {"link"},
	"feed": {"feed_url"}, "rss": {"feed_url"}, "rssurl": {"feed_url"}, "feedlink": {"feed_url"}, "self": {"feed_url"},
	"artwork": {"image"}, "cover": {"image"}, "logo": {"image"}, "art": {"image"},
	"category": {"categories"}, "genre": {"categories"}, "genres": {"categories"},
	"lang": {"language"}, "locale": {"language"},
	"host": {"author"}, "creator": {"author"}, "by": {"author"},
	"license": {"copyright"}, "licence": {"copyright"},
	"mail": {"email"}, "emailaddress": {"email"},
	"donate": {"funding"}, "donations": {"funding"}, "support": {"funding"},
	"name": {"title"}, "showtitle": {"title"},
}

// readShow reads every key of the root table into s, in the order of the
// design's table, and reports what is wrong or missing.
func readShow(t *tomlx.Table, s *Show, probs *diag.List) {
	for _, r := range required {
		if !t.Has(r.key) {
			t.Missing(r.key).WithHint("%s", r.hint)
		}
	}

	s.Title = requiredString(t, "title")
	s.Description = requiredString(t, "description")
	if n := len(s.Description); n > descriptionLimit {
		t.Warnf("description", "%d bytes, more than the %d Apple Podcasts shows", n, descriptionLimit).
			WithHint("shorten it: Apple cuts longer descriptions off")
	}
	s.Link = requiredString(t, "link")
	checkURL(t, "link", s.Link)
	s.FeedURL = requiredString(t, "feed_url")
	feedURL := checkURL(t, "feed_url", s.FeedURL)
	if feedURL != nil && feedURL.Scheme != "https" {
		t.Warnf("feed_url", "%q is not https", s.FeedURL).
			WithHint("serve the feed over https: Apple Podcasts and many apps expect it")
	}
	s.Language = requiredString(t, "language")
	checkLanguage(t, "language", s.Language)

	s.Author, _ = t.OptionalString("author")
	if isUnsetOrEmpty(t, "author") {
		warnUnset(probs, t, "author", "Apple Podcasts shows the author (itunes:author) under the show's title").
			WithHint(`add author = "…" with the name listeners should see`)
	}
	s.Image = requiredString(t, "image")
	checkImage(t, "image", s.Image)

	if n := readCategories(t, s); n == 0 && isUnsetOrEmpty(t, "categories") {
		warnUnset(probs, t, "categories", "Apple Podcasts lists a show only under the categories it names").
			WithHint(`add categories = ["Technology"], choosing from %s`, appleCategoriesURL)
	}

	if b := t.Bool("explicit"); b != nil {
		s.Explicit = *b
	}
	if v, ok := t.OptionalString("type"); ok {
		if v == TypeEpisodic || v == TypeSerial {
			s.Type = v
		} else {
			t.EnumError("type", v, []string{TypeEpisodic, TypeSerial}, `type is "episodic" (newest first) or "serial" (oldest first)`)
		}
	}
	s.Copyright, _ = t.OptionalString("copyright")

	readGUID(t, s, feedURL != nil)
	readOwner(t, s, probs)
	if b := t.Bool("locked"); b != nil {
		s.Locked = &Locked{Locked: *b, Owner: s.Owner.Email}
		if *b && s.Owner.Email == "" {
			t.Errorf("locked", "locked = true needs the owner's email").
				WithHint(`add email = "…" under [owner], with an address you read: podcast:locked names it as the address that may move the feed`)
		}
	}
	readMedium(t, s)
	readPodcast(t, s)
	readLinkPages(t, s)
	readLinks(t, s)
	readFunding(t, s)
	readDirectories(t, s)
	readBuild(t, s)
	readNotify(t, s)
	warnPlaceholders(t, s)
}

// readGUID reads guid, or derives the default from the feed address when it
// is absent and the feed address is valid.
func readGUID(t *tomlx.Table, s *Show, feedURLValid bool) {
	v, ok := t.OptionalString("guid")
	if !ok {
		if feedURLValid {
			s.GUID = PodcastGUID(s.FeedURL)
		}
		return
	}
	u, valid := parseGUID(v)
	if !valid {
		p := t.Errorf("guid", "%q is not a UUID such as ead4c236-bf58-58c6-a2c6-a6b28d128cb6", v)
		if feedURLValid {
			p.WithHint("leave guid out to use the Podcasting 2.0 default for this feed_url, %s", PodcastGUID(s.FeedURL))
		} else {
			p.WithHint("leave guid out to use the Podcasting 2.0 default derived from feed_url")
		}
		return
	}
	s.GUID = u.String()
	if u.Version() != 5 {
		t.Warnf("guid", "%q is a version %d UUID; podcast:guid is a version 5 UUID", v, u.Version()).
			WithHint("keep it if apps already know the show by it; otherwise leave guid out to use the default")
	}
}

func readOwner(t *tomlx.Table, s *Show, probs *diag.List) {
	warnAt := t
	if ot := t.Table("owner"); ot != nil {
		s.Owner.Name, _ = ot.OptionalString("name")
		if v, ok := ot.OptionalString("email"); ok && v != "" {
			checkEmail(ot, "email", v)
			s.Owner.Email = v
		}
		warnPlaceholder(ot, "name", s.Owner.Name, PlaceholderName, "write the name of the show's owner")
		warnPlaceholder(ot, "email", s.Owner.Email, PlaceholderEmail,
			"write an address you read: directories write to it to confirm who owns the show")
		ot.Finish()
		warnAt = ot
	}
	if s.Owner.Email == "" && (warnAt != t || isUnsetOrEmpty(t, "owner")) {
		key := "email"
		if warnAt == t {
			key = "owner.email"
		}
		warnUnset(probs, warnAt, key, "directories write to the owner's address (itunes:owner) to confirm who owns the show").
			WithHint(`add email = "…" under [owner], with an address you read`)
	}
}

// readPodcast reads the iTunes tags of a moved, blocked or complete show
// and the channel's Podcasting 2.0 tags (package podcast reads each).
func readPodcast(t *tomlx.Table, s *Show) {
	readNewFeedURL(t, s)
	s.Block = podcast.ReadBlock(t)
	s.Complete = podcast.ReadBool(t, "complete")
	s.People = podcast.ReadPeople(t, "people")
	s.Location = podcast.ReadLocation(t)
	s.License = podcast.ReadLicense(t)
	s.Txt = podcast.ReadTxt(t)
	s.Images = podcast.ReadImages(t)
	s.Trailers = podcast.ReadTrailers(t)
	s.UpdateFrequency = podcast.ReadUpdateFrequency(t)
	s.Podroll = podcast.ReadRemoteItems(t, "podroll")
	s.Publisher = podcast.ReadPublisher(t)
	s.RemoteItems = podcast.ReadRemoteItems(t, "remote_items")
	if len(s.RemoteItems) > 0 && !strings.HasSuffix(s.Medium, "L") && s.Medium != "mixed" {
		t.Errorf("remote_items", "remote items make a list feed, and medium is %q", s.Medium).
			WithHint(`set medium = "podcastL" (or musicL, mixed …) for a feed that lists other feeds' items`)
	}
	s.Chat = podcast.ReadChat(t)
	s.Value = podcast.ReadValue(t)
}

// readNewFeedURL reads new_feed_url: an absolute address, https like
// feed_url should be, and not feed_url itself.
func readNewFeedURL(t *tomlx.Table, s *Show) {
	v, ok := t.OptionalString("new_feed_url")
	if !ok {
		return
	}
	if strings.TrimSpace(v) == "" {
		t.Errorf("new_feed_url", "must not be empty").
			WithHint("leave new_feed_url out until the show moves; then write the new feed's address")
		return
	}
	u := checkURL(t, "new_feed_url", v)
	if u == nil {
		return
	}
	s.NewFeedURL = v
	switch {
	case v == s.FeedURL:
		t.Errorf("new_feed_url", "is feed_url itself").
			WithHint("new_feed_url is the address the show moved to; set feed_url to it once the new feed is served, and leave new_feed_url out")
	case sameAddress(v, s.FeedURL):
		t.Errorf("new_feed_url", "%q is feed_url %q written another way", v, s.FeedURL).
			WithHint("new_feed_url is the address the show moved to; leave it out while the feed stays where it is")
	case u.Scheme != "https":
		fixed := *u
		fixed.Scheme = "https"
		if u.Port() == "80" {
			fixed.Host = u.Hostname()
		}
		t.Warnf("new_feed_url", "%q is not https", v).
			WithHint("serve the new feed over https and write %q: Apple Podcasts and many apps expect it", fixed.String())
	}
}

// sameAddress reports whether a and b name the same feed: equal but for the
// case of scheme and host, a default port or an empty path.
func sameAddress(a, b string) bool {
	norm := func(s string) string {
		u, err := url.Parse(s)
		if err != nil {
			return s
		}
		u.Scheme, u.Host = strings.ToLower(u.Scheme), strings.ToLower(u.Host)
		if port := u.Port(); (u.Scheme == "https" && port == "443") || (u.Scheme == "http" && port == "80") {
			u.Host = u.Hostname()
		}
		if u.Path == "" {
			u.Path = "/"
		}
		return u.String()
	}
	return norm(a) == norm(b)
}

func readMedium(t *tomlx.Table, s *Show) {
	v, ok := t.OptionalString("medium")
	if !ok {
		return
	}
	for _, m := range podcast.Mediums {
		if v == m {
			s.Medium = v
			return
		}
	}
	t.EnumError("medium", v, podcast.Mediums,
		"medium is one of podcast, music, video, film, audiobook, newsletter, blog, publisher, course, "+
			"each of these with L appended for a list feed (such as musicL), or mixed")
}

// readCategories reads categories and returns how many strings it held,
// valid or not: zero when the key is absent, empty or of the wrong type.
func readCategories(t *tomlx.Table, s *Show) int {
	seen := make(map[Category]bool)
	list := t.Strings("categories")
	for _, v := range list {
		c, hint, ok := parseCategory(v)
		if !ok {
			p := t.Errorf("categories", "%q is not an Apple Podcasts category", v)
			if hint != "" {
				p.WithHint("%s", hint)
			}
			continue
		}
		if seen[c] {
			t.Warnf("categories", "%q is listed twice", c.String()).WithHint("remove the second one")
			continue
		}
		seen[c] = true
		s.Categories = append(s.Categories, c)
	}
	return len(list)
}

func readLinks(t *tomlx.Table, s *Show) {
	for _, lt := range t.Tables("links") {
		lt.Require("title", "url")
		var l Link
		l.Group, _ = lt.OptionalString("group")
		l.Title = requiredString(lt, "title")
		l.URL = requiredString(lt, "url")
		checkURL(lt, "url", l.URL)
		l.Note, _ = lt.OptionalString("note")
		lt.Finish()
		s.Links = append(s.Links, l)
	}
}

func readFunding(t *tomlx.Table, s *Show) {
	for _, ft := range t.Tables("funding") {
		ft.Require("url")
		var f Funding
		f.URL = requiredString(ft, "url")
		checkURL(ft, "url", f.URL)
		f.Text, _ = ft.OptionalString("text")
		if n := len([]rune(f.Text)); n > fundingTextLimit {
			ft.Warnf("text", "%d characters, more than the %d apps are sure to show", n, fundingTextLimit).
				WithHint("shorten it: aggregators may cut it off")
		}
		ft.Finish()
		s.Funding = append(s.Funding, f)
	}
}

func readDirectories(t *tomlx.Table, s *Show) {
	for _, dt := range t.Tables("directories") {
		dt.Require("name", "url")
		var d Directory
		d.Name = requiredString(dt, "name")
		d.URL = requiredString(dt, "url")
		checkURL(dt, "url", d.URL)
		dt.Finish()
		s.Directories = append(s.Directories, d)
	}
}

func readBuild(t *tomlx.Table, s *Show) {
	bt := t.Table("build")
	if bt == nil {
		return
	}
	def := Default().Build
	if v, ok := bt.OptionalString("episodes"); ok {
		if strings.TrimSpace(v) == "" {
			bt.Errorf("episodes", "must not be empty").WithHint("leave it out to read episodes from %q", def.Episodes)
		} else {
			s.Build.Episodes = v
		}
	}
	if v, ok := bt.OptionalString("output"); ok {
		switch {
		case strings.TrimSpace(v) == "":
			bt.Errorf("output", "must not be empty").WithHint("leave it out to write to %q", def.Output)
		case filepath.Clean(v) == filepath.Clean(s.Build.Episodes):
			bt.Errorf("output", "%q is also the episodes folder", v).
				WithHint("write the outputs to a folder of their own, such as %q", def.Output)
		default:
			s.Build.Output = v
		}
	}
	if n, ok := bt.Int("max_items"); ok {
		if n < 1 {
			bt.Errorf("max_items", "must be at least 1, got %d", n).
				WithHint("leave it out to put every episode in feed.xml")
		} else {
			s.Build.MaxItems = int(n)
		}
	}
	bt.Finish()
}

// isUnsetOrEmpty reports whether key is absent or holds a blank string, an
// empty array or an empty table: then a warning that it is not set makes
// sense, while a value of the wrong type has been reported already.
func isUnsetOrEmpty(t *tomlx.Table, key string) bool {
	raw, ok := t.Raw(key)
	if !ok {
		return true
	}
	switch v := raw.(type) {
	case string:
		return strings.TrimSpace(v) == ""
	case []any:
		return len(v) == 0
	case map[string]any:
		return len(v) == 0
	}
	return false
}

// requiredString returns the string at key and reports it when it is empty
// or blank. Its absence is reported by Table.Require.
func requiredString(t *tomlx.Table, key string) string {
	v, ok := t.OptionalString(key)
	if ok && strings.TrimSpace(v) == "" {
		t.Errorf(key, "must not be empty")
	}
	return v
}

// warnUnset warns that key, a key of t, is not set. The position is t's
// header with the key's path; for the root table, which has no header, it is
// the file and the key path, which the position already prints, so the
// message does not repeat it.
func warnUnset(probs *diag.List, t *tomlx.Table, key, why string) *diag.Problem {
	pos := t.TablePos()
	pos.Key = t.KeyPath(key)
	if pos.Line == 0 {
		return probs.Warn(pos, "not set; %s", why)
	}
	return probs.Warn(pos, "%s: not set; %s", pos.Key, why)
}

// readLinkPages reads link_pages: whether items link to podfeed's episode
// pages even where an episode keeps its old page in link.
func readLinkPages(t *tomlx.Table, s *Show) {
	if b := t.Bool("link_pages"); b != nil {
		s.LinkPages = *b
	}
}
