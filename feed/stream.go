package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/podfeed/podfeed/internal/jsonindent"
	"github.com/podfeed/podfeed/internal/output"
	"github.com/podfeed/podfeed/internal/par"
)

// itemsPerRound is how many items of a feed are rendered before they are
// written: enough to keep every core busy, few enough to bound memory.
const itemsPerRound = 256

// slot is where one item of a round is rendered: its buffer, and the
// encoder that writes into it, both reused from round to round (a new
// encoder per item allocated a buffer of its own each time); or, for an
// item written before, what comes before it (a separator) and its span.
type slot struct {
	buf     bytes.Buffer
	xml     *xml.Encoder
	json    *json.Encoder // writes to compact, which jsonindent indents into buf
	compact bytes.Buffer
	span    *Span
}

// items are what writeXML and writeJSON splice into a document: n items,
// each encoded from value(i) unless reuse(i) gives its bytes as an earlier
// build wrote them. Where each one is written is recorded in spans, by
// the key(i), when spans is not nil.
type items struct {
	n     int
	value func(i int) any
	reuse func(i int) *Span // nil, or nil for an item to encode
	key   func(i int) string
	spans *[]ItemSpan
}

// reused returns the span whose bytes stand for item i, or nil.
func (it *items) reused(i int) *Span {
	if it.reuse == nil {
		return nil
	}
	return it.reuse(i)
}

// writeItems renders the items with item (on every core, into slots it
// reuses) and writes them to w in order, the document's first at offset
// off: each slot's buffer, then its span, if item gave it one. skip(i)
// says how many bytes the item's buffer starts with that are not the
// item's own (a separator), for its span.
func writeItems(w output.SpanWriter, off int64, its *items, skip func(i int) int, item func(i int, s *slot) error) error {
	slots := make([]slot, min(its.n, itemsPerRound))
	errs := make([]error, len(slots))
	if its.spans != nil {
		*its.spans = make([]ItemSpan, 0, its.n)
	}
	// Items that lay one after another in the last build's file are
	// written as one run, not one by one: after an edit, the 5,000 items
	// behind the edited one take one copy, not 5,000. A separator between
	// two of them is part of the run, as it lies between them there.
	var run *Span
	flush := func() error {
		if run == nil {
			return nil
		}
		err := w.WriteSpan(run.From, run.Off, run.Len)
		run = nil
		if err != nil {
			return fmt.Errorf("copy an item written before: %w", err)
		}
		return nil
	}
	for lo := 0; lo < its.n; lo += itemsPerRound {
		hi := min(lo+itemsPerRound, its.n)
		par.Do(hi-lo, func(j int) {
			slots[j].buf.Reset()
			slots[j].span = nil
			errs[j] = item(lo+j, &slots[j])
		})
		for j := range hi - lo {
			if errs[j] != nil {
				return errs[j]
			}
			b := slots[j].buf.Bytes()
			n := int64(len(b))
			if sp := slots[j].span; sp != nil {
				n += sp.Len
			}
			if its.spans != nil {
				k := int64(skip(lo + j))
				*its.spans = append(*its.spans, ItemSpan{Key: its.key(lo + j), Off: off + k, Len: n - k})
			}
			off += n
			if sp := slots[j].span; sp != nil && run != nil && sp.From == run.From && sp.Off == run.Off+run.Len+int64(len(b)) {
				// The bytes between the two items there are a separator,
				// the only thing this writer puts between two items: b.
				run.Len += int64(len(b)) + sp.Len
				continue
			}
			if err := flush(); err != nil {
				return err
			}
			if _, err := w.Write(b); err != nil {
				return err
			}
			if sp := slots[j].span; sp != nil {
				run = &Span{From: sp.From, Off: sp.Off, Len: sp.Len}
			}
		}
	}
	return flush()
}

// xmlIndent is the indentation of one level in the XML feeds.
const xmlIndent = "  "

