// Package jsonindent indents JSON as encoding/json's Indent does, but
// copies each string in one run instead of stepping its scanner through
// every byte of it. A podcast's JSON Feed is mostly strings (the show
// notes as HTML), and indenting took longer than encoding.
package jsonindent

import "bytes"

// Append appends to dst the JSON value src indented as [json.Indent]
// indents it: each element of an object or array on a line of its own
// that starts with prefix and one indent per level, a space after each
// colon, empty objects and arrays as {} and []. White space outside
// strings is dropped, after the value too (json.Indent keeps what follows
// the value). src must be valid JSON, as encoding/json writes it; Append
// does not check it.
func Append(dst, src []byte, prefix, indent string) []byte {
	needIndent := false // after { or [, until the first element shows it is not empty
	depth := 0
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch c {
		case ' ', '\t', '\n', '\r':
			continue
		}
		if needIndent && c != '}' && c != ']' {
			needIndent = false
			depth++
			dst = newline(dst, prefix, indent, depth)
		}
		switch c {
		case '"':
			end := stringEnd(src, i+1)
			dst = append(dst, src[i:end]...)
			i = end - 1
		case '{', '[':
			needIndent = true
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			dst = newline(dst, prefix, indent, depth)
		case ':':
			dst = append(dst, c, ' ')
		case '}', ']':
			if needIndent {
				needIndent = false
			} else {
				depth--
				dst = newline(dst, prefix, indent, depth)
			}
			dst = append(dst, c)
		default: // a number, true, false or null
			dst = append(dst, c)
		}
	}
	return dst
}

// stringEnd returns the index just past the quote that closes the string
// whose contents start at src[from], or len(src) without one.
func stringEnd(src []byte, from int) int {
	for j := from; ; {
		k := bytes.IndexByte(src[j:], '"')
		if k < 0 {
			return len(src)
		}
		j += k
		// The quote ends the string unless an odd number of backslashes
		// escapes it.
		backslashes := 0
		for b := j - 1; b >= from && src[b] == '\\'; b-- {
			backslashes++
		}
		j++
		if backslashes%2 == 0 {
			return j
		}
	}
}

func newline(dst []byte, prefix, indent string, depth int) []byte {
	dst = append(dst, '\n')
	dst = append(dst, prefix...)
	for range depth {
		dst = append(dst, indent...)
	}
	return dst
}
