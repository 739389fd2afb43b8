package feed

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/jsonindent"
)

// chaptersType is the media type of a Podcasting 2.0 JSON chapters file.
const chaptersType = "application/json+chapters"

// jsonChapters is a Podcasting 2.0 JSON chapters file, version 1.2.0.
type jsonChapters struct {
	Version  string        `json:"version"`
	Chapters []jsonChapter `json:"chapters"`
}

type jsonChapter struct {
	StartTime json.Number `json:"startTime"` // seconds; whole seconds as an integer
	Title     string      `json:"title"`
	URL       string      `json:"url,omitempty"`
	Img       string      `json:"img,omitempty"`
}

// writeChapters writes chs as an indented JSON chapters file ending in a
// newline.
func writeChapters(w io.Writer, chs []episodes.Chapter) error {
	doc := jsonChapters{Version: "1.2.0", Chapters: []jsonChapter{}}
	for _, c := range chs {
		doc.Chapters = append(doc.Chapters, jsonChapter{
			StartTime: json.Number(seconds(c.Start)),
			Title:     c.Title,
			URL:       c.URL,
			Img:       c.Image,
		})
	}
	data, err := marshalJSON(doc)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// marshalJSON writes v indented by two spaces (as json.Indent would,
// see package jsonindent), without escaping <, > and & (the output is not
// embedded in HTML), ending in a newline.
func marshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	compact := buf.Bytes()
	out := jsonindent.Append(make([]byte, 0, len(compact)+len(compact)/4), compact, "", jsonIndent)
	return append(out, '\n'), nil
}
