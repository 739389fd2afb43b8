package server

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// site writes a small output folder, with a secret beside it that no
// request may reach, and returns the output folder.
func site(t *testing.T) string {
	t.Helper()
	show := t.TempDir()
	out := filepath.Join(show, "public")
	files := map[string]string{
		"podcast.toml":                               "secret = true\n",
		"public/index.html":                          "<!DOCTYPE html>\n<html><body class=\"x\">\n<p>" + strings.Repeat("Hello. ", 100) + "</p>\n</body></html>\n",
		"public/feed.xml":                            "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>" + strings.Repeat("T", 500) + "</title></channel></rss>\n",
		"public/atom.xml":                            "<feed/>",
		"public/feed.json":                           "{}",
		"public/feed.xsl":                            "<xsl/>",
		"public/chapters/001.json":                   `{"version":"1.2.0","chapters":[]}`,
		"public/episodes/001 one & two/index.html":   "<!DOCTYPE html><title>one</title>",
		"public/episodes/no-index/notes.txt":         "text",
		"public/embed/001.html":                      "<!DOCTYPE html><title>embed</title>",
		"public/media/ep.mp3":                        strings.Repeat("\xff\xfb", 4096),
		"public/.podfeed.lock":                       "",
		"public/.feed.xml.tmp-123":                   "half-written",
		"public/episodes/001 one & two/.hidden.html": "hidden",
	}
	for name, data := range files {
		path := filepath.Join(show, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A link out of the folder must not lead out of it.
	if err := os.Symlink(filepath.Join(show, "podcast.toml"), filepath.Join(out, "link.toml")); err != nil {
		t.Logf("no symlinks here: %v", err)
	}
	return out
}

func get(t *testing.T, h http.Handler, target string, header ...string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func body(t *testing.T, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestContentTypes(t *testing.T) {
	h := NewHandler(site(t), nil)
	for _, tt := range []struct{ path, want string }{
		{"/", "text/html; charset=utf-8"},
		{"/index.html", "text/html; charset=utf-8"},
		{"/feed.xml", "application/rss+xml; charset=utf-8"},
		{"/atom.xml", "application/atom+xml; charset=utf-8"},
		{"/feed.json", "application/feed+json; charset=utf-8"},
		{"/feed.xsl", "text/xsl; charset=utf-8"},
		{"/chapters/001.json", "application/json+chapters"},
		{"/episodes/001%20one%20&%20two/", "text/html; charset=utf-8"},
		{"/embed/001.html", "text/html; charset=utf-8"},
		{"/media/ep.mp3", "audio/mpeg"},
		{"/episodes/no-index/notes.txt", "text/plain; charset=utf-8"},
	} {
		res := get(t, h, tt.path)
		if res.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %s", tt.path, res.Status)
			continue
		}
		if got := res.Header.Get("Content-Type"); got != tt.want {
			t.Errorf("GET %s: Content-Type %q, want %q", tt.path, got, tt.want)
		}
		if res.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: no nosniff", tt.path)
		}
	}
}

// A browser opening feed.xml gets it as XML, so that it applies the
// stylesheet; podcast apps get the RSS type. The bytes are the same.
func TestFeedForBrowsers(t *testing.T) {
	h := NewHandler(site(t), nil)
	for _, tt := range []struct{ accept, want string }{
		{"", "application/rss+xml; charset=utf-8"},
		{"*/*", "application/rss+xml; charset=utf-8"},
		{"application/rss+xml, application/xml;q=0.9, */*;q=0.8", "application/rss+xml; charset=utf-8"},
		{"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "application/xml; charset=utf-8"},
	} {
		res := get(t, h, "/feed.xml", "Accept", tt.accept)
		if got := res.Header.Get("Content-Type"); got != tt.want {
			t.Errorf("Accept %q: Content-Type %q, want %q", tt.accept, got, tt.want)
		}
		if !strings.Contains(res.Header.Get("Vary"), "Accept") {
			t.Errorf("Accept %q: no Vary: Accept", tt.accept)
		}
	}
	if res := get(t, h, "/atom.xml", "Accept", "text/html"); res.Header.Get("Content-Type") != "application/atom+xml; charset=utf-8" {
		t.Errorf("atom.xml for a browser: %q", res.Header.Get("Content-Type"))
	}
}

func TestConditional(t *testing.T) {
	h := NewHandler(site(t), nil)
	first := get(t, h, "/feed.xml")
	etag, modified := first.Header.Get("ETag"), first.Header.Get("Last-Modified")
	if first.StatusCode != http.StatusOK || !strings.HasPrefix(etag, `"`) || modified == "" {
		t.Fatalf("GET /feed.xml: %s, ETag %q, Last-Modified %q", first.Status, etag, modified)
	}
	for _, tt := range []struct {
		name   string
		header []string
		want   int
	}{
		{"same ETag", []string{"If-None-Match", etag}, http.StatusNotModified},
		{"one of several ETags", []string{"If-None-Match", `"nope", ` + etag}, http.StatusNotModified},
		{"other ETag", []string{"If-None-Match", `"nope"`}, http.StatusOK},
		{"not modified since", []string{"If-Modified-Since", modified}, http.StatusNotModified},
		{"weak comparison", []string{"If-None-Match", "W/" + etag}, http.StatusNotModified},
	} {
		res := get(t, h, "/feed.xml", tt.header...)
		if res.StatusCode != tt.want {
			t.Errorf("%s: %s, want %d", tt.name, res.Status, tt.want)
		}
		if res.StatusCode == http.StatusNotModified && body(t, res) != "" {
			t.Errorf("%s: 304 with a body", tt.name)
		}
	}
	// The ETag follows the content.
	if err := os.WriteFile(filepath.Join(h.dir, "feed.xml"), []byte("<rss version=\"2.0\"/>\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res := get(t, h, "/feed.xml", "If-None-Match", etag)
	if res.StatusCode != http.StatusOK || res.Header.Get("ETag") == etag {
		t.Errorf("after a change: %s, ETag %q (was %q)", res.Status, res.Header.Get("ETag"), etag)
	}
}

func TestGzip(t *testing.T) {
	h := NewHandler(site(t), nil)
	plain := body(t, get(t, h, "/index.html"))
	res := get(t, h, "/index.html", "Accept-Encoding", "br;q=1, gzip;q=0.8")
	if res.Header.Get("Content-Encoding") != "gzip" || res.Header.Get("Vary") != "Accept-Encoding" {
		t.Fatalf("no gzip: Content-Encoding %q, Vary %q", res.Header.Get("Content-Encoding"), res.Header.Get("Vary"))
	}
	zr, err := gzip.NewReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	unzipped, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if string(unzipped) != plain {
		t.Errorf("gzipped body differs from the file")
	}
	etag := res.Header.Get("ETag")
	if etag == get(t, h, "/index.html").Header.Get("ETag") {
		t.Errorf("gzipped and plain bodies share the ETag %s", etag)
	}
	if res := get(t, h, "/index.html", "Accept-Encoding", "gzip", "If-None-Match", etag); res.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match with the gzip ETag: %s", res.Status)
	}
	for _, tt := range []struct{ path, accept string }{
		{"/index.html", "gzip;q=0"},
		{"/index.html", "identity"},
		{"/media/ep.mp3", "gzip"}, // audio is not text
	} {
		if res := get(t, h, tt.path, "Accept-Encoding", tt.accept); res.Header.Get("Content-Encoding") != "" {
			t.Errorf("%s with Accept-Encoding %q: gzipped", tt.path, tt.accept)
		}
	}
}

func TestRanges(t *testing.T) {
	h := NewHandler(site(t), nil)
	res := get(t, h, "/media/ep.mp3", "Range", "bytes=2-5")
	if res.StatusCode != http.StatusPartialContent || res.Header.Get("Content-Range") != "bytes 2-5/8192" {
		t.Fatalf("Range: %s, Content-Range %q", res.Status, res.Header.Get("Content-Range"))
	}
	if b := body(t, res); b != "\xff\xfb\xff\xfb" {
		t.Errorf("Range body %q", b)
	}
	if res := get(t, h, "/media/ep.mp3", "Range", "bytes=9000-"); res.StatusCode != http.StatusRequestedRangeNotSatisfiable {
		t.Errorf("Range past the end: %s", res.Status)
	}
	// A range of a text file is a range of the file, not of its gzip.
	res = get(t, h, "/feed.xml", "Range", "bytes=0-4", "Accept-Encoding", "gzip")
	if res.StatusCode != http.StatusPartialContent || res.Header.Get("Content-Encoding") != "" || body(t, res) != "<?xml" {
		t.Errorf("Range of feed.xml: %s, Content-Encoding %q", res.Status, res.Header.Get("Content-Encoding"))
	}
}

func TestNoListingsNoEscape(t *testing.T) {
	h := NewHandler(site(t), nil)
	for _, tt := range []struct {
		path string
		want int
	}{
		{"/episodes/", http.StatusNotFound},          // a folder without index.html is not listed
		{"/episodes/no-index/", http.StatusNotFound}, // nor is this one
		{"/chapters/", http.StatusNotFound},          // nor chapters
		{"/feed.xml/", http.StatusNotFound},          // a file is not a folder
		{"/.podfeed.lock", http.StatusNotFound},      // the build's own files are hidden
		{"/.feed.xml.tmp-123", http.StatusNotFound},  // and so are its temporary files
		{"/episodes/001%20one%20&%20two/.hidden.html", http.StatusNotFound},
		{"/link.toml", http.StatusNotFound}, // a symbolic link out of the folder
		{"/nope.html", http.StatusNotFound},
		{"/episodes/001%20one%20&%20two", http.StatusMovedPermanently},
	} {
		res := get(t, h, tt.path)
		if res.StatusCode != tt.want {
			t.Errorf("GET %s: %s, want %d", tt.path, res.Status, tt.want)
		}
		if strings.Contains(body(t, res), "secret") {
			t.Errorf("GET %s: the secret leaked", tt.path)
		}
	}
	res := get(t, h, "/episodes/001%20one%20&%20two?x=1")
	if loc := res.Header.Get("Location"); loc != "/episodes/001%20one%20&%20two/?x=1" {
		t.Errorf("redirect to %q", loc)
	}
	req := httptest.NewRequest(http.MethodPost, "/", nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != "GET, HEAD" {
		t.Errorf("POST: %d, Allow %q", rec.Code, rec.Header().Get("Allow"))
	}
}

// rawGet sends a request line as it is, without a client cleaning its path,
// and returns the response.
func rawGet(t *testing.T, addr, target string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, addr)
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, string(b)
}

// Paths that climb out of the folder, in every spelling, are 404 over a
// real connection too.
func TestEscapesOverTheWire(t *testing.T) {
	srv := httptest.NewServer(NewHandler(site(t), nil))
	defer srv.Close()
	addr := strings.TrimPrefix(srv.URL, "http://")
	for _, target := range escapes {
		code, b := rawGet(t, addr, target)
		if code != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", target, code)
		}
		if strings.Contains(b, "secret") {
			t.Errorf("GET %s: the secret leaked", target)
		}
	}
	if code, _ := rawGet(t, addr, "/feed.xml"); code != http.StatusOK {
		t.Errorf("GET /feed.xml: %d", code)
	}
}

// escapes are request targets that try to leave the output folder for the
// show's podcast.toml beside it.
var escapes = []string{
	"/../podcast.toml",
	"/%2e%2e/podcast.toml",
	"/%2E%2E/podcast.toml",
	"/.%2e/podcast.toml",
	"/..%2Fpodcast.toml",
	"/..%2fpodcast.toml",
	"/%2e%2e%2fpodcast.toml",
	"/chapters/../../podcast.toml",
	"/chapters/..%2F..%2Fpodcast.toml",
	"/chapters%2F..%2F..%2Fpodcast.toml",
	"/..\\podcast.toml",
	"/..%5Cpodcast.toml",
	"/%00/../podcast.toml",
	"//podcast.toml",
	"/./feed.xml",
	"/chapters//001.json",
}

// While the latest build failed, pages show its error at the top and are
// not cached (their validator is not the file's); other files are served
// as they are.
func TestBuildErrorShown(t *testing.T) {
	buildErr := errors.New(`ep.toml:3:1: unknown key "titel" <b>`)
	var current error
	h := NewHandler(site(t), func() error { return current })

	ok := get(t, h, "/")
	etag := ok.Header.Get("ETag")
	current = buildErr
	res := get(t, h, "/", "If-None-Match", etag)
	b := body(t, res)
	if res.StatusCode != http.StatusOK || res.Header.Get("ETag") == etag || res.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("page with an error: %s, ETag %q, Cache-Control %q", res.Status, res.Header.Get("ETag"), res.Header.Get("Cache-Control"))
	}
	if !strings.Contains(b, `<body class="x"><div role="alert"`) || !strings.Contains(b, `unknown key &#34;titel&#34; &lt;b&gt;`) {
		t.Errorf("the error is not at the top of the page:\n%s", b)
	}
	if !strings.Contains(b, "Hello.") {
		t.Errorf("the last good page is not served")
	}
	if res := get(t, h, "/feed.xml"); strings.Contains(body(t, res), "alert") {
		t.Errorf("the feed carries the error")
	}
	res = get(t, h, "/episodes/new/")
	if res.StatusCode != http.StatusNotFound || !strings.Contains(body(t, res), "titel") {
		t.Errorf("a missing page does not say the build failed")
	}
	current = nil
	if res := get(t, h, "/", "If-None-Match", etag); res.StatusCode != http.StatusNotModified {
		t.Errorf("after a good build: %s", res.Status)
	}
}

func TestFileName(t *testing.T) {
	for _, tt := range []struct {
		path string
		name string
		dir  bool
		ok   bool
	}{
		{"/", ".", true, true},
		{"/feed.xml", "feed.xml", false, true},
		{"/episodes/a b/", "episodes/a b", true, true},
		{"/chapters/x.json", "chapters/x.json", false, true},
		{"", "", false, false},
		{"feed.xml", "", false, false},
		{"/../x", "", false, false},
		{"/a/../x", "", false, false},
		{"/./x", "", false, false},
		{"/a//x", "", false, false},
		{"/a/", "a", true, true},
		{"/a//", "", false, false},
		{"/.hidden", "", false, false},
		{"/a\\b", "", false, false},
		{"/a\x00b", "", false, false},
		{"/\xff", "", false, false},
	} {
		name, dir, ok := fileName(tt.path)
		if name != tt.name || dir != tt.dir || ok != tt.ok {
			t.Errorf("fileName(%q) = %q, %v, %v; want %q, %v, %v", tt.path, name, dir, ok, tt.name, tt.dir, tt.ok)
		}
	}
}

// FuzzFileName: whatever the request path, a name fileName accepts stays
// inside the folder.
func FuzzFileName(f *testing.F) {
	for _, s := range append(escapes, "/", "/feed.xml", "/episodes/055-rust-in-production/", "/embed/055.html") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		name, _, ok := fileName(p)
		if !ok {
			return
		}
		root := filepath.FromSlash("/srv/out")
		joined := filepath.Join(root, filepath.FromSlash(name))
		if joined != root && !strings.HasPrefix(joined, root+string(filepath.Separator)) {
			t.Errorf("fileName(%q) = %q, which leaves the folder: %s", p, name, joined)
		}
		if strings.Contains("/"+name+"/", "/.") && name != "." {
			t.Errorf("fileName(%q) = %q, which names a hidden file", p, name)
		}
	})
}

