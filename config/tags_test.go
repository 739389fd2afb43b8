package config

import (
	"fmt"
	"testing"

	"github.com/podfeed/podfeed/internal/diagtest"
)

// TestShowTags reads each show-level tag of podcast.toml that config
// checks itself (new_feed_url, complete, block, [publisher], a person's
// group and [notify]) with a valid value and each kind of wrong one. src
// goes after validTop (so its first line is line 9) and before [owner];
// each want is a substring of exactly one problem, which names its
// file:line:col, and no other problem may be reported; every error has a
// hint. For a valid case, got (when set) is what the show holds.
func TestShowTags(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
		got  func(*Show) any
		is   string // got's value, as %+v
	}{
		// new_feed_url: itunes:new-feed-url, the address the show moved to.
		{name: "new_feed_url", src: `new_feed_url = "https://feeds.example.net/coding-chats.xml"`,
			got: func(s *Show) any { return s.NewFeedURL }, is: "https://feeds.example.net/coding-chats.xml"},
		{name: "new_feed_url not a URL", src: `new_feed_url = "the new host"`,
			want: []string{`podcast.toml:9:1: new_feed_url: "the new host" is not an absolute http or https URL`}},
		{name: "new_feed_url without scheme", src: `new_feed_url = "feeds.example.net/cc.xml"`,
			want: []string{`podcast.toml:9:1: new_feed_url: "feeds.example.net/cc.xml" is not an absolute`}},
		{name: "new_feed_url ftp", src: `new_feed_url = "ftp://feeds.example.net/cc.xml"`,
			want: []string{`podcast.toml:9:1: new_feed_url: "ftp://feeds.example.net/cc.xml" is not an absolute`}},
		{name: "new_feed_url empty", src: `new_feed_url = ""`,
			want: []string{"podcast.toml:9:1: new_feed_url: must not be empty"}},
		{name: "new_feed_url not a string", src: `new_feed_url = true`,
			want: []string{"podcast.toml:9:1: new_feed_url: want a string, got boolean true"}},
		{name: "new_feed_url http", src: `new_feed_url = "http://feeds.example.net/cc.xml"`,
			want: []string{`podcast.toml:9:1: warning: new_feed_url: "http://feeds.example.net/cc.xml" is not https`}},
		{name: "new_feed_url is feed_url", src: `new_feed_url = "https://codingchats.example.com/feed.xml"`,
			want: []string{"podcast.toml:9:1: new_feed_url: is feed_url itself"}},
		{name: "new_feed_url is feed_url written another way", src: `new_feed_url = "HTTPS://CodingChats.example.com:443/feed.xml"`,
			want: []string{`podcast.toml:9:1: new_feed_url: "HTTPS://CodingChats.example.com:443/feed.xml" is feed_url "https://codingchats.example.com/feed.xml" written another way`}},

		// complete: itunes:complete.
		{name: "complete", src: "complete = true", got: func(s *Show) any { return s.Complete }, is: "true"},
		{name: "complete false", src: "complete = false", got: func(s *Show) any { return s.Complete }, is: "false"},
		{name: "complete quoted", src: `complete = "yes"`,
			want: []string{`podcast.toml:9:1: complete: want true or false, got string "yes"`}},
		{name: "complete a number", src: "complete = 1",
			want: []string{"podcast.toml:9:1: complete: want true or false, got integer 1"}},

		// block: itunes:block and podcast:block, for all or some platforms.
		{name: "block all", src: "block = true", got: func(s *Show) any { return s.Block }, is: "{All:true Platforms:[]}"},
		{name: "block some", src: `block = ["google", "spotify"]`, got: func(s *Show) any { return s.Block }, is: "{All:false Platforms:[google spotify]}"},
		{name: "block quoted", src: `block = "yes"`,
			want: []string{`podcast.toml:9:1: block: want true, false or a list of platforms, got string "yes"`}},
		{name: "block platform name", src: `block = ["Google Podcasts"]`,
			want: []string{`podcast.toml:9:1: block: "Google Podcasts" is not a platform id`}},

		// [publisher]: the publisher feed's remote item.
		{name: "publisher", src: "[publisher]\nfeed_guid = \"003af0a0-6a45-55cf-b765-68e3d349551a\"\nfeed_url = \"https://example.com/publisher.xml\"\n",
			got: func(s *Show) any { return *s.Publisher },
			is:  "{FeedGUID:003af0a0-6a45-55cf-b765-68e3d349551a FeedURL:https://example.com/publisher.xml ItemGUID: Medium:publisher Title:}"},
		{name: "publisher without feed_guid", src: "[publisher]\nfeed_url = \"https://example.com/publisher.xml\"\n",
			want: []string{`podcast.toml:9:1: missing required key "publisher.feed_guid"`}},
		{name: "publisher of another medium", src: "[publisher]\nfeed_guid = \"003af0a0-6a45-55cf-b765-68e3d349551a\"\nfeed_url = \"https://example.com/p.xml\"\nmedium = \"music\"\n",
			want: []string{`podcast.toml:12:1: publisher.medium: the publisher feed's medium is "publisher", not "music"`}},
		{name: "publisher not a table", src: `publisher = "003af0a0-6a45-55cf-b765-68e3d349551a"`,
			want: []string{"podcast.toml:9:1: publisher: want a table, got a string"}},

		// A person's group, from the Podcast Taxonomy Project.
		{name: "person with group", src: "[[people]]\nname = \"Ines\"\nrole = \"audio engineer\"\ngroup = \"audio production\"\n",
			got: func(s *Show) any { return s.People }, is: "[{Name:Ines Role:audio engineer Group:audio production Href: Img:}]"},
		{name: "person of an unknown group", src: "[[people]]\nname = \"Ines\"\nrole = \"audio engineer\"\ngroup = \"engineering\"\n",
			want: []string{`podcast.toml:12:1: warning: people[0].group: "engineering" is not a group of the Podcast Taxonomy Project`}},
		{name: "person's role in another group", src: "[[people]]\nname = \"Ines\"\nrole = \"audio engineer\"\ngroup = \"writing\"\n",
			want: []string{`podcast.toml:12:1: warning: people[0].group: the role "audio engineer" belongs to the group "audio production", not "writing"`}},
		{name: "person's group empty", src: "[[people]]\nname = \"Ines\"\ngroup = \" \"\n",
			want: []string{"podcast.toml:11:1: people[0].group: must not be empty"}},

		// [notify]: WebSub hubs and podping.
		{name: "notify", src: "[notify]\nhubs = [\"https://pubsubhubbub.appspot.com/\"]\npodping = true\n",
			got: func(s *Show) any { return s.Notify }, is: "{Hubs:[https://pubsubhubbub.appspot.com/] Podping:true}"},
		{name: "podping quoted", src: "[notify]\npodping = \"true\"\n",
			want: []string{`podcast.toml:10:1: notify.podping: want true or false, got string "true"`}},
		{name: "podping a number", src: "[notify]\npodping = 1\n",
			want: []string{"podcast.toml:10:1: notify.podping: want true or false, got integer 1"}},
		{name: "hub not a URL", src: "[notify]\nhubs = [\"pubsubhubbub.appspot.com\", \"my hub\"]\n",
			want: []string{`podcast.toml:10:1: notify.hubs: "pubsubhubbub.appspot.com" is not an absolute`, `podcast.toml:10:1: notify.hubs: "my hub" is not an absolute`}},
		{name: "hub not http", src: "[notify]\nhubs = [\"wss://hub.example.com/\"]\n",
			want: []string{`podcast.toml:10:1: notify.hubs: "wss://hub.example.com/" is not an absolute`}},
		{name: "hubs not a list", src: "[notify]\nhubs = \"https://pubsubhubbub.appspot.com/\"\n",
			want: []string{`podcast.toml:10:1: notify.hubs: want an array of strings, got a string`}},
		{name: "hub twice", src: "[notify]\nhubs = [\"https://h.example.com/\", \"https://h.example.com/\"]\n",
			want: []string{`podcast.toml:10:1: warning: notify.hubs: "https://h.example.com/" is listed twice`}},
		{name: "notify not a table", src: "notify = true",
			want: []string{"podcast.toml:9:1: notify: want a table, got boolean true"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			show, probs := Parse("podcast.toml", []byte(validTop+tt.src+"\n"+validOwner))
			if show == nil {
				t.Fatalf("no show:\n%s", probs.Format())
			}
			diagtest.Expect(t, probs, tt.want)
			if tt.got != nil {
				if g := fmt.Sprintf("%+v", tt.got(show)); g != tt.is {
					t.Errorf("read\n %s\nwant\n %s", g, tt.is)
				}
			}
		})
	}
}
