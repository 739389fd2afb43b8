package server_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/podfeed/podfeed/internal/address"
	"github.com/podfeed/podfeed/project"
	"github.com/podfeed/podfeed/server"
)

// The preview test runs `podfeed serve`'s server (server.Serve with the
// build podfeed serve runs) on a copy of the example show that has its
// artwork and an episode's audio as local files, and nothing on the
// internet: the browser may only reach the loopback server. What it checks
// is what a podcaster sees before uploading anything: the artwork shows,
// the player plays, chapters seek and light up, the copy button copies,
// and the page reloads after a rebuild.
//
// Screenshots of the show's page and an episode page, at phone and desktop
// widths in light and dark, go to $PODFEED_SCREENSHOTS when set (else to a
// temporary folder); their paths are logged.

// localEpisode is an episode whose audio is a WAV file in the show folder,
// with chapters every 10 seconds.
const localEpisode = `title = "Sowing seeds: a local sound check"
number = 57
published = 2025-02-20T09:00:00Z
guid = "codingchats-057-local"
summary = """
A short check of the preview, with a list:

- the artwork shows
- the player plays
- chapters seek and light up"""

[audio]
file = "audio/057-local.wav"

[[chapters]]
start = "0:00"
title = "Hello"

[[chapters]]
start = "0:10"
title = "The middle"

[[chapters]]
start = "0:20"
title = "Goodbye"

[[people]]
name = "John Crickett"
role = "host"
href = "https://example.com/john"

[transcript]
file = "transcripts/057-local.srt"
`

// localTranscript is the SRT transcript of the local episode: a cue a
// second, the speaker changing every ten, named the SRT way; long enough
// that its box scrolls.
func localTranscript() []byte {
	said := []string{
		"the artwork shows beside the title", "the player plays from the show folder",
		"the chapters light up as they go by", "this transcript follows along",
	}
	var b strings.Builder
	for i := range 40 {
		fmt.Fprintf(&b, "%d\n00:00:%02d,000 --> 00:00:%02d,000\n", i+1, i, i+1)
		if i%10 == 0 {
			b.WriteString([]string{"John", "Sam"}[i/10%2] + ": ")
		}
		fmt.Fprintf(&b, "Second %d of the sound check, where %s.\n\n", i, said[i%len(said)])
	}
	return []byte(b.String())
}

