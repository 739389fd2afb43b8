package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// validTop holds the required keys and the recommended ones, so that a
// variant below only has to add what it is about. Table sections go after it.
const validTop = `title = "Coding Chats"
description = "Conversations with software engineers."
link = "https://codingchats.example.com/"
feed_url = "https://codingchats.example.com/feed.xml"
language = "en"
author = "John Crickett"
image = "https://codingchats.example.com/artwork.jpg"
categories = ["Technology"]
`

const validOwner = `
[owner]
name = "John Crickett"
email = "podcast@codingchats.example.com"
`

// validShow is what validTop + validOwner decode to.
func validShow() Show {
	s := Default()
	s.File = "podcast.toml"
	s.Title = "Coding Chats"
	s.Description = "Conversations with software engineers."
	s.Link = "https://codingchats.example.com/"
	s.FeedURL = "https://codingchats.example.com/feed.xml"
	s.Language = "en"
	s.Author = "John Crickett"
	s.Image = "https://codingchats.example.com/artwork.jpg"
	s.Categories = []Category{{Name: "Technology"}}
	s.GUID = PodcastGUID(s.FeedURL)
	s.Owner = Owner{Name: "John Crickett", Email: "podcast@codingchats.example.com"}
	return s
}

func TestParseValid(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		want  func(*Show) // edits validShow() into the expected show
		warns int         // warnings expected
	}{
		{
			name: "recommended keys",
			src:  validTop + validOwner,
			want: func(s *Show) {},
		},
		{
			name: "required keys only",
			src: `title = "T"
description = "D"
link = "http://example.com"
feed_url = "https://example.com/rss.xml"
language = "en-GB"
image = "https://example.com/a.png"
`,
			want: func(s *Show) {
				*s = Default()
				s.File = "podcast.toml"
				s.Title, s.Description = "T", "D"
				s.Link, s.FeedURL = "http://example.com", "https://example.com/rss.xml"
				s.Language, s.Image = "en-GB", "https://example.com/a.png"
				s.GUID = PodcastGUID(s.FeedURL)
			},
			warns: 3, // author, categories, owner email
		},
		{
			name: "serial, explicit, copyright",
			src:  "type = \"serial\"\nexplicit = true\ncopyright = \"© 2025 John\"\n" + validTop + validOwner,
			want: func(s *Show) { s.Type, s.Explicit, s.Copyright = TypeSerial, true, "© 2025 John" },
		},
		{
			name: "explicit false, episodic",
			src:  "type = \"episodic\"\nexplicit = false\n" + validTop + validOwner,
			want: func(s *Show) {},
		},
		{
			name: "subcategories",
			src: strings.Replace(validTop+validOwner, `categories = ["Technology"]`,
				`categories = ["Education/How To", "Society & Culture / Documentary", "Education", "TV & Film"]`, 1),
			want: func(s *Show) {
				s.Categories = []Category{
					{Name: "Education", Sub: "How To"}, {Name: "Society & Culture", Sub: "Documentary"},
					{Name: "Education"}, {Name: "TV & Film"},
				}
			},
		},
		{
			name: "given guid in upper case",
			src:  "guid = \"9B024349-CCF0-5F69-A609-6B82873EAB3C\"\n" + validTop + validOwner,
			want: func(s *Show) { s.GUID = "9b024349-ccf0-5f69-a609-6b82873eab3c" },
		},
		{
			name: "locked with owner",
			src:  "locked = true\n" + validTop + validOwner,
			want: func(s *Show) { s.Locked = &Locked{Locked: true, Owner: "podcast@codingchats.example.com"} },
		},
		{
			name:  "unlocked without owner",
			src:   "locked = false\n" + validTop,
			want:  func(s *Show) { s.Locked = &Locked{}; s.Owner = Owner{} },
			warns: 1, // owner email
		},
		{
			name: "medium list variant",
			src:  "medium = \"musicL\"\n" + validTop + validOwner,
			want: func(s *Show) { s.Medium = "musicL" },
		},
		{
			name: "links and funding",
			src: validTop + validOwner + `
[[links]]
group = "John's Links"
title = "John's YouTube"
url = "https://www.youtube.com/@johncrickett"

[[links]]
title = "Newsletter"
url = "https://codingchallenges.substack.com/"
note = "project ideas"

[[funding]]
url = "https://codingchats.example.com/support"
text = "Support the show!"

[[funding]]
url = "https://codingchats.example.com/members"
`,
			want: func(s *Show) {
				s.Links = []Link{
					{Group: "John's Links", Title: "John's YouTube", URL: "https://www.youtube.com/@johncrickett"},
					{Title: "Newsletter", URL: "https://codingchallenges.substack.com/", Note: "project ideas"},
				}
				s.Funding = []Funding{
					{URL: "https://codingchats.example.com/support", Text: "Support the show!"},
					{URL: "https://codingchats.example.com/members"},
				}
			},
		},
		{
			name: "directories",
			src: validTop + validOwner + `
[[directories]]
name = "Apple Podcasts"
url = "https://podcasts.apple.com/us/podcast/coding-chats/id123"

[[directories]]
name = "Spotify"
url = "https://open.spotify.com/show/abc"
`,
			want: func(s *Show) {
				s.Directories = []Directory{
					{Name: "Apple Podcasts", URL: "https://podcasts.apple.com/us/podcast/coding-chats/id123"},
					{Name: "Spotify", URL: "https://open.spotify.com/show/abc"},
				}
			},
		},
		{
			name: "links as inline tables",
			src:  validTop + "links = [{ title = \"Site\", url = \"https://example.com/\" }]\n" + validOwner,
			want: func(s *Show) { s.Links = []Link{{Title: "Site", URL: "https://example.com/"}} },
		},
		{
			name: "build folders",
			src:  validTop + validOwner + "\n[build]\nepisodes = \"eps\"\noutput = \"site/public\"\n",
			want: func(s *Show) { s.Build = Build{Episodes: "eps", Output: "site/public"} },
		},
		{
			name: "build output only",
			src:  validTop + validOwner + "\n[build]\noutput = \"dist\"\n",
			want: func(s *Show) { s.Build.Output = "dist" },
		},
		{
			name: "http feed_url is a warning",
			src:  strings.Replace(validTop, "feed_url = \"https:", "feed_url = \"http:", 1) + validOwner,
			want: func(s *Show) {
				s.FeedURL = "http://codingchats.example.com/feed.xml"
				s.GUID = PodcastGUID(s.FeedURL)
			},
			warns: 1,
		},
		{
			name: "jpeg artwork with a query",
			src:  strings.Replace(validTop, "artwork.jpg", "art.JPEG?v=2", 1) + validOwner,
			want: func(s *Show) { s.Image = "https://codingchats.example.com/art.JPEG?v=2" },
		},
		{
			name: "byte order mark",
			src:  "\ufeff" + validTop + validOwner,
			want: func(s *Show) {},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, probs := Parse("podcast.toml", []byte(tt.src))
			if err := probs.Err(); err != nil {
				t.Fatalf("unexpected errors:\n%v", err)
			}
			if n := len(probs.Warnings()); n != tt.warns {
				t.Errorf("got %d warnings, want %d:\n%s", n, tt.warns, probs.Format())
			}
			want := validShow()
			tt.want(&want)
			if !reflect.DeepEqual(*got, want) {
				t.Errorf("got  %+v\nwant %+v", *got, want)
			}
		})
	}
}

