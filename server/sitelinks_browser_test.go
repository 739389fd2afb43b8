package server_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/podfeed/podfeed/project"
	"github.com/podfeed/podfeed/server"
)

// pageRefs is what crawl reads of each page: every address it links,
// loads or plays, resolved, and whether the site's stylesheet applies.
type pageRefs struct {
	Refs   []string
	Styled bool
}

const readRefs = `(() => ({
	Refs: Array.from(document.querySelectorAll("a[href], link[href], img[src], script[src], audio[src], source[src]"))
		.map(e => (e.href || e.src || "").split("#")[0]).filter(u => u !== ""),
	Styled: getComputedStyle(document.body).fontFamily.includes("system-ui"),
}))()`

// crawl visits every page of the site under root that start links to, in
// the browser, and calls exists for every address under root that a page
// refers to; an address that exists reports whether it is an HTML page
// to visit in turn. It returns the pages it visited.
func crawl(t *testing.T, ctx context.Context, root, start string, exists func(u string) (ok, page bool)) []string {
	t.Helper()
	seen := map[string]bool{start: true}
	queue := []string{start}
	var visited []string
	for len(queue) > 0 {
		page := queue[0]
		queue = queue[1:]
		visited = append(visited, page)
		if err := chromedp.Do(ctx, chromedp.Navigate(page)); err != nil {
			t.Fatalf("open %s: %v", page, err)
		}
		refs, err := chromedp.Run(ctx, chromedp.Evaluate[pageRefs](readRefs))
		if err != nil {
			t.Fatalf("read %s: %v", page, err)
		}
		if !refs.Styled {
			t.Errorf("%s: the site's stylesheet does not apply", page)
		}
		for _, ref := range refs.Refs {
			if !strings.HasPrefix(ref, root) || seen[ref] {
				continue
			}
			seen[ref] = true
			ok, html := exists(ref)
			switch {
			case !ok:
				t.Errorf("%s links %s, which is not there", page, ref)
			case html:
				queue = append(queue, ref)
			}
		}
	}
	return visited
}

// buildWithArtwork builds the example show into a temporary folder, with
// its artwork beside the site, as its host serves it.
func buildWithArtwork(t *testing.T) (*project.Show, string) {
	t.Helper()
	show, out := buildExample(t)
	if err := os.WriteFile(filepath.Join(out, filepath.Base(show.Config.Image)), jpegArtwork(t, 256), 0o644); err != nil {
		t.Fatal(err)
	}
	return show, out
}

// TestSiteFromDisk opens index.html from disk (file://): every page is
// reached by links, every link and asset names a file (not a folder, which
// a browser would list), and the stylesheet applies on every page.
func TestSiteFromDisk(t *testing.T) {
	path := chromium(t)
	_, out := buildWithArtwork(t)
	ctx := browser(t, path)
	root := (&url.URL{Scheme: "file", Path: filepath.ToSlash(out) + "/"}).String()
	visited := crawl(t, ctx, root, root+"index.html", func(u string) (bool, bool) {
		p, err := url.Parse(u)
		if err != nil {
			return false, false
		}
		fi, err := os.Stat(filepath.FromSlash(p.Path))
		return err == nil && fi.Mode().IsRegular(), strings.HasSuffix(p.Path, ".html")
	})
	if len(visited) < 3 { // index.html and the two episodes' pages
		t.Errorf("from disk, only %d pages are reached: %v", len(visited), visited)
	}
}

// TestSiteUnderSubPath serves the site under /shows/coding-chats/ of a
// host, as a project page or a shared host would: every link stays under
// it and is answered, and a missing address gets the site's 404 page.
func TestSiteUnderSubPath(t *testing.T) {
	path := chromium(t)
	show, out := buildWithArtwork(t)
	const prefix = "/shows/coding-chats/"
	mux := http.NewServeMux()
	mux.Handle(prefix, http.StripPrefix(strings.TrimSuffix(prefix, "/"), server.NewHandler(out, nil)))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	ctx := browser(t, path)
	root := srv.URL + prefix
	visited := crawl(t, ctx, srv.URL+"/", root, func(u string) (bool, bool) {
		if !strings.HasPrefix(u, root) {
			t.Errorf("%s leaves the site's folder %s", u, prefix)
			return true, false
		}
		resp, err := http.Get(u)
		if err != nil {
			return false, false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK, strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html")
	})
	// The show's page with its artwork, dark, as the host serves it.
	darkMode(t, ctx, true)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1024, 900), chromedp.Navigate(root)); err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, shotsDir(t), "subpath-dark.png")
	if len(visited) < 3 {
		t.Errorf("under %s, only %d pages are reached: %v", prefix, len(visited), visited)
	}

	for _, tt := range []struct {
		path, want string
		status     int
	}{
		{"robots.txt", "Sitemap: ", http.StatusOK},
		{"sitemap.xml", "<loc>" + strings.TrimSuffix(show.Config.FeedURL, "feed.xml") + "</loc>", http.StatusOK},
		{"no/such/page/", "This page is not here", http.StatusNotFound},
	} {
		resp, err := http.Get(root + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		body := new(strings.Builder)
		_, err = io.Copy(body, resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != tt.status || !strings.Contains(body.String(), tt.want) {
			t.Errorf("%s: status %d (%v), want %d with %q:\n%.300s", tt.path, resp.StatusCode, err, tt.status, tt.want, body)
		}
	}
}
