package importer

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/timecode"
)

// tidyChapters makes an item's chapters, whichever tag they came from
// (psc:chapters, the podcast:chapters file, timestamp lines in the notes),
// a list podfeed accepts, as apps already play them: sorted by start, one
// chapter per start, none past the end of the episode, each with a title.
// Each change is a warning at the tag, named by kind.
func (r *reader) tidyChapters(ep *episodes.Episode, at *node, kind string) {
	cs := ep.Chapters
	if len(cs) == 0 {
		return
	}
	if !slices.IsSortedFunc(cs, byStart) {
		slices.SortStableFunc(cs, byStart) // stable: the first of a start stays first
		r.lost(at, kind+" out of order were sorted by start", "check the chapters in the episode file")
	}
	out := cs[:1]
	for _, c := range cs[1:] {
		kept := &out[len(out)-1]
		if c.Start != kept.Start {
			out = append(out, c)
			continue
		}
		// Apps play one chapter from each start: keep the first (the
		// first with a title), with what only the other one says.
		if kept.Title == "" && c.Title != "" {
			*kept, c = c, *kept
		}
		r.probs.Warn(r.pos(at), "item %q: %s at %s starts where %s does: left out", ep.Title,
			chapterName(c), clock(c.Start), chapterName(*kept)).
			WithHint("give it a start of its own in the episode file to keep it")
		kept.URL = cmp.Or(kept.URL, c.URL)
		kept.Image = cmp.Or(kept.Image, c.Image)
	}
	if d := ep.Audio.Duration; d > 0 {
		out = slices.DeleteFunc(out, func(c episodes.Chapter) bool {
			if c.Start < d {
				return false
			}
			r.probs.Warn(r.pos(at), "item %q: %s at %s starts past the episode's end (duration %s): left out", ep.Title,
				chapterName(c), clock(c.Start), clock(d)).
				WithHint("if the duration is wrong, set [audio] duration and add the chapter back to the episode file")
			return true
		})
	}
	for i := range out {
		if out[i].Title == "" {
			// Apps list chapters by number and time: the title a
			// listener would expect of an untitled one is its number.
			out[i].Title = fmt.Sprintf("Chapter %d", i+1)
			r.probs.Warn(r.pos(at), "item %q: the chapter at %s has no title: called %q", ep.Title, clock(out[i].Start), out[i].Title).
				WithHint("give it a title in the episode file")
		}
	}
	ep.Chapters = out
}

// chapterName names a chapter in a warning.
func chapterName(c episodes.Chapter) string {
	if c.Title == "" {
		return "an untitled chapter"
	}
	return fmt.Sprintf("chapter %q", c.Title)
}

func clock(d time.Duration) string { return timecode.Format(d, timecode.Clock) }

func byStart(a, b episodes.Chapter) int { return cmp.Compare(a.Start, b.Start) }
