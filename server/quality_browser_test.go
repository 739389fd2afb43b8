package server_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"net/http/httptest"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/podfeed/podfeed/project"
	"github.com/podfeed/podfeed/server"
)

// shotsDir is where a test writes its screenshots: $PODFEED_SCREENSHOTS
// when set, else a temporary folder.
func shotsDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("PODFEED_SCREENSHOTS")
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// darkMode makes the tab prefer a dark (true) or light colour scheme.
func darkMode(t *testing.T, ctx context.Context, dark bool) {
	t.Helper()
	scheme := "light"
	if dark {
		scheme = "dark"
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	}); err != nil {
		t.Fatalf("emulate prefers-color-scheme: %s: %v", scheme, err)
	}
}

// TestFeedViewWithoutXSLT opens feed.xml in the browser: browsers are
// removing XSLT, so the feed links a CSS stylesheet, which every browser
// applies to an XML document. The view must say what the page is, and
// show the show's title and every episode's.
func TestFeedViewWithoutXSLT(t *testing.T) {
	path := chromium(t)
	show, out := buildExample(t)
	srv := httptest.NewServer(server.NewHandler(out, nil))
	defer srv.Close()
	shots := shotsDir(t)
	ctx := browser(t, path)

	type view struct {
		Root, Display, Note, Title string
		Items                      []string
		Width                      float64
	}
	const read = `(() => {
		const q = s => document.querySelector(s), shown = e => e && e.getBoundingClientRect().height > 0;
		const title = q("channel > title");
		return {
			Root: document.documentElement.nodeName,
			Display: getComputedStyle(document.documentElement).display,
			Note: getComputedStyle(q("channel"), "::before").content,
			Title: shown(title) ? title.textContent : "",
			Items: Array.from(document.querySelectorAll("item > *")).filter(shown).filter(e => e.localName == "title").map(e => e.textContent),
			Width: document.documentElement.scrollWidth - window.innerWidth,
		};
	})()`
	for _, tt := range []struct {
		name          string
		width, height int64
		dark          bool
	}{
		{"feed.png", 1024, 900, false},
		{"feed-dark.png", 1024, 900, true},
		{"feed-phone.png", 390, 844, false},
	} {
		darkMode(t, ctx, tt.dark)
		if err := chromedp.Do(ctx,
			chromedp.EmulateViewport(tt.width, tt.height),
			chromedp.Navigate(srv.URL+"/feed.xml"),
		); err != nil {
			t.Fatal(err)
		}
		v, err := chromedp.Run(ctx, chromedp.Evaluate[view](read))
		if err != nil {
			t.Fatal(err)
		}
		if v.Root != "rss" || v.Display != "block" {
			t.Errorf("%s: the feed shows as <%s> with display %q, want <rss> styled by feed.css", tt.name, v.Root, v.Display)
		}
		if !strings.Contains(v.Note, "This is a podcast feed") {
			t.Errorf("%s: the feed does not say what it is: %s", tt.name, v.Note)
		}
		if v.Title != show.Config.Title {
			t.Errorf("%s: the show's title shows as %q, want %q", tt.name, v.Title, show.Config.Title)
		}
		if len(v.Items) != len(show.Episodes) {
			t.Errorf("%s: episodes shown %q, want %d", tt.name, v.Items, len(show.Episodes))
		}
		if v.Width > 0 {
			t.Errorf("%s: the view is %v px wider than the screen", tt.name, v.Width)
		}
		screenshot(t, ctx, shots, tt.name)
	}
}

// TestRenamedEpisodeOldAddress renames an episode's file and builds again:
// its old address, as a listener shared it, lands on its new page.
func TestRenamedEpisodeOldAddress(t *testing.T) {
	path := chromium(t)
	dir := filepath.Join(t.TempDir(), "show")
	if err := os.CopyFS(dir, os.DirFS("../examples/coding-chats")); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	build := func() {
		t.Helper()
		show, probs := project.Load(dir)
		if err := probs.Err(); err != nil {
			t.Fatal(err)
		}
		if _, err := show.Build(context.Background(), project.BuildOptions{Now: exampleNow, Output: out}); err != nil {
			t.Fatal(err)
		}
	}
	build()
	eps := filepath.Join(dir, "episodes")
	if err := os.Rename(filepath.Join(eps, "055-rust-in-production.toml"), filepath.Join(eps, "055-rust.toml")); err != nil {
		t.Fatal(err)
	}
	build()
	srv := httptest.NewServer(server.NewHandler(out, nil))
	defer srv.Close()
	ctx := browser(t, path)

	for _, old := range []string{"/episodes/055-rust-in-production/", "/episodes/055-rust-in-production/index.html"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+old)); err != nil {
			t.Fatal(err)
		}
		// The redirect navigates again: until it has, an evaluation may
		// meet the page it leaves.
		var loc string
		for deadline := time.Now().Add(30 * time.Second); ; {
			l, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.readyState === "complete" ? location.pathname : ""`))
			if err == nil && strings.HasPrefix(l, "/episodes/055-rust/") {
				loc = l
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: still at %q: %v", old, l, err)
			}
		}
		h1, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
		if err != nil || !strings.HasPrefix(h1, "Rust in production") {
			t.Errorf("%s landed on %s, whose heading is %q (%v)", old, loc, h1, err)
		}
	}
}
