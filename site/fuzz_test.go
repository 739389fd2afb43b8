package site_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/podfeed/podfeed/episodes"
	"golang.org/x/net/html"
)

// scriptedMark is the layout's one inline script, which marks the page as
// scripted before its first paint.
const scriptedMark = `document.documentElement.classList.add("js")`

// FuzzPages renders the example with fuzzed episode text. Whatever the
// text, every page parses, holds no script but the page's own file and its JSON-LD data and no event
// handler: text never becomes markup.
func FuzzPages(f *testing.F) {
	show, eps := example(f)
	f.Add(eps[0].Title, eps[0].Summary, eps[0].Chapters[1].Title)
	f.Add(`<script>alert(1)</script>`, `<img src=x onerror=alert(1)> **bold** [a](javascript:x)`, `"><svg onload=alert(1)>`)
	f.Add("</textarea><script>x</script>", "<p>00:03:49 fake chapter</p>\n\n00:01:02 text", "{{.Show.Title}}")
	f.Fuzz(func(t *testing.T, title, summary, chapter string) {
		ep := *eps[0]
		ep.Title, ep.Summary = title, summary
		ep.Chapters = append([]episodes.Chapter{}, ep.Chapters...)
		ep.Chapters[1].Title = chapter
		for name, data := range render(t, show, []*episodes.Episode{&ep}, nil) {
			if !strings.HasSuffix(name, ".html") {
				continue
			}
			doc, err := html.Parse(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			scripts := 0
			walk(doc, func(n *html.Node) {
				if n.Type != html.ElementNode {
					return
				}
				if n.Data == "script" && attr(n, "type") != "application/ld+json" {
					// The one inline script is the layout's own mark that
					// the page runs scripts, always the same.
					if inline := n.FirstChild; inline != nil && attr(n, "src") == "" && inline.NextSibling == nil && inline.Data == scriptedMark {
						return
					}
					scripts++
					if attr(n, "src") == "" || n.FirstChild != nil {
						t.Errorf("%s: an inline script", name)
					}
				}
				for _, a := range n.Attr {
					if strings.HasPrefix(a.Key, "on") {
						t.Errorf("%s: <%s %s=%q>", name, n.Data, a.Key, a.Val)
					}
				}
			})
			want := 1 // the player's script, from its file
			if name == "404.html" {
				want = 0
			}
			if scripts != want {
				t.Errorf("%s: %d scripts, want %d", name, scripts, want)
			}
		}
	})
}
