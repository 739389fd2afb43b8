package server

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// waitLimit bounds every wait for a rebuild: long enough for a loaded
// machine, and only reached when the watcher is broken.
const waitLimit = 20 * time.Second

// TestServeRebuilds runs Serve with a build that copies episodes/a.toml
// into index.html (and fails on "bad"), and edits the show under it.
func TestServeRebuilds(t *testing.T) {
	show := t.TempDir()
	out := filepath.Join(show, "public")
	write := func(name, data string) {
		t.Helper()
		path := filepath.Join(show, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("podcast.toml", "title = 'x'\n")
	write("episodes/a.toml", "v1")

	built := make(chan error, 100)
	build := func(ctx context.Context) error {
		src, err := os.ReadFile(filepath.Join(show, "episodes", "a.toml"))
		if err == nil && strings.Contains(string(src), "bad") {
			err = errors.New("episodes/a.toml:1:1: bad <content>")
		}
		if err == nil {
			if err = os.MkdirAll(out, 0o755); err == nil {
				err = os.WriteFile(filepath.Join(out, "index.html"), []byte("<html><body>"+string(src)+"</body></html>"), 0o644)
			}
		}
		select {
		case built <- err:
		default:
		}
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() {
		served <- Serve(ctx, ln, Options{ShowDir: show, Output: out, Build: build, Debounce: 20 * time.Millisecond,
			Logf: func(format string, args ...any) {}})
	}()
	defer func() {
		cancel()
		if err := <-served; err != nil {
			t.Errorf("Serve: %v", err)
		}
	}()
	page := func() string {
		t.Helper()
		res, err := http.Get("http://" + ln.Addr().String() + "/")
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	// eventually polls the page until ok holds: a build reports before
	// Serve records its outcome, so the page is the thing to watch.
	eventually := func(what string, ok func(page string) bool) {
		t.Helper()
		deadline := time.Now().Add(waitLimit)
		for !ok(page()) {
			if time.Now().After(deadline) {
				t.Fatalf("%s: the page is still %q", what, page())
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	builds := func() int {
		n := 0
		for {
			select {
			case <-built:
				n++
			default:
				return n
			}
		}
	}

	eventually("at the start", func(p string) bool { return strings.Contains(p, "v1") })

	write("episodes/a.toml", "v2")
	eventually("after an edit", func(p string) bool { return strings.Contains(p, "v2") })

	// A folder made while serving is watched too.
	before := builds()
	write("episodes/season-2/b.toml", "new")
	write("episodes/season-2/c.toml", "new")
	deadline := time.Now().Add(waitLimit)
	for n := before; n == before; n += builds() {
		if time.Now().After(deadline) {
			t.Fatal("no build after files changed in a new folder")
		}
		time.Sleep(10 * time.Millisecond)
	}

	write("episodes/a.toml", "bad")
	eventually("after a bad edit", func(p string) bool { return strings.Contains(p, "podfeed-build-error") })
	if got := page(); !strings.Contains(got, "v2") || !strings.Contains(got, "bad &lt;content&gt;") {
		t.Errorf("after a failed build the page is %q; want the last good page with the error", got)
	}

	write("episodes/a.toml", "v3")
	eventually("after the fix", func(p string) bool { return strings.Contains(p, "v3") && !strings.Contains(p, "podfeed-build-error") })
}

func TestServeNeedsBuild(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	if err := Serve(context.Background(), ln, Options{ShowDir: t.TempDir()}); err == nil {
		t.Errorf("Serve without a build function: no error")
	}
}

func TestIgnored(t *testing.T) {
	out := filepath.FromSlash("/show/public")
	for _, tt := range []struct {
		path string
		want bool
	}{
		{"/show/public", true},
		{"/show/public/feed.xml", true},
		{"/show/public-2/x", false},
		{"/show/episodes/a.toml", false},
		{"/show/episodes/.a.toml.swp", true},
		{"/show/episodes/a.toml~", true},
		{"/show/episodes/#a.toml#", true},
		{"/show/.git", true},
		{"/show/podcast.toml", false},
	} {
		if got := ignored(filepath.FromSlash(tt.path), out); got != tt.want {
			t.Errorf("ignored(%q) = %v", tt.path, got)
		}
	}
}
