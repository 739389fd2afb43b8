package cli

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a bytes.Buffer safe for the server's goroutine and the
// test to share.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// copyExample copies the example show, without built outputs, into a
// temporary folder.
func copyExample(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "coding-chats")
	if err := os.CopyFS(dir, os.DirFS("../../examples/coding-chats")); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dir, "public")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// startServe runs `podfeed serve -p 0 dir` and returns its address; the
// server stops, and its exit code is checked, when the test ends.
func startServe(t *testing.T, dir string) (addr string, stderr *lockedBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out, stdout := io.Pipe()
	stderr = &lockedBuffer{}
	done := make(chan int, 1)
	now := func() time.Time { return time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC) }
	go func() {
		code := run(ctx, []string{"serve", "-p", "0", dir}, env{stdout: stdout, stderr: stderr, now: now})
		stdout.Close()
		done <- code
	}()
	t.Cleanup(func() {
		cancel()
		if code := <-done; code != exitOK {
			t.Errorf("podfeed serve exited with %d; stderr:\n%s", code, stderr.String())
		}
	})
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("podfeed serve printed no address: %v; stderr:\n%s", err, stderr.String())
	}
	go io.Copy(io.Discard, out) // nothing more is expected, but never block it
	url := strings.TrimSpace(line)
	if !strings.HasPrefix(url, "http://127.0.0.1:") || !strings.HasSuffix(url, "/") {
		t.Fatalf("podfeed serve printed %q, want http://127.0.0.1:PORT/", url)
	}
	return strings.TrimSuffix(strings.TrimPrefix(url, "http://"), "/"), stderr
}

// request sends a request line as it is (no client cleans the path) with
// extra header lines, and returns the response with its body read.
func request(t *testing.T, addr, target string, header ...string) (*http.Response, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n", target, addr)
	for _, h := range header {
		fmt.Fprintf(conn, "%s\r\n", h)
	}
	fmt.Fprint(conn, "\r\n")
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	return res, string(b)
}

