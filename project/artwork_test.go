package project

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/podfeed/podfeed/artwork/artworktest"
)

// artworkCases breaks each of Apple's rules for artwork once; valid is a
// valid artwork. The image key is on line 7 of writeShow's podcast.toml.
func artworkCases(t *testing.T) (valid []byte, cases []artworkCase) {
	valid = artworktest.JPEG(t, artworktest.Gradient(1400, 1400))
	gray := image.NewGray(image.Rect(0, 0, 1400, 1400))
	paletted := image.NewPaletted(image.Rect(0, 0, 1400, 1400), color.Palette{color.Black, color.White})
	return valid, []artworkCase{
		{"too small", "art.jpg", artworktest.JPEG(t, artworktest.Gradient(1000, 1000)), "1000 × 1000 pixels is smaller than Apple's minimum of 1400 × 1400"},
		{"too big", "art.jpg", artworktest.JPEG(t, image.NewRGBA(image.Rect(0, 0, 3200, 3200))), "3200 × 3200 pixels is larger than Apple's maximum of 3000 × 3000"},
		{"not square", "art.png", artworktest.PNG(t, artworktest.Gradient(1400, 1500)), "1400 × 1500 pixels is not square"},
		{"cmyk", "art.jpg", artworktest.CMYKJPEG(1400, 1400), "is a CMYK JPEG; Apple Podcasts accepts only RGB"},
		{"grayscale", "art.jpg", artworktest.JPEG(t, gray), "is a grayscale JPEG; Apple Podcasts accepts only RGB"},
		{"palette", "art.png", artworktest.PNG(t, paletted), "is an indexed-colour (palette) PNG; Apple Podcasts accepts only RGB"},
		{"gif", "art.png", []byte("GIF89a\x78\x05\x78\x05\x00\x00\x00;"), "is a GIF image, not JPEG or PNG"},
		{"not an image", "art.jpg", []byte("hello"), "is not a JPEG or PNG image"},
		{"damaged", "art.jpg", valid[:len(valid)/2], "the JPEG image is damaged"},
	}
}

type artworkCase struct {
	name, file string
	data       []byte
	want       string
}

// showWithImage writes writeShow's show with image = value.
func showWithImage(t *testing.T, value string) string {
	dir := t.TempDir()
	writeShow(t, dir)
	name := filepath.Join(dir, "podcast.toml")
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	src = []byte(strings.Replace(string(src), `image = "https://show.example.com/art.jpg"`, `image = "`+value+`"`, 1))
	if err := os.WriteFile(name, src, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestLocalArtwork(t *testing.T) {
	_, cases := artworkCases(t)
	cases = append(cases, artworkCase{"missing file", "art.jpg", nil, "image: cannot read art.jpg"})
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			dir := showWithImage(t, tt.file)
			if tt.data != nil {
				if err := os.WriteFile(filepath.Join(dir, tt.file), tt.data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, probs := Load(dir)
			got := probs.Format()
			want := filepath.Join(dir, "podcast.toml") + ":7:1: "
			if tt.data != nil {
				want += "image: " + tt.file + " "
			}
			want += tt.want
			if !strings.Contains(got, want) || !strings.Contains(got, "hint: ") || probs.Err() == nil {
				t.Errorf("problems lack the error %q with a hint:\n%s", want, got)
			}
		})
	}
	t.Run("not a jpg or png", func(t *testing.T) {
		_, probs := Load(showWithImage(t, "art.gif"))
		if got := probs.Format(); !strings.Contains(got, `podcast.toml:7:1: image: "art.gif" is not a .jpg, .jpeg or .png file`) {
			t.Errorf("problems lack the error for art.gif:\n%s", got)
		}
	})
}

// TestLocalArtworkPublished builds a show with valid local artwork: the
// file is published beside the feed, and every feed and the site name its
// address.
func TestLocalArtworkPublished(t *testing.T) {
	valid, _ := artworkCases(t)
	dir := showWithImage(t, "art/cover.jpg")
	if err := os.MkdirAll(filepath.Join(dir, "art"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "art", "cover.jpg"), valid, 0o644); err != nil {
		t.Fatal(err)
	}
	ep := oneEpisode
	if err := os.WriteFile(filepath.Join(dir, "episodes", "one.toml"), []byte(ep), 0o644); err != nil {
		t.Fatal(err)
	}
	show := load(t, dir)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := show.Build(context.Background(), BuildOptions{Now: day, Output: out}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"cover-600.jpg", "cover-160.jpg", "cover-64.png"} {
		if _, err := os.Stat(filepath.Join(out, "art", name)); err != nil {
			t.Errorf("the site's copy: %v", err)
		}
	}
	got, err := os.ReadFile(filepath.Join(out, "art", "cover.jpg"))
	if err != nil || string(got) != string(valid) {
		t.Fatalf("published artwork: %d bytes, %v; want the %d bytes of art/cover.jpg", len(got), err, len(valid))
	}
	const url = "https://show.example.com/art/cover.jpg"
	for file, want := range map[string][]string{
		"feed.xml":   {`<itunes:image href="` + url + `">`, "<url>" + url + "</url>"},
		"atom.xml":   {"<icon>" + url + "</icon>"}, // RFC 4287: icon is square, logo 2:1
		"feed.json":  {`"icon": "` + url + `"`},
		"index.html": {`src="art/cover-600.jpg"`, `href="art/cover-64.png"`}, // the site's lighter copies
	} {
		data, err := os.ReadFile(filepath.Join(out, file))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if !strings.Contains(string(data), w) {
				t.Errorf("%s lacks %s", file, w)
			}
		}
	}
}

