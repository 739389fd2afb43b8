// Package output holds the one type of an output file: what the renderers
// make (package feed its feeds and chapters, package site its pages,
// package internal/showfile a show folder's TOML files) and what package
// internal/publish and showfile.WriteFiles write. A file's content is given
// in one of four ways: bytes, a source file to copy, a function that
// renders it into a buffer, or one that streams it into its file, which
// may hand on runs of other files unread ([SpanWriter]).
package output

import (
	"bytes"
	"io"
	"os"
)

// File is one output file.
type File struct {
	// Name is the file's path relative to the output folder, with slashes
	// ("feed.xml", "chapters/055.json"). It must be a clean relative path:
	// not empty, not absolute, without "." or ".." elements, empty elements
	// or backslashes, and not publish's lock file.
	Name string
	// Data is the file's complete content.
	Data []byte
	// Source, when not empty, is the path of a file to publish instead of
	// Data: a media file, streamed and never held in memory. Its copy is
	// unchanged when the target has the source's size and modification
	// time, and a new copy gets the source's modification time.
	Source string
	// Render, when not nil, writes the content instead of Data into w, a
	// buffer that publish.Write holds, just before it is compared and
	// written, so that a build of thousands of pages holds a few of them in
	// memory at a time, in buffers it reuses. An error aborts the write.
	Render func(w io.Writer) error
	// Stream, when not nil, writes the content instead of Data, straight
	// into the temporary file: for files too big to hold in memory, such
	// as a big show's feeds. While its bytes equal the published file's,
	// publish.Write writes nothing; it makes the temporary file at the
	// first difference. An error aborts the write.
	Stream func(io.Writer) error
	// Keep says that the file is already in the output folder with this
	// content: an incremental build knows it from its cache, which
	// recorded the file as it wrote it and the inputs it rendered it from.
	// publish.Write then neither renders nor reads it, and counts it as
	// unchanged; Bytes and Write still give its content.
	Keep bool
}

// Bytes returns the file's content however it is given (see [File.Write]).
func (f File) Bytes() ([]byte, error) {
	if f.Stream == nil && f.Render == nil && f.Source == "" {
		return f.Data, nil
	}
	var buf bytes.Buffer
	err := f.Write(&buf)
	return buf.Bytes(), err
}

// Write writes the file's content to w, however it is given: Stream, else
// Render, else Source, else Data.
func (f File) Write(w io.Writer) error {
	switch {
	case f.Stream != nil:
		return f.Stream(w)
	case f.Render != nil:
		return f.Render(w)
	case f.Source != "":
		src, err := os.Open(f.Source)
		if err != nil {
			return err
		}
		defer src.Close()
		_, err = io.Copy(w, src)
		return err
	}
	_, err := w.Write(f.Data)
	return err
}
