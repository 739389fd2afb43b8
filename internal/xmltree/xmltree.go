// Package xmltree reads an XML document into a tree of elements that keep
// the line and column where each one starts. It is podfeed's one reader of
// RSS: the importer reads a show from it, and the nothing-lost guard reads
// the published feed with it (package publish). Namespace URIs are mapped
// to the ones of package xmlns, and every encoding a feed may declare is
// read (ISO 8859, Windows code pages and the like, by their IANA or HTML
// names).
//
// gofeed stays in the tests as an independent oracle.
package xmltree

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

// Node is one XML element with its text and children. Space is its
// namespace URI as [xmlns.Canonical] spells it. Line and Col (in bytes, both
// from 1) are where its start tag begins.
type Node struct {
	Space, Local string
	Attr         []xml.Attr
	Text         string
	Kids         []*Node
	Line, Col    int
}

// AttrValue returns the trimmed value of the attribute named local in no
// namespace (or in the element's own).
func (n *Node) AttrValue(local string) string {
	for _, a := range n.Attr {
		if a.Name.Local == local && (a.Name.Space == "" || a.Name.Space == n.Space) {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}

// Children returns the children in namespace space named local.
func (n *Node) Children(space, local string) []*Node {
	var out []*Node
	for _, k := range n.Kids {
		if k.Space == space && k.Local == local {
			out = append(out, k)
		}
	}
	return out
}

// Child returns the first child in namespace space named local, or nil.
func (n *Node) Child(space, local string) *Node {
	for _, k := range n.Kids {
		if k.Space == space && k.Local == local {
			return k
		}
	}
	return nil
}

// ChildText returns the trimmed text of the first child named local in
// space, or "" without one.
func (n *Node) ChildText(space, local string) string {
	if k := n.Child(space, local); k != nil {
		return strings.TrimSpace(k.Text)
	}
	return ""
}

// Doc is a parsed document.
type Doc struct {
	Root     *Node
	prefixes map[string]string // namespace URI → the prefix the document declared first
}

// Name returns an element's name for messages: its conventional prefix,
// else the one the document declared, then the local name.
func (d *Doc) Name(n *Node) string {
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

// Error is a document that is not well-formed XML, with the line where
// reading stopped (0 when unknown).
type Error struct {
	Line int
	Msg  string
}

// ErrNoRoot is what [Parse] returns, as an *[Error] that [errors.Is]
// matches, for a document without any element: an empty file, or one of
// text alone.
var ErrNoRoot = errors.New("no root element")

// Is reports whether target is [ErrNoRoot] and e is that error.
func (e *Error) Is(target error) bool { return target == ErrNoRoot && e.Msg == ErrNoRoot.Error() }

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("not well-formed XML: line %d: %s", e.Line, e.Msg)
	}
	return "not well-formed XML: " + e.Msg
}

// Mode says how strictly [Parse] reads.
type Mode int

const (
	// Strict rejects anything that is not well-formed XML.
	Strict Mode = iota
	// Lenient reads what it can, as encoding/xml's non-strict mode does: a
	// bare "&", HTML entities, attributes without quotes. An element left
	// open at the end is an error in either mode.
	Lenient
)

// Parse builds the element tree of src. Its errors are *[Error].
func Parse(src []byte, mode Mode) (*Doc, error) {
	lines := diag.LineStarts(src)
	dec := xml.NewDecoder(bytes.NewReader(src))
	dec.Strict = mode == Strict
	if mode == Lenient {
		dec.Entity = xml.HTMLEntity
	}
	dec.CharsetReader = CharsetReader
	doc := &Doc{prefixes: map[string]string{}}
	var (
		stack []*Node
		text  []*strings.Builder
	)
	for {
		off := dec.InputOffset()
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			line, _ := dec.InputPos()
			return nil, &Error{Line: line, Msg: syntaxMessage(err)}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			line, col := position(lines, off)
			n := &Node{Space: xmlns.Canonical(t.Name.Space), Local: t.Name.Local, Attr: t.Attr, Line: line, Col: col}
			doc.declare(t.Attr)
			if len(stack) == 0 {
				if doc.Root != nil {
					return nil, &Error{Line: line, Msg: fmt.Sprintf("a second root element <%s>", t.Name.Local)}
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
		return nil, &Error{Msg: ErrNoRoot.Error()}
	}
	return doc, nil
}

// declare notes the namespace prefixes that attrs declare, the first
// declaration of a URI winning.
func (d *Doc) declare(attrs []xml.Attr) {
	for _, a := range attrs {
		if a.Name.Space != "xmlns" {
			continue
		}
		if ns := xmlns.Canonical(a.Value); d.prefixes[ns] == "" {
			d.prefixes[ns] = a.Name.Local
		}
	}
}

// syntaxMessage drops encoding/xml's "XML syntax error on line N: "
// prefix, which [Error] replaces with its own line.
func syntaxMessage(err error) string {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return se.Msg
	}
	return err.Error()
}

// CharsetReader decodes the encodings feeds declare besides UTF-8: the ISO
// 8859 and Windows code pages, and the like, by their IANA or HTML names.
// It has the signature of [xml.Decoder.CharsetReader].
func CharsetReader(charset string, input io.Reader) (io.Reader, error) {
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
