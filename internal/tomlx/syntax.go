package tomlx

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/podfeed/podfeed/internal/diag"
)

// maxControlProblems is how many lines with control characters one file
// reports before the rest are summed up in a single problem.
const maxControlProblems = 10

// controlNames names the control characters people paste by accident.
var controlNames = map[rune]string{
	0x00: "null", 0x07: "bell", 0x08: "backspace", 0x0b: "vertical tab",
	0x0c: "form feed", 0x0d: "carriage return", 0x1b: "escape", 0x7f: "delete",
}

// isTOMLControl reports whether the rune at src[i] is a control character a
// TOML file may not contain: any of U+0000–U+001F but tab and line feed,
// except a carriage return that ends a line, and U+007F.
func isTOMLControl(src []byte, i int) bool {
	switch c := src[i]; {
	case c == '\t' || c == '\n':
		return false
	case c == '\r':
		return i+1 >= len(src) || src[i+1] != '\n'
	default:
		return c < 0x20 || c == 0x7f
	}
}

// controlChars records a problem for the first control character of each
// line that holds one (BurntSushi/toml reports only the first of the file),
// and reports whether there was any. A file full of NUL bytes is UTF-16 and
// gets one problem saying so.
func controlChars(file string, src []byte, probs *diag.List) bool {
	if n := bytes.Count(src, []byte{0}); n > 0 && n >= len(src)/4 {
		line, col := offsetPos(src, bytes.IndexByte(src, 0))
		probs.Add(diag.Pos{File: file, Line: line, Col: col}, "file is not UTF-8 text: it is full of NUL bytes, as UTF-16 files are").
			WithHint("save the file as UTF-8")
		return true
	}
	found := 0
	for i := 0; i < len(src); i++ {
		if !isTOMLControl(src, i) {
			continue
		}
		r := rune(src[i])
		line, col := offsetPos(src, i)
		// The rest of the line is not looked at: one problem a line, and
		// positions worked out a bounded number of times, however many
		// control characters a long line holds.
		if end := bytes.IndexByte(src[i:], '\n'); end >= 0 {
			i += end
		} else {
			i = len(src)
		}
		found++
		if found > maxControlProblems {
			probs.Add(diag.Pos{File: file, Line: line, Col: col}, "more lines with invisible control characters follow").
				WithHint("delete them, or copy the text again through a plain text editor")
			return true
		}
		what := fmt.Sprintf("U+%04X", r)
		if name, ok := controlNames[r]; ok {
			what += " (" + name + ")"
		}
		p := probs.Add(diag.Pos{File: file, Line: line, Col: col}, "invisible control character %s: TOML files cannot contain control characters", what)
		if r == '\r' {
			p.WithHint(`delete it, or save the file with Windows (CRLF) or Unix (LF) line endings`)
		} else {
			p.WithHint("delete the invisible character (often pasted from a word processor); the caret points at it")
		}
	}
	return found > 0
}

