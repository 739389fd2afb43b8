package site

import (
	"bytes"
	"strings"

	"github.com/podfeed/podfeed/internal/escape"
)

// The parts of pages that Go writes instead of a template (see
// fragments.go) escape what they write as html/template escapes a string
// in the same place, byte for byte: TestEscapersMatchTemplate and
// FuzzEscapers hold these functions to html/template's output.

// writeText writes s as html/template writes a string in text, in RCDATA
// (<title>, <textarea>) and in a quoted attribute value that is not a
// URL: NUL becomes U+FFFD, and ", &, ', +, < and > character references.
// Every other byte, valid UTF-8 or not, is written as it is.
func writeText(b *bytes.Buffer, s string) { textRefs.WriteString(b, s) }

// textRefs are the references writeText writes.
var textRefs = escape.New(map[byte]string{
	0: "\uFFFD", '"': "&#34;", '&': "&amp;", '\'': "&#39;", '+': "&#43;", '<': "&lt;", '>': "&gt;",
})

// writeURL writes s as html/template writes a string that is a whole
// quoted URL attribute value (href, src): an address of another scheme
// than http, https or mailto becomes "#ZgotmplZ"; bytes that cannot stand
// in an address are percent-encoded (a valid escape is kept), and the
// result is escaped as an attribute value.
func writeURL(b *bytes.Buffer, s string) {
	if !safeURL(s) {
		b.WriteString("#ZgotmplZ")
		return
	}
	writeText(b, percentEncode(s, true))
}

// writeURLPart writes s as html/template writes a string in the query or
// fragment of a quoted URL attribute value (href="#t={{.}}"): every byte
// but letters, digits and -._~ percent-encoded.
func writeURLPart(b *bytes.Buffer, s string) {
	writeText(b, percentEncode(s, false))
}

// safeURL reports whether s is an address html/template writes as it is:
// relative, or of the scheme http, https or mailto.
func safeURL(s string) bool {
	scheme, _, ok := strings.Cut(s, ":")
	if !ok || strings.Contains(scheme, "/") {
		return true
	}
	return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
}

// percentEncode percent-encodes the bytes of s (lower-case hex) that
// html/template does not leave in an address: those other than letters,
// digits and -._~, and, when norm is false (a part of an address, not a
// whole one), the reserved characters and % too.
func percentEncode(s string, norm bool) string {
	const hex = "0123456789abcdef"
	var b []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if urlKeeps(c, norm) || norm && c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			if b != nil {
				b = append(b, c)
			}
			continue
		}
		if b == nil {
			b = append(make([]byte, 0, len(s)+16), s[:i]...)
		}
		b = append(b, '%', hex[c>>4], hex[c&15])
	}
	if b == nil {
		return s
	}
	return string(b)
}

// urlKeeps reports whether html/template writes c into an address as it
// is: the unreserved characters of RFC 3986, and its reserved ones (but
// the quote and parentheses) in a whole address.
func urlKeeps(c byte, norm bool) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	switch c {
	case '-', '.', '_', '~':
		return true
	case '!', '#', '$', '&', '*', '+', ',', '/', ':', ';', '=', '?', '@', '[', ']':
		return norm
	}
	return false
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
