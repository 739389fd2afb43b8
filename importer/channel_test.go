package importer

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/internal/golden"
)

// TestChannelTagsKept imports a feed with one channel tag each, without a
// warning; the podcast.toml written holds it, and the feed built from the
// import writes it again as it was.
func TestChannelTagsKept(t *testing.T) {
	tests := []struct {
		name, channel string
		got           func(*config.Show) any
		want          string // got's value, as %+v
		toml          string // a line of the written podcast.toml
		rebuilt       string // what the feed built from the import writes
	}{
		{"podping", `<podcast:podping usesPodping="true"/>`,
			func(s *config.Show) any { return s.Notify }, "{Hubs:[] Podping:true}", "podping = true", `<podcast:podping usesPodping="true">`},
		{"podping without usesPodping", `<podcast:podping/>`,
			func(s *config.Show) any { return s.Notify.Podping }, "true", "podping = true", `<podcast:podping usesPodping="true">`},
		{"podping not used", `<podcast:podping usesPodping="false"/>`,
			func(s *config.Show) any { return s.Notify.Podping }, "false", "", ""},
		{"complete", `<itunes:complete>Yes</itunes:complete>`,
			func(s *config.Show) any { return s.Complete }, "true", "complete = true", "<itunes:complete>Yes</itunes:complete>"},
		{"not complete", `<itunes:complete>No</itunes:complete>`,
			func(s *config.Show) any { return s.Complete }, "false", "", ""},
		{"blocked", `<itunes:block>Yes</itunes:block>`,
			func(s *config.Show) any { return s.Block }, "{All:true Platforms:[]}", "block = true",
			"<itunes:block>Yes</itunes:block>\n    <podcast:block>yes</podcast:block>"},
		{"blocked by podcast:block", `<podcast:block>yes</podcast:block>`,
			func(s *config.Show) any { return s.Block }, "{All:true Platforms:[]}", "block = true",
			"<itunes:block>Yes</itunes:block>\n    <podcast:block>yes</podcast:block>"},
		{"blocked on some platforms", `<podcast:block id="google">yes</podcast:block><podcast:block id="amazon">no</podcast:block>`,
			func(s *config.Show) any { return s.Block }, "{All:false Platforms:[google]}", `block = ["google"]`, `<podcast:block id="google">yes</podcast:block>`},
		{"not blocked", `<itunes:block>No</itunes:block>`,
			func(s *config.Show) any { return s.Block }, "{All:false Platforms:[]}", "", ""},
		{"moved", `<itunes:new-feed-url>https://feeds.mini.example/feed.xml</itunes:new-feed-url>`,
			func(s *config.Show) any { return s.NewFeedURL }, "https://feeds.mini.example/feed.xml", `new_feed_url = "https://feeds.mini.example/feed.xml"`,
			"<itunes:new-feed-url>https://feeds.mini.example/feed.xml</itunes:new-feed-url>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			imp, dir := importInto(t, "mini.xml", []byte(miniFeed(tt.channel, "")), Options{})
			if len(imp.Problems) != 0 {
				t.Errorf("warnings:\n%s", imp.Problems.Format())
			}
			src := string(golden.Read(t, filepath.Join(dir, config.FileName)))
			show, probs := config.Parse(config.FileName, []byte(src))
			if err := probs.Err(); err != nil {
				t.Fatalf("%v\n%s", err, src)
			}
			if g := fmt.Sprintf("%+v", tt.got(show)); g != tt.want {
				t.Errorf("podcast.toml reads %s, want %s", g, tt.want)
			}
			if tt.toml != "" && !strings.Contains(src, "\n"+tt.toml+"\n") {
				t.Errorf("podcast.toml has no line %q:\n%s", tt.toml, src)
			}
			// Built again, the feed carries the tag as the original did,
			// and leaves out one the original said no to.
			feed := string(build(t, dir))
			if tt.rebuilt != "" && !strings.Contains(feed, tt.rebuilt) {
				t.Errorf("the rebuilt feed lacks %s", tt.rebuilt)
			}
			if tt.rebuilt == "" && strings.Contains(feed, tt.channel[:strings.IndexAny(tt.channel, " >")]) {
				t.Errorf("the rebuilt feed has %s", tt.channel)
			}
		})
	}
}

// TestMoveInStepsPodping: a kept podping says what deploy then needs.
func TestMoveInStepsPodping(t *testing.T) {
	for channel, want := range map[string]bool{`<podcast:podping usesPodping="true"/>`: true, "": false} {
		imp, _ := importInto(t, "mini.xml", []byte(miniFeed(channel, "")), Options{})
		if got := strings.Contains(strings.Join(imp.MoveInSteps(), "\n"), "PODPING_TOKEN"); got != want {
			t.Errorf("%q: steps name PODPING_TOKEN: %v, want %v", channel, got, want)
		}
	}
}
