package server

import (
	"bufio"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// previewSite is site(t) with media and artwork in the show folder that the
// output folder does not hold.
func previewSite(t *testing.T) (out, show string) {
	t.Helper()
	out = site(t)
	show = filepath.Dir(out)
	for name, data := range map[string]string{
		"artwork.jpg":     "\xff\xd8\xff art",
		"audio/001.mp3":   strings.Repeat("\xff\xfb", 64),
		"notes/secret.md": "not media",
	} {
		path := filepath.Join(show, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return out, show
}

func TestPreviewServesShowMedia(t *testing.T) {
	out, show := previewSite(t)
	h := NewPreviewHandler(out, nil, Preview{ShowDir: show, SiteURL: "https://pod.example.com/show/"})
	for _, tt := range []struct {
		path  string
		code  int
		ctype string
	}{
		{"/artwork.jpg", http.StatusOK, "image/jpeg"},
		{"/audio/001.mp3", http.StatusOK, "audio/mpeg"},
		{"/media/ep.mp3", http.StatusOK, "audio/mpeg"}, // the output's own
		{"/podcast.toml", http.StatusNotFound, ""},     // never the TOML
		{"/notes/secret.md", http.StatusNotFound, ""},  // nor other files
		{"/public/index.html", http.StatusNotFound, ""},
	} {
		res := get(t, h, tt.path)
		if res.StatusCode != tt.code || (tt.ctype != "" && res.Header.Get("Content-Type") != tt.ctype) {
			t.Errorf("GET %s: %s, %s; want %d %s", tt.path, res.Status, res.Header.Get("Content-Type"), tt.code, tt.ctype)
		}
	}
	// Without a preview the show folder is out of reach.
	if res := get(t, NewHandler(out, nil), "/artwork.jpg"); res.StatusCode != http.StatusNotFound {
		t.Errorf("plain handler: GET /artwork.jpg: %s", res.Status)
	}
}

func TestPreviewLocalizes(t *testing.T) {
	out, show := previewSite(t)
	p := &Preview{ShowDir: show, SiteURL: "https://pod.example.com/show/"}
	for _, tt := range []struct{ in, want string }{
		{`<img src="https://pod.example.com/show/artwork.jpg">`, `<img src="/artwork.jpg">`},
		{`<a href="https://pod.example.com/show/feed.xml">`, `<a href="/feed.xml">`},
		{`<a href="https://pod.example.com/show/">`, `<a href="/">`},
		{`<a href="https://pod.example.com/show/episodes/001%20one%20&amp;%20two/">`, `<a href="/episodes/001%20one%20&amp;%20two/">`},
		{`<audio src="https://cdn.example.net/x/audio/001.mp3">`, `<audio src="/audio/001.mp3">`},
		{`<audio src="https://cdn.example.net/x/audio/002.mp3">`, `<audio src="https://cdn.example.net/x/audio/002.mp3">`},
		{`<a href="https://pod.example.com/show/missing.html">`, `<a href="https://pod.example.com/show/missing.html">`},
		{`<a href="https://elsewhere.example.org/show/feed.xml">`, `<a href="https://elsewhere.example.org/show/feed.xml">`},
		{`<meta property="og:image" content="https://pod.example.com/show/artwork.jpg">`, `<meta property="og:image" content="https://pod.example.com/show/artwork.jpg">`},
		{`<a href="https://cdn.example.net/podcast.toml">`, `<a href="https://cdn.example.net/podcast.toml">`},
	} {
		if got := string(p.localize([]byte(tt.in), out)); got != tt.want {
			t.Errorf("localize(%s)\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}

// A page served by the preview carries the reload script, and the event
// stream tells it when the next build finishes.
func TestPreviewReloads(t *testing.T) {
	out, show := previewSite(t)
	rl := NewReloader()
	srv := httptest.NewServer(NewPreviewHandler(out, nil, Preview{ShowDir: show, Reload: rl}))
	defer srv.Close()
	res, err := http.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	page := body(t, res)
	if !strings.Contains(page, ReloadPath+"?since=0") || !strings.HasSuffix(strings.TrimSpace(page), "</body></html>") {
		t.Fatalf("the page has no reload script before </body>:\n%s", page)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+ReloadPath+"?since=0", nil)
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("event stream: %s", res.Header.Get("Content-Type"))
	}
	go func() {
		time.Sleep(50 * time.Millisecond)
		rl.Built()
	}()
	sc := bufio.NewScanner(res.Body)
	for sc.Scan() {
		if sc.Text() == "event: build" {
			return
		}
	}
	t.Fatalf("no build event: %v", sc.Err())
}
