package feed

import (
	"fmt"
	"strings"
	"time"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/podcast"
)

// goldenCase is one feature fixture: its outputs live in
// testdata/<name>/{feed.xml,atom.xml,feed.json,chapters/*.json,warnings.txt}.
type goldenCase struct {
	name  string
	build func() (*config.Show, []*episodes.Episode, Options)
}

const generator = "podfeed v0.1.0"

// another makes ep a different episode: its slug, file and guid.
func another(ep *episodes.Episode, slug, guid string) *episodes.Episode {
	ep.Slug, ep.File, ep.GUID = slug, "episodes/"+slug+".toml", guid
	return ep
}

var goldenCases = []goldenCase{
	{"seed_coding_chats", func() (*config.Show, []*episodes.Episode, Options) {
		return codingChatsShow(), []*episodes.Episode{episode55()}, Options{Generator: generator}
	}},

	// Chapters with milliseconds, past an hour, with a URL and an image, in
	// an episode whose slug needs escaping in a URL.
	{"item_chapters_psc", func() (*config.Show, []*episodes.Episode, Options) {
		ep := episode55()
		another(ep, "056 chapters & more", "codingchats-056")
		ep.Number = 56
		ep.Audio.Duration = 2*time.Hour + 500*time.Millisecond
		ep.Chapters = []episodes.Chapter{
			{Start: 0, Title: "Cold open"},
			{Start: 90*time.Second + 250*time.Millisecond, Title: "Guest intro", URL: "https://example.com/guest?a=1&b=2"},
			{Start: time.Hour + 2*time.Minute + 3*time.Second + 5*time.Millisecond, Title: "Deep dive <part 1>",
				URL: "https://example.com/deep", Image: "https://example.com/deep.jpg"},
			{Start: 101 * time.Hour, Title: "Very long"},
		}
		return codingChatsShow(), []*episodes.Episode{ep}, Options{Generator: generator}
	}},

	// Subcategories nest under one parent element; repeats are written once.
	{"channel_categories_nested", func() (*config.Show, []*episodes.Episode, Options) {
		s := codingChatsShow()
		s.Categories = []config.Category{
			{Name: "Technology"},
			{Name: "Education", Sub: "How To"},
			{Name: "Society & Culture", Sub: "Documentary"},
			{Name: "Education", Sub: "Courses"},
			{Name: "Technology"},
			{Name: "Education", Sub: "How To"},
			{Name: "Education"},
		}
		return s, []*episodes.Episode{episode55()}, Options{}
	}},

	// Three episodes over Apple's 4000 bytes: one fits without its
	// takeaways, one needs its link notes dropped too, one does not fit even
	// then.
	{"item_description_4000_bytes", func() (*config.Show, []*episodes.Episode, Options) {
		takeaways := func(n int) []string {
			var out []string
			for i := range n {
				out = append(out, fmt.Sprintf("Takeaway number %d, which is long enough to take some room.", i+1))
			}
			return out
		}
		a := episode55()
		another(a, "060-takeaways", "cc-060").Number = 60
		a.Published = a.Published.Add(72 * time.Hour)
		a.Takeaways = takeaways(40)

		b := episode55()
		another(b, "059-link-notes", "cc-059").Number = 59
		b.Published = a.Published.Add(-24 * time.Hour)
		b.Takeaways = takeaways(5)
		for i := range 8 {
			b.Links = append(b.Links, episodes.Link{
				Group: "Further reading",
				Title: fmt.Sprintf("Paper %d", i+1),
				URL:   fmt.Sprintf("https://example.com/papers/%d", i+1),
				Note:  strings.Repeat("A note that says a little more about this paper. ", 5),
			})
		}

		c := episode55()
		another(c, "058-long-summary", "cc-058").Number = 58
		c.Published = b.Published.Add(-24 * time.Hour)
		c.Summary = strings.Repeat("A summary far longer than Apple shows. ", 110)
		return codingChatsShow(), []*episodes.Episode{c, a, b}, Options{Generator: generator}
	}},

	// Text that is not XML: markup characters, "]]>", a vertical tab, NUL,
	// invalid UTF-8 and U+FFFE, in every kind of field.
	{"title_xml_illegal", func() (*config.Show, []*episodes.Episode, Options) {
		const bad = "<b> & ]]> \v\x00 \xff\xfe \uFFFE end"
		s := codingChatsShow()
		s.Title = "Coding Chats " + bad
		s.Description = "About " + bad
		s.Links[0].Note = "note " + bad
		ep := episode55()
		ep.Title = "Title " + bad
		ep.Summary = "Summary *with* " + bad + " <script>alert(1)</script> &#1; <p>&#x0B;</p> [x](javascript:alert(1))"
		ep.Chapters[1].Title = "Chapter " + bad
		ep.Takeaways = []string{"Takeaway " + bad}
		ep.Keywords = []string{"rust", "k" + bad}
		ep.People[0].Name = "Emma " + bad
		return s, []*episodes.Episode{ep}, Options{Generator: "podfeed \v" + bad}
	}},

	// Podcasting 2.0 channel tags and the per-episode overrides.
	// WebSub hubs as atom:link rel="hub" beside rel="self", and
	// podcast:podping: how apps learn of a new episode without polling.
	{"channel_websub_podping", func() (*config.Show, []*episodes.Episode, Options) {
		s := codingChatsShow()
		s.Notify = config.Notify{Hubs: []string{"https://pubsubhubbub.appspot.com/", "https://websub.example.com/hub?x=1&y=2"}, Podping: true}
		return s, []*episodes.Episode{episode55()}, Options{Generator: generator}
	}},

	// A show kept out of every directory, and complete: show-level
	// itunes:block and itunes:complete "Yes", and one podcast:block
	// without id. (examples/every-tag blocks one platform, whose
	// podcast:block has an id and leaves itunes:block out.)
	{"channel_blocked_complete", func() (*config.Show, []*episodes.Episode, Options) {
		s := codingChatsShow()
		s.Block = podcast.Block{All: true}
		s.Complete = true
		return s, []*episodes.Episode{episode55()}, Options{Generator: generator}
	}},

	{"channel_locked_funding", func() (*config.Show, []*episodes.Episode, Options) {
		s := codingChatsShow()
		s.Locked = &config.Locked{Locked: true, Owner: "podcast@codingchats.example.com"}
		s.Funding = []config.Funding{
			{URL: "https://example.com/donate", Text: "Support the show"},
			{URL: "https://example.com/members?tier=1&x=2", Text: "Become a member"},
		}
		s.Medium = "podcast"
		s.Type = "serial"
		s.Explicit = true
		ep := episode55()
		ep.GUID = "https://codingchats.example.com/episodes/55"
		ep.Season = 2
		ep.EpisodeType = "trailer"
		no := false
		ep.Explicit = &no
		ep.Image = "https://codingchats.example.com/55.jpg"
		ep.Keywords = []string{"rust", "production", "teams"}
		ep.People[1].Img = "https://codingchats.example.com/john.jpg"
		ep.Transcripts = []podcast.Transcript{{URL: "https://codingchats.example.com/055.vtt", Type: "text/vtt"}}
		unlocked := episode55()
		another(unlocked, "054-default-explicit", "codingchats-054").Number = 54
		unlocked.Published = unlocked.Published.Add(-7 * 24 * time.Hour)
		unlocked.Explicit = nil // the show's: true
		unlocked.EpisodeType = ""
		return s, []*episodes.Episode{unlocked, ep}, Options{Generator: generator}
	}},

	// No chapters, links or takeaways, an unknown length and duration, a
	// show without links: nothing optional is written, the enclosure stays.
	{"item_no_chapters", func() (*config.Show, []*episodes.Episode, Options) {
		s := codingChatsShow()
		s.Links = nil
		s.Locked = &config.Locked{Locked: false}
		ep := episode55()
		ep.Chapters = nil
		ep.Links = nil
		ep.Takeaways = nil
		ep.People = nil
		ep.Audio.Length = 0
		ep.Audio.Duration = 0
		ep.Explicit = nil
		return s, []*episodes.Episode{ep}, Options{}
	}},

	// No show notes at all (an episode as `podfeed new` writes it, with
	// [audio] filled in), in a show without links: content:encoded and the
	// description are empty, and feed.json's item still has content_text,
	// since JSON Feed requires content_html or content_text in every item.
	{"item_no_notes", func() (*config.Show, []*episodes.Episode, Options) {
		s := codingChatsShow()
		s.Links = nil
		ep := episode55()
		ep.Summary = ""
		ep.Chapters, ep.Links, ep.Takeaways, ep.People = nil, nil, nil, nil
		return s, []*episodes.Episode{ep}, Options{Generator: generator}
	}},

	// No episodes: the channel dates are Options.Updated.
	{"channel_no_episodes", func() (*config.Show, []*episodes.Episode, Options) {
		return codingChatsShow(), nil, Options{Updated: time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)}
	}},

	// Newest first whatever the input order; equal times ordered by slug;
	// channel dates from the newest episode, in its own zone.
	{"items_newest_first", func() (*config.Show, []*episodes.Episode, Options) {
		mk := func(slug string, t time.Time) *episodes.Episode {
			ep := episode55()
			another(ep, slug, "cc-"+slug).Title = "Episode " + slug
			ep.Published = t
			ep.Chapters, ep.Takeaways = nil, nil
			return ep
		}
		cet := time.FixedZone("CET", 3600)
		t := time.Date(2025, 3, 1, 10, 0, 0, 0, cet)
		return codingChatsShow(), []*episodes.Episode{
			mk("001-old", t.AddDate(0, -1, 0)),
			mk("003-b", t),
			mk("002-a", t),
			mk("004-mid", t.AddDate(0, 0, -1)),
		}, Options{Updated: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)}
	}},

	// Items link to the episodes' web pages with Options.PageLinks.
	{"item_link_episode_page", func() (*config.Show, []*episodes.Episode, Options) {
		return codingChatsShow(), []*episodes.Episode{episode55()}, Options{Generator: generator, PageLinks: true}
	}},

	// Five episodes at two per page: feed.xml holds the newest two, and
	// archive pages feed-2.xml and feed-3.xml (and their Atom and JSON
	// twins) the rest, each linked to the others (RFC 5005).
	{"feed_paged_max_items", func() (*config.Show, []*episodes.Episode, Options) {
		var eps []*episodes.Episode
		for i := 1; i <= 5; i++ {
			ep := episode55()
			slug := fmt.Sprintf("%03d-ep", i)
			another(ep, slug, "cc-"+slug).Title = "Episode " + slug
			ep.Number = i
			ep.Published = time.Date(2025, 1, i, 9, 0, 0, 0, time.UTC)
			ep.Chapters, ep.Takeaways, ep.Links, ep.People = nil, nil, nil, nil
			eps = append(eps, ep)
		}
		return codingChatsShow(), eps, Options{Generator: generator, MaxItems: 2}
	}},
}
