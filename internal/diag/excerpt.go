package diag

import (
	"fmt"
	"strings"
)

// Excerpt returns the line of src that pos points at, numbered, with a caret
// under pos.Col, in the style of BurntSushi/toml's ErrorWithPosition:
//
//	4 | titel = "Hello"
//	    ^
//
// It returns "" when pos has no line or the line is not in src.
func Excerpt(src []byte, pos Pos) string {
	if pos.Line <= 0 {
		return ""
	}
	lines := strings.Split(string(src), "\n")
	if pos.Line > len(lines) {
		return ""
	}
	line := strings.TrimRight(lines[pos.Line-1], "\r")
	prefix := fmt.Sprintf("%5d | ", pos.Line)
	out := prefix + line + "\n"
	if pos.Col > 0 {
		// Pad with the line's own tabs so the caret lines up in a terminal.
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
