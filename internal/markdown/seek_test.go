package markdown

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

// seekText matches a seek link, keeping its text.
var seekText = regexp.MustCompile(`<a class="seek" href="#t=[0-9.]+" data-start="[0-9.]+" aria-label="Play from [0-9:]+">([0-9:]+)</a>`)

var seekChapters = []time.Duration{
	0,
	90*time.Second + 250*time.Millisecond,
	229 * time.Second,
	time.Hour + 2*time.Minute + 3*time.Second + 7*time.Millisecond,
}

func seekP(clock, start, rest string) string {
	return `<p><a class="seek" href="#t=` + start + `" data-start="` + start + `" aria-label="Play from ` + clock + `">` + clock + `</a>` + rest + `</p>`
}

func TestRenderPageTimeMarks(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"", ""},
		{"no times", "<p>no times</p>"},
		{"00:03:49 Performance", seekP("00:03:49", "229", " Performance")},
		{"00:01:30 x", seekP("00:01:30", "90.25", " x")},
		{"01:02:03 x", seekP("01:02:03", "3723.007", " x")},
		{"123:45:59 big", seekP("123:45:59", "445559", " big")},
		{"Intro\n\n00:00:11 one\n\n00:00:12 *two*", "<p>Intro</p>\n" + seekP("00:00:11", "11", " one") + "\n" + seekP("00:00:12", "12", " <em>two</em>")},
		{"> 00:00:07 quoted", "<blockquote>\n" + seekP("00:00:07", "7", " quoted") + "\n</blockquote>"},
		{"00:00:07 https://a.example/", seekP("00:00:07", "7", ` <a href="https://a.example/">https://a.example/</a>`)},
		{"00:61:00 bad", "<p>00:61:00 bad</p>"},
		{"0:00:10 short", "<p>0:00:10 short</p>"},
		{"00:00:08x", "<p>00:00:08x</p>"},
		{"00:00:08", "<p>00:00:08</p>"},
		{"00:00:08\tTab", "<p>00:00:08\tTab</p>"},
		{"00:01:40  \nbroken", "<p>00:01:40<br>\nbroken</p>"},
		{"00:01:40 \nsoft", "<p>00:01:40\nsoft</p>"},
		{"99999999999999999999:00:00 overflow", "<p>99999999999999999999:00:00 overflow</p>"},
		{"1048577:00:00 over", "<p>1048577:00:00 over</p>"},
		{"**00:00:13** bold", "<p><strong>00:00:13</strong> bold</p>"},
		{"Text 00:00:14 inside", "<p>Text 00:00:14 inside</p>"},
		{"- 00:00:15 tight list", "<ul>\n<li>00:00:15 tight list</li>\n</ul>"},
		{"## 00:00:16 heading", "<h3>00:00:16 heading</h3>"},
		{`<a class="seek" data-start="1" onclick="x" href="javascript:y">forged</a>`, `<p><a class="seek" data-start="1">forged</a></p>`},
	} {
		got, err := New().RenderPage(tt.src, seekChapters)
		if err != nil {
			t.Fatal(err)
		}
		if got != tt.want {
			t.Errorf("RenderPage(%q)\n got %q\nwant %q", tt.src, got, tt.want)
		}
	}
}

// FuzzRenderPage checks that a page's summary is the full form's with
// nothing but seek links added.
func FuzzRenderPage(f *testing.F) {
	for _, s := range []string{"00:03:49 Performance\n\n00:01:30 x", "> 00:00:07 q\n\n- a\n\n  00:00:08 loose", "**00:00:13** b"} {
		f.Add(s)
	}
	r := New()
	f.Fuzz(func(t *testing.T, src string) {
		full, err := r.Render(src)
		if err != nil {
			return
		}
		page, err := r.RenderPage(src, seekChapters)
		if err != nil {
			t.Fatalf("Render succeeds, RenderPage fails: %v", err)
		}
		if n := strings.Count(page, `<a class="seek"`); n > strings.Count(page, "<p>") {
			t.Errorf("%d seek links in %d paragraphs", n, strings.Count(page, "<p>"))
		}
		if got := seekText.ReplaceAllString(page, "$1"); got != full {
			t.Errorf("without its seek links the page differs:\n page %q\n full %q", page, full)
		}
	})
}
