package cli

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/podfeed/podfeed/episodes"
)

// TestImportFromURL imports a feed from a loopback server: the feed by its
// address, the chapters file it names (relative to it), and the size of a
// media file the enclosure does not give.
func TestImportFromURL(t *testing.T) {
	const feed = `<?xml version="1.0"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:podcast="https://podcastindex.org/namespace/1.0">
<channel>
<title>Loop</title>
<link>https://loop.example/</link>
<description>A show served from a loopback server.</description>
<language>en</language>
<itunes:author>Loop Author</itunes:author>
<itunes:image href="https://loop.example/art.jpg"/>
<itunes:owner><itunes:name>Loop Author</itunes:name><itunes:email>loop@loop.example</itunes:email></itunes:owner>
<itunes:category text="Technology"/>
<item>
<title>One</title>
<guid isPermaLink="false">loop-1</guid>
<pubDate>Sat, 01 Feb 2025 10:00:00 +0100</pubDate>
<enclosure url="/media/1.mp3" type="audio/mpeg"/>
<itunes:duration>600</itunes:duration>
<podcast:chapters url="chapters/1.json" type="application/json+chapters"/>
<description>First.</description>
</item>
</channel>
</rss>
`
	mux := http.NewServeMux()
	mux.HandleFunc("GET /show/feed.xml", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(feed)) })
	mux.HandleFunc("GET /show/chapters/1.json", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"version":"1.2.0","chapters":[{"startTime":0,"title":"Start"},{"startTime":300.5,"title":"Middle"}]}`))
	})
	mux.HandleFunc("HEAD /media/1.mp3", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "4242")
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	dir := filepath.Join(t.TempDir(), "loop")
	var stdout, stderr bytes.Buffer
	e := env{stdout: &stdout, stderr: &stderr, now: func() time.Time { return time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC) }}
	if code := run(context.Background(), []string{"import", "--timeout", "5s", srv.URL + "/show/feed.xml", dir}, e); code != exitOK {
		t.Fatalf("exit code %d\nstderr: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "imported 1 episode from "+srv.URL) {
		t.Errorf("stdout: %q", stdout.String())
	}
	src, err := os.ReadFile(filepath.Join(dir, "episodes", "001-one.toml"))
	if err != nil {
		t.Fatal(err)
	}
	ep, probs := episodes.Parse("001-one.toml", src)
	if probs.Err() != nil {
		t.Fatalf("%s\n%s", probs.Format(), src)
	}
	if ep.Audio.URL != srv.URL+"/media/1.mp3" || ep.Audio.Length != 4242 {
		t.Errorf("audio %+v", ep.Audio)
	}
	if len(ep.Chapters) != 2 || ep.Chapters[1].Title != "Middle" || ep.Chapters[1].Start != 300500*time.Millisecond {
		t.Errorf("chapters %+v", ep.Chapters)
	}
	show, err := os.ReadFile(filepath.Join(dir, "podcast.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(show), `feed_url = "`+srv.URL+`/show/feed.xml"`) {
		t.Errorf("feed_url is not the address the feed was read from:\n%s", show)
	}
}

func TestImportFetchFails(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	var stdout, stderr bytes.Buffer
	e := env{stdout: &stdout, stderr: &stderr, now: time.Now}
	code := run(context.Background(), []string{"import", srv.URL + "/feed.xml", t.TempDir()}, e)
	if code != exitContent || !strings.Contains(stderr.String(), "podfeed: error: fetch the feed:") || !strings.Contains(stderr.String(), "404") {
		t.Errorf("exit code %d, stderr %q", code, stderr.String())
	}
}

func TestHelpNewCommands(t *testing.T) {
	for _, cmd := range []string{"init", "new", "import"} {
		var stdout, stderr bytes.Buffer
		e := env{stdout: &stdout, stderr: &stderr, now: time.Now}
		if code := run(context.Background(), []string{"help", cmd}, e); code != exitOK {
			t.Errorf("help %s: exit code %d", cmd, code)
		}
		if !strings.Contains(stdout.String(), "Usage: podfeed "+cmd) || !strings.Contains(stdout.String(), "Flags:") {
			t.Errorf("help %s: %q", cmd, stdout.String())
		}
		stdout.Reset()
		if code := run(context.Background(), []string{cmd, "-h"}, e); code != exitOK || !strings.Contains(stdout.String(), "Examples:") {
			t.Errorf("%s -h: exit code %d, %q", cmd, code, stdout.String())
		}
	}
}

// A command without flags lists none, rather than an empty "Flags:".
func TestHelpListsFlagsOnlyWhenThereAreSome(t *testing.T) {
	for cmd, want := range map[string]bool{"embed": false, "serve": true, "build": true} {
		var stdout, stderr bytes.Buffer
		e := env{stdout: &stdout, stderr: &stderr, now: time.Now}
		if code := run(context.Background(), []string{"help", cmd}, e); code != exitOK {
			t.Fatalf("help %s: exit code %d", cmd, code)
		}
		if got := strings.Contains(stdout.String(), "Flags:"); got != want {
			t.Errorf("help %s: lists flags %v, want %v:\n%s", cmd, got, want, stdout.String())
		}
	}
}

// TestMoveSteps: an import says what it kept and what to do at the old
// host; check explains the move of a show that sets new_feed_url.
func TestMoveSteps(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "show")
	feed := filepath.Join("..", "..", "importer", "testdata", "shapes", "dropped-tags.xml")
	e, stdout, stderr := testEnv()
	if code := run(context.Background(), []string{"import", "--offline", "--feed-url", "https://new.example/feed.xml", feed, dir}, e); code != exitOK {
		t.Fatalf("import: exit code %d\n%s", code, stderr)
	}
	for _, want := range []string{
		"podfeed: kept: every episode's guid",
		"podfeed:   1. serve the built output so that https://new.example/feed.xml answers",
		"podfeed:   2. at the old host, redirect https://p20.example/feed.xml to the new feed_url",
		"at least 4 weeks",
		"locked = true",
	} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("import's output lacks %q:\n%s", want, stdout)
		}
	}
	// The source had itunes:new-feed-url, so the imported show moves on.
	e, stdout, stderr = testEnv()
	if code := run(context.Background(), []string{"check", dir}, e); code != exitOK {
		t.Fatalf("check: exit code %d\n%s", code, stderr)
	}
	for _, want := range []string{
		"podfeed: the feed moves to https://newhost.p20.example/feed.xml (new_feed_url), step by step:",
		"podfeed:   1. the new feed must carry every episode with its guid unchanged, and podcast:guid 917393e3-1b1e-5cef-ace4-edaa54e1f810",
		"HTTP 301",
		"podcast:locked",
	} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("check's output lacks %q:\n%s", want, stdout)
		}
	}
}

func testEnv() (env, *bytes.Buffer, *bytes.Buffer) {
	var stdout, stderr bytes.Buffer
	return env{stdout: &stdout, stderr: &stderr, now: func() time.Time { return time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC) }}, &stdout, &stderr
}

// TestImportNoAddress: a feed file without a self link, imported without
// --feed-url, says nowhere where the show's feed will be: a usage error
// (exit 2) that names --feed-url, and nothing written.
func TestImportNoAddress(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "show")
	feed := filepath.Join("..", "..", "importer", "testdata", "shapes", "no-self-link.xml")
	e, _, stderr := testEnv()
	if code := run(context.Background(), []string{"import", "--offline", feed, dir}, e); code != exitUsage {
		t.Fatalf("exit code %d, want %d\n%s", code, exitUsage, stderr)
	}
	for _, want := range []string{
		`podfeed: error: the feed does not say its own address (no atom:link rel="self")`,
		"podfeed: hint: pass --feed-url URL",
	} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("%s was written: %v", dir, err)
	}
}
