package project

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
)

// goodEpisode is a valid episode file that the bad-input cases change.
const goodEpisode = `title = "Episode"
published = 2025-01-01T09:00:00Z
guid = "ep-1"
summary = "Hello"
[audio]
url = "https://media.example.com/1.mp3"
length = 1000
type = "audio/mpeg"
duration = "30:00"
[[chapters]]
start = "00:00"
title = "Start"
[[links]]
group = "Links"
title = "Home"
url = "https://example.com/"
`

// TestBadInput lists what a podcaster can type, or paste from a word
// processor, that is not a plain valid episode, and what podfeed does with
// each: a positioned error (want) or a documented, safe build (check).
func TestBadInput(t *testing.T) {
	tests := []struct {
		name  string
		file  func() []byte // the episode file's bytes
		setup func(t *testing.T, episodesDir string)
		want  string                         // regexp the problems must match; "" means the show builds
		check func(t *testing.T, out string) // for shows that build: what the outputs must hold
	}{
		{
			name: "invalid UTF-8 is an error at the first bad byte",
			file: func() []byte {
				return []byte(strings.Replace(goodEpisode, `title = "Episode"`, "title = \"Epi\xffsode\"", 1))
			},
			want: `ep\.toml:1:13: file is not valid UTF-8`,
		},
		{
			name: "XML-illegal control characters are removed",
			file: func() []byte {
				return []byte(strings.Replace(goodEpisode, `title = "Episode"`, `title = "Epi\u000bso\u0000de ]]> <&"`, 1))
			},
			check: func(t *testing.T, out string) {
				item := onlyItem(t, out)
				if item.Title != "Episode ]]> <&" {
					t.Errorf("title %q, want the control characters removed", item.Title)
				}
			},
		},
		{
			name: "a byte order mark is ignored",
			file: func() []byte { return append([]byte("\xef\xbb\xbf"), goodEpisode...) },
			check: func(t *testing.T, out string) {
				if item := onlyItem(t, out); item.Title != "Episode" {
					t.Errorf("title %q", item.Title)
				}
			},
		},
		{
			name: "CRLF line endings read as LF, with the right lines",
			file: func() []byte {
				return []byte(strings.ReplaceAll(strings.Replace(goodEpisode, `guid = "ep-1"`, "guid = \"ep-1\"\ncolour = 1", 1), "\n", "\r\n"))
			},
			want: `ep\.toml:4:1: unknown key "colour"`,
		},
		{
			name: "a 10 MB summary builds; the description stays within Apple's limit",
			file: func() []byte {
				return []byte(strings.Replace(goodEpisode, `summary = "Hello"`, `summary = "`+strings.Repeat("word ", 2<<20)+`"`, 1))
			},
			check: func(t *testing.T, out string) {
				item := onlyItem(t, out)
				if len(item.Content) < 10<<20 {
					t.Errorf("content:encoded is %d bytes, want the whole summary", len(item.Content))
				}
			},
		},
		{
			name: "10,000 chapters build",
			file: func() []byte {
				var b strings.Builder
				b.WriteString(strings.Replace(goodEpisode, `duration = "30:00"`, `duration = "10:00:00"`, 1))
				for i := 1; i < 10000; i++ {
					b.WriteString("[[chapters]]\nstart = " + strconv.Itoa(i*3) + "\ntitle = \"Chapter " + strconv.Itoa(i) + "\"\n")
				}
				return []byte(b.String())
			},
			check: func(t *testing.T, out string) {
				data, err := os.ReadFile(filepath.Join(out, "chapters", "ep.json"))
				if err != nil {
					t.Fatal(err)
				}
				var ch struct{ Chapters []any }
				if err := json.Unmarshal(data, &ch); err != nil {
					t.Fatal(err)
				}
				if len(ch.Chapters) != 10000 {
					t.Errorf("%d chapters in the JSON file, want 10000", len(ch.Chapters))
				}
			},
		},
		{
			name: "a duplicate key is an error at the second one",
			file: func() []byte {
				return []byte(strings.Replace(goodEpisode, `guid = "ep-1"`, "guid = \"ep-1\"\ntitle = \"Again\"", 1))
			},
			want: `ep\.toml:4:\d+: .*title`,
		},
		{
			name: "a wrong type is an error naming what was wanted",
			file: func() []byte {
				return []byte(strings.Replace(goodEpisode, `guid = "ep-1"`, "guid = \"ep-1\"\nnumber = \"55\"", 1))
			},
			want: `ep\.toml:4:1: number: want an integer, got string "55"`,
		},
		{
			name: "a date without a zone is an error with a hint",
			file: func() []byte {
				return []byte(strings.Replace(goodEpisode, "2025-01-01T09:00:00Z", "2025-01-01T09:00:00", 1))
			},
			want: `ep\.toml:2:1: published: date-time has no time zone`,
		},
		{
			name: "an absurd duration is an error",
			file: func() []byte {
				return []byte(strings.Replace(goodEpisode, `duration = "30:00"`, `duration = "99999:00:00"`, 1))
			},
			want: `ep\.toml:9:1: audio\.duration: `,
		},
		{
			name: "a javascript: link is an error",
			file: func() []byte {
				return []byte(strings.Replace(goodEpisode, `url = "https://example.com/"`, `url = "javascript:alert(1)"`, 1))
			},
			want: `ep\.toml:16:1: links\[0\]\.url: `,
		},
		{
			name: "a link without a scheme is an error",
			file: func() []byte {
				return []byte(strings.Replace(goodEpisode, `url = "https://example.com/"`, `url = "example.com"`, 1))
			},
			want: `ep\.toml:16:1: links\[0\]\.url: `,
		},
		{
			name: "script, event handlers, javascript: URLs and styles in a summary never reach the outputs",
			file: func() []byte {
				return []byte(strings.Replace(goodEpisode, `summary = "Hello"`,
					`summary = '''Hello <script>alert(1)</script> <b onclick="alert(2)" style="color:red">bold</b> [click](javascript:alert(3))
<img src="x" onerror="alert(4)"> <a href="JaVaScRiPt:alert(5)">mixed</a> <iframe src="https://evil.example/"></iframe>
<style>p{color:red}</style> <svg onload="alert(6)"></svg> <a href="vbscript:msgbox(7)">vb</a> <a href="data:text/html,x">data</a>'''`, 1))
			},
			check: func(t *testing.T, out string) {
				// Every output, pages and embeds too: the only script a page
				// may carry is podfeed's own chapter seeking, which has no alert.
				var seen int
				err := filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
					if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".podfeed") {
						return err
					}
					data, err := os.ReadFile(path)
					if err != nil {
						return err
					}
					seen++
					for _, bad := range []string{"alert(", "msgbox(", "onclick", "onerror", "onload", "javascript:",
						"vbscript:", "data:text", "color:red", "<iframe", "evil.example"} {
						if bytes.Contains(bytes.ToLower(data), []byte(bad)) {
							t.Errorf("%s contains %q", path, bad)
						}
					}
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
				if seen < 7 { // three feeds, chapters, index, episode page, embed
					t.Errorf("checked %d output files, want every output", seen)
				}
			},
		},
		{
			name: "a media file outside the show folder is an error",
			file: func() []byte {
				return []byte(strings.Replace(goodEpisode, `duration = "30:00"`, "duration = \"30:00\"\nfile = \"../../etc/passwd\"", 1))
			},
			want: `ep\.toml:10:1: audio\.file: `,
		},
		{
			name: "a symlink loop in the episodes folder is an error naming it",
			file: func() []byte { return []byte(goodEpisode) },
			setup: func(t *testing.T, dir string) {
				if err := os.Symlink("loop.toml", filepath.Join(dir, "loop.toml")); err != nil {
					t.Skip("no symlinks here:", err)
				}
			},
			want: `episodes/loop\.toml: cannot read the episode file: `,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeShow(t, dir)
			epDir := filepath.Join(dir, "episodes")
			if err := os.WriteFile(filepath.Join(epDir, "ep.toml"), tt.file(), 0o644); err != nil {
				t.Fatal(err)
			}
			if tt.setup != nil {
				tt.setup(t, epDir)
			}
			show, probs := Load(dir)
			if tt.want != "" {
				if !regexp.MustCompile(tt.want).MatchString(probs.Format()) {
					t.Errorf("problems:\n%s\nwant a match for %s", probs.Format(), tt.want)
				}
				if probs.Err() == nil {
					t.Errorf("no error")
				}
				return
			}
			if err := probs.Err(); err != nil {
				t.Fatalf("load: %v", err)
			}
			out := filepath.Join(dir, "public")
			if _, err := show.Build(context.Background(), BuildOptions{Now: day, Output: out}); err != nil {
				t.Fatalf("build: %v", err)
			}
			for _, name := range []string{"feed.xml", "atom.xml"} {
				data, err := os.ReadFile(filepath.Join(out, name))
				if err != nil {
					t.Fatal(err)
				}
				if err := wellFormed(data); err != nil {
					t.Errorf("%s is not well-formed: %v", name, err)
				}
			}
			data, err := os.ReadFile(filepath.Join(out, "feed.json"))
			if err != nil {
				t.Fatal(err)
			}
			if !json.Valid(data) {
				t.Errorf("feed.json is not valid JSON")
			}
			tt.check(t, out)
		})
	}
}

// writeShow writes a valid podcast.toml and an empty episodes folder.
func writeShow(t testing.TB, dir string) {
	t.Helper()
	show := `title = "Show"
description = "A show."
link = "https://show.example.com/"
feed_url = "https://show.example.com/feed.xml"
language = "en"
author = "Host"
image = "https://show.example.com/art.jpg"
categories = ["Technology"]
[owner]
name = "Host"
email = "host@example.com"
`
	if err := os.WriteFile(filepath.Join(dir, "podcast.toml"), []byte(show), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "episodes"), 0o755); err != nil {
		t.Fatal(err)
	}
}

// onlyItem reads feed.xml in out with gofeed and returns its single item.
func onlyItem(t *testing.T, out string) *gofeed.Item {
	t.Helper()
	f, err := os.Open(filepath.Join(out, "feed.xml"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	parsed, err := gofeed.NewParser().Parse(f)
	if err != nil {
		t.Fatalf("gofeed: %v", err)
	}
	if len(parsed.Items) != 1 {
		t.Fatalf("%d items, want 1", len(parsed.Items))
	}
	return parsed.Items[0]
}
