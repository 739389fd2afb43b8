package output

import (
	"bufio"
	"errors"
	"io"
)

// SpanWriter is a writer that also takes runs of bytes of files as they lie
// there, so that a feed of 10,000 items, 9,999 of them as the last build
// wrote them, is not read through memory to be written again: publish's
// writer copies a run in the kernel, and does not even compare one that
// lies where it is written already.
type SpanWriter interface {
	io.Writer
	// WriteSpan writes n bytes of from, from offset off. A file's own
	// offset is neither used nor moved.
	WriteSpan(from io.ReaderAt, off, n int64) error
}

// Buffered is a bufio.Writer that is a SpanWriter over any writer: it
// passes runs on to a writer under it that takes them, after what it
// buffered, and reads them for one that does not.
type Buffered struct {
	*bufio.Writer
	under io.Writer
}

// NewBuffered returns a Buffered writer of size bytes over w.
func NewBuffered(w io.Writer, size int) *Buffered {
	return &Buffered{Writer: bufio.NewWriterSize(w, size), under: w}
}

// WriteSpan writes n bytes of from, from offset off.
func (b *Buffered) WriteSpan(from io.ReaderAt, off, n int64) error {
	if sw, ok := b.under.(SpanWriter); ok {
		if err := b.Flush(); err != nil {
			return err
		}
		return sw.WriteSpan(from, off, n)
	}
	return CopySpan(b.Writer, from, off, n)
}

// ErrShrank is the error of a run of a file that ends before its bytes.
var ErrShrank = errors.New("a file shrank while being copied")

// CopySpan writes n bytes of from, from offset off, to w, reading them; a
// from that ends before them is ErrShrank.
func CopySpan(w io.Writer, from io.ReaderAt, off, n int64) error {
	c, err := io.Copy(w, io.NewSectionReader(from, off, n))
	if err == nil && c != n {
		err = ErrShrank
	}
	return err
}
