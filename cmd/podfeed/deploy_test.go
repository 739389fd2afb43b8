package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestBuildDeployTellsTheApps: build --deploy tells the show's WebSub hub
// and podping (with the token from the environment) once for a deploy
// that changed the feed, and not for one that changed nothing.
func TestBuildDeployTellsTheApps(t *testing.T) {
	var (
		mu    sync.Mutex
		calls []string
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		mu.Lock()
		defer mu.Unlock()
		switch r.URL.Path {
		case "/hub":
			calls = append(calls, "hub "+r.Form.Get("hub.mode")+" "+r.Form.Get("hub.url"))
		case "/podping":
			calls = append(calls, "podping "+r.Header.Get("Authorization")+" "+r.URL.Query().Get("url"))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	show := filepath.Join(t.TempDir(), "show")
	if err := os.CopyFS(show, os.DirFS("../../examples/coding-chats")); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(filepath.Join(show, "public"))
	toml := filepath.Join(show, "podcast.toml")
	src, err := os.ReadFile(toml)
	if err != nil {
		t.Fatal(err)
	}
	src = append(src, []byte("\n[notify]\nhubs = [\""+srv.URL+"/hub\"]\npodping = true\n")...)
	if err := os.WriteFile(toml, src, 0o644); err != nil {
		t.Fatal(err)
	}
	environ := map[string]string{"PODPING_TOKEN": "secret-token", "PODPING_URL": srv.URL + "/podping"}
	site := "file://" + filepath.ToSlash(filepath.Join(t.TempDir(), "site"))
	deployOnce := func(extra ...string) {
		t.Helper()
		var stdout, stderr bytes.Buffer
		args := append([]string{"build", "--now", "2025-03-01T00:00:00Z", "--deploy", site}, extra...)
		args = append(args, show)
		code := run(context.Background(), args, env{stdout: &stdout, stderr: &stderr,
			now: time.Now, getenv: func(k string) string { return environ[k] }})
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
		if strings.Contains(stdout.String()+stderr.String(), "secret-token") {
			t.Errorf("the token was printed")
		}
	}
	const feedURL = "https://codingchats.example.com/feed.xml"
	want := []string{"hub publish " + feedURL, "podping secret-token " + feedURL}
	check := func(step string) {
		t.Helper()
		mu.Lock()
		defer mu.Unlock()
		if strings.Join(calls, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: calls\n%s\nwant\n%s", step, strings.Join(calls, "\n"), strings.Join(want, "\n"))
		}
	}
	deployOnce()
	check("first deploy")
	deployOnce()
	deployOnce("-v")
	check("unchanged deploys")
	deployOnce("--no-notify", "--dry-run")
	check("dry run")

	feed, err := os.ReadFile(filepath.Join(show, "public", "feed.xml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tag := range []string{`<atom:link href="` + srv.URL + `/hub" rel="hub">`, `<podcast:podping usesPodping="true">`} {
		if !bytes.Contains(feed, []byte(tag)) {
			t.Errorf("feed.xml lacks %s", tag)
		}
	}
}
