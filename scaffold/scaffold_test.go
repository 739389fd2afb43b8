package scaffold

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/golden"
	"github.com/podfeed/podfeed/internal/showfile"
	"github.com/podfeed/podfeed/project"
)

var now = time.Date(2025, 3, 4, 9, 30, 15, 123456789, time.FixedZone("", 3600))

// TestInitBuilds: a new show builds with no edits, and so does it after
// New adds an episode.
func TestInitBuilds(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my-show")
	written, err := Init(dir, Show{}, now, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(written) != 3 {
		t.Errorf("want 3 files, got %q", written)
	}
	buildShow(t, dir)
	show, _ := project.Load(dir)
	if show.Config.Title != "My Show" || show.Config.Copyright != "© 2025 Your Name" {
		t.Errorf("title %q, copyright %q", show.Config.Title, show.Config.Copyright)
	}
	if len(show.Episodes) != 1 || !show.Episodes[0].Draft || show.Episodes[0].Number != 1 {
		t.Errorf("want one draft episode numbered 1, got %+v", show.Episodes)
	}
	if got := string(golden.Read(t, filepath.Join(dir, ".gitignore"))); !strings.Contains(got, "/public/") {
		t.Errorf(".gitignore: %q", got)
	}

	file, err := New(dir, "Hello", now, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "episodes", "002-hello.toml"); file != want {
		t.Errorf("New wrote %s, want %s", file, want)
	}
	buildShow(t, dir)
}

func TestInitWithSettings(t *testing.T) {
	dir := t.TempDir()
	show := Show{Title: `The "Quoted" Show`, Author: "Ann Author", Email: "ann@example.org", Link: "https://show.example.org", Language: "de"}
	if _, err := Init(dir, show, now, Options{}); err != nil {
		t.Fatal(err)
	}
	s, probs := project.Load(dir)
	if err := probs.Err(); err != nil {
		t.Fatal(probs.Format())
	}
	c := s.Config
	if c.Title != show.Title || c.Author != show.Author || c.Owner.Email != show.Email ||
		c.Link != "https://show.example.org/" || c.FeedURL != "https://show.example.org/feed.xml" || c.Language != "de" {
		t.Errorf("settings not written: %+v", *c)
	}
}

func TestInitRefusesOverwrite(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "podcast.toml"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Init(dir, Show{}, now, Options{})
	var exist *showfile.ExistError
	if !errors.As(err, &exist) {
		t.Fatalf("want an ExistError, got %v", err)
	}
	if got := string(golden.Read(t, filepath.Join(dir, "podcast.toml"))); got != "mine" {
		t.Errorf("podcast.toml was overwritten")
	}
	if _, err := os.Stat(filepath.Join(dir, "episodes")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("episodes/ was created although init refused")
	}
	if _, err := Init(dir, Show{}, now, Options{Overwrite: true}); err != nil {
		t.Errorf("with Overwrite: %v", err)
	}
}

func TestNew(t *testing.T) {
	dir := t.TempDir()
	if _, err := Init(dir, Show{}, now, Options{}); err != nil {
		t.Fatal(err)
	}
	// An episode numbered 41 in a file without a number prefix, and a file
	// named 055-… with no number key: the next is 56.
	write(t, filepath.Join(dir, "episodes", "interview.toml"), "title = \"I\"\nnumber = 41\ndraft = true\n")
	write(t, filepath.Join(dir, "episodes", "055-old.toml"), "title = \"Old\"\ndraft = true\n")

	guids := []string{"guid-a", "guid-b"}
	opts := Options{NewGUID: func() (string, error) {
		g := guids[0]
		guids = guids[1:]
		return g, nil
	}}
	file, err := New(dir, "Café: the next one!", now, opts)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(file) != "056-cafe-the-next-one.toml" {
		t.Errorf("file %s", file)
	}
	ep, probs := episodes.Parse(file, golden.Read(t, file))
	if probs.Err() != nil {
		t.Fatal(probs.Format())
	}
	if ep.Number != 56 || ep.GUID != "guid-a" || ep.Title != "Café: the next one!" || !ep.Draft {
		t.Errorf("episode %+v", *ep)
	}
	if want := now.Truncate(time.Second); !ep.Published.Equal(want) {
		t.Errorf("published %s, want %s", ep.Published, want)
	}
	if _, off := ep.Published.Zone(); off != 3600 {
		t.Errorf("published lost its zone: %s", ep.Published)
	}

	// The same title again is the next number, not the same file.
	file2, err := New(dir, "Café: the next one!", now, opts)
	if err != nil || filepath.Base(file2) != "057-cafe-the-next-one.toml" {
		t.Errorf("second New: %s, %v", file2, err)
	}
}

func TestNewRandomGUIDs(t *testing.T) {
	dir := t.TempDir()
	if _, err := Init(dir, Show{}, now, Options{}); err != nil {
		t.Fatal(err)
	}
	uuidV4 := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	seen := map[string]bool{}
	for range 3 {
		file, err := New(dir, "Same title", now, Options{})
		if err != nil {
			t.Fatal(err)
		}
		ep, _ := episodes.Parse(file, golden.Read(t, file))
		if !uuidV4.MatchString(ep.GUID) || seen[ep.GUID] {
			t.Errorf("guid %q is not a fresh random UUID", ep.GUID)
		}
		seen[ep.GUID] = true
	}
}

func TestNewWithoutShow(t *testing.T) {
	_, err := New(t.TempDir(), "Hello", now, Options{})
	if !errors.Is(err, ErrNoShow) {
		t.Errorf("want ErrNoShow, got %v", err)
	}
}

// TestAddEpisodeKeepsNumber: an episode that has a number keeps it.
func TestAddEpisodeKeepsNumber(t *testing.T) {
	dir := t.TempDir()
	if _, err := Init(dir, Show{}, now, Options{}); err != nil {
		t.Fatal(err)
	}
	file, err := AddEpisode(dir, &episodes.Episode{Title: "Rust", Number: 55, Published: now, Draft: true}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(file) != "055-rust.toml" {
		t.Errorf("file %s", file)
	}
}

func TestTitleFromDir(t *testing.T) {
	tests := []struct{ dir, want string }{
		{"my-show", "My Show"},
		{"/tmp/x", "X"},
		{"coding_chats/", "Coding Chats"},
		{".", "My Podcast"},
	}
	for _, tt := range tests {
		if got := titleFromDir(tt.dir); got != tt.want {
			t.Errorf("titleFromDir(%q) = %q, want %q", tt.dir, got, tt.want)
		}
	}
}

func buildShow(t *testing.T, dir string) {
	t.Helper()
	show, probs := project.Load(dir)
	if err := probs.Err(); err != nil {
		t.Fatalf("the show does not load:\n%s", probs.Format())
	}
	if _, err := show.Build(context.Background(), project.BuildOptions{Now: now, Output: t.TempDir()}); err != nil {
		t.Fatalf("build: %v", err)
	}
}

func write(t *testing.T, name, data string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestInitPinsGUID: with a real website, init writes the podcast:guid it
// derives from the feed address, so that moving the feed keeps it; with the
// placeholder website, whose guid every such show would share, it writes
// only a comment saying how to pin it.
func TestInitPinsGUID(t *testing.T) {
	tests := []struct {
		name, link string
		want       string // the show's guid after feed_url moves; "" for the new feed_url's
	}{
		{"real link", "https://show.example.org", config.PodcastGUID("https://show.example.org/feed.xml")},
		{"real link with path", "https://example.net/pod/", config.PodcastGUID("https://example.net/pod/feed.xml")},
		{"placeholder", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if _, err := Init(dir, Show{Link: tt.link}, now, Options{}); err != nil {
				t.Fatal(err)
			}
			name := filepath.Join(dir, config.FileName)
			src := string(golden.Read(t, name))
			if !strings.Contains(src, "never change it") {
				t.Errorf("no comment saying never to change the guid:\n%s", src)
			}
			// The podcaster moves the feed to another host.
			const moved = "https://newhost.example.net/feed.xml"
			src = regexp.MustCompile(`(?m)^feed_url = .*$`).ReplaceAllString(src, `feed_url = "`+moved+`"`)
			show, probs := config.Parse(name, []byte(src))
			if err := probs.Err(); err != nil {
				t.Fatal(probs.Format())
			}
			want := tt.want
			if want == "" {
				want = config.PodcastGUID(moved)
			}
			if show.GUID != want {
				t.Errorf("guid after the feed moved: %s, want %s", show.GUID, want)
			}
		})
	}
}

func TestSiteURL(t *testing.T) {
	tests := []struct {
		raw, want string // want "" means an error
	}{
		{"https://show.example.org", "https://show.example.org/"},
		{"https://show.example.org/", "https://show.example.org/"},
		{"http://show.example.org/pod", "http://show.example.org/pod/"},
		{"mypod.example.org", "https://mypod.example.org/"},
		{" mypod.example.org/show ", "https://mypod.example.org/show/"},
		{"//mypod.example.org", "https://mypod.example.org/"},
		{"localhost:8080", "https://localhost:8080/"},
		{"HTTPS://Mypod.Example.org/Show", "https://mypod.example.org/Show/"},
		{"ftp://mypod.example.org", ""},
		{"mailto:me@example.org", ""},
		{"https://", ""},
		{"", ""},
		{"my pod.example.org", ""},
		{"https://mypod.example.org/?p=1", ""},
		{"https://mypod.example.org/#top", ""},
	}
	for _, tt := range tests {
		got, err := SiteURL(tt.raw)
		if tt.want == "" {
			if err == nil {
				t.Errorf("SiteURL(%q) = %q, want an error", tt.raw, got)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("SiteURL(%q) = %q, %v; want %q", tt.raw, got, err, tt.want)
		}
	}
}

// TestInitLinkChecks: whatever form of website init accepts, the show it
// writes checks without an error, its artwork served over https.
func TestInitLinkChecks(t *testing.T) {
	tests := []struct{ link, wantLink, wantImage string }{
		{"mypod.example.org", "https://mypod.example.org/", "https://mypod.example.org/artwork.jpg"},
		{"http://mypod.example.org/show", "http://mypod.example.org/show/", "https://mypod.example.org/show/artwork.jpg"},
		{"https://mypod.example.org", "https://mypod.example.org/", "https://mypod.example.org/artwork.jpg"},
		{"HTTP://Mypod.Example.org", "http://mypod.example.org/", "https://mypod.example.org/artwork.jpg"},
	}
	for _, tt := range tests {
		t.Run(tt.link, func(t *testing.T) {
			dir := t.TempDir()
			if _, err := Init(dir, Show{Link: tt.link}, now, Options{}); err != nil {
				t.Fatal(err)
			}
			show, probs := project.Load(dir)
			if err := probs.Err(); err != nil {
				t.Fatalf("the show does not load:\n%s", probs.Format())
			}
			if c := show.Config; c.Link != tt.wantLink || c.Image != tt.wantImage {
				t.Errorf("link %q, image %q; want %q, %q", c.Link, c.Image, tt.wantLink, tt.wantImage)
			}
		})
	}
	if _, err := Init(t.TempDir(), Show{Link: "ftp://mypod.example.org"}, now, Options{}); err == nil {
		t.Errorf("Init with an ftp link: no error")
	}
}

// TestInitPlaceholdersWarn: check warns about every placeholder init writes,
// at its file, line and key, and about none of the settings it was given.
func TestInitPlaceholdersWarn(t *testing.T) {
	given := Show{Title: "Mine", Author: "Ann Author", Email: "ann@example.org", Link: "https://show.example.org/"}
	tests := []struct {
		name string
		show Show
		want []string // file base name and key of each placeholder warning
	}{
		{"nothing given", Show{}, []string{
			"podcast.toml description", "podcast.toml link", "podcast.toml feed_url", "podcast.toml author",
			"podcast.toml image", "podcast.toml copyright", "podcast.toml owner.name", "podcast.toml owner.email",
			"001-welcome-to-my-show.toml summary",
		}},
		{"all flags given", given, []string{"podcast.toml description", "001-welcome-to-mine.toml summary"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "my-show")
			if _, err := Init(dir, tt.show, now, Options{}); err != nil {
				t.Fatal(err)
			}
			_, probs := project.Load(dir)
			if err := probs.Err(); err != nil {
				t.Fatal(probs.Format())
			}
			var got []string
			for _, p := range probs.Warnings() {
				if !strings.Contains(p.Msg, "placeholder") {
					continue
				}
				key := p.Pos.Key
				got = append(got, filepath.Base(p.Pos.File)+" "+key)
				// The line named is the key's.
				lines := strings.Split(string(golden.Read(t, p.Pos.File)), "\n")
				if p.Pos.Line < 1 || p.Pos.Line > len(lines) {
					t.Errorf("%s: no line", p.Error())
					continue
				}
				if short := key[strings.LastIndex(key, ".")+1:]; !strings.HasPrefix(lines[p.Pos.Line-1], short+" = ") {
					t.Errorf("%s: line %d is %q", p.Error(), p.Pos.Line, lines[p.Pos.Line-1])
				}
				if p.Hint == "" {
					t.Errorf("%s: no hint", p.Error())
				}
			}
			slices.Sort(got)
			want := slices.Sorted(slices.Values(tt.want))
			if !slices.Equal(got, want) {
				t.Errorf("placeholder warnings at\n%q\nwant\n%q\n%s", got, want, probs.Format())
			}
		})
	}
}

// TestInitCommentedTagsValid: every commented example in Init's
// podcast.toml, uncommented as it stands, is valid, lands in the show's
// own keys (not in a table above it), and the show still builds.
func TestInitCommentedTagsValid(t *testing.T) {
	dir := t.TempDir()
	if _, err := Init(dir, Show{}, now, Options{}); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, config.FileName)
	src := string(golden.Read(t, name))
	example := regexp.MustCompile(`(?m)^# (\[|[a-z_]+ = )`)
	uncommented := example.ReplaceAllString(src, "$1")
	if n := len(example.FindAllString(src, -1)); n < 40 {
		t.Fatalf("only %d commented example lines; the test's pattern no longer finds them", n)
	}
	write(t, name, uncommented)
	s, probs := config.Parse(name, []byte(uncommented))
	if err := probs.Errors().Err(); err != nil {
		t.Fatalf("uncommented podcast.toml:\n%s\n%s", probs.Format(), uncommented)
	}
	set := map[string]bool{
		"new_feed_url":     s.NewFeedURL != "",
		"block":            len(s.Block.Platforms) > 0,
		"complete":         s.Complete,
		"license":          s.License != nil && s.License.URL != "",
		"medium":           s.Medium == "podcastL",
		"funding":          len(s.Funding) == 1,
		"people":           len(s.People) == 1 && s.People[0].Group == "cast",
		"location":         s.Location != nil,
		"txt":              len(s.Txt) == 1,
		"images":           len(s.Images) == 1,
		"trailers":         len(s.Trailers) == 1,
		"update_frequency": s.UpdateFrequency != nil,
		"podroll":          len(s.Podroll) == 1,
		"publisher":        s.Publisher != nil,
		"remote_items":     len(s.RemoteItems) == 1,
		"chat":             s.Chat != nil,
		"value":            s.Value != nil && len(s.Value.Recipients) == 1,
		"notify":           s.Notify.Podping && len(s.Notify.Hubs) == 1,
		"links":            len(s.Links) == 1,
	}
	for key, ok := range set {
		if !ok {
			t.Errorf("uncommented %s did not reach the show", key)
		}
	}

	// The episode's commented keys and tables, uncommented, and published
	// (draft = true removed): the show still builds, and its feed carries
	// each tag.
	epFile := filepath.Join(dir, "episodes", "001-welcome-to-"+filepath.Base(dir)+".toml")
	epSrc := string(golden.Read(t, epFile))
	if n := len(example.FindAllString(epSrc, -1)); n < 50 {
		t.Fatalf("only %d commented example lines in the episode; the test's pattern no longer finds them", n)
	}
	epSrc = strings.Replace(example.ReplaceAllString(epSrc, "$1"), "draft = true\n", "", 1)
	write(t, epFile, epSrc)
	ep, probs := episodes.Parse(epFile, []byte(epSrc))
	if err := probs.Errors().Err(); err != nil {
		t.Fatalf("uncommented episode:\n%s\n%s", probs.Format(), epSrc)
	}
	epSet := map[string]bool{
		"block":                ep.Block,
		"license":              ep.License != nil,
		"audio":                ep.Audio.URL != "",
		"transcripts":          len(ep.Transcripts) == 1 && ep.Transcripts[0].Type == "text/vtt",
		"soundbites":           len(ep.Soundbites) == 1,
		"alternate_enclosures": len(ep.AlternateEnclosures) == 1 && len(ep.AlternateEnclosures[0].Sources) == 1,
		"social_interact":      len(ep.SocialInteract) == 1,
		"location":             ep.Location != nil,
		"txt":                  len(ep.Txt) == 1,
		"images":               len(ep.Images) == 1,
		"chat":                 ep.Chat != nil,
		"value":                ep.Value != nil && len(ep.Value.Recipients) == 1,
		"live":                 ep.Live != nil,
	}
	for key, ok := range epSet {
		if !ok {
			t.Errorf("uncommented %s did not reach the episode", key)
		}
	}
	out := t.TempDir()
	show, probs := project.Load(dir)
	if err := probs.Err(); err != nil {
		t.Fatalf("the show does not load:\n%s", probs.Format())
	}
	if _, err := show.Build(context.Background(), project.BuildOptions{Now: now, Output: out}); err != nil {
		t.Fatalf("build: %v", err)
	}
	feed := string(golden.Read(t, filepath.Join(out, "feed.xml")))
	for _, tag := range []string{
		"itunes:block", "podcast:license", "podcast:transcript", "podcast:soundbite", "podcast:alternateEnclosure",
		"podcast:socialInteract", "podcast:location", "podcast:txt", "podcast:image", "podcast:chat", "podcast:value",
		"podcast:liveItem", "podcast:publisher", "podcast:remoteItem",
	} {
		if !strings.Contains(feed, "<"+tag+" ") && !strings.Contains(feed, "<"+tag+">") {
			t.Errorf("feed.xml has no <%s>", tag)
		}
	}
}