func TestCheckRemoteArtwork(t *testing.T) {
	valid, cases := artworkCases(t)
	cases = append(cases, artworkCase{"valid", "art.jpg", valid, ""})
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Write(tt.data)
			}))
			defer srv.Close()
			dir := showWithImage(t, srv.URL+"/"+tt.file)
			show := load(t, dir)
			probs := show.CheckRemote(context.Background(), &http.Client{Timeout: 5 * time.Second})
			got := probs.Format()
			if tt.want == "" {
				if probs.Err() != nil {
					t.Errorf("valid remote artwork: %s", got)
				}
				return
			}
			want := filepath.Join(dir, "podcast.toml") + ":7:1: image: " + srv.URL + "/" + tt.file + " " + tt.want
			if !strings.Contains(got, want) {
				t.Errorf("problems lack %q:\n%s", want, got)
			}
		})
	}
	t.Run("unreachable", func(t *testing.T) {
		srv := httptest.NewServer(http.NotFoundHandler())
		defer srv.Close()
		dir := showWithImage(t, srv.URL+"/art.jpg")
		probs := load(t, dir).CheckRemote(context.Background(), &http.Client{Timeout: 5 * time.Second})
		want := filepath.Join(dir, "podcast.toml") + ":7:1: image: the artwork is unreachable: " + srv.URL + "/art.jpg answered 404 Not Found"
		if got := probs.Format(); !strings.Contains(got, want) || probs.Err() == nil {
			t.Errorf("problems lack %q:\n%s", want, got)
		}
	})
}

