package site

import (
	"strconv"
	"strings"
	"time"

	"github.com/podfeed/podfeed/episodes"
)

// A clock paragraph is a paragraph of show notes that starts with a time,
// "<p>00:03:49 ", as package feed writes every chapter line (and as a
// summary may write its own time marks): "<p>", two or more digits of
// hours, ":", minutes and seconds of two digits each (00 to 59), and a
// space; the regular expression `<p>(\d{2,}):([0-5]\d):([0-5]\d) ` with
// ASCII digits. Package feed escapes all text, so "<p>" in the notes is
// always a tag, never text.
const paragraphTag = "<p>"

// seekLinks turns the time at the start of every clock paragraph into a
// link that seeks the page's player: <a href="#t=229" data-start="229">.
// When a chapter starts within that second, the link seeks to the
// chapter's exact start (the notes drop milliseconds). Paragraphs are found
// from left to right, each after the end of the last one rewritten; notes
// without any are returned as they are.
//
// It scans by hand rather than with a regular expression: it runs on every
// episode page, over notes of several kilobytes.
func seekLinks(notes string, chapters []episodes.Chapter) string {
	var b strings.Builder
	done := 0 // notes[:done] is written to b (or is all before the first link)
	for i := 0; ; {
		j := strings.Index(notes[i:], paragraphTag)
		if j < 0 {
			break
		}
		at := i + j
		end, hours, clock, ok := clockAt(notes, at+len(paragraphTag))
		if !ok {
			i = at + 1
			continue
		}
		if b.Cap() == 0 {
			// Each link adds about 80 bytes to its paragraph.
			b.Grow(len(notes) + 96*strings.Count(notes[at:], paragraphTag))
		}
		b.WriteString(notes[done:at])
		if !writeSeekLink(&b, hours, clock, chapters) {
			b.WriteString(notes[at:end])
		}
		done, i = end, end
	}
	if done == 0 {
		return notes
	}
	b.WriteString(notes[done:])
	return b.String()
}

// clockAt reports whether notes[i:] starts with "HH:MM:SS " (two or more
// digits of hours, minutes and seconds from 00 to 59) and returns the index
// after the space, the hours' digits and the whole time without the space.
func clockAt(notes string, i int) (end int, hours, clock string, ok bool) {
	h := i
	for h < len(notes) && isDigit(notes[h]) {
		h++
	}
	if h-i < 2 {
		return 0, "", "", false
	}
	// ":MM:SS " after the hours.
	rest := notes[h:]
	if len(rest) < 7 || rest[0] != ':' || !isSexagesimal(rest[1], rest[2]) ||
		rest[3] != ':' || !isSexagesimal(rest[4], rest[5]) || rest[6] != ' ' {
		return 0, "", "", false
	}
	return h + 7, notes[i:h], notes[i : h+6], true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// isSexagesimal reports whether two bytes are the digits of 00 to 59.
func isSexagesimal(tens, ones byte) bool { return '0' <= tens && tens <= '5' && isDigit(ones) }

// writeSeekLink writes the opening of a clock paragraph with its time made
// a seek link, unless the hours are too many to be a time in an episode:
// then it writes nothing and returns false.
func writeSeekLink(b *strings.Builder, hours, clock string, chapters []episodes.Chapter) bool {
	h, err := strconv.ParseInt(hours, 10, 64)
	if err != nil || h > 1<<20 {
		return false
	}
	n := len(hours)
	mm := int(clock[n+1]-'0')*10 + int(clock[n+2]-'0')
	ss := int(clock[n+4]-'0')*10 + int(clock[n+5]-'0')
	start := time.Duration(h)*time.Hour + time.Duration(mm)*time.Minute + time.Duration(ss)*time.Second
	for _, c := range chapters {
		if c.Start.Truncate(time.Second) == start {
			start = c.Start
			break
		}
	}
	s := seconds(start)
	b.WriteString(`<p><a class="seek" href="#t=`)
	b.WriteString(s)
	b.WriteString(`" data-start="`)
	b.WriteString(s)
	b.WriteString(`" aria-label="Play from `)
	b.WriteString(clock)
	b.WriteString(`">`)
	b.WriteString(clock)
	b.WriteString(`</a> `)
	return true
}
