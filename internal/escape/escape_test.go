package escape

import (
	"html"
	"strings"
	"testing"
)

// TestWriteString replaces what a table names and nothing else, at the
// start, in the middle and at the end, in text that is not valid UTF-8 too.
func TestWriteString(t *testing.T) {
	tab := New(map[byte]string{'&': "&amp;", '<': "&lt;", 0: "\uFFFD"})
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"plain text", "plain text"},
		{"&", "&amp;"},
		{"<a & b>", "&lt;a &amp; b>"},
		{"x\x00y\xff<", "x\uFFFDy\xff&lt;"},
		{"日本 & 語", "日本 &amp; 語"},
	} {
		var b strings.Builder
		tab.WriteString(&b, tc.in)
		if b.String() != tc.want {
			t.Errorf("%q: got %q, want %q", tc.in, b.String(), tc.want)
		}
	}
}

// FuzzWriteString holds a table of html.EscapeString's replacements to
// html.EscapeString.
func FuzzWriteString(f *testing.F) {
	for _, s := range []string{"", "a<b>&'\"", "\x00\xff日本"} {
		f.Add(s)
	}
	tab := New(map[byte]string{'&': "&amp;", '<': "&lt;", '>': "&gt;", '"': "&#34;", '\'': "&#39;"})
	f.Fuzz(func(t *testing.T, s string) {
		var b strings.Builder
		tab.WriteString(&b, s)
		if want := html.EscapeString(s); b.String() != want {
			t.Errorf("%q: got %q, want %q", s, b.String(), want)
		}
	})
}
