package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/feeds"
	"github.com/mmcdole/gofeed"

	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/diag"
	"github.com/podfeed/podfeed/internal/output"
)

// TestStreamManyItems builds feeds of more items than one round renders
// (itemsPerRound), so that items are spliced in across rounds, and reads
// every item back in order through encoding/xml, gofeed and encoding/json.
func TestStreamManyItems(t *testing.T) {
	for _, n := range []int{itemsPerRound, itemsPerRound + 1, 2*itemsPerRound + 3} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			var eps []*episodes.Episode
			first := episode55()
			for i := range n {
				ep := episode55()
				ep.GUID = fmt.Sprintf("guid-%04d", i)
				ep.Slug = fmt.Sprintf("%04d-episode", i)
				ep.Title = fmt.Sprintf("Episode %d", i)
				ep.Number = i + 1
				ep.Published = first.Published.Add(-time.Duration(i) * time.Hour) // newest first
				eps = append(eps, ep)
			}
			out := mustBuild(t, codingChatsShow(), eps, Options{})
			checkWellFormed(t, RSSFile, out.RSS)
			checkWellFormed(t, AtomFile, out.Atom)
			checkJSON(t, JSONFile, out.JSON)
			if len(out.Chapters) != n {
				t.Errorf("%d chapter files, want %d", len(out.Chapters), n)
			}
			for name, data := range map[string][]byte{RSSFile: out.RSS, AtomFile: out.Atom} {
				f, err := gofeed.NewParser().ParseString(string(data))
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				if len(f.Items) != n {
					t.Fatalf("%s: %d items, want %d", name, len(f.Items), n)
				}
				for i, it := range f.Items {
					if it.Title != eps[i].Title {
						t.Errorf("%s: item %d is %q, want %q", name, i, it.Title, eps[i].Title)
						break
					}
				}
			}
			var js struct {
				Items []struct {
					ID string `json:"id"`
				} `json:"items"`
			}
			if err := json.Unmarshal(out.JSON, &js); err != nil {
				t.Fatal(err)
			}
			if len(js.Items) != n {
				t.Fatalf("feed.json: %d items, want %d", len(js.Items), n)
			}
			for i, it := range js.Items {
				if it.ID != eps[i].GUID {
					t.Errorf("feed.json: item %d is %q, want %q", i, it.ID, eps[i].GUID)
					break
				}
			}
		})
	}
}

