package markdown

import (
	"bytes"
	"regexp"
	"strconv"
	"time"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/podfeed/podfeed/internal/timecode"
)

// A time mark is a paragraph of a summary that starts with a time,
// "00:03:49 ", as show notes write their own chapter lines: two or more
// digits of hours, ":", minutes and seconds of two digits each (00 to 59),
// and a space, before any markup. On a page, [Renderer.RenderPage] makes
// its time a link that seeks the page's player.
var timeMark = regexp.MustCompile(`^(\d{2,}):([0-5]\d):([0-5]\d) `)

// maxMarkHours is the most hours a time mark may have: more are no time in
// an episode, and are left as text.
const maxMarkHours = 1 << 20

// kindSeek is the kind of a [seekNode].
var kindSeek = ast.NewNodeKind("Seek")

// seekNode is a time mark's time, made a seek link.
type seekNode struct {
	ast.BaseInline
	clock string        // as written, "00:03:49"
	start time.Duration // where the link seeks
}

func (n *seekNode) Kind() ast.NodeKind { return kindSeek }

func (n *seekNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Clock": n.clock}, nil)
}

// chaptersKey holds, in a conversion's parser.Context, the chapter starts
// a time mark seeks to when it names their second.
var chaptersKey = parser.NewContextKey()

// timeMarks turns the time of every time mark into a [seekNode]. A mark
// within the second a chapter starts seeks to the chapter's exact start
// (the notes drop milliseconds).
type timeMarks struct{}

func (timeMarks) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	chapters, _ := pc.Get(chaptersKey).([]time.Duration)
	src := reader.Source()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if p, ok := n.(*ast.Paragraph); ok && entering {
			markParagraph(p, src, chapters)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// markParagraph puts a seekNode before the text of p when p starts with a
// time mark.
func markParagraph(p *ast.Paragraph, src []byte, chapters []time.Duration) {
	first, ok := p.FirstChild().(*ast.Text)
	if !ok {
		return
	}
	m := timeMark.FindSubmatch(src[first.Segment.Start:])
	if m == nil || !bytes.HasPrefix(leadingText(first, src, len(m[0])), m[0]) {
		return // the space after the time must be text, not the end of a line
	}
	h, err := strconv.ParseInt(string(m[1]), 10, 64)
	if err != nil || h > maxMarkHours {
		return
	}
	mm, _ := strconv.Atoi(string(m[2]))
	ss, _ := strconv.Atoi(string(m[3]))
	start := time.Duration(h)*time.Hour + time.Duration(mm)*time.Minute + time.Duration(ss)*time.Second
	for _, c := range chapters {
		if c.Truncate(time.Second) == start {
			start = c
			break
		}
	}
	clock := len(m[0]) - 1 // the time, without its space
	// The time may span text nodes that follow each other in the source:
	// take it out of them, leaving the space and what follows.
	for n := ast.Node(first); clock > 0; {
		t, ok := n.(*ast.Text)
		if !ok {
			return // cannot happen: markup inside the digits would not match
		}
		next := n.NextSibling()
		if l := t.Segment.Len(); l <= clock {
			p.RemoveChild(p, t)
			clock -= l
		} else {
			t.Segment = t.Segment.WithStart(t.Segment.Start + clock)
			clock = 0
		}
		n = next
	}
	p.InsertBefore(p, p.FirstChild(), &seekNode{clock: string(m[0][:len(m[0])-1]), start: start})
}

// leadingText returns at least n bytes of the text that starts at first
// and runs on through the Text nodes after it, up to the first line break
// or other node.
func leadingText(first *ast.Text, src []byte, n int) []byte {
	var b []byte
	for node := ast.Node(first); node != nil && len(b) < n; node = node.NextSibling() {
		t, ok := node.(*ast.Text)
		if !ok {
			break
		}
		b = append(b, t.Segment.Value(src)...)
		if t.SoftLineBreak() || t.HardLineBreak() {
			break
		}
	}
	return b
}

// seekRenderer writes a seekNode as the page's seek link.
type seekRenderer struct{}

func (seekRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindSeek, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(SeekLink(n.(*seekNode).clock, n.(*seekNode).start))
		}
		return ast.WalkContinue, nil
	})
}

// SeekLink returns the link that seeks a page's player to start, with the
// text clock: what a page shows for a chapter's time and for a summary's
// time mark alike.
func SeekLink(clock string, start time.Duration) string {
	s := timecode.Format(start, timecode.Seconds)
	return `<a class="seek" href="#t=` + s + `" data-start="` + s + `" aria-label="Play from ` + clock + `">` + clock + `</a>`
}