// syntaxError records pe, a TOML syntax error in src, with its column
// counted in characters like every other column, its message in the voice
// of the rest (lower case, no final period), and a hint where the mistake
// is a common one.
func syntaxError(file string, src []byte, pe toml.ParseError, probs *diag.List) {
	starts := diag.LineStarts(src)
	line, col := runePos(src, starts, pe.Position.Line, pe.Position.Col)
	p := probs.Add(diag.Pos{File: file, Line: line, Col: col}, "%s", sentence(pe.Message))
	text := []rune(string(lineText(src, starts, line))) // the line of the error
	switch {
	case strings.HasPrefix(pe.Message, "invalid escape") || strings.Contains(pe.Message, `hexadecimal digits after '\`):
		// A Windows path or a stray backslash: point at the backslash.
		if i := strings.Index(pe.Message, `'\`); i >= 0 && i+2 < len(pe.Message) {
			c, _ := utf8.DecodeRuneInString(pe.Message[i+2:])
			for j := max(col-1, 0); j+1 < len(text); j++ {
				if text[j] == '\\' && text[j+1] == c {
					p.Pos.Col = j + 1
					break
				}
			}
		}
		p.WithHint(`a \ in "…" text starts an escape such as \n or \": write \\ for a backslash itself (C:\\Users), or put the text between single quotes '…', which keep every backslash`)
	case strings.HasPrefix(pe.Message, `unexpected EOF; expected '"""'`) || strings.HasPrefix(pe.Message, `unexpected EOF; expected "'''"`):
		delim := `"""`
		if strings.Contains(pe.Message, "'''") {
			delim = "'''"
		}
		// The text runs to the end of the file: it starts at the last
		// delimiter.
		if at := bytes.LastIndex(src, []byte(delim)); at >= 0 {
			p.Pos.Line, p.Pos.Col = offsetPos(src, at)
			p.Msg = "text opened with " + delim + " here is never closed"
		}
		p.WithHint("end the text with %s after its last line", delim)
	case strings.ContainsAny(pe.Message, "“”„‘’«»"):
		p.WithHint(`use straight quotes "…" around text: word processors curl them into “…”, which TOML does not take for quotes`)
	case strings.HasPrefix(pe.Message, "expected") && col >= 2 && col-1 < len(text) && text[col-2] == '"' &&
		(unicode.IsLetter(text[col-1]) || unicode.IsDigit(text[col-1])):
		// Text straight after a closing quote: the quote was meant inside.
		p.WithHint(`a " inside text ends it: write \" for a quote inside the text, or put the text between triple quotes """…"""`)
	case strings.HasPrefix(pe.Message, "invalid datetime: "):
		v, err := strconv.Unquote(strings.TrimPrefix(pe.Message, "invalid datetime: "))
		if err != nil {
			v = strings.TrimPrefix(pe.Message, "invalid datetime: ")
		}
		p.Msg = fmt.Sprintf("invalid date-time %q", v)
		if why := DateReason(v); why != "" {
			p.Msg += ": " + why
		}
		p.WithHint("%s", DateTimeHint)
	case strings.HasPrefix(pe.Message, "Key '") && strings.HasSuffix(pe.Message, "' has already been defined."):
		key := strings.TrimSuffix(strings.TrimPrefix(pe.Message, "Key '"), "' has already been defined.")
		duplicateKey(file, src, starts, line, key, text, p)
	}
}

// DateTimeHint says how to write a date-time, for every problem with one.
const DateTimeHint = "write it as 2025-02-04T09:00:00Z, or with an offset such as 2025-02-04T10:00:00+01:00"

var (
	shortDatePart = regexp.MustCompile(`^\d{4}-(\d{1,2})-(\d{1,2})`)
	offsetNoColon = regexp.MustCompile(`[+-]\d{4}$`)
)

// DateReason says what is wrong with s, a date-time that did not parse,
// when it can tell: a date that does not exist, a one-digit month or day,
// an offset without its colon. Otherwise it returns "".
func DateReason(s string) string {
	if m := shortDatePart.FindStringSubmatch(s); m != nil && (len(m[1]) < 2 || len(m[2]) < 2) {
		return "month and day take two digits each, as in 2026-01-05"
	}
	if offsetNoColon.MatchString(s) {
		return "the offset takes a colon, as in +01:00"
	}
	if len(s) < 10 {
		return ""
	}
	year, errY := strconv.Atoi(s[0:4])
	month, errM := strconv.Atoi(s[5:7])
	day, errD := strconv.Atoi(s[8:10])
	if errY != nil || errM != nil || errD != nil {
		return ""
	}
	if month < 1 || month > 12 {
		return fmt.Sprintf("there is no month %d", month)
	}
	// Day 0 of the next month is the last day of this one.
	if last := time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day(); day < 1 || day > last {
		return fmt.Sprintf("%s %d has %d days", time.Month(month), year, last)
	}
	return ""
}

