package transcript

import (
	"strings"
	"time"
)

// Paragraph is cues that read as one paragraph: said by one speaker,
// without a long pause, not too long to read.
type Paragraph struct {
	// Speaker names who speaks, on the first paragraph of each turn; ""
	// on the paragraphs that go on with the same speaker, and where the
	// transcript names nobody.
	Speaker string
	Cues    []Cue
}

// Where Paragraphs breaks: at a pause of pauseBreak; after a sentence once
// a paragraph has lasted softSpan or holds softBytes of text; and anywhere
// past hardSpan or hardBytes, for a transcript without full stops.
const (
	pauseBreak = 2 * time.Second
	softSpan   = 30 * time.Second
	softBytes  = 400
	hardSpan   = 90 * time.Second
	hardBytes  = 1200
)

// Paragraphs groups cues into paragraphs to read: captions are cut every
// few seconds, mid-sentence, which reads badly one per line. A paragraph
// starts where the speaker changes, after a pause, and after a sentence
// once the paragraph is long enough.
func Paragraphs(cues []Cue) []Paragraph {
	var (
		out     []Paragraph
		speaker string // who speaks now
		bytes   int    // of text in the last paragraph
	)
	for i, c := range cues {
		turn := c.Speaker != "" && c.Speaker != speaker
		if turn {
			speaker = c.Speaker
		}
		if i == 0 || turn || breakBefore(out[len(out)-1].Cues, c, bytes) {
			p := Paragraph{}
			if turn {
				p.Speaker = speaker
			}
			out = append(out, p)
			bytes = 0
		}
		last := &out[len(out)-1]
		last.Cues = append(last.Cues, c)
		bytes += len(c.Text) + 1
	}
	return out
}

// breakBefore reports whether c starts a new paragraph after para, which
// holds bytes of text, when the speaker goes on.
func breakBefore(para []Cue, c Cue, bytes int) bool {
	first, prev := para[0], para[len(para)-1]
	span := c.Start - first.Start
	switch {
	case c.Start-prev.End >= pauseBreak:
		return true
	case span >= hardSpan || bytes >= hardBytes:
		return true
	case span >= softSpan || bytes >= softBytes:
		return endsSentence(prev.Text)
	}
	return false
}

// endsSentence reports whether text ends a sentence: a full stop, question
// or exclamation mark, or an ellipsis, maybe inside closing quotes.
func endsSentence(text string) bool {
	text = strings.TrimRight(text, `"'”’)]»`)
	for _, end := range []string{".", "?", "!", "…", "。", "？", "！"} {
		if strings.HasSuffix(text, end) {
			return true
		}
	}
	return false
}
