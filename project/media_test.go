package project

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMediaFiles checks what an episode's [audio] file gives and how the
// TOML's own values are compared with it, each problem at its key's line. chapters.mp3 lasts 5.355 s, is
// 21884 bytes and has chapters Intro (0), "Café talk ☕" (1.5 s) and
// "Outro and links" (3.25 s).
func TestMediaFiles(t *testing.T) {
	tests := []struct {
		name  string
		media string // file in ../media/testdata copied to audio/ep.mp3
		audio string // the [audio] table's body
		extra string // more TOML after [audio]
		want  []string
		none  bool // no problems at all
	}{
		{
			name:  "only a file",
			media: "chapters.mp3",
			audio: `file = "audio/ep.mp3"`,
			none:  true,
		},
		{
			name:  "stale length, type and duration are warned about",
			media: "chapters.mp3",
			audio: "file = \"audio/ep.mp3\"\nurl = \"https://media.example.com/ep.mp3\"\nlength = 100\ntype = \"audio/x-m4a\"\nduration = \"10:00\"",
			want: []string{
				"ep.toml:7:1: warning: audio.length: 100 bytes, but audio/ep.mp3 has 21884",
				"ep.toml:8:1: warning: audio.type: audio/x-m4a, but audio/ep.mp3 is audio/mpeg",
				"ep.toml:9:1: warning: audio.duration: 00:10:00, but audio/ep.mp3 lasts 00:00:05.355",
			},
		},
		{
			name:  "chapters that disagree with the file's",
			media: "chapters.mp3",
			audio: `file = "audio/ep.mp3"`,
			extra: "[[chapters]]\nstart = \"0\"\ntitle = \"Intro\"\n[[chapters]]\nstart = \"2\"\ntitle = \"Talk\"\n[[chapters]]\nstart = \"3.25\"\ntitle = \"Outro and links\"\n",
			want:  []string{`ep.toml:6:1: warning: chapters: chapter 2 is "00:00:02 Talk", but the media file's is "00:00:01.500 Café talk ☕"`},
		},
		{
			name:  "a chapter past the end of the file",
			media: "cbr.mp3",
			audio: `file = "audio/ep.mp3"`,
			extra: "[[chapters]]\nstart = \"0\"\ntitle = \"Intro\"\n[[chapters]]\nstart = \"9\"\ntitle = \"Late\"\n",
			want:  []string{"ep.toml:10:1: chapters[1].start: 00:00:09 is past the end of audio/ep.mp3 (00:00:05.355)"},
		},
		{
			name:  "a truncated file",
			media: "truncated.mp3",
			audio: `file = "audio/ep.mp3"`,
			want:  []string{"ep.toml:5:1: audio.file: cannot read audio/ep.mp3: "},
		},
		{
			name:  "not audio",
			media: "text.mp3",
			audio: `file = "audio/ep.mp3"`,
			want:  []string{"ep.toml:5:1: audio.file: cannot read audio/ep.mp3: "},
		},
		{
			name:  "a missing file",
			audio: `file = "audio/ep.mp3"`,
			want:  []string{"ep.toml:5:1: audio.file: cannot read audio/ep.mp3: "},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeShow(t, dir)
			if tt.media != "" {
				data, err := os.ReadFile(filepath.Join("..", "media", "testdata", tt.media))
				if err != nil {
					t.Fatal(err)
				}
				if err := os.MkdirAll(filepath.Join(dir, "audio"), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, "audio", "ep.mp3"), data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			src := "title = \"Ep\"\npublished = 2025-01-01T09:00:00Z\nguid = \"ep\"\n[audio]\n" + tt.audio + "\n" + tt.extra
			if err := os.WriteFile(filepath.Join(dir, "episodes", "ep.toml"), []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			show, probs := Load(dir)
			got := probs.Format()
			if tt.none && len(probs) > 0 {
				t.Errorf("problems:\n%s", got)
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("problems lack %q:\n%s", w, got)
				}
			}
			if tt.name == "only a file" {
				a := show.Episodes[0].Audio
				if a.Length != 21884 || a.Type != "audio/mpeg" || a.URL != "https://show.example.com/audio/ep.mp3" ||
					len(show.Episodes[0].Chapters) != 3 {
					t.Errorf("audio %+v, %d chapters", a, len(show.Episodes[0].Chapters))
				}
			}
		})
	}
}
