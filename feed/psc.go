package feed

import (
	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/timecode"
)

// pscChapters is psc:chapters, Podlove Simple Chapters 1.2
// (http://podlove.org/simple-chapters).
type pscChapters struct {
	Version  string       `xml:"version,attr"`
	Chapters []pscChapter `xml:"psc:chapter"`
}

// pscChapter is one psc:chapter.
type pscChapter struct {
	Start string `xml:"start,attr"` // normal play time: HH:MM:SS or HH:MM:SS.mmm
	Title string `xml:"title,attr"`
	Href  string `xml:"href,attr,omitempty"`
	Image string `xml:"image,attr,omitempty"`
}

func newPscChapters(chs []episodes.Chapter) *pscChapters {
	out := &pscChapters{Version: "1.2"}
	for _, c := range chs {
		out.Chapters = append(out.Chapters, pscChapter{
			Start: timecode.Format(c.Start, timecode.Clock),
			Title: c.Title,
			Href:  c.URL,
			Image: c.Image,
		})
	}
	return out
}
