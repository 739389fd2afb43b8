// Package transcript reads the timed transcripts podcasts publish, WebVTT
// (text/vtt) and SubRip (application/x-subrip, .srt), into cues: when each
// piece of text is said, by whom, as plain text. It is what lets an episode
// page show the transcript beside the player, each cue a place to seek to.
//
// The reading follows the WebVTT parsing rules where they matter for a
// transcript (timestamps, blocks, NOTE, STYLE and REGION blocks, cue text
// tags and character references) and the common practice of SRT files
// (a cue number, times with a comma or a full stop, formatting tags).
// Speakers come from WebVTT voice tags (<v Name>), which the podcast
// namespace's transcript guide puts at the start of a cue when the speaker
// changes; a file without voice tags may name them the SRT way, "Name: "
// at the start of a cue, which is taken as a speaker when the same name
// starts at least two cues.
//
// It reports every problem (up to [MaxErrors]) with its line, as an
// [ErrorList]; a file that reads with problems yields no cues.
package transcript

import (
	"fmt"
	"html"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/podfeed/podfeed/internal/timecode"
)

// Cue is one timed piece of a transcript.
type Cue struct {
	Start, End time.Duration
	// Speaker names who says it, when the file says; "" when it does not
	// (a WebVTT cue without a voice tag is said by the speaker before it).
	Speaker string
	Text    string // plain text on one line: tags removed, references decoded
	Line    int    // the line of the cue's times in the file, from 1
}

// Format is a timed transcript format.
type Format int

// The formats Parse reads.
const (
	VTT Format = iota + 1 // WebVTT
	SRT                   // SubRip
)

func (f Format) String() string {
	switch f {
	case VTT:
		return "WebVTT"
	case SRT:
		return "SRT"
	}
	return "Format(" + strconv.Itoa(int(f)) + ")"
}

// FormatOf returns the format of a transcript's MIME type, as
// podcast:transcript names it; 0 for a type without times (JSON, HTML,
// plain text).
func FormatOf(mime string) Format {
	mime, _, _ = strings.Cut(mime, ";")
	switch strings.ToLower(strings.TrimSpace(mime)) {
	case "text/vtt":
		return VTT
	case "application/x-subrip", "application/srt":
		return SRT
	}
	return 0
}

// Error is a problem at a line of a transcript file.
type Error struct {
	Line int // from 1
	Msg  string
	Hint string // what to do about it; "" when the message says
}

func (e *Error) Error() string { return "line " + strconv.Itoa(e.Line) + ": " + e.Msg }

// ErrorList is every problem Parse found, in the order of the file.
type ErrorList []*Error

func (l ErrorList) Error() string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "; ")
}

// MaxErrors is how many problems Parse reports before it stops reading: a
// file that is not a transcript at all has one on every line.
const MaxErrors = 10

// Parse reads a transcript in format f. It returns its cues in the order of
// the file, or an [ErrorList].
func Parse(f Format, src []byte) ([]Cue, error) {
	p := &parser{lines: splitLines(src)}
	switch f {
	case VTT:
		p.vtt()
	case SRT:
		p.srt()
	default:
		return nil, fmt.Errorf("transcript: cannot read %v", f)
	}
	if len(p.errs) == 0 && len(p.cues) == 0 {
		p.errorf(1, "the file has no cues", "write each cue as its times (00:00:01.000 --> 00:00:04.000) and its text on the lines below")
	}
	if len(p.errs) > 0 {
		return nil, p.errs
	}
	speakersFromPrefixes(p.cues)
	return p.cues, nil
}

type parser struct {
	lines []string
	cues  []Cue
	errs  ErrorList
}

// errorf records a problem at line (from 1); it reports whether the parser
// should go on.
func (p *parser) errorf(line int, msg, hint string) bool {
	if len(p.errs) < MaxErrors {
		p.errs = append(p.errs, &Error{Line: line, Msg: msg, Hint: hint})
	}
	return len(p.errs) < MaxErrors
}