// TestServeLoopback is the acceptance test of podfeed serve: it serves the
// example on loopback, answers conditional requests, serves the feed with
// its type, keeps the show folder out of reach, and rebuilds on an edit.
func TestServeLoopback(t *testing.T) {
	dir := copyExample(t)
	addr, stderr := startServe(t, dir)

	res, page := request(t, addr, "/")
	etag := res.Header.Get("ETag")
	if res.StatusCode != http.StatusOK || etag == "" || !strings.Contains(page, "Rust in production at planet scale") {
		t.Fatalf("GET /: %s, ETag %q, stderr:\n%s", res.Status, etag, stderr.String())
	}
	if res, body := request(t, addr, "/", "If-None-Match: "+etag); res.StatusCode != http.StatusNotModified || body != "" {
		t.Errorf("GET / with If-None-Match: %s, body %q; want 304 and no body", res.Status, body)
	}

	res, feed := request(t, addr, "/feed.xml")
	if got := res.Header.Get("Content-Type"); res.StatusCode != http.StatusOK || got != "application/rss+xml; charset=utf-8" {
		t.Errorf("GET /feed.xml: %s, Content-Type %q", res.Status, got)
	}
	if !strings.HasPrefix(feed, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<?xml-stylesheet type=\"text/css\" href=\"feed.css\"?>") {
		t.Errorf("feed.xml does not point browsers at its stylesheet")
	}
	if res, _ := request(t, addr, "/chapters/055-rust-in-production.json"); res.Header.Get("Content-Type") != "application/json+chapters" {
		t.Errorf("chapters: Content-Type %q", res.Header.Get("Content-Type"))
	}

	// The output folder is public/ inside the show: podcast.toml is one
	// level up, and no spelling of that reaches it.
	for _, target := range []string{
		"/../podcast.toml", "/%2e%2e/podcast.toml", "/%2E%2E/podcast.toml", "/..%2Fpodcast.toml",
		"/%2e%2e%2fpodcast.toml", "/chapters/..%2F..%2Fpodcast.toml", "/chapters%2F..%2F..%2Fpodcast.toml",
		"/..%5Cpodcast.toml", "/../episodes/055-rust-in-production.toml",
	} {
		res, body := request(t, addr, target)
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %s, want 404", target, res.Status)
		}
		if strings.Contains(body, "feed_url") || strings.Contains(body, "[[chapters]]") {
			t.Errorf("GET %s: served a file of the show folder", target)
		}
	}

	// Edit the episode; the rebuilt page shows it.
	epFile := filepath.Join(dir, "episodes", "055-rust-in-production.toml")
	src, err := os.ReadFile(epFile)
	if err != nil {
		t.Fatal(err)
	}
	edited := bytes.Replace(src, []byte(`title = "Rust in production`), []byte(`title = "Edited: Rust in production`), 1)
	if err := os.WriteFile(epFile, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		res, page := request(t, addr, "/episodes/055-rust-in-production/", "If-None-Match: "+etag)
		if res.StatusCode == http.StatusOK && strings.Contains(page, "<h1>Edited: Rust in production") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no rebuild 20 s after the edit; stderr:\n%s", stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	if res, page := request(t, addr, "/", "If-None-Match: "+etag); res.StatusCode != http.StatusOK || !strings.Contains(page, "Edited: Rust in production") {
		t.Errorf("index.html after the edit: %s", res.Status)
	}
	// The files are in place before the build returns and reports.
	for !strings.Contains(stderr.String(), "podfeed: rebuilt after a change to episodes/055-rust-in-production.toml") {
		if time.Now().After(deadline) {
			t.Fatalf("the rebuild is not reported on stderr:\n%s", stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestServeAndEmbedUsage(t *testing.T) {
	example := "../../examples/coding-chats"
	iframe := `<iframe src="https://codingchats.example.com/embed/055-rust-in-production.html" title="Coding Chats: Rust in production`
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"serve -h", []string{"serve", "-h"}, exitOK, "Usage: podfeed serve", ""},
		{"serve bad port", []string{"serve", "-p", "70000", example}, exitUsage, "", "port 70000 is not between 0 and 65535"},
		{"serve no show", []string{"serve", "-p", "0", "no-such-show"}, exitContent, "", "no-such-show/podcast.toml: cannot read the show file"},
		{"embed -h", []string{"embed", "-h"}, exitOK, "Usage: podfeed embed", ""},
		{"embed latest", []string{"embed", example, "latest"}, exitOK,
			`<iframe src="https://codingchats.example.com/embed/056-sound-check.html" title="Coding Chats: Sound check`, ""},
		{"embed by slug", []string{"embed", example, "055-rust-in-production"}, exitOK, iframe, ""},
		{"embed by file", []string{"embed", example, "episodes/055-rust-in-production.toml"}, exitOK, iframe, ""},
		{"embed by number", []string{"embed", example, "55"}, exitOK, iframe, ""},
		{"embed feed links", []string{"embed", example}, exitOK,
			`<link rel="alternate" type="application/rss+xml" title="Coding Chats (RSS)" href="https://codingchats.example.com/feed.xml">`, ""},
		{"embed unknown", []string{"embed", example, "57"}, exitUsage, "", `podfeed: error: no episode "57"`},
		{"embed too many", []string{"embed", example, "55", "56"}, exitUsage, "", "too many arguments: 56"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			now := func() time.Time { return time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC) }
			code := run(context.Background(), tt.args, env{stdout: &stdout, stderr: &stderr, now: now})
			if code != tt.code {
				t.Errorf("exit code %d, want %d\nstderr: %s", code, tt.code, stderr.String())
			}
			for _, out := range []struct{ name, got, want string }{
				{"stdout", stdout.String(), tt.stdout}, {"stderr", stderr.String(), tt.stderr},
			} {
				if out.want == "" && out.got != "" {
					t.Errorf("%s: want nothing, got %q", out.name, out.got)
				}
				if !strings.Contains(out.got, out.want) {
					t.Errorf("%s: %q does not contain %q", out.name, out.got, out.want)
				}
			}
		})
	}
}

// An episode not yet published gets its code, with a warning that its
// player is not there yet.
func TestEmbedScheduled(t *testing.T) {
	var stdout, stderr bytes.Buffer
	before := func() time.Time { return time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC) }
	code := run(context.Background(), []string{"embed", "../../examples/coding-chats", "55"}, env{stdout: &stdout, stderr: &stderr, now: before})
	if code != exitOK || !strings.Contains(stdout.String(), "<iframe") || !strings.Contains(stderr.String(), "is not published yet") {
		t.Errorf("exit %d\nstdout: %s\nstderr: %s", code, stdout.String(), stderr.String())
	}
	stdout.Reset()
	stderr.Reset()
	code = run(context.Background(), []string{"embed", "../../examples/coding-chats", "latest"}, env{stdout: &stdout, stderr: &stderr, now: before})
	if code != exitUsage {
		t.Errorf("latest with nothing published: exit %d", code)
	}
}
