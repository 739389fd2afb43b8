package importer

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"golang.org/x/text/encoding/htmlindex"

	"github.com/podfeed/podfeed/internal/diag"
	"github.com/podfeed/podfeed/internal/xmlns"
)

// Namespaces the importer reads, from the one table in package xmlns.
const (
	nsItunes  = xmlns.Itunes
	nsPodcast = xmlns.Podcast
	nsPsc     = xmlns.Psc
	nsContent = xmlns.Content
	nsAtom    = xmlns.Atom
)

// node is one XML element with its text and children. Line and Col are
// where its start tag begins.
type node struct {
	Space, Local string
	Attr         []xml.Attr
	Text         string
	Kids         []*node
	Line, Col    int
}

// attr returns the value of the attribute named local in no namespace.
func (n *node) attr(local string) string {
	for _, a := range n.Attr {
		if a.Name.Local == local && (a.Name.Space == "" || a.Name.Space == n.Space) {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}

// kids returns the children in namespace space named local.
func (n *node) kids(space, local string) []*node {
	var out []*node
	for _, k := range n.Kids {
		if k.Space == space && k.Local == local {
			out = append(out, k)
		}
	}
	return out
}

// kid returns the first child in namespace space named local, or nil.
func (n *node) kid(space, local string) *node {
	for _, k := range n.Kids {
		if k.Space == space && k.Local == local {
			return k
		}
	}
	return nil
}

// text returns the trimmed text of the first child named local in space.
func (n *node) text(space, local string) string {
	if k := n.kid(space, local); k != nil {
		return strings.TrimSpace(k.Text)
	}
	return ""
}

// xmlDoc is a parsed feed document.
type xmlDoc struct {
	Root     *node
	prefixes map[string]string // namespace URI → the prefix the feed declared
}

// name returns an element's name for messages: conventional prefix, else
// the declared one, then the local name.
func (d *xmlDoc) name(n *node) string {
	if n.Space == "" {
		return n.Local
	}
	if p := xmlns.Prefix(n.Space); p != "" {
		return p + ":" + n.Local
	}
	if p, ok := d.prefixes[n.Space]; ok && p != "" {
		return p + ":" + n.Local
	}
	return "{" + n.Space + "}" + n.Local
}

// xmlError is a document that is not well-formed XML, with the line where
// reading stopped (0 when unknown).
type xmlError struct {
	Line int
	Msg  string
}

func (e *xmlError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("not well-formed XML: line %d: %s", e.Line, e.Msg)
	}
	return "not well-formed XML: " + e.Msg
}

// parseXML builds the element tree of src. With strict set it rejects
// anything that is not well-formed XML, with the error's line; otherwise it
// reads what it can, as encoding/xml's non-strict mode does (a bare "&",
// HTML entities, attributes without quotes).
func parseXML(src []byte, strict bool) (*xmlDoc, error) {
	lines := diag.LineStarts(src)
	dec := xml.NewDecoder(bytes.NewReader(src))
	dec.Strict = strict
	if !strict {
		dec.Entity = xml.HTMLEntity
	}
	dec.CharsetReader = charsetReader
	doc := &xmlDoc{prefixes: map[string]string{}}
	var stack []*node
	var text []*strings.Builder
	for {
		off := dec.InputOffset()
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			line, _ := dec.InputPos()
			return nil, &xmlError{Line: line, Msg: unwrapSyntax(err)}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			line, col := position(lines, off)
			n := &node{Space: canonicalNS(t.Name.Space), Local: t.Name.Local, Attr: t.Attr, Line: line, Col: col}
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" {
					if _, seen := doc.prefixes[canonicalNS(a.Value)]; !seen {
						doc.prefixes[canonicalNS(a.Value)] = a.Name.Local
					}
				}
			}
			if len(stack) == 0 {
				if doc.Root != nil {
					return nil, &xmlError{Line: line, Msg: fmt.Sprintf("a second root element <%s>", t.Name.Local)}
				}
				doc.Root = n
			} else {
				parent := stack[len(stack)-1]
				parent.Kids = append(parent.Kids, n)
			}
			stack = append(stack, n)
			text = append(text, &strings.Builder{})
		case xml.EndElement:
			if len(stack) == 0 {
				continue
			}
			stack[len(stack)-1].Text = text[len(text)-1].String()
			stack = stack[:len(stack)-1]
			text = text[:len(text)-1]
		case xml.CharData:
			if len(text) > 0 {
				text[len(text)-1].Write(t)
			}
		}
	}
	if doc.Root == nil {
		return nil, &xmlError{Msg: "no root element"}
	}
	// A non-strict parse may end with elements still open: keep their text.
	for i, n := range stack {
		n.Text = text[i].String()
	}
	return doc, nil
}

// canonicalNS maps known variants of a namespace URI to the one podfeed
// reads.
func canonicalNS(space string) string { return xmlns.Canonical(space) }

// unwrapSyntax drops encoding/xml's "XML syntax error on line N: " prefix,
// which the caller replaces with its own position.
func unwrapSyntax(err error) string {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return se.Msg
	}
	return err.Error()
}

// charsetReader decodes the encodings feeds declare besides UTF-8: the ISO
// 8859 and Windows code pages, and the like, by their IANA or HTML names.
func charsetReader(charset string, input io.Reader) (io.Reader, error) {
	switch strings.ToLower(charset) {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return input, nil
	}
	enc, err := htmlindex.Get(charset)
	if err != nil {
		return nil, fmt.Errorf("unsupported encoding %q", charset)
	}
	return enc.NewDecoder().Reader(input), nil
}

// position converts a byte offset to a line and a column (in bytes), both
// counted from 1. The offset is that of the end of the previous token: the
// start tag begins at the next '<'.
func position(starts []int, off int64) (line, col int) {
	i := sort.Search(len(starts), func(i int) bool { return int64(starts[i]) > off }) - 1
	if i < 0 {
		i = 0
	}
	return i + 1, int(off) - starts[i] + 1
}