// TestEpisodeImages: an episode's image and its chapters' images may name
// files in the show folder. A valid one is published beside the feed and
// its key becomes the file's address; the episode's artwork must follow
// Apple's rules, a chapter's image must be a JPEG or PNG; each failure is
// an error at its key.
func TestEpisodeImages(t *testing.T) {
	valid, cases := artworkCases(t)
	episode := func(image, chapterImage string) string {
		return `title = "One"
published = 2025-01-01T09:00:00Z
guid = "one"
image = "` + image + `"
[audio]
url = "https://show.example.com/one.mp3"
length = 1000
type = "audio/mpeg"
duration = "10:00"
[[chapters]]
start = "00:00"
title = "Start"
image = "` + chapterImage + `"
`
	}
	setup := func(t *testing.T, files map[string][]byte, image, chapterImage string) string {
		dir := t.TempDir()
		writeShow(t, dir)
		files["episodes/one.toml"] = []byte(episode(image, chapterImage))
		for name, data := range files {
			name = filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(name, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}
	small := artworktest.PNG(t, artworktest.Gradient(300, 200))

	t.Run("published", func(t *testing.T) {
		dir := setup(t, map[string][]byte{"art/one.jpg": valid, "art/start.png": small}, "art/one.jpg", "art/start.png")
		show := load(t, dir)
		out := filepath.Join(t.TempDir(), "public")
		if _, err := show.Build(context.Background(), BuildOptions{Now: day, Output: out}); err != nil {
			t.Fatal(err)
		}
		for name, want := range map[string][]byte{"art/one.jpg": valid, "art/start.png": small} {
			got, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
			if err != nil || string(got) != string(want) {
				t.Errorf("published %s: %d bytes, %v; want %d bytes", name, len(got), err, len(want))
			}
		}
		for file, want := range map[string]string{
			"feed.xml":                `<itunes:image href="https://show.example.com/art/one.jpg">`,
			"chapters/one.json":       `"img": "https://show.example.com/art/start.png"`,
			"episodes/one/index.html": `https://show.example.com/art/one.jpg`,
		} {
			data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(file)))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(data), want) {
				t.Errorf("%s lacks %s", file, want)
			}
		}
	})
	for _, tt := range cases {
		t.Run("episode "+tt.name, func(t *testing.T) {
			dir := setup(t, map[string][]byte{tt.file: tt.data, "art/start.png": small}, tt.file, "art/start.png")
			_, probs := Load(dir)
			want := filepath.Join(dir, "episodes", "one.toml") + ":4:1: image: " + tt.file + " " + tt.want
			if got := probs.Format(); !strings.Contains(got, want) || probs.Err() == nil {
				t.Errorf("problems lack %q:\n%s", want, got)
			}
		})
	}
	t.Run("chapter image not an image", func(t *testing.T) {
		dir := setup(t, map[string][]byte{"art/one.jpg": valid, "art/start.png": []byte("hello")}, "art/one.jpg", "art/start.png")
		_, probs := Load(dir)
		want := filepath.Join(dir, "episodes", "one.toml") + ":10:1: chapters: chapter image art/start.png is not a JPEG or PNG image"
		if got := probs.Format(); !strings.Contains(got, want) || probs.Err() == nil {
			t.Errorf("problems lack %q:\n%s", want, got)
		}
	})
	t.Run("missing", func(t *testing.T) {
		dir := setup(t, map[string][]byte{}, "art/none.jpg", "art/none.png")
		_, probs := Load(dir)
		got := probs.Format()
		for _, want := range []string{":4:1: image: cannot read art/none.jpg", ":10:1: chapters: cannot read art/none.png"} {
			if !strings.Contains(got, want) || probs.Err() == nil {
				t.Errorf("problems lack %q:\n%s", want, got)
			}
		}
	})
}

