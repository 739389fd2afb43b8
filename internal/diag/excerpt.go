package diag

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Excerpt returns the line of src that pos points at, numbered, with a caret
// under pos.Col, in the style of BurntSushi/toml's ErrorWithPosition:
//
//	4 | titel = "Hello"
//	    ^
//
// Control characters in the line are shown as the symbols Unicode has for
// them (ESC as ␛, NUL as ␀, U+0080–U+009F and invalid UTF-8 as �), so that
// quoting a line never sends a terminal a control sequence. It returns ""
// when pos has no line or the line is not in src.
func Excerpt(src []byte, pos Pos) string {
	if pos.Line <= 0 {
		return ""
	}
	lines := strings.Split(string(src), "\n")
	if pos.Line > len(lines) {
		return ""
	}
	line := visible(strings.TrimRight(lines[pos.Line-1], "\r"))
	prefix := fmt.Sprintf("%5d | ", pos.Line)
	out := prefix + line + "\n"
	if pos.Col > 0 {
		// Pad with the line's own tabs so the caret lines up in a terminal.
		// Columns count characters, and visible keeps one character for
		// one, so the caret stays under the character it points at.
		pad := []rune(line)
		if pos.Col-1 < len(pad) {
			pad = pad[:pos.Col-1]
		}
		for i, r := range pad {
			if r != '\t' {
				pad[i] = ' '
			}
		}
		out += strings.Repeat(" ", len(prefix)) + string(pad) + "^\n"
	}
	return out
}

// visible replaces each control character of line but tab (which lines the
// caret up) with a one-character symbol: U+0000–U+001F with the Control
// Pictures U+2400–U+241F, DEL with U+2421, C1 controls and invalid bytes
// with U+FFFD (strings.Map writes each invalid byte so). A line without any
// comes back as it is, unallocated.
func visible(line string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t':
			return r
		case r < 0x20:
			return 0x2400 + r
		case r == 0x7f:
			return 0x2421
		case r >= 0x80 && r <= 0x9f:
			return utf8.RuneError
		}
		return r
	}, line)
}

// LineStarts returns the byte offset at which each line of src begins:
// line n (from 1) at index n-1.
func LineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}