// The spliced documents are byte for byte what marshalling each document
// whole, items included, gives: with no item, one, and items over several
// rounds, whose encoders are reused from round to round.
func TestSpliceEqualsWhole(t *testing.T) {
	type fullChannel struct {
		rssChannel
		Items []*rssItem `xml:"item"`
	}
	type fullRoot struct {
		feeds.RssFeedXml
		NSItunes string       `xml:"xmlns:itunes,attr"`
		Channel  *fullChannel `xml:"channel"`
	}
	type splitRoot struct {
		feeds.RssFeedXml
		NSItunes string      `xml:"xmlns:itunes,attr"`
		Channel  *rssChannel `xml:"channel"`
	}
	for _, n := range []int{0, 1, 2, itemsPerRound + 1, 2*itemsPerRound + 3} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			b := &build{show: codingChatsShow()}
			p := &page{build: b, pages: 1}
			notes := notesRenderer(b.show)
			var (
				rssItems  []*rssItem
				jsonItems []*jsonItem
			)
			for i := range n {
				ep := episode55()
				ep.GUID = fmt.Sprint("g[]", i)
				ep.Title = "t\n  </channel>\n]]> <x> [] &" + fmt.Sprint(i)
				ep.Summary = "a ]]> b\n\n  </channel>"
				var warn diag.List
				e, err := b.entry(notes, ep, &warn)
				if err != nil {
					t.Fatal(err)
				}
				rssItems = append(rssItems, p.rssItem(e))
				jsonItems = append(jsonItems, jsonFeedItem(e))
			}

			ch := rssChannel{RssFeed: feeds.RssFeed{Title: "x", Description: "y"}, ItunesExplicit: "false"}
			var got bytes.Buffer
			root := &splitRoot{RssFeedXml: feeds.RssFeedXml{Version: "2.0"}, NSItunes: nsItunes, Channel: &ch}
			var rssSpans []ItemSpan
			rssIts := &items{n: n, value: func(i int) any { return rssItems[i] }, key: strconv.Itoa, spans: &rssSpans}
			if err := writeXML(&got, "s.xsl", root, "</channel>", 1, rssIts); err != nil {
				t.Fatal(err)
			}
			respliced(t, "RSS", got.Bytes(), rssSpans, rssIts.value, func(w io.Writer, its *items) error {
				return writeXML(w, "s.xsl", root, "</channel>", 1, its)
			})
			var want bytes.Buffer
			want.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<?xml-stylesheet type="text/xsl" href="s.xsl"?>` + "\n")
			enc := xml.NewEncoder(&want)
			enc.Indent("", xmlIndent)
			whole := &fullRoot{RssFeedXml: root.RssFeedXml, NSItunes: nsItunes, Channel: &fullChannel{rssChannel: ch, Items: rssItems}}
			if err := enc.Encode(whole); err != nil {
				t.Fatal(err)
			}
			want.WriteByte('\n')
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("RSS spliced differs from whole:\n%s\n----\n%s", got.Bytes(), want.Bytes())
			}

			f := &jsonFeed{JSONFeed: feeds.JSONFeed{Version: "v", Title: "[]"}, Items: []*jsonItem{}}
			got.Reset()
			var jsonSpans []ItemSpan
			jsonIts := &items{n: n, value: func(i int) any { return jsonItems[i] }, key: strconv.Itoa, spans: &jsonSpans}
			if err := writeJSON(&got, f, jsonIts); err != nil {
				t.Fatal(err)
			}
			respliced(t, "JSON", got.Bytes(), jsonSpans, jsonIts.value, func(w io.Writer, its *items) error {
				return writeJSON(w, f, its)
			})
			f.Items = append(f.Items, jsonItems...)
			if wantJSON, err := marshalJSON(f); err != nil || !bytes.Equal(got.Bytes(), wantJSON) {
				t.Errorf("JSON spliced differs from whole (%v):\n%s\n----\n%s", err, got.Bytes(), wantJSON)
			}
		})
	}
}

// runCounter is a SpanWriter into a buffer that counts the runs it is
// handed.
type runCounter struct {
	bytes.Buffer
	runs int
}

func (w *runCounter) WriteSpan(from io.ReaderAt, off, n int64) error {
	w.runs++
	return output.CopySpan(&w.Buffer, from, off, n)
}

// respliced checks that the spans recorded while doc was written are its
// items, one for each, and that writing the document again with every
// item, or every other one, copied from those bytes (value encodes the
// rest) gives doc again. Items copied one after another are handed on
// as one run.
func respliced(t *testing.T, format string, doc []byte, spans []ItemSpan, value func(i int) any, write func(w io.Writer, its *items) error) {
	t.Helper()
	for i, sp := range spans {
		item := string(doc[sp.Off : sp.Off+sp.Len])
		if sp.Key != strconv.Itoa(i) || !strings.HasPrefix(strings.TrimLeft(item, "\n "), map[string]string{"RSS": "<item>", "JSON": "{"}[format]) {
			t.Fatalf("%s span %d (key %q) holds %.40q", format, i, sp.Key, item)
		}
	}
	from := bytes.NewReader(doc)
	for _, every := range []int{1, 2} {
		var again runCounter
		err := write(&again, &items{n: len(spans), value: value, key: strconv.Itoa, reuse: func(i int) *Span {
			if i%every != 0 {
				return nil
			}
			return &Span{From: from, Off: spans[i].Off, Len: spans[i].Len}
		}})
		if err != nil || !bytes.Equal(again.Bytes(), doc) {
			t.Errorf("%s written again with every %d items copied differs (%v):\n%s\n----\n%s", format, every, err, again.Bytes(), doc)
		}
		wantRuns := (len(spans) + every - 1) / every // one run for all, else one for each copied
		if every == 1 {
			wantRuns = min(len(spans), 1)
		}
		if again.runs != wantRuns {
			t.Errorf("%s written again with every %d items copied: %d runs copied, want %d", format, every, again.runs, wantRuns)
		}
	}
}
