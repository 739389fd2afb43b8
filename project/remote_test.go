package project

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestCheckRemote(t *testing.T) {
	art, _ := artworkCases(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/art.jpg":
			w.Write(art)
			return
		case "/ok.mp3", "/wrong-length.mp3":
			w.Header().Set("Content-Type", "audio/mpeg")
			w.Header().Set("Content-Length", "1000")
		case "/no-head.mp3":
			if r.Method == http.MethodHead {
				w.WriteHeader(http.StatusMethodNotAllowed)
				return
			}
			if r.Header.Get("Range") != "bytes=0-0" {
				t.Errorf("no-head.mp3: range %q, want bytes=0-0", r.Header.Get("Range"))
			}
			w.Header().Set("Content-Type", "audio/x-m4a")
			w.Header().Set("Content-Range", "bytes 0-0/1000")
			w.WriteHeader(http.StatusPartialContent)
			w.Write([]byte{0})
			return
		default:
			http.NotFound(w, r)
			return
		}
		if r.Method == http.MethodGet {
			w.Write(make([]byte, 1000))
		}
	}))
	defer srv.Close()

	dir := showWithImage(t, srv.URL+"/art.jpg")
	episode := func(name string, length int, typ string) {
		src := fmt.Sprintf(`title = %[1]q
published = 2025-01-01T09:00:00Z
guid = %[1]q
[audio]
url = "%[2]s/%[1]s"
length = %[3]d
type = %[4]q
duration = "10:00"
`, name, srv.URL, length, typ)
		if err := os.WriteFile(filepath.Join(dir, "episodes", strings.TrimSuffix(name, ".mp3")+".toml"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	episode("ok.mp3", 1000, "audio/mpeg")
	episode("wrong-length.mp3", 999, "audio/mpeg")
	episode("no-head.mp3", 1000, "audio/mp4")
	episode("gone.mp3", 1000, "audio/mpeg")

	show := load(t, dir)
	probs := show.CheckRemote(context.Background(), &http.Client{Timeout: 5 * time.Second})
	got := probs.Format()
	for _, want := range []string{
		"gone.toml:5:1: audio.url: " + srv.URL + "/gone.mp3 is unreachable: 404 Not Found",
		"wrong-length.toml:6:1: warning: audio.length: 999 bytes, but the server says 1000",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problems lack %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "ok.toml") || strings.Contains(got, "no-head.toml") {
		t.Errorf("problems for enclosures that match:\n%s", got)
	}
	if n := len(probs); n != 2 {
		t.Errorf("%d problems, want 2:\n%s", n, got)
	}
}
