package server_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/xml"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/podfeed/podfeed/project"
	"github.com/podfeed/podfeed/server"
)

// The browser test drives the built example site in a real headless
// browser: Debian's chromium, which .ci/run installs. Without it the test
// is skipped, unless the environment variable CI is set: then it fails.
//
// The example's artwork and audio live under example.com, which does not
// exist. The browser's requests for them are answered by the test (the
// DevTools Fetch domain): the artwork with a generated PNG, the audio either
// with a network failure (as offline) or with a generated WAV file four
// minutes long, so that both what the page does without its audio and what
// it does with it are checked.
//
// Screenshots go to $PODFEED_SCREENSHOTS when set, else to a temporary
// folder; their paths are logged.

// exampleNow is a clock after the example's episode went out.
var exampleNow = time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)

// chromium returns the browser to run, or skips the test.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is not installed, and CI is set: .ci/run installs it with apt-get")
	}
	t.Skip("chromium is not installed (apt-get install chromium); the browser test needs it")
	return ""
}

// browser starts a headless chromium with a fresh profile and returns a
// context for one tab; the browser stops when the test ends.
func browser(t *testing.T, path string) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	t.Cleanup(cancelAlloc)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(cancelBrowser)
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return bctx
}

// buildExample builds the example show into a temporary output folder.
func buildExample(t *testing.T) (*project.Show, string) {
	t.Helper()
	show, probs := project.Load("../examples/coding-chats")
	if err := probs.Err(); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := show.Build(context.Background(), project.BuildOptions{Now: exampleNow, Output: out}); err != nil {
		t.Fatal(err)
	}
	return show, out
}

// Audio answers for the example's media host.
const (
	audioOffline = iota // the request fails as it would offline
	audioServed         // a WAV file is served, with byte ranges
)

// interceptExampleCom answers the browser's requests to example.com hosts:
// images with art, audio as *mode says.
func interceptExampleCom(t *testing.T, ctx context.Context, mode *atomic.Int32) {
	t.Helper()
	art, wav := artwork(t), silence(240)
	paused := chromedp.Events(ctx, fetch.RequestPaused)
	if _, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{
		Patterns: []*fetch.RequestPattern{{URLPattern: "https://*example.com/*"}},
	}); err != nil {
		t.Fatalf("intercept example.com: %v", err)
	}
	go func() {
		for ev, err := range paused {
			if err != nil {
				return
			}
			go answer(ctx, ev, art, wav, mode.Load())
		}
	}()
}

func answer(ctx context.Context, ev fetch.EventRequestPaused, art, wav []byte, mode int32) {
	switch {
	case strings.HasSuffix(ev.Request.URL, ".jpg"):
		chromedp.Call(ctx, fetch.FulfillRequest, fetch.FulfillRequestParams{
			RequestID: ev.RequestID, ResponseCode: 200, Body: art,
			ResponseHeaders: []*fetch.HeaderEntry{{Name: "Content-Type", Value: "image/png"}},
		})
	case strings.HasSuffix(ev.Request.URL, ".mp3") && mode == audioServed:
		start, end := 0, len(wav)-1
		code := int64(200)
		headers := []*fetch.HeaderEntry{{Name: "Content-Type", Value: "audio/wav"}, {Name: "Accept-Ranges", Value: "bytes"}}
		if r, ok := header(ev.Request.Headers, "Range"); ok {
			if s, e, ok := parseRange(r, len(wav)); ok {
				start, end, code = s, e, 206
				headers = append(headers, &fetch.HeaderEntry{Name: "Content-Range", Value: fmt.Sprintf("bytes %d-%d/%d", s, e, len(wav))})
			}
		}
		headers = append(headers, &fetch.HeaderEntry{Name: "Content-Length", Value: strconv.Itoa(end - start + 1)})
		chromedp.Call(ctx, fetch.FulfillRequest, fetch.FulfillRequestParams{
			RequestID: ev.RequestID, ResponseCode: code, ResponseHeaders: headers, Body: wav[start : end+1],
		})
	default:
		chromedp.Call(ctx, fetch.FailRequest, fetch.FailRequestParams{
			RequestID: ev.RequestID, ErrorReason: network.ErrorReasonInternetDisconnected,
		})
	}
}

func header(h network.Headers, name string) (string, bool) {
	for k, v := range h {
		if strings.EqualFold(k, name) {
			s, ok := v.(string)
			return s, ok
		}
	}
	return "", false
}

// parseRange reads "bytes=START-[END]".
func parseRange(r string, size int) (start, end int, ok bool) {
	spec, found := strings.CutPrefix(r, "bytes=")
	if !found {
		return 0, 0, false
	}
	a, b, _ := strings.Cut(spec, "-")
	start, err := strconv.Atoi(a)
	if err != nil || start >= size {
		return 0, 0, false
	}
	end = size - 1
	if b != "" {
		if end, err = strconv.Atoi(b); err != nil {
			return 0, 0, false
		}
		end = min(end, size-1)
	}
	return start, end, start <= end
}

