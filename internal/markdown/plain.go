package markdown

import (
	"strings"
	"unicode/utf8"

	"github.com/podfeed/podfeed/internal/escape"
)

// plainMarkdown reports whether src is Markdown that CommonMark reads as
// nothing but paragraphs of literal text: valid UTF-8 without control
// characters other than newlines, without the characters that start inline
// syntax or HTML (\ ` * _ [ ] < > & ~ | #), and without a line that could
// start a block other than a paragraph: one indented by four spaces or more,
// or starting with - + = or a number followed by . or ). It answers false
// for much plain text too; it only has to be sure when it answers true.
func plainMarkdown(src string) bool {
	lineStart := true
	for i := 0; i < len(src); {
		if lineStart {
			lineStart = false
			spaces := 0
			for i+spaces < len(src) && src[i+spaces] == ' ' {
				spaces++
			}
			if spaces >= 4 {
				return false
			}
			i += spaces
			if i == len(src) {
				break
			}
			switch c := src[i]; {
			case c == '-' || c == '+' || c == '=':
				return false
			case isDigit(c):
				j := i
				for j < len(src) && isDigit(src[j]) {
					j++
				}
				if j < len(src) && (src[j] == '.' || src[j] == ')') {
					return false
				}
			}
		}
		// The rest of the line, a byte at a time through a table: most
		// of a summary is letters, digits, spaces and punctuation that
		// start nothing.
		for i < len(src) && plainBytes[src[i]] == plainText {
			i++
		}
		if i == len(src) {
			break
		}
		switch plainBytes[src[i]] {
		case plainNewline:
			lineStart = true
			i++
		case plainNonASCII:
			r, size := utf8.DecodeRuneInString(src[i:])
			if r == utf8.RuneError || r == '\uFEFF' || r < 0xA0 {
				// Invalid UTF-8, a byte order mark, a C1 control.
				return false
			}
			i += size
		default:
			return false
		}
	}
	return true
}

// What plainMarkdown makes of a byte outside a line's start.
const (
	plainText     = iota // stands for itself
	plainNewline         // ends the line
	plainNonASCII        // starts a character of more than one byte
	plainSyntax          // a control character, or one that may start inline syntax or HTML
)

// plainBytes classifies every byte for plainMarkdown.
var plainBytes = func() (t [256]uint8) {
	for c := range t {
		switch {
		case c == '\n':
			t[c] = plainNewline
		case c >= utf8.RuneSelf:
			t[c] = plainNonASCII
		case c < ' ' || c == 0x7f || strings.IndexByte("\\`*_[]<>&~|#", byte(c)) >= 0:
			t[c] = plainSyntax
		}
	}
	return t
}()

// plainHTML returns what [Renderer.Render] and [Renderer.RenderApple]
// return for src without rendering it, when src is plain Markdown (see
// plainMarkdown) that holds nothing the renderer would make a link of (an
// address, an e-mail address) and no hard line break: each paragraph a
// <p>, its lines joined by new lines, without the spaces around them, its
// quotes as the sanitiser writes them. The renderer and the sanitiser cost
// far more than anything else done with a plain summary, twice per
// episode. It returns false when it is not sure.
func plainHTML(src string) (string, bool) {
	if !plainMarkdown(src) || strings.ContainsRune(src, '@') || strings.Contains(src, "://") || containsWWW(src) {
		return "", false
	}
	var b strings.Builder
	b.Grow(len(src) + len(src)/8 + 8)
	open := false
	for line := range strings.SplitSeq(src, "\n") {
		text := strings.Trim(line, " ")
		if text == "" {
			if open {
				b.WriteString("</p>\n")
				open = false
			}
			continue
		}
		if strings.HasSuffix(line, "  ") {
			return "", false // a hard line break, unless it ends the paragraph
		}
		if open {
			b.WriteByte('\n')
		} else {
			b.WriteString("<p>")
			open = true
		}
		quoteRefs.WriteString(&b, text)
	}
	if open {
		b.WriteString("</p>")
	}
	return strings.TrimSuffix(b.String(), "\n"), true
}

// quoteRefs are the references the sanitiser writes for the quotes of
// text: the only characters of plain Markdown that it escapes.
var quoteRefs = escape.New(map[byte]string{'"': "&#34;", '\'': "&#39;"})

// containsWWW reports whether s contains "www." in any case.
func containsWWW(s string) bool {
	for i := 0; i+4 <= len(s); i++ {
		if s[i]|0x20 == 'w' && s[i+1]|0x20 == 'w' && s[i+2]|0x20 == 'w' && s[i+3] == '.' {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// PageIsFull reports, without rendering anything, that
// [Renderer.RenderPage] returns for src, whatever the chapters, what
// [Renderer.Render] does: src is plain Markdown (see plainMarkdown), so it
// holds no HTML that the page's policy lets through and the full form's
// does not, and no line of it starts with a digit, so no paragraph starts
// with a time mark. It answers false for much else too; a caller that has
// the full form already need not render the page's.
func PageIsFull(src string) bool {
	if !plainMarkdown(src) {
		return false
	}
	for line := range strings.Lines(src) {
		if l := strings.TrimLeft(line, " "); l != "" && isDigit(l[0]) {
			return false
		}
	}
	return true
}
