package project

import (
	"fmt"
	"iter"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/podfeed/podfeed/internal/par"
)

// A manifest's body is lines, one for each output and one for each page
// address, so that a list of tens of thousands is read in a few
// milliseconds (decoding it as JSON took ten times as long, most of an
// unchanged rebuild):
//
//	o SIZE MTIME "NAME"   an output: its size in bytes, its modification
//	                      time in Unix nanoseconds, its name, Go-quoted
//	p "SLUG" "GUID"       an episode address the build published

// appendBody appends the lines of b to dst.
func appendBody(dst []byte, b *manifestBody) []byte {
	return appendPages(appendOutputs(dst, b.Outputs), b.Pages)
}

// appendOutputs appends the lines of the outputs to dst.
func appendOutputs(dst []byte, outputs []stamp) []byte {
	// Grown once to what the lines take at most (names seldom need
	// escapes): a big show's body is megabytes, and growing it by doubling
	// allocated four times that at the end of an edit's build.
	n := 0
	for _, o := range outputs {
		n += len("o  \"\"\n") + 2*20 + len(o.Name)
	}
	dst = slices.Grow(dst, n)
	for _, o := range outputs {
		dst = append(dst, "o "...)
		dst = strconv.AppendInt(dst, o.Size, 10)
		dst = append(dst, ' ')
		dst = strconv.AppendInt(dst, o.ModTime.UnixNano(), 10)
		dst = append(dst, ' ')
		dst = appendQuoted(dst, o.Name)
		dst = append(dst, '\n')
	}
	return dst
}

// appendPages appends the lines of the page addresses to dst, sorted.
func appendPages(dst []byte, pages map[string]string) []byte {
	n := 0
	for slug, guid := range pages {
		n += len("p \"\" \"\"\n") + len(slug) + len(guid)
	}
	dst = slices.Grow(dst, n)
	for _, slug := range slices.Sorted(maps.Keys(pages)) {
		dst = append(dst, "p "...)
		dst = appendQuoted(dst, slug)
		dst = append(dst, ' ')
		dst = appendQuoted(dst, pages[slug])
		dst = append(dst, '\n')
	}
	return dst
}

// appendQuoted appends s Go-quoted, as strconv.AppendQuote does, without
// looking at each character again when all are printable ASCII other than
// a quote or a backslash, as nearly every file name is: quoting 30,000
// names rune by rune took 20 ms of a big show's edit.
func appendQuoted(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c > '~' || c == '"' || c == '\\' {
			return strconv.AppendQuote(dst, s)
		}
	}
	dst = append(dst, '"')
	dst = append(dst, s...)
	return append(dst, '"')
}

// parseBody reads the lines of a manifest's body. The strings it returns
// are pieces of data, which nothing may change after: a big show's body is
// 30,000 lines, and copying each allocated megabytes in every edit.
func parseBody(data []byte) (manifestBody, error) {
	text := unsafe.String(unsafe.SliceData(data), len(data))
	b := manifestBody{Outputs: make([]stamp, 0, strings.Count(text, "\no ")+1)}
	if pages := strings.Count(text, "\np "); pages > 0 {
		b.Pages = make(map[string]string, pages)
	}
	for n, line := range bodyLines(text) {
		if err := parseBodyLine(&b, line); err != nil {
			return manifestBody{}, fmt.Errorf("body line %d: %w", n, err)
		}
	}
	return b, nil
}

// bodyLines yields the lines of text, a body or a piece of one cut at a
// line end, that are not blank, each with its number in text.
func bodyLines(text string) iter.Seq2[int, string] {
	return func(yield func(int, string) bool) {
		for n, rest := 1, text; len(rest) > 0; n++ {
			var line string
			line, rest, _ = strings.Cut(rest, "\n")
			if strings.TrimSpace(line) != "" && !yield(n, line) {
				return
			}
		}
	}
}

// bodyHolds reports whether every output that the manifest body data
// lists is in out as it records it; false for a body that does not parse.
// The body is cut at line ends into pieces that are each parsed, and their
// files stated, on a goroutine of their own (statWorkers of them: after a
// week a big show's inodes may have left memory): parsed whole first, the
// 30,000 lines of a show of 10,000 episodes took 7 ms of an unchanged
// rebuild's 75 before the first stat.
func bodyHolds(out folder, data []byte) bool {
	text := unsafe.String(unsafe.SliceData(data), len(data))
	pieces := make([]string, 0, statWorkers)
	for len(text) > 0 {
		end := min(len(text), max(len(text)/(statWorkers-len(pieces)), 1))
		if i := strings.IndexByte(text[end-1:], '\n'); i >= 0 {
			end += i
		} else {
			end = len(text)
		}
		pieces = append(pieces, text[:end])
		text = text[end:]
	}
	var changed atomic.Bool
	par.DoOn(statWorkers, len(pieces), func(i int) {
		var b manifestBody
		for _, line := range bodyLines(pieces[i]) {
			if changed.Load() {
				return
			}
			if err := parseBodyLine(&b, line); err != nil {
				changed.Store(true)
				return
			}
			if n := len(b.Outputs); n > 0 {
				if !out.holds(b.Outputs[n-1]) {
					changed.Store(true)
				}
				b.Outputs = b.Outputs[:0]
			}
		}
	})
	return !changed.Load()
}

// parseBodyLine adds one line of a body to b.
func parseBodyLine(b *manifestBody, line string) error {
	kind, rest, _ := cut(line)
	switch kind {
	case "o":
		size, rest, _ := cut(rest)
		mtime, name, _ := cut(rest)
		s, err := strconv.ParseInt(size, 10, 64)
		if err != nil {
			return err
		}
		t, err := strconv.ParseInt(mtime, 10, 64)
		if err != nil {
			return err
		}
		if name, err = strconv.Unquote(name); err != nil {
			return err
		}
		b.Outputs = append(b.Outputs, stamp{Name: name, Size: s, ModTime: time.Unix(0, t)})
	case "p":
		slug, guid, _ := cut(rest)
		slug, err := strconv.Unquote(slug)
		if err == nil {
			guid, err = strconv.Unquote(guid)
		}
		if err != nil {
			return err
		}
		if b.Pages == nil {
			b.Pages = make(map[string]string)
		}
		b.Pages[slug] = guid
	default:
		return fmt.Errorf("no line starts with %q", kind)
	}
	return nil
}

// cut splits s at its first space, or before a quoted string that has
// spaces in it.
func cut(s string) (before, after string, found bool) {
	if len(s) > 0 && s[0] == '"' {
		if q, err := strconv.QuotedPrefix(s); err == nil {
			return q, s[min(len(q)+1, len(s)):], true
		}
	}
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}