// silence returns a WAV file of the given seconds of silence (8 kHz, 8-bit
// mono): small, and something every browser decodes.
func silence(seconds int) []byte {
	const rate = 8000
	n := rate * seconds
	var b bytes.Buffer
	b.WriteString("RIFF")
	binary.Write(&b, binary.LittleEndian, uint32(36+n))
	b.WriteString("WAVEfmt ")
	for _, v := range []any{uint32(16), uint16(1), uint16(1), uint32(rate), uint32(rate), uint16(1), uint16(8)} {
		binary.Write(&b, binary.LittleEndian, v) // format, PCM, mono, rate, bytes a second, block, bits
	}
	b.WriteString("data")
	binary.Write(&b, binary.LittleEndian, uint32(n))
	b.Write(bytes.Repeat([]byte{0x80}, n))
	return b.Bytes()
}

// artwork returns a square PNG to stand in for the show's artwork.
func artwork(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 320, 320))
	for y := range 320 {
		for x := range 320 {
			img.Set(x, y, color.RGBA{R: uint8(30 + x/4), G: uint8(60 + y/5), B: 150, A: 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// screenshot writes a PNG of the whole page and logs where.
func screenshot(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if !bytes.HasPrefix(buf, []byte("\x89PNG\r\n\x1a\n")) {
		t.Fatalf("screenshot %s is not a PNG", name)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

// playerState is what the page's audio element says.
type playerState struct {
	CurrentTime  float64 `json:"currentTime"`
	Duration     float64 `json:"duration"`
	ReadyState   int     `json:"readyState"`
	NetworkState int     `json:"networkState"`
	Error        int     `json:"error"`
	Seek         string  `json:"seek"`
	Seeked       []float64
}

const readPlayer = `(() => { const p = document.getElementById("player"); return {
	currentTime: p.currentTime, duration: isFinite(p.duration) ? p.duration : -1,
	readyState: p.readyState, networkState: p.networkState, error: p.error ? p.error.code : 0,
	seek: p.getAttribute("data-seek") || "", Seeked: window.seekedAt || [] }; })()`

// TestBrowser is the acceptance test of the site in a browser.
func TestBrowser(t *testing.T) {
	path := chromium(t)
	show, out := buildExample(t)
	srv := httptest.NewServer(server.NewHandler(out, nil))
	defer srv.Close()
	shots := os.Getenv("PODFEED_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	ctx := browser(t, path)
	var mode atomic.Int32
	interceptExampleCom(t, ctx, &mode)
	ep := show.Episodes[0]
	pageURL := srv.URL + "/episodes/055-rust-in-production/"

	// The show's page lists the episode and links the feeds.
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(1024, 900),
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(`a[href="episodes/055-rust-in-production/index.html"]`)),
	); err != nil {
		t.Fatal(err)
	}
	title, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`a[href="episodes/055-rust-in-production/index.html"]`)))
	if err != nil || title != ep.Title {
		t.Errorf("the episode link reads %q (%v), want %q", title, err, ep.Title)
	}
	type alternate struct{ Type, Href, Title string }
	alternates, err := chromedp.Run(ctx, chromedp.Evaluate[[]alternate](
		`Array.from(document.querySelectorAll('link[rel~="alternate"]')).map(l => ({Type: l.type, Href: l.href, Title: l.title}))`))
	if err != nil {
		t.Fatal(err)
	}
	var rss string
	for _, a := range alternates {
		if a.Type == "application/rss+xml" {
			rss = a.Href
		}
	}
	if rss != show.Config.FeedURL {
		t.Fatalf("the page's RSS link is %q, want the show's feed_url %q (all: %+v)", rss, show.Config.FeedURL, alternates)
	}
	checkDiscoveredFeed(t, srv.URL, rss)
	screenshot(t, ctx, shots, "index.png")

	// Follow the link to the episode's page.
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`a[href="episodes/055-rust-in-production/index.html"]`))); err != nil {
		t.Fatal(err)
	}
	h1, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
	if err != nil || h1 != ep.Title {
		t.Errorf("the episode page's heading is %q (%v), want %q", h1, err, ep.Title)
	}
	// The link that reads 00:03:49 is the chapter "Performance Gains with Rust".
	chapter, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`(() => { const a = Array.from(document.querySelectorAll(".notes a.seek")).find(a => a.textContent === "00:03:49");
		return a ? a.parentElement.textContent + " @" + a.dataset.start : "" })()`))
	if err != nil || chapter != "00:03:49 Performance Gains with Rust @229" {
		t.Fatalf("the 03:49 chapter reads %q (%v)", chapter, err)
	}
	seekLink := chromedp.CSS(`.notes a.seek[data-start="229"]`)

	// Offline: the audio cannot load. The click still moves the player:
	// before any media data, currentTime is the position playback will
	// start from (the HTML standard's default playback start position).
	if err := chromedp.Do(ctx, chromedp.Click(seekLink)); err != nil {
		t.Fatal(err)
	}
	st := pollPlayer(t, ctx, `document.getElementById("player").currentTime === 229`)
	if st.CurrentTime != 229 || st.Seek != "229" {
		t.Errorf("offline: after the click currentTime is %v, data-seek %q; want 229", st.CurrentTime, st.Seek)
	}
	t.Logf("offline: currentTime %v with readyState %d, networkState %d, error %d: the position is set, no audio was loaded",
		st.CurrentTime, st.ReadyState, st.NetworkState, st.Error)

	// With audio: the same click seeks loaded media to 229 s.
	mode.Store(audioServed)
	if err := chromedp.Do(ctx,
		chromedp.Navigate(pageURL),
		chromedp.Evaluate[chromedp.Void](`window.seekedAt = []; document.getElementById("player").addEventListener("seeked", e => window.seekedAt.push(e.target.currentTime))`),
		chromedp.Click(seekLink),
	); err != nil {
		t.Fatal(err)
	}
	st = pollPlayer(t, ctx, `(window.seekedAt || []).length > 0`)
	if len(st.Seeked) == 0 || st.Seeked[0] < 229 || st.Seeked[0] >= 230 || st.ReadyState < 1 || st.Duration < 239 {
		t.Errorf("with audio: seeked at %v, readyState %d, duration %v; want a seek to 229 s of the 240 s file", st.Seeked, st.ReadyState, st.Duration)
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById("player").pause()`)); err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, shots, "episode.png")

	// The embedded player seeks the same way.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/embed/055-rust-in-production.html"),
		chromedp.EmulateViewport(600, 200),
		chromedp.Evaluate[chromedp.Void](`window.seekedAt = []; document.getElementById("player").addEventListener("seeked", e => window.seekedAt.push(e.target.currentTime))`),
		chromedp.Click(chromedp.CSS("details summary")),
		chromedp.Click(chromedp.CSS(`a.seek[data-start="229"]`)),
	); err != nil {
		t.Fatal(err)
	}
	st = pollPlayer(t, ctx, `(window.seekedAt || []).length > 0`)
	if len(st.Seeked) == 0 || st.Seeked[0] < 229 || st.Seeked[0] >= 230 {
		t.Errorf("embed: seeked at %v", st.Seeked)
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById("player").pause()`)); err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, shots, "embed.png")

	// On a phone the page fits the screen.
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile),
		chromedp.Navigate(srv.URL+"/"),
	); err != nil {
		t.Fatal(err)
	}
	overflow, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
	if err != nil || overflow > 0 {
		t.Errorf("on a phone the page is %d px wider than the screen (%v)", overflow, err)
	}
	screenshot(t, ctx, shots, "phone.png")
	// The feed's view in a browser: see TestFeedViewWithoutXSLT.
}