func TestParseSyntaxError(t *testing.T) {
	show, probs := Parse("podcast.toml", []byte("title = \"Coding Chats\nlink = 1\n"))
	if show != nil {
		t.Errorf("got show %+v, want nil", show)
	}
	if len(probs) != 1 || probs.Err() == nil {
		t.Fatalf("want one error, got:\n%s", probs.Format())
	}
	if p := probs[0].Pos; p.File != "podcast.toml" || p.Line != 1 {
		t.Errorf("error at %v, want podcast.toml line 1", p)
	}
}

func TestParseInvalidUTF8(t *testing.T) {
	show, probs := Parse("podcast.toml", []byte("title = \"\xff\"\n"))
	if show != nil || probs.Err() == nil {
		t.Fatalf("want nil show and an error, got %v and:\n%s", show, probs.Format())
	}
}

// TestParseKeepsGoing checks that one run reports every problem, and that the
// show still holds the keys that were valid.
func TestParseKeepsGoing(t *testing.T) {
	src := strings.Replace(validTop, `language = "en"`, `language = "english"`, 1) +
		"explicit = \"no\"\ntype = \"seriel\"\ncolour = \"blue\"\n" + validOwner
	show, probs := Parse("podcast.toml", []byte(src))
	if n := len(probs.Errors()); n != 4 {
		t.Errorf("got %d errors, want 4:\n%s", n, probs.Format())
	}
	if show == nil || show.Title != "Coding Chats" || show.Type != TypeEpisodic || len(show.Categories) != 1 {
		t.Errorf("show not filled from the valid keys: %+v", show)
	}
}

