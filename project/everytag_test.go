package project

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/podfeed/podfeed/importer"
	"github.com/podfeed/podfeed/internal/showfile"
	"github.com/podfeed/podfeed/internal/xmltree"
)

// everyTagDir is the example show that uses every tag podfeed writes.
const everyTagDir = "../examples/every-tag"

// liveNow is a clock inside the live window of the example's live item.
var liveNow = time.Date(2025, 2, 1, 6, 30, 0, 0, time.UTC)

func TestEveryTagGolden(t *testing.T) {
	got := buildGolden(t, everyTagDir, "every-tag", liveNow)
	feed := string(got["feed.xml"])
	// Every tag of the issue, by the name the feed writes it with.
	for _, tag := range []string{
		"itunes:new-feed-url", "itunes:block", "podcast:block", "podcast:person", "podcast:location",
		"podcast:license", "podcast:txt", "podcast:image", "podcast:trailer", "podcast:updateFrequency",
		"podcast:podroll", "podcast:remoteItem", "podcast:publisher", "podcast:chat", "podcast:value",
		"podcast:valueRecipient", "podcast:valueTimeSplit", "podcast:liveItem", "podcast:contentLink",
		"podcast:transcript", "podcast:soundbite", "podcast:alternateEnclosure", "podcast:source",
		"podcast:integrity", "podcast:socialInteract", "podcast:locked", "podcast:funding", "podcast:guid",
		"podcast:medium", "podcast:chapters", "podcast:season", "podcast:episode",
		"itunes:complete", "podcast:podping",
	} {
		if !strings.Contains(feed, "<"+tag+" ") && !strings.Contains(feed, "<"+tag+">") {
			t.Errorf("feed.xml has no <%s>", tag)
		}
	}
	// gofeed, an independent parser, reads the same items and enclosures
	// (the live item is no item).
	parsed, err := gofeed.NewParser().ParseString(feed)
	if err != nil {
		t.Fatal(err)
	}
	if len(parsed.Items) != 1 || len(parsed.Items[0].Enclosures) != 1 ||
		parsed.Items[0].Enclosures[0].URL != "https://media.fieldnotes.example.org/001-old-growth.mp3" {
		t.Errorf("gofeed reads %d items: %+v", len(parsed.Items), parsed.Items)
	}
}

// TestLiveItemStatus builds the example before, during and after its live
// window: the live item's status follows the clock, and each build is
// byte-stable for its clock.
func TestLiveItemStatus(t *testing.T) {
	for _, tt := range []struct {
		now  time.Time
		want string
	}{
		{time.Date(2025, 1, 25, 0, 0, 0, 0, time.UTC), "pending"},
		{time.Date(2025, 2, 1, 6, 0, 0, 0, time.UTC), "live"},
		{liveNow, "live"},
		{time.Date(2025, 2, 1, 7, 30, 0, 0, time.UTC), "ended"},
		{time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), "ended"},
	} {
		var feeds [2][]byte
		for i := range feeds {
			show := load(t, everyTagDir)
			out := t.TempDir()
			if _, err := show.Build(context.Background(), BuildOptions{Now: tt.now, Output: out}); err != nil {
				t.Fatal(err)
			}
			var err error
			if feeds[i], err = os.ReadFile(filepath.Join(out, "feed.xml")); err != nil {
				t.Fatal(err)
			}
		}
		if !bytes.Equal(feeds[0], feeds[1]) {
			t.Errorf("%s: two builds differ", tt.now)
		}
		doc, err := xmltree.Parse(feeds[0], xmltree.Strict)
		if err != nil {
			t.Fatal(err)
		}
		live := doc.Root.Child("", "channel").Children(xmlnsPodcast, "liveItem")
		if len(live) != 1 || live[0].AttrValue("status") != tt.want {
			t.Errorf("%s: live items %d, status %q; want %q", tt.now, len(live), attrOf(live, "status"), tt.want)
		}
	}
}

const xmlnsPodcast = "https://podcastindex.org/namespace/1.0"

func attrOf(ns []*xmltree.Node, name string) string {
	if len(ns) == 0 {
		return ""
	}
	return ns[0].AttrValue(name)
}