// pollPlayer waits until cond holds in the page, then reads the player.
func pollPlayer(t *testing.T, ctx context.Context, cond string) playerState {
	t.Helper()
	pctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if _, err := chromedp.Run(pctx, chromedp.Poll[bool](cond, chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
		st, _ := chromedp.Run(ctx, chromedp.Evaluate[playerState](readPlayer))
		t.Fatalf("waiting for %s: %v; player: %+v", cond, err, st)
	}
	st, err := chromedp.Run(ctx, chromedp.Evaluate[playerState](readPlayer))
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// checkDiscoveredFeed fetches the discovered feed address from the local
// server (the site stands in for its public host) and checks that it is
// the RSS feed that names itself by that address.
func checkDiscoveredFeed(t *testing.T, local, href string) {
	t.Helper()
	u, err := url.Parse(href)
	if err != nil {
		t.Fatal(err)
	}
	res, err := http.Get(local + u.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/rss+xml; charset=utf-8" {
		t.Fatalf("GET %s: %s, %s", u.Path, res.Status, res.Header.Get("Content-Type"))
	}
	var rss struct {
		XMLName xml.Name
		Self    []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"channel>link"`
	}
	if err := xml.NewDecoder(res.Body).Decode(&rss); err != nil {
		t.Fatal(err)
	}
	self := ""
	for _, l := range rss.Self {
		if l.Rel == "self" {
			self = l.Href
		}
	}
	if rss.XMLName.Local != "rss" || self != href {
		t.Errorf("the discovered feed is <%s> with rel=self %q, want <rss> naming %q", rss.XMLName.Local, self, href)
	}
}
