package transcript

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	_ "github.com/podfeed/podfeed/internal/golden" // the -update flag of go test ./...
)

// ms is a duration in milliseconds, for short tables.
func ms(n int) time.Duration { return time.Duration(n) * time.Millisecond }

// cue is a cue as the tables write it: "start-end speaker|text" in
// milliseconds, with the line left out.
func cueString(c Cue) string {
	return fmt.Sprintf("%d-%d %s|%s", c.Start/time.Millisecond, c.End/time.Millisecond, c.Speaker, c.Text)
}

func TestParse(t *testing.T) {
	tests := []struct {
		name   string
		format Format
		src    string
		want   []string // cueString of each cue
	}{
		{"vtt", VTT, "WEBVTT\n\n00:00.000 --> 00:04.500\n<v Ana>Welcome to the show.\n\n00:04.500 --> 00:09.000\n<v Ben>Thanks for having me.\n",
			[]string{"0-4500 Ana|Welcome to the show.", "4500-9000 Ben|Thanks for having me."}},
		{"vtt header, identifiers, settings, notes and styles", VTT,
			"\uFEFFWEBVTT - a title\nKind: captions\nLanguage: en\n\nSTYLE\n::cue { color: red }\n\nNOTE a note\nover two lines\n\n" +
				"intro\n00:00:01.000 --> 00:00:02.000 align:start position:10%\nHello\n\nNOTE\n\n2\n01:00:00.250 --> 01:00:03.000\nthere",
			[]string{"1000-2000 |Hello", "3600250-3603000 |there"}},
		{"vtt CR LF and CR line ends", VTT, "WEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nOne\r\ntwo\r\r00:02.000 --> 00:03.000\rthree\r",
			[]string{"1000-2000 |One two", "2000-3000 |three"}},
		{"vtt hours of one digit and of three", VTT, "WEBVTT\n\n0:00:01.000 --> 0:00:02.000\na\n\n100:00:00.000 --> 100:00:01.000\nb\n",
			[]string{"1000-2000 |a", "360000000-360001000 |b"}},
		{"vtt without a blank line after the header or between cues", VTT, "WEBVTT\n00:01.000 --> 00:02.000\na\n00:02.000 --> 00:03.000\nb",
			[]string{"1000-2000 |a", "2000-3000 |b"}},
		{"vtt tags, classes, timestamps, ruby and references", VTT,
			"WEBVTT\n\n00:01.000 --> 00:05.000\n<v.loud Esme Smith>It&apos;s <b>bold</b> &amp; <c.yellow>yellow</c> <00:02.000>now <ruby>漢<rt>kan</rt></ruby> &lt;3 &nbsp;x</v>\n",
			[]string{"1000-5000 Esme Smith|It's bold & yellow now 漢 <3 x"}},
		{"vtt voice kept by the next cues", VTT, "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ana>One\n\n00:02.000 --> 00:03.000\ntwo\n\n00:03.000 --> 00:04.000\n<v>three\n",
			[]string{"1000-2000 Ana|One", "2000-3000 |two", "3000-4000 |three"}},
		{"vtt cues of tags alone are dropped", VTT, "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ana>\n\n00:02.000 --> 00:03.000\n<i></i>\n\n00:03.000 --> 00:04.000\nthree\n",
			[]string{"3000-4000 |three"}},
		{"vtt unclosed tag", VTT, "WEBVTT\n\n00:01.000 --> 00:02.000\nsay <b\n", []string{"1000-2000 |say"}},
		{"srt", SRT, "1\n00:00:00,000 --> 00:00:02,760\nSarah: In today's episode,\nyou'll learn\n\n2\n00:00:02,760 --> 00:00:06,090\nwhether you need a trailer.\n\n3\n00:00:06,500 --> 00:00:08,000\nGillian: Hi Sarah.\n\n4\n00:00:08,000 --> 00:00:09,000\nSarah: Hi!\n",
			[]string{"0-2760 Sarah|In today's episode, you'll learn", "2760-6090 |whether you need a trailer.", "6500-8000 Gillian|Hi Sarah.", "8000-9000 Sarah|Hi!"}},
		{"srt one-off label stays text", SRT, "1\n00:00:01,000 --> 00:00:02,000\nNote: this is not a speaker\n\n2\n00:00:02,000 --> 00:00:03,000\nAna: but this is not either\n",
			[]string{"1000-2000 |Note: this is not a speaker", "2000-3000 |Ana: but this is not either"}},
		{"srt full stop, short fraction, no numbers, coordinates, tags", SRT,
			"00:00:01.5 --> 00:00:02.25 X1:10 X2:20\n<i>Hello</i> <font color=\"#fff\">world</font> {\\an8}a<b & c>\n\n7\n00:00:03,000-->00:00:04,000\nx < y\n",
			[]string{"1500-2250 |Hello world a<b & c>", "3000-4000 |x < y"}},
		{"srt missing blank line between cues", SRT, "1\n00:00:01,000 --> 00:00:02,000\nfirst\n2\n00:00:02,000 --> 00:00:03,000\nsecond\n",
			[]string{"1000-2000 |first", "2000-3000 |second"}},
		{"srt numbers as text", SRT, "1\n00:00:01,000 --> 00:00:02,000\n1984\n\n2\n00:00:02,000 --> 00:00:03,000\n42\n",
			[]string{"1000-2000 |1984", "2000-3000 |42"}},
		{"speaker prefix in a vtt without voices", VTT, "WEBVTT\n\n00:01.000 --> 00:02.000\nAna: One.\n\n00:02.000 --> 00:03.000\nAna: Two.\n",
			[]string{"1000-2000 Ana|One.", "2000-3000 Ana|Two."}},
		{"no speaker prefix where voices are", VTT, "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ana>Ben: One.\n\n00:02.000 --> 00:03.000\nBen: Two.\n",
			[]string{"1000-2000 Ana|Ben: One.", "2000-3000 |Ben: Two."}},
		{"zero-length cue", SRT, "1\n00:00:01,000 --> 00:00:01,000\nblip\n", []string{"1000-1000 |blip"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cues, err := Parse(tt.format, []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range cues {
				got = append(got, cueString(c))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("cues\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestParseLines(t *testing.T) {
	cues, err := Parse(VTT, []byte("WEBVTT\n\nNOTE x\n\nid\n00:01.000 --> 00:02.000\na\n\n00:02.000 --> 00:03.000\nb\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(cues) != 2 || cues[0].Line != 6 || cues[1].Line != 9 {
		t.Errorf("cue lines: %+v", cues)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name   string
		format Format
		src    string
		want   []string // each problem as "line: message"
	}{
		{"not webvtt", VTT, "1\n00:00:01,000 --> 00:00:02,000\nhi\n", []string{"line 1: a WebVTT file starts with the line WEBVTT"}},
		{"webvtt glued to text", VTT, "WEBVTTX\n", []string{"line 1: a WebVTT file starts with the line WEBVTT"}},
		{"empty", VTT, "", []string{"line 1: a WebVTT file starts with the line WEBVTT"}},
		{"no cues", VTT, "WEBVTT\n\nNOTE nothing here\n", []string{"line 1: the file has no cues"}},
		{"empty srt", SRT, "\n\n", []string{"line 1: the file has no cues"}},
		{"srt comma in vtt", VTT, "WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nhi\n",
			[]string{`line 3: cannot read the cue's times "00:00:01,000 --> 00:00:02,000"`}},
		{"bad times", VTT, "WEBVTT\n\n00:61.000 --> 00:62.000\na\n\n00:01.00 --> 00:02.000\nb\n\n00:01.000 -> 00:02.000\nc\n\n00:01.000 --> 00:02.000x\nd\n",
			[]string{
				`line 3: cannot read the cue's times "00:61.000 --> 00:62.000"`,
				`line 6: cannot read the cue's times "00:01.00 --> 00:02.000"`,
				`line 9: want a cue's times, got "00:01.000 -> 00:02.000"`,
				`line 12: cannot read the cue's times "00:01.000 --> 00:02.000x"`,
			}},
		{"order", SRT, "1\n00:00:05,000 --> 00:00:04,000\na\n\n2\n00:00:01,000 --> 00:00:02,000\nb\n",
			[]string{
				"line 2: the cue ends at 00:00:04, before it starts (00:00:05)",
				"line 6: the cue starts at 00:00:01, before the cue above it (00:00:05)",
			}},
		{"srt text without times", SRT, "1\n00:00:01,000 --> 00:00:02,000\na\n\nloose text\n", []string{`line 5: want a cue number or a cue's times, got "loose text"`}},
		{"not utf-8", SRT, "1\n00:00:01,000 --> 00:00:02,000\ncaf\xe9\n", []string{"line 3: the file is not UTF-8"}},
		{"past the longest time", VTT, "WEBVTT\n\n999999:00:00.000 --> 999999:00:01.000\na\n",
			[]string{`line 3: the cue's times "999999:00:00.000 --> 999999:00:01.000" are past 1000:00:00`}},
		{"hours with too many digits", SRT, "1\n1000000:00:00,000 --> 1000000:00:01,000\na\n",
			[]string{`line 2: cannot read the cue's times "1000000:00:00,000 --> 1000000:00:01,000"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cues, err := Parse(tt.format, []byte(tt.src))
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("got %d cues and error %v, want problems", len(cues), err)
			}
			if cues != nil {
				t.Errorf("got cues with problems: %v", cues)
			}
			var got []string
			for _, e := range list {
				got = append(got, e.Error())
				if e.Hint == "" && !strings.Contains(e.Msg, "before") {
					t.Errorf("%s: no hint", e)
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("problems\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// A file that is no transcript at all stops at MaxErrors problems.
func TestParseStopsAtMaxErrors(t *testing.T) {
	_, err := Parse(SRT, []byte(strings.Repeat("nonsense\n\n", 100)))
	var list ErrorList
	if !errors.As(err, &list) || len(list) != MaxErrors {
		t.Errorf("got %v, want %d problems", err, MaxErrors)
	}
}

func TestFormatOf(t *testing.T) {
	for mime, want := range map[string]Format{
		"text/vtt": VTT, "text/vtt; charset=utf-8": VTT, "application/x-subrip": SRT, "application/srt": SRT,
		"application/json": 0, "text/html": 0, "text/plain": 0, "": 0,
	} {
		if got := FormatOf(mime); got != want {
			t.Errorf("FormatOf(%q) = %v, want %v", mime, got, want)
		}
	}
}

func TestParagraphs(t *testing.T) {
	c := func(start, end int, speaker, text string) Cue {
		return Cue{Start: ms(start), End: ms(end), Speaker: speaker, Text: text}
	}
	long := strings.Repeat("word ", 90) // 450 bytes
	tests := []struct {
		name string
		cues []Cue
		want string // paragraphs as "speaker:text|text" joined by " / "
	}{
		{"one speaker, no pause", []Cue{c(0, 2000, "Ana", "Hello"), c(2000, 4000, "", "there."), c(4000, 6000, "Ana", "Again")},
			"Ana:Hello|there.|Again"},
		{"turns", []Cue{c(0, 2000, "Ana", "Hi."), c(2000, 4000, "Ben", "Hello."), c(4000, 6000, "", "Yes."), c(6000, 8000, "Ana", "Right.")},
			"Ana:Hi. / Ben:Hello.|Yes. / Ana:Right."},
		{"a pause breaks, and the speaker goes on unnamed", []Cue{c(0, 2000, "Ana", "One"), c(4000, 5000, "", "two")},
			"Ana:One / :two"},
		{"long: after a sentence", []Cue{c(0, 10000, "", "a"), c(10000, 20000, "", "b."), c(20000, 31000, "", "c"), c(31000, 35000, "", "d."), c(35000, 36000, "", "e")},
			":a|b.|c|d. / :e"},
		{"much text: after a sentence", []Cue{c(0, 1000, "", long+"end."), c(1000, 2000, "", "next")},
			":" + strings.TrimSpace(long) + " end. / :next"},
		{"no sentence ends: a hard break", func() []Cue {
			var cs []Cue
			for i := range 12 {
				cs = append(cs, c(i*10000, (i+1)*10000, "", fmt.Sprint(i)))
			}
			return cs
		}(), ":0|1|2|3|4|5|6|7|8 / :9|10|11"},
		{"none", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var paras []string
			for _, p := range Paragraphs(tt.cues) {
				var texts []string
				for _, c := range p.Cues {
					texts = append(texts, c.Text)
				}
				paras = append(paras, p.Speaker+":"+strings.Join(texts, "|"))
			}
			if got := strings.Join(paras, " / "); got != tt.want {
				t.Errorf("paragraphs\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// FuzzParse checks what the page relies on, whatever the file: no panic;
// either problems (at most MaxErrors, each at a line of the file) or cues
// in order, each with text on one line, valid UTF-8, ending no earlier than
// it starts.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"WEBVTT\n\n00:00.000 --> 00:04.500\n<v Ana>Welcome &amp; hi.\n",
		"WEBVTT\n\nNOTE x\n\nid\n01:00:00.000 --> 01:00:01.000 align:start\n<c.x>a</c><ruby>b<rt>c</rt></ruby>\n",
		"1\n00:00:00,000 --> 00:00:02,760\nSarah: In today's episode,\n\n2\n00:00:02,760 --> 00:00:06,090\nSarah: <i>trailer</i> {\\an8}\n",
		"00:00:01.5 --> 00:00:02.25\nx < y\n",
		"WEBVTT\r\n\r\n0:00:01.000 --> 0:00:02.000\r\na\r",
	} {
		f.Add(s, true)
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, src string, vtt bool) {
		format := SRT
		if vtt {
			format = VTT
		}
		cues, err := Parse(format, []byte(src))
		lines := max(1, len(splitLines([]byte(src))))
		if err != nil {
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 || len(list) > MaxErrors || cues != nil {
				t.Fatalf("error %v with %d cues", err, len(cues))
			}
			for _, e := range list {
				if e.Line < 1 || e.Line > lines {
					t.Errorf("problem at line %d of %d: %s", e.Line, lines, e)
				}
			}
			return
		}
		if len(cues) == 0 {
			t.Fatal("no cues and no problem")
		}
		for i, c := range cues {
			if c.Text == "" || strings.ContainsAny(c.Text, "\n\r\t") || c.Text != strings.TrimSpace(c.Text) || !utf8.ValidString(c.Text) || !utf8.ValidString(c.Speaker) {
				t.Errorf("cue %d: text %q, speaker %q", i, c.Text, c.Speaker)
			}
			if c.End < c.Start || c.Start < 0 {
				t.Errorf("cue %d: %v to %v", i, c.Start, c.End)
			}
			if i > 0 && (c.Start < cues[i-1].Start || c.Line <= cues[i-1].Line) {
				t.Errorf("cue %d out of order", i)
			}
			if c.Line < 1 || c.Line > lines {
				t.Errorf("cue %d at line %d of %d", i, c.Line, lines)
			}
		}
		n := 0
		for _, p := range Paragraphs(cues) {
			if len(p.Cues) == 0 {
				t.Fatal("an empty paragraph")
			}
			n += len(p.Cues)
		}
		if n != len(cues) {
			t.Errorf("the paragraphs hold %d cues of %d", n, len(cues))
		}
	})
}

// Text full of "<" and "{\" without an end reads in linear time.
func TestParseUnclosedTagsLinear(t *testing.T) {
	for _, format := range []Format{VTT, SRT} {
		head := "WEBVTT\n\n00:01.000 --> 00:02.000\n"
		if format == SRT {
			head = "1\n00:00:01,000 --> 00:00:02,000\n"
		}
		src := head + "a " + strings.Repeat("<{\\", 1<<20)
		start := time.Now()
		if _, err := Parse(format, []byte(src)); err != nil {
			t.Fatal(err)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%v: %v for 3 MB of unclosed tags", format, d)
		}
	}
}
