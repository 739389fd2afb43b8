package tomlx

import (
	"bytes"
	"fmt"
	"strings"
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
	found, lastLine := 0, 0
	for i := 0; i < len(src); i++ {
		if !isTOMLControl(src, i) {
			continue
		}
		line, col := offsetPos(src, i)
		if line == lastLine {
			continue
		}
		lastLine = line
		found++
		if found > maxControlProblems {
			probs.Add(diag.Pos{File: file, Line: line, Col: col}, "more lines with invisible control characters follow").
				WithHint("delete them, or copy the text again through a plain text editor")
			return true
		}
		r := rune(src[i])
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
	line, col := runePos(src, pe.Position.Line, pe.Position.Col)
	probs.Add(diag.Pos{File: file, Line: line, Col: col}, "%s", sentence(pe.Message))
}

// runePos turns a position BurntSushi/toml reports (column in bytes) into
// one whose column counts characters, as the key locator and [diag.Excerpt]
// do, and keeps it inside src: BurntSushi/toml sometimes reports a column
// measured on an earlier line.
func runePos(src []byte, line, byteCol int) (int, int) {
	lines := bytes.Split(src, []byte("\n"))
	if line < 1 || line > len(lines) {
		return min(max(line, 0), len(lines)), 0
	}
	l := lines[line-1]
	if byteCol < 1 {
		return line, byteCol
	}
	return line, 1 + utf8.RuneCount(l[:min(byteCol-1, len(l))])
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
