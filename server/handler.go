package server

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"html"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/podfeed/podfeed/feed"
	"github.com/podfeed/podfeed/internal/contenttype"
)

// Handler serves the files of one folder, the output folder of a build, the
// way a static host would, with the checks a preview on a developer's machine
// needs: see the package documentation.
type Handler struct {
	dir     string
	status  func() error
	preview *Preview // nil: serve the folder as the public host would

	mu    sync.Mutex
	cache map[string]*entry // by file name
}

// entry is what Handler remembers of a file it served: its validator and
// its gzipped bytes, valid while size and modification time stay the same.
type entry struct {
	size    int64
	modTime time.Time
	etag    string // quoted, strong
	gz      []byte // nil until asked for
}

// NewHandler returns a Handler serving the folder dir. status, when not
// nil, is asked on every request for the error of the latest build: while
// it is not nil, HTML pages are served with the error shown at their top,
// and missing pages say why.
func NewHandler(dir string, status func() error) *Handler {
	return &Handler{dir: dir, status: status, cache: map[string]*entry{}}
}

// NewPreviewHandler returns a Handler serving the folder dir as
// [NewHandler] does, with what p adds for a preview.
func NewPreviewHandler(dir string, status func() error, p Preview) *Handler {
	h := NewHandler(dir, status)
	h.preview = &p
	return h
}

// NotFoundPage is the page a missing file is answered with when the output
// folder has it, as GitHub Pages, Netlify and most static hosts do.
const NotFoundPage = "404.html"

// maxGzip is the largest file gzipped on the fly; larger ones (media) go
// out as they are.
const maxGzip = 8 << 20

// ServeHTTP serves GET and HEAD requests for the folder's files.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if h.preview != nil && h.preview.Reload != nil && r.URL.Path == ReloadPath {
		h.preview.Reload.serveEvents(w, r)
		return
	}
	name, dirWanted, ok := fileName(r.URL.Path)
	if !ok {
		h.notFound(w, r)
		return
	}
	root, err := os.OpenRoot(h.dir)
	if err != nil {
		h.notFound(w, r)
		return
	}
	defer root.Close()

	fi, err := root.Stat(name)
	if err != nil && !dirWanted {
		// Media and artwork the build does not copy come from the show.
		if show, ok := h.preview.showFile(name); ok {
			defer show.Close()
			root = show
			fi, err = root.Stat(name)
		}
	}
	if err == nil && fi.IsDir() {
		if !dirWanted {
			// Pages link relative to their folder: send the browser to it.
			target := r.URL.EscapedPath() + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		}
		name = path.Join(name, "index.html")
		fi, err = root.Stat(name)
	} else if err == nil && dirWanted {
		err = fs.ErrNotExist // "/feed.xml/" is not a folder
	}
	if err != nil || !fi.Mode().IsRegular() {
		h.notFound(w, r)
		return
	}
	f, err := root.Open(name)
	if err != nil {
		h.notFound(w, r)
		return
	}
	defer f.Close()

	ctype := contentType(name)
	if name == feed.RSSFile {
		// Browsers show application/rss+xml as plain text (Chromium) or
		// offer to download it, and apply feed.xml's stylesheet only to a
		// document they take as XML: a browser opening the feed, which
		// asks for HTML first, gets the same bytes as application/xml, as
		// most static hosts serve .xml files. Podcast apps get the RSS type.
		w.Header().Add("Vary", "Accept")
		if wantsHTML(r) {
			ctype = "application/xml; charset=utf-8"
		}
	}
	if ctype != "" {
		w.Header().Set("Content-Type", ctype)
	}
	w.Header().Set("Cache-Control", "no-cache")
	if strings.HasPrefix(ctype, "text/html") && (h.preview != nil || h.buildError() != nil) {
		h.servePage(w, r, name, f, fi.ModTime())
		return
	}
	e, err := h.entry(name, fi, f)
	if err != nil {
		http.Error(w, "cannot read the file", http.StatusInternalServerError)
		return
	}
	if compressible(ctype) {
		w.Header().Add("Vary", "Accept-Encoding")
		if r.Header.Get("Range") == "" && acceptsGzip(r) && fi.Size() <= maxGzip {
			gz, err := h.gzipped(name, e, f)
			if err == nil {
				w.Header().Set("Content-Encoding", "gzip")
				w.Header().Set("ETag", strings.TrimSuffix(e.etag, `"`)+`-gzip"`)
				http.ServeContent(w, r, name, fi.ModTime(), bytes.NewReader(gz))
				return
			}
		}
	}
	w.Header().Set("ETag", e.etag)
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		http.Error(w, "cannot read the file", http.StatusInternalServerError)
		return
	}
	// ServeContent answers If-None-Match and If-Modified-Since with 304,
	// and Range requests with 206.
	http.ServeContent(w, r, name, fi.ModTime(), f)
}

// fileName turns a request path into a file name relative to the folder,
// and says whether a folder was asked for (a trailing slash). It refuses,
// rather than cleans, anything that is not already a plain path: ".." and
// "." elements, empty elements, backslashes, NUL, and hidden names (the
// build's lock and temporary files). The path is the decoded one, so
// %2e%2e and %2F are refused as well as their plain forms.
func fileName(urlPath string) (name string, dir, ok bool) {
	if !strings.HasPrefix(urlPath, "/") {
		return "", false, false
	}
	rel := urlPath[1:]
	if rel == "" {
		return ".", true, true
	}
	if strings.HasSuffix(rel, "/") {
		dir = true
		rel = strings.TrimSuffix(rel, "/")
	}
	for _, el := range strings.Split(rel, "/") {
		if el == "" || strings.HasPrefix(el, ".") || strings.ContainsAny(el, "\\\x00") {
			return "", false, false
		}
	}
	if !fs.ValidPath(rel) {
		return "", false, false
	}
	return rel, dir, true
}