func TestAcceptsGzip(t *testing.T) {
	for _, tt := range []struct {
		header string
		want   bool
	}{
		{"", false},
		{"gzip", true},
		{"GZIP", true},
		{"deflate, gzip", true},
		{"gzip;q=0", false},
		{"gzip; q=0.5", true},
		{"br", false},
		{"x-gzip", false},
	} {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		if tt.header != "" {
			r.Header.Set("Accept-Encoding", tt.header)
		}
		if got := acceptsGzip(r); got != tt.want {
			t.Errorf("acceptsGzip(%q) = %v", tt.header, got)
		}
	}
}

func TestInjectBanner(t *testing.T) {
	for _, tt := range []struct{ page, want string }{
		{"<html><body>x</body></html>", "<html><body>B x</body></html>"},
		{"<HTML><BODY class=a>x", "<HTML><BODY class=a>B x"},
		{"no body", "B no body"},
		{"<body", "B <body"},
	} {
		if got := string(injectBanner([]byte(tt.page), "B ")); got != tt.want {
			t.Errorf("injectBanner(%q) = %q, want %q", tt.page, got, tt.want)
		}
	}
	if !bytes.Contains([]byte(errorBanner(errors.New("<x>"))), []byte("&lt;x&gt;")) {
		t.Errorf("the banner does not escape the error")
	}
}
