package feed

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"github.com/podfeed/podfeed/internal/par"
)

// itemsPerRound is how many items of a feed are rendered before they are
// written: enough to keep every core busy, few enough to bound memory.
const itemsPerRound = 256

// slot is where one item of a round is rendered: its buffer, and the
// encoder that writes into it, both reused from round to round (a new
// encoder per item allocated a buffer of its own each time).
type slot struct {
	buf  bytes.Buffer
	xml  *xml.Encoder
	json *json.Encoder
}

// writeItems renders n items with item (on every core, into slots it
// reuses) and writes them to w in order.
func writeItems(w io.Writer, n int, item func(i int, s *slot) error) error {
	slots := make([]slot, min(n, itemsPerRound))
	errs := make([]error, len(slots))
	for lo := 0; lo < n; lo += itemsPerRound {
		hi := min(lo+itemsPerRound, n)
		par.Do(hi-lo, func(j int) {
			slots[j].buf.Reset()
			errs[j] = item(lo+j, &slots[j])
		})
		for j := range hi - lo {
			if errs[j] != nil {
				return errs[j]
			}
			if _, err := w.Write(slots[j].buf.Bytes()); err != nil {
				return err
			}
		}
	}
	return nil
}

// xmlIndent is the indentation of one level in the XML feeds.
const xmlIndent = "  "

// writeXML writes the XML document root, whose last child elements are
// items: root is marshalled without them, and the n items are spliced in
// before closing, the end tag of the element that holds them (at depth
// levels below the root, e.g. "</channel>" at 1). The bytes are those
// encoding/xml would write for the whole document, with stylesheet (when
// not empty) as an xml-stylesheet instruction.
func writeXML(w io.Writer, stylesheet string, root any, closing string, depth, n int, item func(i int) any) error {
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
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.Write(doc[:at])
	prefix := strings.Repeat(xmlIndent, depth+1)
	err := writeItems(bw, n, func(i int, s *slot) error {
		// Inside the document each item starts on a new line: an encoder
		// writes one before every element but its first.
		if s.xml == nil {
			s.buf.WriteByte('\n')
			s.xml = xml.NewEncoder(&s.buf)
			s.xml.Indent(prefix, xmlIndent)
		}
		if err := s.xml.Encode(item(i)); err != nil {
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
func writeJSON(w io.Writer, root any, n int, item func(i int) any) error {
	doc, err := marshalJSON(root)
	if err != nil {
		return err
	}
	at := bytes.LastIndex(doc, []byte("[]"))
	if n == 0 || at < 0 {
		if n > 0 {
			return errors.New("feed: no empty array to put items in")
		}
		_, err := w.Write(doc)
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.Write(doc[:at+1])
	// The array's elements sit one level deeper than the root's members.
	prefix := jsonIndent + jsonIndent
	err = writeItems(bw, n, func(i int, s *slot) error {
		if i > 0 {
			s.buf.WriteByte(',')
		}
		s.buf.WriteString("\n" + prefix)
		if s.json == nil {
			s.json = json.NewEncoder(&s.buf)
			s.json.SetEscapeHTML(false)
			s.json.SetIndent(prefix, jsonIndent)
		}
		if err := s.json.Encode(item(i)); err != nil {
			return err
		}
		s.buf.Truncate(s.buf.Len() - 1) // Encode's newline
		return nil
	})
	if err != nil {
		return err
	}
	bw.WriteString("\n" + jsonIndent + "]")
	bw.Write(doc[at+2:])
	return bw.Flush()
}
