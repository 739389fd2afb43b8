package project

import (
	"errors"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/feed"
	"github.com/podfeed/podfeed/internal/diag"
	"github.com/podfeed/podfeed/internal/output"
	"github.com/podfeed/podfeed/internal/timecode"
	"github.com/podfeed/podfeed/media"
)

// durationSlack is how far a duration or chapter written in the TOML may be
// from the media file's before check warns: people round to the second.
const durationSlack = time.Second

// probeMedia reads the media file of every episode that names one
// ([audio] file): what the TOML leaves out (length, type, duration,
// chapters) comes from the file, what it gives wins but is compared with
// the file, and an episode with only a file gets an address beside the
// feed and its file published into the output folder. Results are cached
// in the show folder by path, size and modification time.
func (s *Show) probeMedia(probs *diag.List, progress func(done, total int)) {
	var (
		eps   []*episodes.Episode
		paths []string
	)
	for _, e := range s.Episodes {
		if e.Audio.File != "" {
			eps = append(eps, e)
			paths = append(paths, filepath.Join(s.Dir, filepath.FromSlash(e.Audio.File)))
		}
	}
	if len(eps) == 0 {
		return
	}
	cache, err := media.LoadCache(filepath.Join(s.Dir, media.CacheFile))
	if err != nil {
		probs.Warn(diag.Pos{File: filepath.Join(s.Dir, media.CacheFile)}, "probe cache dropped: %v", err).
			WithHint("the cache is rebuilt on the next build; deleting it is always safe")
	}
	s.cache = cache
	s.media = make(map[*episodes.Episode]output.File)
	var step func(int)
	if progress != nil {
		step = func(done int) { progress(done, len(paths)) }
	}
	infos, errs := media.ProbeAll(paths, cache, 0, step)
	for i, e := range eps {
		if errs[i] != nil {
			cause := errs[i]
			var merr *media.Error
			if errors.As(cause, &merr) {
				cause = merr.Err
			}
			episodeProblems{probs, e}.errorf("audio.file", "cannot read %s: %v", e.Audio.File, cause).
				WithHint("name an MP3, M4A, MP4, Ogg, Opus, FLAC or WAV file inside the show folder")
			continue
		}
		applyProbe(e, infos[i], probs)
		if e.Audio.URL == "" {
			e.Audio.URL = feed.SiblingURL(s.Config.FeedURL, escapePath(e.Audio.File))
			s.media[e] = output.File{Name: e.Audio.File, Source: paths[i]}
			if e.GUID == "" {
				e.GUID = e.Audio.URL
			}
		}
	}
}

// applyProbe fills what the episode's TOML leaves out from the file's
// info, and warns where what it gives disagrees with the file.
func applyProbe(e *episodes.Episode, info media.Info, probs *diag.List) {
	a := &e.Audio
	report := episodeProblems{probs, e}
	switch {
	case a.Length == 0:
		a.Length = info.Length
	case a.Length != info.Length:
		report.warnf("audio.length", "%d bytes, but %s has %d", a.Length, a.File, info.Length).
			WithHint("apps and Apple check the length: remove it to read it from the file")
	}
	switch {
	case a.Type == "":
		a.Type = info.Type
	case !sameMediaType(a.Type, info.Type):
		report.warnf("audio.type", "%s, but %s is %s", a.Type, a.File, info.Type).
			WithHint("remove type to read it from the file")
	}
	durationFromFile := a.Duration == 0
	switch {
	case durationFromFile:
		a.Duration = info.Duration
	case absDuration(a.Duration-info.Duration) > durationSlack:
		report.warnf("audio.duration", "%s, but %s lasts %s",
			timecode.Format(a.Duration, timecode.Clock), a.File, timecode.Format(info.Duration, timecode.Clock)).
			WithHint("remove duration to read it from the file")
	}
	switch {
	case len(e.Chapters) == 0:
		for _, c := range info.Chapters {
			e.Chapters = append(e.Chapters, episodes.Chapter{Start: c.Start, Title: c.Title, URL: c.URL, Image: c.Image})
		}
	case len(info.Chapters) > 0:
		if diff := chaptersDiffer(e.Chapters, info.Chapters); diff != "" {
			report.warnf("chapters", "%s", diff).
				WithHint("the [[chapters]] in the file win; remove them to use the media file's chapters")
		}
	}
	// Package episodes checked chapters against a duration written in the
	// TOML; one read from the file is checked here.
	for i, c := range e.Chapters {
		if durationFromFile && c.Start >= a.Duration {
			report.errorf("chapters["+strconv.Itoa(i)+"].start", "%s is past the end of %s (%s)",
				timecode.Format(c.Start, timecode.Clock), a.File, timecode.Format(a.Duration, timecode.Clock))
		}
	}
}

// chaptersDiffer describes the first difference between the TOML's
// chapters and the file's, or returns "".
func chaptersDiffer(toml []episodes.Chapter, file []media.Chapter) string {
	if len(toml) != len(file) {
		return strconv.Itoa(len(toml)) + " chapters, but the media file has " + strconv.Itoa(len(file))
	}
	for i := range toml {
		if absDuration(toml[i].Start-file[i].Start) > durationSlack || toml[i].Title != file[i].Title {
			return "chapter " + strconv.Itoa(i+1) + " is " + strconv.Quote(timecode.Format(toml[i].Start, timecode.Clock)+" "+toml[i].Title) +
				", but the media file's is " + strconv.Quote(timecode.Format(file[i].Start, timecode.Clock)+" "+file[i].Title)
		}
	}
	return ""
}

// sameMediaType compares MIME types without parameters, taking the names
// Apple and IANA use for M4A as one.
func sameMediaType(a, b string) bool {
	norm := func(t string) string {
		t, _, _ = strings.Cut(t, ";")
		t = strings.ToLower(strings.TrimSpace(t))
		if t == "audio/mp4" || t == "audio/m4a" {
			return media.TypeM4A
		}
		return t
	}
	return norm(a) == norm(b)
}

func absDuration(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// escapePath escapes each element of a slash-separated path for a URL.
func escapePath(p string) string {
	parts := strings.Split(p, "/")
	for i, part := range parts {
		parts[i] = url.PathEscape(part)
	}
	return strings.Join(parts, "/")
}
