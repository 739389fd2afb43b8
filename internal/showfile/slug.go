package showfile

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// maxSlug is the most bytes Slug keeps; it cuts at a word boundary.
const maxSlug = 40

// Slug turns a title into the part of an episode file name after its
// number: lower case ASCII letters and digits joined by hyphens, accents
// dropped ("Café Crème" → "cafe-creme"), at most about 40 bytes, cut
// between words. A title with nothing usable gives "episode".
func Slug(title string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFKD.String(title) {
		switch {
		case unicode.Is(unicode.Mn, r): // combining accents
			continue
		case r == '\'' || r == '’': // "John's" → "johns"
			continue
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		default:
			hyphen = true
		}
	}
	s := b.String()
	if len(s) > maxSlug {
		cut := strings.LastIndexByte(s[:maxSlug+1], '-')
		if cut <= 0 {
			cut = maxSlug
		}
		s = s[:cut]
	}
	if s == "" {
		return "episode"
	}
	return s
}
