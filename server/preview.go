package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Preview makes a [Handler] the preview of the real thing rather than a
// copy of the public host: what the pages point at on the internet is
// served from the machine when the machine has it, and pages reload
// themselves after a rebuild. The zero value changes nothing.
type Preview struct {
	// ShowDir, when set, is searched for the media and artwork the output
	// folder does not hold (an episode's audio or the show's image that the
	// build does not copy): a request for /artwork.jpg that the output
	// folder cannot answer is answered with ShowDir/artwork.jpg. Only media,
	// images and transcripts are taken from there, never the show's TOML.
	ShowDir string

	// SiteURL is the public address of the site's root folder, ending in
	// "/" (the folder of feed_url). In the pages served, links and sources
	// under it (the feeds, the artwork, media published beside the feed)
	// point to the local copy instead; so does any other absolute media or
	// image address whose path names a file in ShowDir
	// (https://cdn.example.com/audio/001.mp3 and ShowDir/audio/001.mp3).
	SiteURL string

	// Reload, when not nil, tells pages that a build finished: every page
	// is served with a small script that reloads it then.
	Reload *Reloader
}

// ReloadPath is the address of the event stream that tells preview pages
// to reload. It starts with "/_", which no output file can: the handler
// refuses hidden and odd names, and no output file begins with "_".
const ReloadPath = "/_podfeed/reload"

// Reloader counts finished builds and tells the pages that wait for the
// next one. It is safe for concurrent use.
type Reloader struct {
	mu      sync.Mutex
	builds  int
	waiting chan struct{} // closed at the next build
}

// NewReloader returns a Reloader that has seen no build.
func NewReloader() *Reloader { return &Reloader{waiting: make(chan struct{})} }

// Built records that a build finished and wakes every waiting page.
func (r *Reloader) Built() {
	r.mu.Lock()
	r.builds++
	close(r.waiting)
	r.waiting = make(chan struct{})
	r.mu.Unlock()
}

func (r *Reloader) state() (int, <-chan struct{}) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.builds, r.waiting
}

// reloadKeepAlive is how often the event stream sends a comment, so that
// neither side takes a quiet connection for a dead one.
const reloadKeepAlive = 20 * time.Second

// serveEvents streams "build" events: one at once when a build finished
// after the page's own (its ?since=), then one after each build.
func (r *Reloader) serveEvents(w http.ResponseWriter, req *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	since, err := strconv.Atoi(req.URL.Query().Get("since"))
	if err != nil {
		since = -1
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	// A long stream must outlive the server's write timeout.
	rc := http.NewResponseController(w)
	_ = rc.SetWriteDeadline(time.Time{})
	io.WriteString(w, "retry: 1000\n\n")
	flusher.Flush()
	tick := time.NewTicker(reloadKeepAlive)
	defer tick.Stop()
	for {
		n, next := r.state()
		if since >= 0 && n > since {
			fmt.Fprintf(w, "event: build\ndata: %d\n\n", n)
			flusher.Flush()
			return
		}
		since = n
		select {
		case <-req.Context().Done():
			return
		case <-next:
		case <-tick.C:
			io.WriteString(w, ": still here\n\n")
			flusher.Flush()
		}
	}
}

// reloadScript is put at the end of every preview page: it waits for the
// next build and reloads the page. It changes nothing else on the page.
func reloadScript(builds int) string {
	return `<script>(function(){if(!window.EventSource)return;var s=new EventSource("` + ReloadPath + `?since=` +
		strconv.Itoa(builds) + `");s.addEventListener("build",function(){s.close();location.reload()})})();</script>` + "\n"
}

// fromShow reports whether a file of this type may be served from the show
// folder: media, images and transcripts.
func fromShow(name string) bool {
	t := contentType(name)
	return strings.HasPrefix(t, "audio/") || strings.HasPrefix(t, "video/") || strings.HasPrefix(t, "image/") ||
		strings.HasPrefix(t, "text/vtt") || t == "application/x-subrip"
}

// showFile returns the file of the show folder that answers name (a
// cleaned, relative request path), when the preview may serve it.
func (p *Preview) showFile(name string) (*os.Root, bool) {
	if p == nil || p.ShowDir == "" || !fromShow(name) {
		return nil, false
	}
	root, err := os.OpenRoot(p.ShowDir)
	if err != nil {
		return nil, false
	}
	if fi, err := root.Stat(name); err != nil || !fi.Mode().IsRegular() {
		root.Close()
		return nil, false
	}
	return root, true
}

// absoluteAttr finds src and href attributes whose value is an absolute
// http(s) address, and content attributes of <meta> are left alone: they
// are for other sites (Open Graph) and keep the public addresses.
var absoluteAttr = regexp.MustCompile(`\b(src|href)="(https?://[^"]+)"`)

// localize rewrites a page's absolute addresses to local ones where the
// preview has the file: under SiteURL, and media or images that ShowDir
// holds. out is the output folder.
func (p *Preview) localize(page []byte, out string) []byte {
	if p == nil || (p.SiteURL == "" && p.ShowDir == "") {
		return page
	}
	return absoluteAttr.ReplaceAllFunc(page, func(m []byte) []byte {
		sub := absoluteAttr.FindSubmatch(m)
		if local, ok := p.local(string(unescapeAttr(sub[2])), out); ok {
			return []byte(string(sub[1]) + `="` + strings.ReplaceAll(local, "&", "&amp;") + `"`)
		}
		return m
	})
}

// unescapeAttr undoes the entities html/template writes into addresses.
func unescapeAttr(b []byte) []byte {
	return bytes.ReplaceAll(bytes.ReplaceAll(b, []byte("&amp;"), []byte("&")), []byte("&#43;"), []byte("+"))
}

// local returns the root-relative address that serves the file at the
// public address raw, if the preview has one.
func (p *Preview) local(raw, out string) (string, bool) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "", false
	}
	if p.SiteURL != "" && strings.HasPrefix(raw, p.SiteURL) {
		site, err := url.Parse(p.SiteURL)
		if err == nil && site.Host == u.Host {
			rel := strings.TrimPrefix(u.Path, site.Path)
			target := "/" + strings.TrimPrefix(u.EscapedPath(), site.EscapedPath())
			if u.RawQuery != "" {
				target += "?" + u.RawQuery
			}
			if u.Fragment != "" {
				target += "#" + u.EscapedFragment()
			}
			name := strings.TrimSuffix(rel, "/")
			if name == "" || exists(out, name) || exists(out, path.Join(name, "index.html")) {
				return target, true
			}
			if _, ok := p.showName(name); ok {
				return target, true
			}
			return "", false
		}
	}
	// Another host (a media host or CDN): the longest tail of its path
	// that names a media file or image in the show folder.
	if name, ok := p.showName(strings.TrimPrefix(u.Path, "/")); ok {
		return (&url.URL{Path: "/" + name}).EscapedPath(), true
	}
	return "", false
}

