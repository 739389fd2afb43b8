package cli

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
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

// TestDeployWithoutCloud: a deploy to gs:// or azblob:// without
// podfeed-cloud installed says how to install it, before it reads or
// changes anything.
func TestDeployWithoutCloud(t *testing.T) {
	for _, url := range []string{"gs://bucket/show", "azblob://container"} {
		var stdout, stderr bytes.Buffer
		e := env{stdout: &stdout, stderr: &stderr, now: time.Now, getenv: func(string) string { return "" },
			findCloud: func() (string, error) { return "", exec.ErrNotFound }}
		code := run(context.Background(), []string{"deploy", filepath.Join(t.TempDir(), "no-show"), url}, e)
		scheme, _, _ := strings.Cut(url, ":")
		want := "podfeed: error: deploying to " + scheme + ":// needs podfeed-cloud, which was not found beside podfeed nor on the PATH\n" +
			"podfeed: hint: install it with 'go install ./cmd/podfeed-cloud' in podfeed's source ('go install ./cmd/...' installs both commands)\n"
		if code != exitContent || stderr.String() != want || stdout.Len() != 0 {
			t.Errorf("deploy %s without podfeed-cloud: exit %d, stdout %q, stderr\n%s\nwant exit %d and stderr\n%s", url, code, stdout.String(), stderr.String(), exitContent, want)
		}
	}
}

// TestDeployArgs: the command line podfeed gives podfeed-cloud is the
// one it was given, in a canonical order, and reads back as the same
// request.
func TestDeployArgs(t *testing.T) {
	tests := []struct {
		args, want []string
	}{
		{[]string{"gs://b"}, []string{"deploy", "-j", "8", ".", "gs://b"}},
		{[]string{"-v", "show", "gs://b/p"}, []string{"deploy", "-j", "8", "-v", "show", "gs://b/p"}},
		{[]string{"--dry-run", "--no-notify", "--no-gzip", "-j", "3", "-o", "out dir", "--allow-removal", "g1",
			"--allow-removal", "g 2", "--allow-removals", "show", "azblob://c"},
			[]string{"deploy", "-j", "3", "--dry-run", "--no-notify", "--no-gzip", "--allow-removals", "-o", "out dir",
				"--allow-removal", "g1", "--allow-removal", "g 2", "show", "azblob://c"}},
	}
	e := env{stdout: io.Discard, stderr: io.Discard, now: time.Now}
	for _, tt := range tests {
		r, dir, url, err := parseDeploy(tt.args, e)
		if err != nil {
			t.Fatalf("%q: %v", tt.args, err)
		}
		got := r.args(dir, url)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: podfeed-cloud gets %q; want %q", tt.args, got, tt.want)
		}
		r2, dir2, url2, err := parseDeploy(got[1:], e)
		if err != nil || !reflect.DeepEqual(r2, r) || dir2 != dir || url2 != url {
			t.Errorf("%q read back: %+v %q %q, %v; want %+v %q %q", got, r2, dir2, url2, err, r, dir, url)
		}
	}
}
