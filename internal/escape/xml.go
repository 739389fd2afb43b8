package escape

import (
	"bytes"
	"encoding/xml"
	"unicode/utf8"
)

// xmlRefs are the references encoding/xml writes for text and attribute
// values: the bytes it escapes in valid XML text.
var xmlRefs = New(map[byte]string{
	'"': "&#34;", '\'': "&#39;", '&': "&amp;", '<': "&lt;", '>': "&gt;", '\t': "&#x9;", '\n': "&#xA;", '\r': "&#xD;",
})

// WriteXML writes s to b escaped as encoding/xml escapes text and
// attribute values (xml.EscapeText): valid XML text, almost all of it,
// with a table, the rest through encoding/xml, which writes U+FFFD for
// what is not XML.
func WriteXML(b *bytes.Buffer, s string) {
	if IsXMLText(s) {
		xmlRefs.WriteString(b, s)
		return
	}
	xml.EscapeText(b, []byte(s))
}

// IsXMLText reports whether s is valid UTF-8 made only of XML 1.0
// characters.
func IsXMLText(s string) bool {
	for i := 0; i < len(s); {
		// Eight bytes at a time while they are printable ASCII, most of
		// any text: a build checks every string of every episode.
		for ; len(s)-i >= 8; i += 8 {
			w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
				uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
			// A byte of 0x80 or more, or below 0x20 (which, below 0x80,
			// borrows into its top bit when 0x20 is taken from it).
			if (w|(w-0x2020202020202020))&0x8080808080808080 != 0 {
				break
			}
		}
		if i >= len(s) {
			break
		}
		if c := s[i]; c < utf8.RuneSelf { // ASCII: no decoding
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || !IsXMLChar(r) {
			return false
		}
		i += size
	}
	return true
}

// IsXMLChar reports whether r is a Char of XML 1.0 (fifth edition, 2.2).
func IsXMLChar(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20:
		return false
	case r <= 0xD7FF:
		return true
	case r < 0xE000: // surrogates
		return false
	case r <= 0xFFFD:
		return true
	case r < 0x10000: // U+FFFE, U+FFFF
		return false
	default:
		return r <= utf8.MaxRune
	}
}