// showName finds the longest tail of the slash-separated path name that is
// a file the preview serves from the show folder.
func (p *Preview) showName(name string) (string, bool) {
	if p.ShowDir == "" || !fromShow(name) {
		return "", false
	}
	parts := strings.Split(name, "/")
	for i := range parts {
		tail := strings.Join(parts[i:], "/")
		if _, _, ok := fileName("/" + tail); !ok {
			continue
		}
		if root, ok := p.showFile(tail); ok {
			root.Close()
			return tail, true
		}
	}
	return "", false
}

// exists reports whether the output folder holds the file name.
func exists(out, name string) bool {
	if _, _, ok := fileName("/" + name); !ok {
		return false
	}
	fi, err := os.Stat(filepath.Join(out, filepath.FromSlash(name)))
	return err == nil && fi.Mode().IsRegular()
}

// servePage serves an HTML page as the preview shows it: the build's error
// at its top, local addresses, the reload script. The page then differs
// from the file, so it gets a validator of its own.
func (h *Handler) servePage(w http.ResponseWriter, r *http.Request, name string, f io.Reader, modTime time.Time) {
	page, err := io.ReadAll(f)
	if err != nil {
		http.Error(w, "cannot read the file", http.StatusInternalServerError)
		return
	}
	page = h.preview.localize(page, h.dir)
	if err := h.buildError(); err != nil {
		page = injectBanner(page, errorBanner(err))
	}
	if h.preview != nil && h.preview.Reload != nil {
		n, _ := h.preview.Reload.state()
		page = injectBeforeBodyEnd(page, reloadScript(n))
	}
	sum := sha256.Sum256(page)
	w.Header().Set("ETag", `"`+hex.EncodeToString(sum[:16])+`"`)
	w.Header().Set("Cache-Control", "no-store")
	http.ServeContent(w, r, name, modTime, bytes.NewReader(page))
}

// injectBeforeBodyEnd puts s right before the page's last </body>, or at
// its end when there is none.
func injectBeforeBodyEnd(page []byte, s string) []byte {
	if i := bytes.LastIndex(bytes.ToLower(page), []byte("</body>")); i >= 0 {
		return append(append(append([]byte{}, page[:i]...), s...), page[i:]...)
	}
	return append(append([]byte{}, page...), s...)
}