// entry returns the cached validator of name, computing it when the file
// changed since.
func (h *Handler) entry(name string, fi fs.FileInfo, f io.Reader) (*entry, error) {
	h.mu.Lock()
	e, ok := h.cache[name]
	h.mu.Unlock()
	if ok && e.size == fi.Size() && e.modTime.Equal(fi.ModTime()) {
		return e, nil
	}
	sum := sha256.New()
	if _, err := io.Copy(sum, f); err != nil {
		return nil, err
	}
	e = &entry{size: fi.Size(), modTime: fi.ModTime(), etag: `"` + hex.EncodeToString(sum.Sum(nil)[:16]) + `"`}
	h.mu.Lock()
	h.cache[name] = e
	h.mu.Unlock()
	return e, nil
}

// gzipped returns the file's bytes gzipped, once per version of the file.
func (h *Handler) gzipped(name string, e *entry, f io.ReadSeeker) ([]byte, error) {
	h.mu.Lock()
	gz := e.gz
	h.mu.Unlock()
	if gz != nil {
		return gz, nil
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := io.Copy(zw, f); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	h.mu.Lock()
	e.gz = b.Bytes()
	h.mu.Unlock()
	return b.Bytes(), nil
}

func (h *Handler) buildError() error {
	if h.status == nil {
		return nil
	}
	return h.status()
}

// notFound answers 404 with a small page, which also shows the build error
// when there is one: a page may be missing because the build failed.
func (h *Handler) notFound(w http.ResponseWriter, r *http.Request) {
	if h.buildError() == nil {
		if page, err := os.ReadFile(filepath.Join(h.dir, NotFoundPage)); err == nil {
			// The site's own 404 page, as static hosts serve it.
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Cache-Control", "no-store")
			if h.preview != nil {
				page = h.preview.localize(page, h.dir)
			}
			w.WriteHeader(http.StatusNotFound)
			if r.Method != http.MethodHead {
				w.Write(page)
			}
			return
		}
	}
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Not found</title>\n</head>\n<body>\n")
	if err := h.buildError(); err != nil {
		b.WriteString(errorBanner(err))
	}
	b.WriteString("<h1>Not found</h1>\n<p>There is no such file in the output folder. <a href=\"/\">Go to the show's page</a>.</p>\n</body>\n</html>\n")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusNotFound)
	if r.Method != http.MethodHead {
		io.WriteString(w, b.String())
	}
}

// errorBanner is the HTML that tells a build failed and why.
func errorBanner(err error) string {
	if err == nil {
		return ""
	}
	return `<div role="alert" id="podfeed-build-error" style="all:initial;display:block;font:14px/1.5 system-ui,sans-serif;` +
		`background:#8b0000;color:#fff;padding:12px 16px;margin:0"><strong>podfeed: the last build failed; ` +
		`this is the last good build.</strong><pre style="white-space:pre-wrap;font:13px/1.4 ui-monospace,monospace;margin:8px 0 0">` +
		html.EscapeString(err.Error()) + "</pre></div>\n"
}

// injectBanner puts banner right after the page's <body> tag, or first when
// there is none.
func injectBanner(page []byte, banner string) []byte {
	lower := bytes.ToLower(page)
	if i := bytes.Index(lower, []byte("<body")); i >= 0 {
		if j := bytes.IndexByte(page[i:], '>'); j >= 0 {
			at := i + j + 1
			return append(append(append([]byte{}, page[:at]...), banner...), page[at:]...)
		}
	}
	return append([]byte(banner), page...)
}

// contentType returns the Content-Type of a file by its name: package
// contenttype's fixed table, then the system's.
func contentType(name string) string {
	if t := contenttype.ByName(name); t != "" {
		return t
	}
	return mime.TypeByExtension(strings.ToLower(path.Ext(name)))
}

// compressible reports whether a type is text that gzip shrinks.
func compressible(ctype string) bool {
	t, _, _ := strings.Cut(ctype, ";")
	t = strings.TrimSpace(t)
	return strings.HasPrefix(t, "text/") || strings.HasSuffix(t, "+xml") || strings.HasSuffix(t, "+json") ||
		t == "application/json" || t == "application/xml" || t == "application/json+chapters" || t == "image/svg+xml"
}

// wantsHTML reports whether the request comes from a browser navigating to
// a page: its Accept header names text/html.
func wantsHTML(r *http.Request) bool {
	for _, v := range r.Header.Values("Accept") {
		for _, part := range strings.Split(v, ",") {
			t, _, _ := strings.Cut(part, ";")
			if strings.EqualFold(strings.TrimSpace(t), "text/html") {
				return true
			}
		}
	}
	return false
}

// acceptsGzip reports whether the request's Accept-Encoding allows gzip.
func acceptsGzip(r *http.Request) bool {
	for _, v := range r.Header.Values("Accept-Encoding") {
		for _, part := range strings.Split(v, ",") {
			coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
			if !strings.EqualFold(strings.TrimSpace(coding), "gzip") {
				continue
			}
			q := strings.TrimSpace(params)
			if v, ok := strings.CutPrefix(q, "q="); ok {
				if f, err := strconv.ParseFloat(v, 64); err == nil && f == 0 {
					return false
				}
			}
			return true
		}
	}
	return false
}