// previewShow copies the example show into a temporary folder and adds the
// artwork its podcast.toml names and an episode with local audio.
func previewShow(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "coding-chats")
	if err := os.CopyFS(dir, os.DirFS("../examples/coding-chats")); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(filepath.Join(dir, "public"))
	os.Remove(filepath.Join(dir, ".podfeed-cache.json"))
	for name, data := range map[string][]byte{
		"artwork.jpg":               jpegArtwork(t, 1400),
		"audio/057-local.wav":       silence(40),
		"episodes/057-local.toml":   []byte(localEpisode),
		"transcripts/057-local.srt": localTranscript(),
	} {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// jpegArtwork returns square artwork: a gradient with a disc, so that the
// screenshots show where it is.
func jpegArtwork(t *testing.T, size int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	c := float64(size) / 2
	for y := range size {
		for x := range size {
			dx, dy := float64(x)-c, float64(y)-c*0.9
			px := color.RGBA{R: uint8(200 - 150*x/size), G: uint8(40 + 60*y/size), B: uint8(120 + 100*x/size), A: 255}
			if dx*dx+dy*dy < c*c*0.3 {
				px = color.RGBA{R: 255, G: uint8(190 - 60*y/size), B: 90, A: 255}
			}
			img.Set(x, y, px)
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// servePreview runs server.Serve on dir as podfeed serve does and returns
// its address.
func servePreview(t *testing.T, dir string) string {
	t.Helper()
	show, probs := project.Load(dir)
	if err := probs.Err(); err != nil {
		t.Fatal(err)
	}
	out := show.OutputDir("")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- server.Serve(ctx, ln, server.Options{
			ShowDir: dir,
			Output:  out,
			SiteURL: address.SiblingURL(show.Config.FeedURL, "./"),
			Build: func(ctx context.Context) error {
				show, probs := project.Load(dir)
				if err := probs.Err(); err != nil {
					return err
				}
				_, err := show.Build(ctx, project.BuildOptions{Now: exampleNow})
				return err
			},
			Logf:     t.Logf,
			Debounce: 50 * time.Millisecond,
		})
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
	return "http://" + ln.Addr().String()
}

// colorScheme makes the page's prefers-color-scheme light or dark.
func colorScheme(ctx context.Context, scheme string) error {
	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	})
	return err
}

// shoot writes the page at phone and desktop widths in light and dark.
func shoot(t *testing.T, ctx context.Context, dir, page, url string) {
	t.Helper()
	for _, size := range []struct {
		name          string
		width, height int64
		mobile        bool
	}{{"desktop", 1280, 900, false}, {"phone", 390, 844, true}} {
		for _, scheme := range []string{"light", "dark"} {
			opts := []chromedp.EmulateViewportOption{}
			if size.mobile {
				opts = append(opts, chromedp.EmulateScale(2), chromedp.EmulateMobile)
			}
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(size.width, size.height, opts...)); err != nil {
				t.Fatal(err)
			}
			if err := colorScheme(ctx, scheme); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(ctx, chromedp.Navigate(url), waitImages()); err != nil {
				t.Fatal(err)
			}
			overflow, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - document.documentElement.clientWidth`))
			if err != nil || overflow > 0 {
				t.Errorf("%s at %s: the page is %d px wider than the screen (%v)", page, size.name, overflow, err)
			}
			screenshot(t, ctx, dir, page+"-"+size.name+"-"+scheme+".png")
		}
	}
}

// waitImages waits until every image of the page has loaded.
func waitImages() chromedp.Action[chromedp.Void] {
	return void(chromedp.Poll[bool](`document.readyState === "complete" && Array.from(document.images).every(i => i.complete)`,
		chromedp.WithPollingInterval(50*time.Millisecond)))
}

// void drops an action's result, for chromedp.Do.
func void[T any](a chromedp.Action[T]) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := a(ctx, t)
		return chromedp.Void{}, err
	}
}

// waitHeading waits until the page's heading reads want, across the
// page's reloads (which end any script running in it).
func waitHeading(t *testing.T, ctx context.Context, want string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	var got string
	for time.Now().Before(deadline) {
		got, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector("h1") || {}).textContent || ""`))
		if got == want {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Errorf("the page did not reload after the rebuild: its heading reads %q, want %q", got, want)
}

// cueSaid is true when the transcript lights exactly one cue, the one the
// player is in (timeupdate comes every quarter of a second or so).
const cueSaid = `(() => {
	const lit = document.querySelectorAll(".cues .said[aria-current=true]"), t = document.getElementById("player").currentTime;
	return lit.length === 1 && +lit[0].dataset.start <= t + 0.05 && t < +lit[0].dataset.end + 0.3;
})()`

// userGesture runs a script as if the user had clicked, as playing needs.
func userGesture(p *runtime.EvaluateParams) { yes := true; p.UserGesture = &yes }

func TestPreviewInBrowser(t *testing.T) {
	path := chromium(t)
	dir := previewShow(t)
	base := servePreview(t, dir)
	shots := os.Getenv("PODFEED_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	ctx := browser(t, path)
	if _, err := chromedp.CallBrowser(ctx, cdpbrowser.SetPermission, cdpbrowser.SetPermissionParams{
		Permission: &cdpbrowser.PermissionDescriptor{Name: "clipboard-read"}, Setting: cdpbrowser.PermissionSettingGranted, Origin: base,
	}); err != nil {
		t.Fatalf("grant clipboard-read: %v", err)
	}
	if _, err := chromedp.CallBrowser(ctx, cdpbrowser.SetPermission, cdpbrowser.SetPermissionParams{
		Permission: &cdpbrowser.PermissionDescriptor{Name: "clipboard-write", AllowWithoutSanitization: true}, Setting: cdpbrowser.PermissionSettingGranted, Origin: base,
	}); err != nil {
		t.Fatalf("grant clipboard-write: %v", err)
	}

	// The show's page: the local artwork's 600 px copy shows (the page
	// never loads the 1400 px original), the feed links lead to the
	// local feeds, the copy button copies the public feed address.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(base+"/"), waitImages()); err != nil {
		t.Fatal(err)
	}
	art, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelector("img.art").naturalWidth`))
	if err != nil || art != 600 {
		t.Errorf("the artwork did not load from the show folder: naturalWidth %d (%v)", art, err)
	}
	feedHref, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('link[type="application/rss+xml"]').href`))
	if err != nil || feedHref != base+"/feed.xml" {
		t.Errorf("the page's feed link is %q (%v), want the local %s/feed.xml", feedHref, err, base)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`button[data-copy="feed-url"]`))); err != nil {
		t.Fatal(err)
	}
	copied, err := chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise))
	if err != nil || copied != "https://codingchats.example.com/feed.xml" {
		t.Errorf("the copy button copied %q (%v), want the feed address", copied, err)
	}
	status, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#copy-status")))
	if !strings.HasPrefix(status, "Copied") {
		t.Errorf("after copying, the status reads %q", status)
	}

	// The episode page with local audio: play, seek by chapter.
	pageURL := base + "/episodes/057-local/index.html"
	if err := chromedp.Do(ctx, chromedp.Navigate(pageURL), waitImages(),
		void(chromedp.Poll[bool](`document.getElementById("player").hasAttribute("data-ready")`)),
	); err != nil {
		t.Fatal(err)
	}
	src, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("player").currentSrc`))
	if src != base+"/audio/057-local.wav" {
		t.Errorf("the player's source is %q, want the local %s/audio/057-local.wav", src, base)
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById("player").play()`, chromedp.EvalAwaitPromise, userGesture)); err != nil {
		t.Fatalf("play: %v", err)
	}
	st := pollPlayer(t, ctx, `document.getElementById("player").currentTime > 0.5`)
	t.Logf("playing: currentTime %.2f of %.1f s", st.CurrentTime, st.Duration)
	if st.Duration < 39 || st.Error != 0 {
		t.Errorf("the local audio: duration %v, error %d", st.Duration, st.Error)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.notes a.seek[data-start="20"]`))); err != nil {
		t.Fatal(err)
	}
	st = pollPlayer(t, ctx, `document.getElementById("player").currentTime >= 20`)
	if st.CurrentTime < 20 || st.CurrentTime > 25 {
		t.Errorf("after the click on 00:00:20 currentTime is %v", st.CurrentTime)
	}
	pollPlayer(t, ctx, `!!document.querySelector('.playing a.seek[data-start="20"][aria-current="true"]')`)
	lit, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll(".playing")).map(e => e.textContent)`))
	if err != nil || len(lit) != 1 || !strings.Contains(lit[0], "Goodbye") {
		t.Errorf("the highlighted chapters are %q (%v), want the one of Goodbye", lit, err)
	}
	now, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".player .now")))
	if !strings.Contains(now, "Goodbye") {
		t.Errorf("the player says %q, want the chapter playing", now)
	}
	// The transcript follows: the cue being said is lit, and kept in view
	// in its box, which scrolls; a click on a cue seeks to it.
	pollPlayer(t, ctx, cueSaid+` && document.querySelector(".cues .said").getAttribute("data-start") >= 20`)
	pollPlayer(t, ctx, `(b => { const c = b.querySelector(".said").getBoundingClientRect(), r = b.getBoundingClientRect();
		return b.scrollHeight > b.clientHeight && b.scrollTop > 0 && c.top >= r.top && c.bottom <= r.bottom; })(document.querySelector(".cues"))`)
	screenshot(t, ctx, shots, "local-episode-following.png")
	// A click on the cue's first line: a cue that wraps may have another
	// cue's text at the middle of its box.
	at, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(c => { c.scrollIntoView({block: "center"});
		const r = c.getClientRects()[0]; return [r.left + Math.min(20, r.width / 2), r.top + r.height / 2]; })(document.querySelector('.cues span[data-start="5"]'))`))
	if err != nil || len(at) != 2 {
		t.Fatalf("find the cue at 5 s: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.MouseClickXY(at[0], at[1])); err != nil {
		t.Fatal(err)
	}
	st = pollPlayer(t, ctx, `(t => t >= 5 && t < 9)(document.getElementById("player").currentTime) && `+cueSaid)
	if lit, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll(".cues .said, .cues [aria-current]")).map(e => e.textContent)`)); len(lit) != 1 {
		t.Errorf("after a click on the cue at 5 s (currentTime %.2f), the transcript lights %q, want one cue", st.CurrentTime, lit)
	}
	// Skip back 15 seconds, and the highlight follows.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.player button[data-skip="-15"]`))); err != nil {
		t.Fatal(err)
	}
	pollPlayer(t, ctx, `document.getElementById("player").currentTime < 15`)
	pollPlayer(t, ctx, `!!document.querySelector('.playing a.seek[data-start="0"], .playing a.seek[data-start="10"]')`)
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(`select[data-rate]`), "1.5")); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`(s => s.dispatchEvent(new Event("change")))(document.querySelector("select[data-rate]"))`)); err != nil {
		t.Fatal(err)
	}
	rate, _ := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.getElementById("player").playbackRate`))
	if rate != 1.5 {
		t.Errorf("playbackRate %v after choosing 1.5×", rate)
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById("player").pause()`)); err != nil {
		t.Fatal(err)
	}

	// A rebuild reloads the open page by itself.
	toml := filepath.Join(dir, "episodes", "057-local.toml")
	edited := strings.Replace(localEpisode, "Sowing seeds: a local sound check", "Sowing seeds, edited", 1)
	if err := os.WriteFile(toml, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	waitHeading(t, ctx, "Sowing seeds, edited")
	if err := os.WriteFile(toml, []byte(localEpisode), 0o644); err != nil {
		t.Fatal(err)
	}
	waitHeading(t, ctx, "Sowing seeds: a local sound check")

	// The pages look like the show's own site, on phones and desktops, in
	// light and dark.
	shoot(t, ctx, shots, "show", base+"/index.html")
	shoot(t, ctx, shots, "episode", base+"/episodes/055-rust-in-production/index.html")
	shoot(t, ctx, shots, "local-episode", pageURL)
}
