package escape

import (
	"bytes"
	"encoding/xml"
	"testing"
	"unicode/utf8"
)

// IsXMLText agrees with a rune by rune reading of the XML 1.0 Char
// production, whatever the bytes and wherever they lie in a run of eight.
func FuzzIsXMLText(f *testing.F) {
	for _, s := range []string{"", "plain text, long enough", "tab\there\nand\r", "\x1f", "12345678\x7f", "é1234567", "1234567\xff", "\uFFFE", "\xed\xa0\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := true
		for i := 0; i < len(s); {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 || !IsXMLChar(r) {
				want = false
				break
			}
			i += size
		}
		if got := IsXMLText(s); got != want {
			t.Errorf("IsXMLText(%q) = %v, want %v", s, got, want)
		}
	})
}

// WriteXML writes what xml.EscapeText writes, whatever the bytes.
func FuzzWriteXML(f *testing.F) {
	for _, s := range []string{"", "plain", "a&b<c>'\"", "tab\there\nand\r", "\x01", "\xff", "\uFFFE", "é"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var got, want bytes.Buffer
		WriteXML(&got, s)
		xml.EscapeText(&want, []byte(s))
		if got.String() != want.String() {
			t.Errorf("WriteXML(%q) = %q, want %q", s, got.String(), want.String())
		}
	})
}
