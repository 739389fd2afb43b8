package project

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/address"
	"github.com/podfeed/podfeed/internal/diag"
	"github.com/podfeed/podfeed/internal/output"
	"github.com/podfeed/podfeed/internal/tomlx"
	"github.com/podfeed/podfeed/internal/transcript"
	"github.com/podfeed/podfeed/site"
)

// transcripts is what the build does with transcript files in the show
// folder ([transcript] file): the files to publish beside the feed and
// the cues each episode page shows.
type transcripts struct {
	files map[*episodes.Episode][]output.File
	cues  map[*episodes.Episode]*site.TranscriptCues
}

// transcriptFiles lists the transcript files in the show folder that
// episodes name, sorted: inputs of the build like media files.
func (s *Show) transcriptFiles() []string {
	var files []string
	for _, e := range s.Episodes {
		for _, t := range e.Transcripts {
			if t.File != "" {
				files = append(files, t.File)
			}
		}
	}
	slices.Sort(files)
	return slices.Compact(files)
}

// loadTranscripts reads the transcript files that episodes name. A file
// without a url is published beside the feed, which gives it its address;
// the first WebVTT or SRT file of each episode is read into cues, which its
// page shows beside the player (a build reaches nothing on the network,
// and a page cannot read another host's transcript reliably). Every
// problem of a file is reported at its line.
func (s *Show) loadTranscripts(probs *diag.List) {
	for _, e := range s.Episodes {
		ep := episodeProblems{probs, e}
		for i := range e.Transcripts {
			tr := &e.Transcripts[i]
			if tr.File == "" {
				continue
			}
			file := filepath.Join(s.Dir, filepath.FromSlash(tr.File))
			key := transcriptKey(e, i) + ".file"
			data, err := os.ReadFile(file)
			if err != nil {
				ep.errorf(key, "cannot read %s: %v", tr.File, diag.WithoutPath(err, false)).
					WithHint("put the transcript at %s in the show folder, or write its https address as url", tr.File)
				continue
			}
			if format := transcript.FormatOf(tr.Type); format != 0 {
				cues, err := transcript.Parse(format, data)
				if list, ok := err.(transcript.ErrorList); ok {
					for _, p := range list {
						d := probs.Add(diag.Pos{File: file, Line: p.Line}, "%s", p.Msg)
						if p.Hint != "" {
							d.WithHint("%s", p.Hint)
						}
					}
					continue
				} else if err != nil {
					ep.errorf(key, "%s: %v", tr.File, err)
					continue
				}
				if s.transcripts.cues[e] == nil {
					if s.transcripts.cues == nil {
						s.transcripts.cues = make(map[*episodes.Episode]*site.TranscriptCues)
					}
					s.transcripts.cues[e] = &site.TranscriptCues{Index: i, Cues: cues}
				}
			}
			if tr.URL == "" {
				tr.URL = address.SiblingURL(s.Config.FeedURL, escapePath(tr.File))
				if s.transcripts.files == nil {
					s.transcripts.files = make(map[*episodes.Episode][]output.File)
				}
				s.transcripts.files[e] = append(s.transcripts.files[e], output.File{Name: tr.File, Source: file})
			}
		}
	}
}

// transcriptKey names transcript i of e as its file writes it:
// "transcript" for a [transcript] table, which comes first, else
// "transcripts[n]". It reads the file again, which only a problem costs.
func transcriptKey(e *episodes.Episode, i int) string {
	src, err := os.ReadFile(e.File)
	single := err == nil && tomlx.KeyPos(e.File, src, "transcript").Line > 0
	switch {
	case single && i == 0:
		return "transcript"
	case single:
		i--
	}
	return "transcripts[" + strconv.Itoa(i) + "]"
}

// transcriptOutputs returns the transcript files of the live episodes to
// publish, each once, leaving out those named in done, which it adds to.
func (s *Show) transcriptOutputs(live []*episodes.Episode, done map[string]bool) []output.File {
	var out []output.File
	for _, e := range live {
		for _, f := range s.transcripts.files[e] {
			if !done[f.Name] {
				done[f.Name] = true
				out = append(out, f)
			}
		}
	}
	return out
}

// siteTranscripts returns the transcripts the live episodes' pages show,
// by slug.
func (s *Show) siteTranscripts(live []*episodes.Episode) map[string]*site.TranscriptCues {
	if len(s.transcripts.cues) == 0 {
		return nil
	}
	out := make(map[string]*site.TranscriptCues)
	for _, e := range live {
		if c := s.transcripts.cues[e]; c != nil {
			out[e.Slug] = c
		}
	}
	return out
}
