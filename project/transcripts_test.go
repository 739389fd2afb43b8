package project

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// transcriptShow writes a show with one episode whose transcript tables
// are tables, and the files in files.
func transcriptShow(t *testing.T, tables string, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	writeShow(t, dir)
	files["episodes/one.toml"] = oneEpisode + tables
	for name, data := range files {
		name = filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const oneSRT = "1\n00:00:01,000 --> 00:00:04,000\nAna: Welcome & hello.\n\n2\n00:00:04,000 --> 00:00:06,500\nBen: Hi <Ana>.\n\n3\n00:00:07,000 --> 00:00:09,000\nAna: Let's start.\n"

func TestLocalTranscript(t *testing.T) {
	t.Run("published and shown", func(t *testing.T) {
		dir := transcriptShow(t, `
[[transcripts]]
url = "https://cdn.example.com/one.json"
[[transcripts]]
file = "transcripts/one.srt"
language = "en"
[[transcripts]]
file = "transcripts/one.vtt"
url = "https://cdn.example.com/one.vtt"
`, map[string]string{
			"transcripts/one.srt": oneSRT,
			"transcripts/one.vtt": "WEBVTT\n\n00:01.000 --> 00:02.000\nshown only when first\n",
		})
		out := filepath.Join(t.TempDir(), "public")
		buildShow(t, dir, out)
		got, err := os.ReadFile(filepath.Join(out, "transcripts", "one.srt"))
		if err != nil || string(got) != oneSRT {
			t.Errorf("published transcript: %q, %v", got, err)
		}
		if _, err := os.Stat(filepath.Join(out, "transcripts", "one.vtt")); err == nil {
			t.Error("a transcript with its own address was published too")
		}
		read := func(name string) string {
			data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
			if err != nil {
				t.Fatal(err)
			}
			return string(data)
		}
		feed, page := read("feed.xml"), read("episodes/one/index.html")
		for _, want := range []string{
			`<podcast:transcript url="https://cdn.example.com/one.json" type="application/json"></podcast:transcript>`,
			`<podcast:transcript url="https://show.example.com/transcripts/one.srt" type="application/x-subrip" language="en"></podcast:transcript>`,
			`<podcast:transcript url="https://cdn.example.com/one.vtt" type="text/vtt"></podcast:transcript>`,
		} {
			if !strings.Contains(feed, want) {
				t.Errorf("feed.xml lacks %s", want)
			}
		}
		for _, want := range []string{
			`<section class="card transcript" id="transcript" aria-labelledby="transcript-heading">`,
			`<a href="../../transcripts/one.srt" type="application/x-subrip" download>SRT file</a>`,
			`<div class="cues" lang="en">`,
			`<p><a class="seek" href="#t=1" data-start="1" aria-label="Play from 00:01">00:01</a> <b>Ana</b> <span data-start="1" data-end="4">Welcome &amp; hello.</span></p>`,
			`<p><a class="seek" href="#t=4" data-start="4" aria-label="Play from 00:04">00:04</a> <b>Ben</b> <span data-start="4" data-end="6.5">Hi &lt;Ana&gt;.</span></p>`,
			`<li><a class="btn" href="#transcript">Transcript</a></li>`,
			// The other two are links, the one shown is not.
			`<li><a class="btn" href="https://cdn.example.com/one.json" type="application/json">Transcript, JSON</a></li>`,
			`<li><a class="btn" href="https://cdn.example.com/one.vtt" type="text/vtt">Transcript, VTT</a></li>`,
		} {
			if !strings.Contains(page, want) {
				t.Errorf("the episode page lacks %s", want)
			}
		}
		if strings.Contains(page, "shown only when first") || strings.Contains(page, `Transcript, SRT`) {
			t.Error("the page shows a second transcript, or links the one it shows")
		}
	})

	t.Run("problems", func(t *testing.T) {
		dir := transcriptShow(t, `
[transcript]
file = "transcripts/missing.vtt"
[[transcripts]]
file = "transcripts/bad.vtt"
[[transcripts]]
file = "transcripts/bad.srt"
`, map[string]string{
			"transcripts/bad.vtt": "WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nhi\n",
			"transcripts/bad.srt": "1\n00:00:05,000 --> 00:00:06,000\nb\n\n2\n00:00:01,000 --> 00:00:02,000\na\n",
		})
		_, probs := Load(dir)
		got := probs.Format()
		ep := filepath.Join(dir, "episodes", "one.toml")
		for _, want := range []string{
			ep + ":11:1: transcript.file: cannot read transcripts/missing.vtt",
			"hint: put the transcript at transcripts/missing.vtt in the show folder",
			filepath.Join(dir, "transcripts", "bad.vtt") + `:3: cannot read the cue's times "00:00:01,000 --> 00:00:02,000"`,
			"hint: WebVTT times read [hh:]mm:ss.ttt",
			filepath.Join(dir, "transcripts", "bad.srt") + ":6: the cue starts at 00:00:01, before the cue above it (00:00:05)",
		} {
			if !strings.Contains(got, want) {
				t.Errorf("problems lack %q:\n%s", want, got)
			}
		}
		if probs.Err() == nil {
			t.Error("no error")
		}
	})

	t.Run("key of a second table", func(t *testing.T) {
		dir := transcriptShow(t, `
[[transcripts]]
url = "https://cdn.example.com/one.json"
[[transcripts]]
file = "transcripts/gone.srt"
`, map[string]string{})
		_, probs := Load(dir)
		if want := ":13:1: transcripts[1].file: cannot read transcripts/gone.srt"; !strings.Contains(probs.Format(), want) {
			t.Errorf("problems lack %q:\n%s", want, probs.Format())
		}
	})
}

// oneEpisode is the file of an episode with audio and nothing else, to
// which a test appends the tables it tries.
const oneEpisode = `title = "One"
published = 2025-01-01T09:00:00Z
guid = "one"
[audio]
url = "https://show.example.com/one.mp3"
length = 1000
type = "audio/mpeg"
duration = "10:00"
`
