package site

import (
	"fmt"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/podfeed/podfeed/episodes"
)

// clockParagraph is the regular expression seekLinks scans for by hand.
var clockParagraph = regexp.MustCompile(`<p>(\d{2,}):([0-5]\d):([0-5]\d) `)

// regexpSeekLinks is seekLinks as it was written with a regular expression:
// the specification the hand scan must match byte for byte.
func regexpSeekLinks(notes string, chapters []episodes.Chapter) string {
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

var seekChapters = []episodes.Chapter{
	{Start: 0},
	{Start: 90*time.Second + 250*time.Millisecond},
	{Start: 229 * time.Second},
	{Start: time.Hour + 2*time.Minute + 3*time.Second + 7*time.Millisecond},
}

func TestSeekLinks(t *testing.T) {
	for _, tt := range []struct{ notes, want string }{
		{"", ""},
		{"<p>no times</p>", "<p>no times</p>"},
		{"<p>00:03:49 Performance</p>",
			`<p><a class="seek" href="#t=229" data-start="229" aria-label="Play from 00:03:49">00:03:49</a> Performance</p>`},
		{"<p>00:01:30 x</p>",
			`<p><a class="seek" href="#t=90.25" data-start="90.25" aria-label="Play from 00:01:30">00:01:30</a> x</p>`},
		{"<p>01:02:03 x</p>",
			`<p><a class="seek" href="#t=3723.007" data-start="3723.007" aria-label="Play from 01:02:03">01:02:03</a> x</p>`},
		{"<p>123:45:59 big</p>",
			`<p><a class="seek" href="#t=445559" data-start="445559" aria-label="Play from 123:45:59">123:45:59</a> big</p>`},
		{"<p>00:61:00 bad</p>", "<p>00:61:00 bad</p>"},
		{"<p>0:00:10 short</p>", "<p>0:00:10 short</p>"},
		{"<p>00:00:08x</p>", "<p>00:00:08x</p>"},
		{"<p>00:00:08", "<p>00:00:08"},
		{"<p>99999999999999999999:00:00 overflow</p>", "<p>99999999999999999999:00:00 overflow</p>"},
		{"<p>1048577:00:00 over</p>", "<p>1048577:00:00 over</p>"},
		{"<P>00:00:13 upper</p>", "<P>00:00:13 upper</p>"},
		{"<p><p>00:00:07 nested",
			`<p><p><a class="seek" href="#t=7" data-start="7" aria-label="Play from 00:00:07">00:00:07</a> nested`},
		{"<p>00:00:11 <p>00:00:12 twice",
			`<p><a class="seek" href="#t=11" data-start="11" aria-label="Play from 00:00:11">00:00:11</a> ` +
				`<p><a class="seek" href="#t=12" data-start="12" aria-label="Play from 00:00:12">00:00:12</a> twice`},
	} {
		if got := seekLinks(tt.notes, seekChapters); got != tt.want {
			t.Errorf("seekLinks(%q)\n got %q\nwant %q", tt.notes, got, tt.want)
		}
		if got := regexpSeekLinks(tt.notes, seekChapters); got != tt.want {
			t.Errorf("the regular expression gives for %q\n%q\nwant %q", tt.notes, got, tt.want)
		}
	}
}

// FuzzSeekLinks checks the hand scan against the regular expression it
// replaces.
func FuzzSeekLinks(f *testing.F) {
	for _, s := range []string{
		"<p>00:03:49 Performance</p>\n<p>00:01:30 x</p>",
		"<p><p>00:00:07 nested<p>00:00:11 <p>00:00:12 twice",
		"<p>99999999999999999999:00:00 overflow</p><p>1048576:00:00 max</p>",
		"<p>00:61:00 <p>0:00:10 <p>00:00:08x<P>00:00:13 ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, notes string) {
		if got, want := seekLinks(notes, seekChapters), regexpSeekLinks(notes, seekChapters); got != want {
			t.Errorf("seekLinks(%q)\n got %q\nwant %q", notes, got, want)
		}
	})
}