// splitLines splits src at CR LF, CR and LF, after a UTF-8 byte order
// mark. A line that is not UTF-8 keeps its bytes; the parsers report it.
func splitLines(src []byte) []string {
	s := strings.TrimPrefix(string(src), "\uFEFF")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

func blank(line string) bool { return strings.TrimSpace(line) == "" }

// skipBlock returns the index of the first blank line at or after i.
func (p *parser) skipBlock(i int) int {
	for i < len(p.lines) && !blank(p.lines[i]) {
		i++
	}
	return i
}

// checkUTF8 reports the first line that is not UTF-8.
func (p *parser) checkUTF8() bool {
	for i, l := range p.lines {
		if !utf8.ValidString(l) {
			p.errorf(i+1, "the file is not UTF-8", "save it again as UTF-8 (Unicode) text")
			return false
		}
	}
	return true
}

// vtt reads a WebVTT file.
func (p *parser) vtt() {
	if !p.checkUTF8() {
		return
	}
	if len(p.lines) == 0 || !isWebVTTSignature(p.lines[0]) {
		p.errorf(1, "a WebVTT file starts with the line WEBVTT", "make WEBVTT the first line, or set the transcript's type if it is not WebVTT")
		return
	}
	// The header: lines up to the first blank one, unless a cue's times
	// come first (a file that leaves out the blank line).
	i := 1
	for i < len(p.lines) && !blank(p.lines[i]) && !strings.Contains(p.lines[i], "-->") {
		i++
	}
	for i < len(p.lines) {
		line := p.lines[i]
		if blank(line) {
			i++
			continue
		}
		if len(p.cues) == 0 && (isBlockKeyword(line, "STYLE") || isBlockKeyword(line, "REGION")) || isBlockKeyword(line, "NOTE") {
			i = p.skipBlock(i)
			continue
		}
		timing := i
		if !strings.Contains(line, "-->") {
			// An identifier, then the times.
			if i+1 < len(p.lines) && strings.Contains(p.lines[i+1], "-->") {
				timing = i + 1
			} else {
				if !p.errorf(i+1, fmt.Sprintf("want a cue's times, got %q", clip(line)), "write a cue as an optional name, a line of times (00:01:02.000 --> 00:01:05.500) and its text, with a blank line between cues") {
					return
				}
				i = p.skipBlock(i)
				continue
			}
		}
		start, end, err := cueTimes(p.lines[timing], parseVTTTime)
		if err != "" {
			if !p.errorf(timing+1, err, "WebVTT times read [hh:]mm:ss.ttt, such as 01:02.500 or 1:01:02.500") {
				return
			}
			i = p.skipBlock(timing)
			continue
		}
		// The text: up to a blank line, or a line of times, which starts
		// the next cue.
		i = timing + 1
		from := i
		for i < len(p.lines) && !blank(p.lines[i]) && !strings.Contains(p.lines[i], "-->") {
			i++
		}
		speaker, text := vttText(p.lines[from:i])
		if !p.add(Cue{Start: start, End: end, Speaker: speaker, Text: text, Line: timing + 1}) {
			return
		}
	}
}

// isWebVTTSignature reports whether line is the first line of a WebVTT
// file: WEBVTT, alone or followed by a space or tab and any text.
func isWebVTTSignature(line string) bool {
	rest, ok := strings.CutPrefix(line, "WEBVTT")
	return ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t')
}

// isBlockKeyword reports whether line starts a WebVTT block named word
// (NOTE, STYLE, REGION): the word alone or followed by a space or tab.
func isBlockKeyword(line, word string) bool {
	rest, ok := strings.CutPrefix(line, word)
	return ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t') && !strings.Contains(line, "-->")
}

// srt reads a SubRip file.
func (p *parser) srt() {
	if !p.checkUTF8() {
		return
	}
	i := 0
	for i < len(p.lines) {
		line := p.lines[i]
		if blank(line) {
			i++
			continue
		}
		timing := i
		if !strings.Contains(line, "-->") {
			if isCueNumber(line) && i+1 < len(p.lines) && strings.Contains(p.lines[i+1], "-->") {
				timing = i + 1
			} else {
				if !p.errorf(i+1, fmt.Sprintf("want a cue number or a cue's times, got %q", clip(line)), "write each cue as its number, a line of times (00:01:02,000 --> 00:01:05,500) and its text, with a blank line between cues") {
					return
				}
				i = p.skipBlock(i)
				continue
			}
		}
		start, end, err := cueTimes(p.lines[timing], parseSRTTime)
		if err != "" {
			if !p.errorf(timing+1, err, "SRT times read hh:mm:ss,mmm, such as 00:01:02,500") {
				return
			}
			i = p.skipBlock(timing)
			continue
		}
		// The text: up to a blank line, or the next cue's number and
		// times when the blank line between them is missing.
		i = timing + 1
		from := i
		for i < len(p.lines) && !blank(p.lines[i]) && !strings.Contains(p.lines[i], "-->") &&
			!(isCueNumber(p.lines[i]) && i+1 < len(p.lines) && strings.Contains(p.lines[i+1], "-->")) {
			i++
		}
		if !p.add(Cue{Start: start, End: end, Text: srtText(p.lines[from:i]), Line: timing + 1}) {
			return
		}
	}
}

// isCueNumber reports whether line is an SRT cue's number.
func isCueNumber(line string) bool {
	line = strings.TrimSpace(line)
	return line != "" && strings.Trim(line, "0123456789") == ""
}

// add checks a cue against the one before it and keeps it when it has
// text: a cue of tags alone says nothing to read. It reports whether the parser should go on.
func (p *parser) add(c Cue) bool {
	ok := true
	if c.End < c.Start {
		ok = p.errorf(c.Line, fmt.Sprintf("the cue ends at %s, before it starts (%s)", clock(c.End), clock(c.Start)), "")
	}
	if n := len(p.cues); n > 0 && c.Start < p.cues[n-1].Start {
		ok = p.errorf(c.Line, fmt.Sprintf("the cue starts at %s, before the cue above it (%s)", clock(c.Start), clock(p.cues[n-1].Start)),
			"put the cues in the order they are said")
	}
	if c.Text != "" {
		p.cues = append(p.cues, c)
	}
	return ok
}

// clip shortens a line for a message.
func clip(s string) string {
	s = strings.TrimSpace(s)
	if len(s) <= 40 {
		return s
	}
	cut := 40
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func clock(d time.Duration) string { return timecode.Format(d, timecode.Clock) }

// cueTimes reads a line of cue times, "start --> end" and any settings
// after them, with parse reading each time. It returns a message when the
// line does not read.
func cueTimes(line string, parse func(string) (time.Duration, string, bool)) (start, end time.Duration, msg string) {
	bad := fmt.Sprintf("cannot read the cue's times %q", clip(line))
	s := strings.TrimLeft(line, " \t")
	start, s, ok := parse(s)
	if !ok {
		return 0, 0, bad
	}
	s = strings.TrimLeft(s, " \t")
	s, ok = strings.CutPrefix(s, "-->")
	if !ok {
		return 0, 0, bad
	}
	s = strings.TrimLeft(s, " \t")
	end, s, ok = parse(s)
	if !ok || (s != "" && s[0] != ' ' && s[0] != '\t') {
		return 0, 0, bad
	}
	if start > timecode.Max || end > timecode.Max {
		return 0, 0, fmt.Sprintf("the cue's times %q are past %s", clip(line), clock(timecode.Max))
	}
	return start, end, ""
}

// digits returns the run of ASCII digits that s starts with.
func digits(s string) string {
	i := 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	return s[:i]
}

// maxHourDigits bounds the hours a time may have, far past timecode.Max,
// so that reading them cannot overflow.
const maxHourDigits = 6

// parseVTTTime reads a WebVTT timestamp at the start of s, as the WebVTT
// parser does: [hh:]mm:ss.ttt, where hours have any number of digits and
// are required when the first number has other than two digits or is over
// 59. It returns the rest of s.
func parseVTTTime(s string) (time.Duration, string, bool) {
	first := digits(s)
	if first == "" || len(first) > maxHourDigits {
		return 0, s, false
	}
	s = s[len(first):]
	v1, _ := strconv.Atoi(first)
	hours := len(first) != 2 || v1 > 59
	s, ok := strings.CutPrefix(s, ":")
	second := digits(s)
	if !ok || len(second) != 2 {
		return 0, s, false
	}
	s = s[2:]
	v2, _ := strconv.Atoi(second)
	h, m, sec := 0, v1, v2
	if hours || strings.HasPrefix(s, ":") {
		s, ok = strings.CutPrefix(s, ":")
		third := digits(s)
		if !ok || len(third) != 2 {
			return 0, s, false
		}
		s = s[2:]
		v3, _ := strconv.Atoi(third)
		h, m, sec = v1, v2, v3
	}
	s, ok = strings.CutPrefix(s, ".")
	frac := digits(s)
	if !ok || len(frac) != 3 || m > 59 || sec > 59 {
		return 0, s, false
	}
	ms, _ := strconv.Atoi(frac)
	return duration(h, m, sec, ms), s[3:], true
}

// parseSRTTime reads an SRT time at the start of s: hh:mm:ss,mmm, as SRT
// files write it, also with a full stop, fewer digits of hours, or fewer
// of milliseconds.
func parseSRTTime(s string) (time.Duration, string, bool) {
	var v [3]int
	for k := range v {
		n := digits(s)
		if n == "" || len(n) > maxHourDigits || (k > 0 && len(n) > 2) {
			return 0, s, false
		}
		v[k], _ = strconv.Atoi(n)
		s = s[len(n):]
		if k < 2 {
			var ok bool
			if s, ok = strings.CutPrefix(s, ":"); !ok {
				return 0, s, false
			}
		}
	}
	if len(s) == 0 || (s[0] != ',' && s[0] != '.') {
		return 0, s, false
	}
	s = s[1:]
	frac := digits(s)
	if frac == "" || len(frac) > 3 || v[1] > 59 || v[2] > 59 {
		return 0, s, false
	}
	ms, _ := strconv.Atoi((frac + "00")[:3])
	return duration(v[0], v[1], v[2], ms), s[len(frac):], true
}

func duration(h, m, s, ms int) time.Duration {
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(s)*time.Second + time.Duration(ms)*time.Millisecond
}

// vttText reads a WebVTT cue's text lines: the first voice tag's name is
// the speaker; other tags are dropped (and ruby text with them), character
// references decoded, and the lines joined with spaces.
func vttText(lines []string) (speaker, text string) {
	var b strings.Builder
	s := strings.Join(lines, "\n")
	inRT := 0
	for s != "" {
		lt := strings.IndexByte(s, '<')
		if lt < 0 {
			lt = len(s)
		}
		if inRT == 0 {
			b.WriteString(html.UnescapeString(s[:lt]))
		}
		s = s[lt:]
		if s == "" {
			break
		}
		// A tag runs to ">", or to the end of the text.
		tag := s[1:]
		if gt := strings.IndexByte(s, '>'); gt >= 0 {
			tag, s = s[1:gt], s[gt+1:]
		} else {
			s = ""
		}
		name, annotation, _ := strings.Cut(strings.ReplaceAll(tag, "\t", " "), " ")
		name, _, _ = strings.Cut(name, ".") // classes: <v.loud Esme>
		switch name {
		case "v":
			if speaker == "" {
				speaker = oneLine(html.UnescapeString(annotation))
			}
		case "rt":
			inRT++
		case "/rt":
			inRT = max(0, inRT-1)
		}
	}
	return speaker, oneLine(b.String())
}

// srtText reads an SRT cue's text lines: the formatting tags SRT files use
// (<b>, <i>, <u>, <s>, <font …>) and ASS-style overrides ({\an8}) are
// dropped; any other text, "<" and "&" included, is kept as it is.
func srtText(lines []string) string {
	s := strings.Join(lines, "\n")
	var b strings.Builder
	for s != "" {
		i := strings.IndexAny(s, "<{")
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		s = s[i:]
		if n := formattingTag(s); n > 0 {
			s = s[n:]
			continue
		}
		b.WriteByte(s[0])
		s = s[1:]
	}
	return oneLine(b.String())
}

// maxTagBytes is the longest SRT formatting tag srtText drops.
const maxTagBytes = 128

// formattingTag returns the length of the SRT formatting tag s starts
// with, or 0.
func formattingTag(s string) int {
	// Tags are short: looking no further keeps a line of "<" linear.
	s = s[:min(len(s), maxTagBytes)]
	if strings.HasPrefix(s, `{\`) {
		if end := strings.IndexByte(s, '}'); end > 0 {
			return end + 1
		}
		return 0
	}
	end := strings.IndexByte(s, '>')
	if end < 0 {
		return 0
	}
	tag := strings.ToLower(strings.TrimPrefix(s[1:end], "/"))
	switch name, attrs, _ := strings.Cut(tag, " "); {
	case name == "font", attrs == "" && (name == "b" || name == "i" || name == "u" || name == "s"):
		return end + 1
	}
	return 0
}

// oneLine collapses white space, line breaks included, to single spaces,
// and drops control characters.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return ' '
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// maxSpeakerBytes is the longest "Name: " prefix taken as a speaker.
const maxSpeakerBytes = 32

// speakersFromPrefixes names the speakers of a transcript without voice
// tags from the "Name: " its cues start with, the SRT way. The file names
// its speakers so when a name starts at least two cues: then every such
// name is taken as a speaker and cut from the text. In a file where none
// does, a single "Note: …" is left in the text.
func speakersFromPrefixes(cues []Cue) {
	for _, c := range cues {
		if c.Speaker != "" {
			return
		}
	}
	count := map[string]int{}
	for _, c := range cues {
		if name, _, ok := speakerPrefix(c.Text); ok {
			count[name]++
		}
	}
	named := false
	for _, n := range count {
		named = named || n >= 2
	}
	if !named {
		return
	}
	for i := range cues {
		if name, rest, ok := speakerPrefix(cues[i].Text); ok {
			cues[i].Speaker, cues[i].Text = name, rest
		}
	}
}

// speakerPrefix reads "Name: text": a name of one to three words that
// starts with a capital letter and holds letters, digits and . ' - _.
func speakerPrefix(text string) (name, rest string, ok bool) {
	i := strings.Index(text, ": ")
	if i <= 0 || i > maxSpeakerBytes {
		return "", "", false
	}
	name = text[:i]
	if words := strings.Fields(name); len(words) > 3 || strings.Join(words, " ") != name {
		return "", "", false
	}
	first, _ := utf8.DecodeRuneInString(name)
	if !unicode.IsUpper(first) {
		return "", "", false
	}
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(" .'’-_", r) {
			return "", "", false
		}
	}
	return name, strings.TrimSpace(text[i+2:]), true
}
