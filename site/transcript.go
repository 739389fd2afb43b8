package site

import (
	"github.com/podfeed/podfeed/internal/transcript"
	"github.com/podfeed/podfeed/podcast"
)

// TranscriptCues is a transcript read for a page (see
// [Options.Transcripts]): which of the episode's transcripts it is, and
// its cues.
type TranscriptCues struct {
	Index int // in the episode's Transcripts
	Cues  []transcript.Cue
}

// Transcript is the transcript an episode page shows beside its player:
// the text to read, each paragraph starting with a time that seeks the
// player and each cue knowing when it is said, so that the page's script
// can light up the cue playing and keep it in view. Without the script it
// is the transcript as text, with its times.
type Transcript struct {
	podcast.Transcript // the file: its public address, type and language
	Paragraphs         TranscriptParagraphs
}

// TranscriptParagraph is a paragraph of a transcript (see
// [transcript.Paragraphs]).
type TranscriptParagraph struct {
	Start   string // its first cue's start, in seconds: "229", "90.25"
	Clock   string // the same as people read it: "03:49"
	Speaker string // on the first paragraph of each turn; "" on the others
	Cues    []TranscriptCue
}

// TranscriptCue is one cue of a paragraph.
type TranscriptCue struct {
	Start, End string // in seconds
	Text       string
}

// Transcript returns the transcript the page shows beside the player, or
// nil when it shows none. Like [Episode.Notes] it is worked out on each
// call, so that a big show's pages are not all in memory at once.
func (e *Episode) Transcript() *Transcript {
	if e.transcript == nil || e.transcript.Index < 0 || e.transcript.Index >= len(e.Transcripts) {
		return nil
	}
	t := &Transcript{Transcript: e.Transcripts[e.transcript.Index]}
	paras := transcript.Paragraphs(e.transcript.Cues)
	t.Paragraphs = make(TranscriptParagraphs, len(paras))
	for i, p := range paras {
		tp := TranscriptParagraph{
			Start: seconds(p.Cues[0].Start), Clock: clock(p.Cues[0].Start),
			Speaker: p.Speaker, Cues: make([]TranscriptCue, len(p.Cues)),
		}
		for k, c := range p.Cues {
			tp.Cues[k] = TranscriptCue{Start: seconds(c.Start), End: seconds(c.End), Text: c.Text}
		}
		t.Paragraphs[i] = tp
	}
	return t
}

// HasTranscript reports whether the page shows a transcript: what a
// template asks before it has [Episode.Transcript] worked out.
func (e *Episode) HasTranscript() bool { return e.transcript != nil }

// transcriptLinks returns the transcripts a page links to: all but the one
// it shows.
func transcriptLinks(all []podcast.Transcript, shown *TranscriptCues) []podcast.Transcript {
	if shown == nil || shown.Index < 0 || shown.Index >= len(all) {
		return all
	}
	out := make([]podcast.Transcript, 0, len(all)-1)
	out = append(out, all[:shown.Index]...)
	return append(out, all[shown.Index+1:]...)
}