// TestCheckRemoteEpisodeImages: check --remote fetches every episode's and
// chapter's image address, drafts included, and holds it to the rules a
// local file there meets: Apple's for an episode's artwork, only that it
// decodes for a chapter's. Each failure is an error at the key in the
// episode's file; an address that several keys name is fetched once, and
// an image in the show folder not at all.
func TestCheckRemoteEpisodeImages(t *testing.T) {
	valid, broken := artworkCases(t)
	chapterImage := artworktest.PNG(t, artworktest.Gradient(300, 200)) // fine for a chapter
	served := map[string][]byte{
		"/valid.jpg":   valid,
		"/chapter.png": chapterImage,
		"/text.png":    []byte("hello"),
	}
	var (
		mu       sync.Mutex
		requests = map[string]int{}
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ".mp3") {
			w.Header().Set("Content-Type", "audio/mpeg")
			w.Header().Set("Content-Length", "1000")
			return
		}
		mu.Lock()
		requests[r.URL.Path]++
		mu.Unlock()
		data, ok := served[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write(data)
	}))
	defer srv.Close()
	u := func(p string) string { return srv.URL + p }
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close() // a host that does not answer
	noHost := closed.URL + "/art.jpg"

	type episode struct {
		name     string
		image    string   // the episode's image key
		chapters []string // each chapter's image key
		draft    bool
		want     []string // each problem as "LINE:COL: message", in the episode's file
	}
	// The episode's image is on line 4 and chapter i's on line 14 + 4i.
	eps := []episode{
		{name: "valid", image: u("/valid.jpg"), chapters: []string{u("/chapter.png"), u("/valid.jpg")}},
		{name: "draft", image: u("/valid.jpg"), chapters: []string{u("/chapter.png")}, draft: true},
		{name: "gone", image: u("/gone.jpg"), want: []string{
			"4:1: image: the artwork is unreachable: " + u("/gone.jpg") + " answered 404 Not Found"}},
		{name: "no-host", image: noHost, want: []string{
			"4:1: image: the artwork is unreachable: Get \"" + noHost + "\""}},
		{name: "chapters", image: u("/valid.jpg"), chapters: []string{u("/chapter.png"), u("/text.png"), u("/gone.png"), u("/too-small/art.jpg")}, want: []string{
			"18:1: chapters[1].image: chapter image " + u("/text.png") + " is not a JPEG or PNG image",
			"22:1: chapters[2].image: the chapter image is unreachable: " + u("/gone.png") + " answered 404 Not Found"}},
		{name: "local", image: "art/one.jpg", chapters: []string{"art/start.png"}},
	}
	for _, tt := range broken {
		p := "/" + strings.ReplaceAll(tt.name, " ", "-") + "/" + tt.file
		served[p] = tt.data
		eps = append(eps, episode{
			name:  strings.ReplaceAll(tt.name, " ", "-"),
			image: u(p),
			want:  []string{"4:1: image: " + u(p) + " " + tt.want}, // tt.want is the start of the message
		})
	}

	dir := showWithImage(t, u("/valid.jpg"))
	showFile := filepath.Join(dir, "podcast.toml")
	src, err := os.ReadFile(showFile)
	if err != nil {
		t.Fatal(err)
	}
	// The show's own address is the server too, so that a fetch of a local
	// image's public address would be counted.
	src = []byte(strings.ReplaceAll(string(src), "https://show.example.com/", srv.URL+"/"))
	files := map[string][]byte{"podcast.toml": src, "art/one.jpg": valid, "art/start.png": chapterImage}
	for _, e := range eps {
		var b strings.Builder
		fmt.Fprintf(&b, "title = %q\npublished = 2025-01-01T09:00:00Z\nguid = %[1]q\nimage = %q\ndraft = %v\n", e.name, e.image, e.draft)
		fmt.Fprintf(&b, "[audio]\nurl = %q\nlength = 1000\ntype = \"audio/mpeg\"\nduration = \"10:00\"\n", u("/"+e.name+".mp3"))
		for i, img := range e.chapters {
			fmt.Fprintf(&b, "[[chapters]]\nstart = \"00:0%d\"\ntitle = \"Part %[1]d\"\nimage = %q\n", i, img)
		}
		files["episodes/"+e.name+".toml"] = []byte(b.String())
	}
	for name, data := range files {
		name = filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	probs := load(t, dir).CheckRemote(context.Background(), &http.Client{Timeout: 5 * time.Second})
	got := probs.Format()
	n := 0
	for _, e := range eps {
		file := filepath.Join(dir, "episodes", e.name+".toml")
		for _, want := range e.want {
			n++
			if !strings.Contains(got, file+":"+want) {
				t.Errorf("%s: problems lack %q", e.name, want)
			}
		}
		if len(e.want) == 0 && strings.Contains(got, file+":") {
			t.Errorf("%s: problems for good images", e.name)
		}
	}
	if len(probs) != n || len(probs.Errors()) != n {
		t.Errorf("%d problems (%d errors), want %d errors", len(probs), len(probs.Errors()), n)
	}
	for _, p := range probs {
		if p.Hint == "" {
			t.Errorf("no hint: %s", p.Error())
		}
	}
	if t.Failed() {
		t.Logf("problems:\n%s", got)
	}

	mu.Lock()
	defer mu.Unlock()
	for _, p := range []string{"/gone.jpg", "/gone.png"} {
		served[p] = nil
	}
	for p := range served {
		if requests[p] != 1 {
			t.Errorf("%s fetched %d times, want once", p, requests[p])
		}
	}
	for p, n := range requests {
		if _, ok := served[p]; !ok {
			t.Errorf("%s fetched %d times, want never", p, n)
		}
	}
}