// duplicateKey explains BurntSushi/toml's "key has already been defined"
// (key is its dotted path without array indices, line the line of the
// second definition, text that line, starts the lines' offsets in src):
// where the first one is, and the two
// usual causes, [chapters] written for [[chapters]] and a line added at the
// bottom of the file, which lands in the last table.
func duplicateKey(file string, src []byte, starts []int, line int, key string, text []rune, p *diag.Problem) {
	end := len(src) // where the line of the second definition starts
	if line < 1 {
		end = 0
	} else if line <= len(starts) {
		end = starts[line-1]
	}
	before := src[:end]
	locs := locate(file, before)
	var first, table diag.Pos
	for path, pos := range locs {
		isHeader := pos.Line >= 1 && pos.Line <= len(starts) && headerAt(src[starts[pos.Line-1]:])
		if isHeader && pos.Line > table.Line {
			table, table.Key = pos, path
		}
		if stripIndices(path) == key && pos.Line > first.Line {
			first, first.Key = pos, path
		}
	}
	if first.Line == 0 {
		p.WithHint("set each key once: delete one of the two")
		return
	}
	p.Msg = fmt.Sprintf("key '%s' has already been defined at line %d", key, first.Line)
	trimmed := strings.TrimSpace(string(text))
	// BurntSushi/toml points somewhere on the line; the key is where it
	// starts.
	p.Pos.Col = 1 + utf8.RuneCountInString(string(text)) - utf8.RuneCountInString(strings.TrimLeft(string(text), " \t"))
	switch {
	case strings.HasPrefix(trimmed, "[") && !strings.HasPrefix(trimmed, "[[") && strings.HasSuffix(first.Key, "]"):
		p.WithHint("write [[%s]] with two brackets: each of its entries starts with its own [[%s]] line", key, key)
	case table.Line > 0 && strings.Contains(first.Key, ".") && !strings.HasPrefix(trimmed, "["):
		fix := "if it is meant for the whole file, move it above the first [...] line, otherwise delete one of the two"
		if root, ok := locs[key[strings.LastIndexByte(key, '.')+1:]]; ok && root.Line > 0 {
			fix = fmt.Sprintf("the whole file sets it already at line %d: change that line, or delete this one", root.Line)
		}
		p.WithHint("this line is in the %s table that starts at line %d (every key below a [...] line belongs to it); %s",
			headerText(table.Key), table.Line, fix)
	default:
		p.WithHint("set each key once: delete one of the two")
	}
}

// headerAt reports whether line, the text from a line's start on, is a
// table header: its first character is '['.
func headerAt(line []byte) bool {
	rest := bytes.TrimLeft(line, " \t")
	return len(rest) > 0 && rest[0] == '['
}

// stripIndices removes the array indices of a located path:
// "chapters[1].title" becomes "chapters.title".
func stripIndices(path string) string {
	var b strings.Builder
	depth := 0
	for _, r := range path {
		switch {
		case r == '[':
			depth++
		case r == ']':
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// headerText is the header line of a table path: "[audio]" for "audio",
// "[[chapters]]" for "chapters[1]".
func headerText(path string) string {
	if strings.HasSuffix(path, "]") {
		return "[[" + stripIndices(path) + "]]"
	}
	return "[" + stripIndices(path) + "]"
}

// runePos turns a position BurntSushi/toml reports (column in bytes) into
// one whose column counts characters, as the key locator and [diag.Excerpt]
// do, and keeps it inside src: BurntSushi/toml sometimes reports a column
// measured on an earlier line.
func runePos(src []byte, starts []int, line, byteCol int) (int, int) {
	if line < 1 || line > len(starts) {
		return min(max(line, 0), len(starts)), 0
	}
	l := lineText(src, starts, line)
	if byteCol < 1 {
		return line, byteCol
	}
	return line, 1 + utf8.RuneCount(l[:min(byteCol-1, len(l))])
}

// lineText returns line n (from 1) of src without its line feed, given the
// offsets of src's lines ([diag.LineStarts]); nil when there is no line n.
func lineText(src []byte, starts []int, n int) []byte {
	if n < 1 || n > len(starts) {
		return nil
	}
	end := len(src)
	if n < len(starts) {
		end = starts[n] - 1
	}
	return src[starts[n-1]:end]
}

// sentence puts a decoder message in podfeed's voice: no final period, and
// the first letter in lower case unless the first word is an acronym
// ("TOML files …", "UTF-8 …") that must keep its capitals.
func sentence(s string) string {
	s = strings.TrimSuffix(strings.TrimSpace(s), ".")
	first, rest := utf8.DecodeRuneInString(s)
	if first == utf8.RuneError || !unicode.IsUpper(first) {
		return s
	}
	if second, _ := utf8.DecodeRuneInString(s[rest:]); unicode.IsUpper(second) || unicode.IsDigit(second) || second == '-' {
		return s
	}
	return string(unicode.ToLower(first)) + s[rest:]
}
