// Package server previews a show on the local machine: it serves the output
// folder of a build over HTTP and rebuilds the show when one of its files
// changes. It is what `podfeed serve` runs.
//
// [Handler] serves a folder as a static host would, and is careful about
// what it serves:
//
//   - the types podcast apps and browsers expect: feed.xml as
//     application/rss+xml; charset=utf-8 (as application/xml to a browser
//     that asks for HTML, so that it applies the feed's stylesheet rather
//     than showing text), atom.xml as application/atom+xml,
//     feed.json as application/feed+json, chapters/*.json as
//     application/json+chapters, and a fixed table for pages and media;
//   - strong ETags (a hash of the bytes) and Last-Modified, answering
//     If-None-Match and If-Modified-Since with 304 Not Modified;
//   - gzip for text when the client accepts it, byte ranges (206) for
//     everything else, media included;
//   - no folder listings (a folder is its index.html or nothing), and
//     nothing outside the folder: a request path with "..", ".", empty or
//     hidden elements, backslashes or NUL, in plain or %-encoded form, is
//     refused with 404 before any file is touched, and files are opened
//     through an os.Root, which does not follow symbolic links out of it.
//
// [Serve] runs the build, the watcher and the HTTP server. Builds are
// expected to publish atomically (package project does): a failed build
// leaves the previous output in place, so the last good build keeps being
// served, and every HTML page shows the build's error at its top until a
// build succeeds again.
//
// What Serve serves is a preview of the real thing ([Preview]): the pages'
// links to the public feeds, artwork and media lead to the local files when
// the output or the show folder has them (media and images only, never the
// TOML), so that the player plays and the artwork shows before anything is
// uploaded; and every page reloads itself when a build finishes, through
// an event stream at [ReloadPath]. A missing file is answered with the
// site's own 404.html when there is one.
//
// server does not render anything itself, and it is not meant to face the
// internet: `podfeed serve` binds it to 127.0.0.1.
package server

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Options configures [Serve].
type Options struct {
	// ShowDir is the show folder, watched with every folder under it
	// except Output and hidden ones (.git).
	ShowDir string
	// Output is the folder served: the build's output folder.
	Output string
	// Build builds the show into Output. Serve calls it once at the start
	// and again after files change, never two at a time.
	Build func(ctx context.Context) error
	// Logf, when not nil, is told about rebuilds and their errors.
	Logf func(format string, args ...any)
	// SiteURL is the public address of the site's root folder (the folder
	// of feed_url, ending in "/"): pages served point their links and
	// sources under it to the local files. See [Preview].
	SiteURL string
	// Debounce is how long Serve waits after a change for more changes
	// before it rebuilds (editors write files in several steps); 0 means
	// DefaultDebounce.
	Debounce time.Duration
}

// DefaultDebounce is the default of Options.Debounce.
const DefaultDebounce = 150 * time.Millisecond

// Timeouts of the HTTP server. Writes may take long: media files are large.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = time.Minute
	writeTimeout      = 30 * time.Minute
	idleTimeout       = 2 * time.Minute
	shutdownTimeout   = 5 * time.Second
)

// NewHTTPServer returns an http.Server for h with podfeed's timeouts.
func NewHTTPServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    64 << 10,
	}
}

// status is the outcome of the latest build.
type status struct {
	mu  sync.Mutex
	err error
}

func (s *status) get() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

func (s *status) set(err error) {
	s.mu.Lock()
	s.err = err
	s.mu.Unlock()
}

// Serve builds the show, then serves Output on ln until ctx ends, rebuilding
// whenever a file under ShowDir changes. A failing build does not stop it:
// the error is logged and shown on the pages. Serve returns nil once ctx
// ends and the server has shut down, or the error that stopped it.
func Serve(ctx context.Context, ln net.Listener, opts Options) error {
	if opts.Build == nil {
		return errors.New("serve: no build function")
	}
	showDir, err := filepath.Abs(opts.ShowDir)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	output, err := filepath.Abs(opts.Output)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	logf := opts.Logf
	if logf == nil {
		logf = func(string, ...any) {}
	}
	debounce := opts.Debounce
	if debounce <= 0 {
		debounce = DefaultDebounce
	}

	watcher, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("serve: watch %s: %w", opts.ShowDir, err)
	}
	defer watcher.Close()
	if err := watchTree(watcher, showDir, output); err != nil {
		return fmt.Errorf("serve: watch %s: %w", opts.ShowDir, err)
	}

	st := &status{}
	reload := NewReloader()
	build := func(why string) {
		err := opts.Build(ctx)
		if ctx.Err() != nil {
			return
		}
		st.set(err)
		reload.Built()
		switch {
		case err != nil:
			logf("build failed%s; serving the last good build:\n%v", why, err)
		case why != "":
			logf("rebuilt%s", why)
		}
	}
	build("")

	srv := NewHTTPServer(NewPreviewHandler(output, st.get, Preview{ShowDir: showDir, SiteURL: opts.SiteURL, Reload: reload}))
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	var (
		timer   *time.Timer
		fire    <-chan time.Time
		changed string // the latest file changed since the last build
	)
	for {
		select {
		case <-ctx.Done():
			shut, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
			defer cancel()
			if err := srv.Shutdown(shut); err != nil {
				return fmt.Errorf("serve: shut down: %w", err)
			}
			return nil
		case err := <-served:
			return fmt.Errorf("serve: %w", err)
		case ev, ok := <-watcher.Events:
			if !ok {
				return errors.New("serve: the file watcher stopped")
			}
			if ignored(ev.Name, output) || ev.Op == fsnotify.Chmod {
				continue
			}
			if ev.Has(fsnotify.Create) {
				// A new folder (a new episodes folder, say) is watched too.
				if err := watchTree(watcher, ev.Name, output); err != nil && !errors.Is(err, fs.ErrNotExist) {
					logf("cannot watch %s: %v", ev.Name, err)
				}
			}
			changed = ev.Name
			if timer == nil {
				timer = time.NewTimer(debounce)
			} else {
				timer.Reset(debounce)
			}
			fire = timer.C
		case err, ok := <-watcher.Errors:
			if !ok {
				return errors.New("serve: the file watcher stopped")
			}
			logf("watching files: %v", err)
		case <-fire:
			fire = nil
			why := ""
			if rel, err := filepath.Rel(showDir, changed); err == nil {
				why = " after a change to " + filepath.ToSlash(rel)
			}
			changed = ""
			build(why)
		}
	}
}

// watchTree watches dir and every folder under it, except output and hidden
// folders. A dir that is not a folder is ignored.
func watchTree(w *fsnotify.Watcher, dir, output string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			return nil // vanished or unreadable below: not worth stopping for
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && ignored(p, output) {
			return filepath.SkipDir
		}
		return w.Add(p)
	})
}

// ignored reports whether a change to p should not cause a rebuild: p is
// the output folder or inside it, or a hidden, backup or editor's temporary
// file.
func ignored(p, output string) bool {
	if p == output || strings.HasPrefix(p, output+string(filepath.Separator)) {
		return true
	}
	base := filepath.Base(p)
	return strings.HasPrefix(base, ".") || strings.HasPrefix(base, "#") || strings.HasSuffix(base, "~")
}