// TestEveryTagImportRoundTrip imports the example's feed.xml and builds the
// import: the feed it gives is the original, element for element and
// attribute for attribute.
func TestEveryTagImportRoundTrip(t *testing.T) {
	show := load(t, everyTagDir)
	out := t.TempDir()
	if _, err := show.Build(context.Background(), BuildOptions{Now: liveNow, Output: out}); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(out, "feed.xml"))
	if err != nil {
		t.Fatal(err)
	}
	imp, err := importer.ReadFeed(context.Background(), "feed.xml", src, importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := showfile.WriteFiles(dir, imp.Files("feed.xml"), false); err != nil {
		t.Fatal(err)
	}
	again := load(t, dir)
	out2 := t.TempDir()
	if _, err := again.Build(context.Background(), BuildOptions{Now: liveNow, Output: out2}); err != nil {
		t.Fatal(err)
	}
	rebuilt, err := os.ReadFile(filepath.Join(out2, "feed.xml"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := xmltree.Parse(src, xmltree.Strict)
	if err != nil {
		t.Fatal(err)
	}
	b, err := xmltree.Parse(rebuilt, xmltree.Strict)
	if err != nil {
		t.Fatal(err)
	}
	var diffs []string
	compareTrees(a.Root, b.Root, "rss", &diffs)
	if len(diffs) > 0 {
		t.Errorf("the import's feed differs from the original:\n%s", strings.Join(diffs, "\n"))
	}
}

// compareTrees records where two element trees differ: names, attributes,
// trimmed text and children, in order.
func compareTrees(a, b *xmltree.Node, path string, diffs *[]string) {
	if a.Space != b.Space || a.Local != b.Local {
		*diffs = append(*diffs, fmt.Sprintf("%s: element {%s}%s, rebuilt {%s}%s", path, a.Space, a.Local, b.Space, b.Local))
		return
	}
	if x, y := attrs(a), attrs(b); x != y {
		*diffs = append(*diffs, fmt.Sprintf("%s: attributes %s, rebuilt %s", path, x, y))
	}
	if x, y := strings.TrimSpace(a.Text), strings.TrimSpace(b.Text); x != y {
		*diffs = append(*diffs, fmt.Sprintf("%s: text %q, rebuilt %q", path, x, y))
	}
	if len(a.Kids) != len(b.Kids) {
		*diffs = append(*diffs, fmt.Sprintf("%s: %d children (%s), rebuilt %d (%s)", path, len(a.Kids), names(a.Kids), len(b.Kids), names(b.Kids)))
		return
	}
	for i := range a.Kids {
		compareTrees(a.Kids[i], b.Kids[i], fmt.Sprintf("%s/%s[%d]", path, a.Kids[i].Local, i), diffs)
	}
}

func attrs(n *xmltree.Node) string {
	var out []string
	for _, a := range n.Attr {
		out = append(out, a.Name.Space+":"+a.Name.Local+"="+a.Value)
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

func names(ns []*xmltree.Node) string {
	var out []string
	for _, n := range ns {
		out = append(out, n.Local)
	}
	return strings.Join(out, ",")
}

// TestPartytimeReadsEveryTag reads the example's feed.xml with
// podcast-partytime, Podcast Index's own parser (npm), which .ci/run
// installs and names in PODFEED_NODE_PATH: it must report every tag it
// knows that the feed carries, in its pc20support phases. (Version 5 does
// not know podcast:updateFrequency, podcast:podping nor the 2024
// podcast:image, and counts valueTimeSplit and remoteItem under value and
// podroll; the golden test checks those.)
func TestPartytimeReadsEveryTag(t *testing.T) {
	nodePath := os.Getenv("PODFEED_NODE_PATH")
	node, err := exec.LookPath("node")
	if nodePath == "" || err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("CI needs node and podcast-partytime (PODFEED_NODE_PATH); .ci/run installs them")
		}
		t.Skip("no node or PODFEED_NODE_PATH: .ci/run installs podcast-partytime")
	}
	show := load(t, everyTagDir)
	out := t.TempDir()
	if _, err := show.Build(context.Background(), BuildOptions{Now: liveNow, Output: out}); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, filepath.Join("testdata", "partytime", "pc20support.js"), filepath.Join(out, "feed.xml"))
	cmd.Env = append(os.Environ(), "NODE_PATH="+nodePath)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	if err != nil {
		t.Fatalf("partytime: %v\n%s", err, stderr.String())
	}
	var res struct {
		PC20Support map[string][]string `json:"pc20support"`
		Items       int                 `json:"items"`
	}
	if err := json.Unmarshal(stdout, &res); err != nil {
		t.Fatalf("partytime printed %s: %v", stdout, err)
	}
	var found []string
	for _, tags := range res.PC20Support {
		found = append(found, tags...)
	}
	for _, want := range []string{
		"locked", "funding", "transcript", "chapters", "soundbite", "person", "location", "season", "episode",
		"trailer", "license", "guid", "alternateEnclosure", "value", "medium", "liveItem", "block",
		"socialInteract", "txt", "podroll", "chat", "publisher",
	} {
		if !slices.Contains(found, want) {
			t.Errorf("partytime does not report podcast:%s; it reports %v", want, res.PC20Support)
		}
	}
	if res.Items != 1 {
		t.Errorf("partytime reads %d items, want 1", res.Items)
	}
}
