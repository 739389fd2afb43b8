package episodes

import (
	"net/url"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/podfeed/podfeed/internal/address"
	"github.com/podfeed/podfeed/internal/timecode"
	"github.com/podfeed/podfeed/internal/tomlx"
)

// isMediaType reports whether s is an audio/* or video/* MIME type (with
// optional parameters, as in `audio/mp4; codecs="mp4a.40.2"`).
func isMediaType(s string) bool {
	base, _, _ := strings.Cut(s, ";")
	base = strings.TrimSpace(base)
	top, sub, ok := strings.Cut(base, "/")
	if !ok || sub == "" || strings.ContainsAny(sub, " \t/") {
		return false
	}
	return top == "audio" || top == "video"
}

// urlRule says which schemes a URL key accepts.
type urlRule int

const (
	anyHTTP urlRule = iota // http or https
	artwork                // an image: https, or a JPEG or PNG file in the show folder
)

// url reads an optional URL key and checks that it is absolute http(s).
// Artwork may also name a JPEG or PNG file in the show folder, which
// package project checks and publishes. It returns the string as written,
// even when invalid.
func (d *decoder) url(t *tomlx.Table, key string, rule urlRule) string {
	if !t.Has(key) {
		return ""
	}
	s := t.String(key)
	if _, isStr := mustRaw(t, key).(string); !isStr {
		return ""
	}
	if name, ok := address.LocalFile(s); ok && rule == artwork {
		switch strings.ToLower(path.Ext(name)) {
		case ".jpg", ".jpeg", ".png":
		default:
			t.Errorf(key, "%q is not a .jpg, .jpeg or .png file", s).
				WithHint("name a JPEG or PNG file in the show folder, or write the image's https address")
		}
		return s
	}
	if strings.ContainsAny(s, " \t\r\n") {
		t.Errorf(key, "URL %q contains white space", s).WithHint("write spaces as %%20")
		return s
	}
	u, err := url.Parse(s)
	scheme := ""
	if err == nil {
		scheme = strings.ToLower(u.Scheme)
	}
	if err != nil || (scheme != "http" && scheme != "https") || u.Host == "" {
		p := t.Errorf(key, "want an absolute http(s) URL, got %q", s)
		if rule == artwork && scheme == "" {
			p.WithHint(`write its https address, or name a JPEG or PNG file inside the show folder, such as "art/cover.jpg"`)
		} else {
			p.WithHint("write the full address, starting with https://")
		}
		return s
	}
	if rule == artwork && scheme != "https" {
		t.Warnf(key, "image should use https, got %q", s).
			WithHint("Apple Podcasts and some apps do not load artwork over plain http: serve it over https")
	}
	return s
}

// mediaFile reads audio.file: a path relative to the show folder that stays
// inside it. It returns the path cleaned, with forward slashes.
func (d *decoder) mediaFile(t *tomlx.Table, key string) string {
	if !t.Has(key) {
		return ""
	}
	s := t.String(key)
	if _, isStr := mustRaw(t, key).(string); !isStr {
		return ""
	}
	slashed := strings.ReplaceAll(s, `\`, "/")
	clean := path.Clean(slashed)
	switch {
	case strings.TrimSpace(s) == "":
		t.Errorf(key, "must not be empty").WithHint(`leave file out, or name the media file, e.g. "media/055.mp3"`)
	case strings.HasPrefix(slashed, "/") || hasDrive(slashed):
		t.Errorf(key, "%q is an absolute path", s).
			WithHint(`give a path relative to the show folder, e.g. "media/055.mp3"`)
	case slices.Contains(strings.Split(slashed, "/"), ".."):
		t.Errorf(key, "%q leaves the show folder", s).
			WithHint(`give a path inside the show folder without "..", e.g. "media/055.mp3"`)
	case clean == ".":
		t.Errorf(key, "%q names the show folder, not a file", s)
	default:
		return clean
	}
	return ""
}

// hasDrive reports a Windows drive letter ("C:/…").
func hasDrive(s string) bool {
	return len(s) >= 2 && s[1] == ':' &&
		(s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z')
}

// checkChapters checks what spans chapters: starts strictly ascending, all
// before the end of the episode, the first at zero. Chapters whose start is
// missing or invalid (already reported) are skipped.
func checkChapters(tables []*tomlx.Table, chapters []Chapter, startOK []bool, duration time.Duration, durationKnown bool) {
	prev := -1 // index of the last chapter with a valid start
	for i, c := range chapters {
		if !startOK[i] {
			continue
		}
		t := tables[i]
		if prev >= 0 && c.Start <= chapters[prev].Start {
			t.Errorf("start", "%s is not after the previous chapter's start %s", timecode.Format(c.Start, timecode.Clock), timecode.Format(chapters[prev].Start, timecode.Clock)).
				WithHint("list chapters in the order they play, each starting later than the one before")
		}
		if durationKnown && c.Start >= duration {
			t.Errorf("start", "%s is past the end of the episode (duration %s)", timecode.Format(c.Start, timecode.Clock), timecode.Format(duration, timecode.Clock)).
				WithHint("check the chapter's start and audio.duration")
		}
		if i == 0 && c.Start != 0 {
			t.Warnf("start", "the first chapter starts at %s, not at 00:00:00", timecode.Format(c.Start, timecode.Clock)).
				WithHint(`apps show no chapter before the first one; add a chapter with start = "00:00"`)
		}
		prev = i
	}
}

// warnSummaryPlaceholder warns when the summary is still the placeholder of
// podfeed init's first episode.
func warnSummaryPlaceholder(t *tomlx.Table, summary string) {
	if strings.TrimSpace(summary) == PlaceholderSummary {
		t.Warnf("summary", "still the placeholder written by podfeed init").
			WithHint("say what listeners will hear in this episode; it opens the show notes in every app")
	}
}

// warnAudioPlaceholders warns about the placeholders of the [audio] table
// that podfeed init and new write as comments, once uncommented.
func warnAudioPlaceholders(t *tomlx.Table, a *Audio) {
	if u, err := url.Parse(a.URL); err == nil && a.URL != "" && u.Hostname() == PlaceholderMediaHost {
		t.Warnf("url", "%q is a placeholder written by podfeed", a.URL).
			WithHint("write the public address of the media file, such as \"https://media.example.org/001.mp3\"")
	}
	if a.Length == PlaceholderLength {
		t.Warnf("length", "%d is a placeholder written by podfeed", a.Length).
			WithHint("write the media file's size in bytes, or give file = \"media/…\" to read it from the file")
	}
}

// unknownLength warns about length = 0: the media file's size is unknown
// (podfeed import writes it so when the media host could not be asked), and
// the feed says length="0", as many hosts do.
func unknownLength(t *tomlx.Table) {
	t.Warnf("length", "0: the media file's size is unknown").
		WithHint("give the size in bytes (podfeed check --remote asks the media host for it), or file = \"media/…\" to read it from the file")
}