func TestDefault(t *testing.T) {
	d := Default()
	if d.Type != "episodic" || d.Build.Episodes != "episodes" || d.Build.Output != "public" {
		t.Errorf("Default() = %+v", d)
	}
}

func TestParseCodingChats(t *testing.T) {
	file := filepath.Join("..", "examples", "coding-chats", FileName)
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	show, probs := Parse(file, src)
	if err := probs.Err(); err != nil {
		t.Fatalf("errors in the example:\n%v", err)
	}
	if w := probs.Warnings(); len(w) != 0 {
		t.Errorf("warnings in the example:\n%s", w.Format())
	}
	if show.Title != "Coding Chats" || show.Language != "en" || show.Type != TypeEpisodic || show.Explicit {
		t.Errorf("title, language, type or explicit wrong: %+v", show)
	}
	if !strings.HasPrefix(show.Description, "Conversations with software engineers") || strings.Contains(show.Description, "\\") {
		t.Errorf("description = %q", show.Description)
	}
	wantCats := []Category{{Name: "Technology"}, {Name: "Education", Sub: "How To"}}
	if !reflect.DeepEqual(show.Categories, wantCats) {
		t.Errorf("categories = %v, want %v", show.Categories, wantCats)
	}
	if want := (Owner{Name: "John Crickett", Email: "podcast@codingchats.example.com"}); show.Owner != want {
		t.Errorf("owner = %+v, want %+v", show.Owner, want)
	}
	if len(show.Links) != 6 {
		t.Fatalf("got %d links, want 6", len(show.Links))
	}
	var groups []string
	for _, l := range show.Links {
		if len(groups) == 0 || groups[len(groups)-1] != l.Group {
			groups = append(groups, l.Group)
		}
		if l.Title == "" || !strings.HasPrefix(l.URL, "https://") {
			t.Errorf("link %+v lacks a title or an https url", l)
		}
	}
	wantGroups := []string{"John's Links", "Check out John's software engineering related newsletters"}
	if !reflect.DeepEqual(groups, wantGroups) {
		t.Errorf("link groups = %q, want %q", groups, wantGroups)
	}
	if show.Links[4].Note == "" || show.Links[5].Note == "" {
		t.Errorf("newsletter links lost their notes: %+v", show.Links[4:])
	}
	if show.GUID != PodcastGUID("https://codingchats.example.com/feed.xml") {
		t.Errorf("guid = %q, want the default for the feed url", show.GUID)
	}
	if show.Build != Default().Build || show.Locked != nil || show.Medium != "" {
		t.Errorf("build, locked or medium not at their defaults: %+v %v %q", show.Build, show.Locked, show.Medium)
	}
}
