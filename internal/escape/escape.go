// Package escape writes text with some of its bytes replaced by
// references, as HTML and XML escaping does: one loop for every set of
// replacements, which each caller gives as a [Table] (show notes escape
// &, < and >; the site's pages escape as html/template does). [WriteXML]
// escapes as encoding/xml does, for the feeds and the sitemap alike.
package escape

import "io"

// Table gives what each byte is written as: "" for the byte itself.
type Table [256]string

// New returns a table that replaces each byte of refs with its
// replacement.
func New(refs map[byte]string) *Table {
	var t Table
	for c, r := range refs {
		t[c] = r
	}
	return &t
}

// WriteString writes s to w with every byte that t replaces replaced, in
// as few writes as it can (most text has nothing to replace). It is for
// writers that cannot fail, such as a strings.Builder: w's errors are not
// returned.
func (t *Table) WriteString(w io.StringWriter, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		if r := t[s[i]]; r != "" {
			w.WriteString(s[last:i])
			w.WriteString(r)
			last = i + 1
		}
	}
	w.WriteString(s[last:])
}
