package site

import (
	"fmt"
	"regexp"
	"strconv"
	"time"

	"github.com/podfeed/podfeed/episodes"
)

// clockParagraph matches a paragraph of show notes that starts with a time,
// "<p>00:03:49 ", as package feed writes every chapter line (and as a
// summary may write its own time marks). Package feed escapes all text, so
// "<p>" in the notes is always a tag, never text.
var clockParagraph = regexp.MustCompile(`<p>(\d{2,}):([0-5]\d):([0-5]\d) `)

// seekLinks turns the time at the start of every such paragraph into a link
// that seeks the page's player: <a href="#t=229" data-start="229">. When a
// chapter starts within that second, the link seeks to the chapter's exact
// start (the notes drop milliseconds).
func seekLinks(notes string, chapters []episodes.Chapter) string {
	return clockParagraph.ReplaceAllStringFunc(notes, func(m string) string {
		sub := clockParagraph.FindStringSubmatch(m)
		h, err := strconv.ParseInt(sub[1], 10, 64)
		if err != nil || h > 1<<20 {
			return m
		}
		mm, _ := strconv.Atoi(sub[2])
		ss, _ := strconv.Atoi(sub[3])
		start := time.Duration(h)*time.Hour + time.Duration(mm)*time.Minute + time.Duration(ss)*time.Second
		for _, c := range chapters {
			if c.Start.Truncate(time.Second) == start {
				start = c.Start
				break
			}
		}
		s := seconds(start)
		clock := sub[1] + ":" + sub[2] + ":" + sub[3]
		return fmt.Sprintf(`<p><a class="seek" href="#t=%s" data-start="%s" aria-label="Play from %s">%s</a> `, s, s, clock, clock)
	})
}