// writeXML writes the XML document root, whose last child elements are
// items: root is marshalled without them, and the n items are spliced in
// before closing, the end tag of the element that holds them (at depth
// levels below the root, e.g. "</channel>" at 1). The bytes are those
// encoding/xml would write for the whole document, with stylesheet (when
// not empty) as an xml-stylesheet instruction.
func writeXML(w io.Writer, stylesheet string, root any, closing string, depth int, its *items) error {
	var head bytes.Buffer
	head.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	if stylesheet != "" {
		head.WriteString(`<?xml-stylesheet type="` + stylesheetType(stylesheet) + `" href="` + stylesheetHref(stylesheet) + `"?>` + "\n")
	}
	enc := xml.NewEncoder(&head)
	enc.Indent("", xmlIndent)
	if err := enc.Encode(root); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	head.WriteByte('\n')
	doc := head.Bytes()
	// Items are indented one level deeper than the end tag they precede.
	closing = "\n" + strings.Repeat(xmlIndent, depth) + closing
	at := bytes.LastIndex(doc, []byte(closing))
	if at < 0 {
		return errors.New("feed: no " + closing[1:] + " to put items before")
	}
	bw := output.NewBuffered(w, 64<<10)
	bw.Write(doc[:at])
	prefix := strings.Repeat(xmlIndent, depth+1)
	noSkip := func(int) int { return 0 }
	err := writeItems(bw, int64(at), its, noSkip, func(i int, s *slot) error {
		// An item written before comes with the new line and indentation
		// it starts with.
		if sp := its.reused(i); sp != nil {
			s.span = sp
			return nil
		}
		v := its.value(i)
		if it, ok := v.(xmlItem); ok && it.appendXML(&s.buf, prefix) {
			return nil
		}
		// Inside the document each item starts on a new line: an encoder
		// writes one before every element but its first.
		if s.xml == nil {
			s.buf.WriteByte('\n')
			s.xml = xml.NewEncoder(&s.buf)
			s.xml.Indent(prefix, xmlIndent)
		}
		if err := s.xml.Encode(v); err != nil {
			return err
		}
		return s.xml.Flush()
	})
	if err != nil {
		return err
	}
	bw.Write(doc[at:])
	return bw.Flush()
}

// jsonIndent is the indentation of one level in JSON files.
const jsonIndent = "  "

// writeJSON writes the JSON document root, whose last member is an array
// marshalled empty ("items": []) into which the n items are spliced: the
// bytes are those [marshalJSON] would write for the whole document.
func writeJSON(w io.Writer, root any, its *items) error {
	doc, err := marshalJSON(root)
	if err != nil {
		return err
	}
	at := bytes.LastIndex(doc, []byte("[]"))
	if its.n == 0 || at < 0 {
		if its.n > 0 {
			return errors.New("feed: no empty array to put items in")
		}
		_, err := w.Write(doc)
		return err
	}
	bw := output.NewBuffered(w, 64<<10)
	bw.Write(doc[:at+1])
	// The array's elements sit one level deeper than the root's members.
	prefix := jsonIndent + jsonIndent
	// Each item's buffer starts with its separator: a comma after the
	// first, and a new line with the indentation.
	skip := func(i int) int { return min(i, 1) + 1 + len(prefix) }
	err = writeItems(bw, int64(at+1), its, skip, func(i int, s *slot) error {
		if i > 0 {
			s.buf.WriteByte(',')
		}
		s.buf.WriteString("\n" + prefix)
		if sp := its.reused(i); sp != nil {
			s.span = sp
			return nil
		}
		if s.json == nil {
			s.json = json.NewEncoder(&s.compact)
			s.json.SetEscapeHTML(false)
		}
		s.compact.Reset()
		if err := s.json.Encode(its.value(i)); err != nil {
			return err
		}
		s.buf.Write(jsonindent.Append(s.buf.AvailableBuffer(), s.compact.Bytes(), prefix, jsonIndent))
		return nil
	})
	if err != nil {
		return err
	}
	bw.WriteString("\n" + jsonIndent + "]")
	bw.Write(doc[at+2:])
	return bw.Flush()
}
