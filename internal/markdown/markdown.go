// Package markdown turns the Markdown an episode's summary is written in
// into HTML that is safe to publish in a feed.
//
// Markdown is read as CommonMark by goldmark, with the extension of GitHub
// Flavored Markdown that podcasters expect from other tools: bare web and
// e-mail addresses become links (Linkify). (Not strikethrough: goldmark's
// takes single tildes too, and "about ~5 minutes, not 10~" is show notes'
// way to say roughly.) Raw HTML inside it is kept by
// goldmark and then cleaned, together with everything else, by a bluemonday
// policy, so that no script, event handler, style or javascript:/data: URL
// ever reaches the output. Four forms are offered:
//
//   - [Renderer.Render]: the full form for content:encoded, Atom content and
//     JSON Feed content_html (a user-generated-content policy: headings,
//     lists, emphasis, code, quotes, links, images); headings move one level
//     down (# is <h2>), as the show notes around the summary and the pages
//     they go into have their own <h1>;
//   - [Renderer.RenderApple]: the subset Apple Podcasts and Spotify accept in
//     an item's description: only p, ul, ol, li and a[href]; headings become
//     paragraphs and every other tag is dropped, keeping its text;
//   - [Renderer.RenderPage]: the full form for a page with a player, where a
//     paragraph that starts with a time ("00:03:49 …") has that time made a
//     link that seeks the player ([SeekLink]), found in the Markdown's syntax
//     tree, not in the HTML;
//   - [Renderer.Text]: plain text, for fields that take no markup.
//
// The package keeps no state between calls: [New] builds a [Renderer] that a
// caller creates once per build and passes around; the package-level
// functions build a fresh one on each call.
//
// markdown does not escape for XML or check XML 1.0 characters: package feed
// cleans every string before and after rendering.
package markdown

import (
	"bufio"
	"fmt"
	"html"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Renderer renders Markdown in the three forms. It is safe for concurrent
// use once built; build it with [New].
type Renderer struct {
	// Each converter and policy is built when first used: an edit of one
	// episode renders a few summaries, and building them all took a
	// twentieth of its CPU.
	full  func() goldmark.Markdown
	apple func() goldmark.Markdown
	page  func() goldmark.Markdown

	ugc    func() *bluemonday.Policy
	seek   func() *bluemonday.Policy
	subset func() *bluemonday.Policy
	strict func() *bluemonday.Policy

	// writers holds *bufio.Writers to render into: given any other
	// writer, goldmark makes one of 4 KB for every conversion, 80 MB in a
	// build of 10,000 episodes.
	writers sync.Pool
}

// New returns a Renderer with fresh goldmark converters and bluemonday
// policies.
func New() *Renderer {
	return &Renderer{
		full: sync.OnceValue(func() goldmark.Markdown {
			return goldmark.New(
				goldmark.WithExtensions(extension.Linkify),
				goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(headingsDown{}, 100))),
				goldmark.WithRendererOptions(gmhtml.WithUnsafe()),
			)
		}),
		page: sync.OnceValue(func() goldmark.Markdown {
			return goldmark.New(
				goldmark.WithExtensions(extension.Linkify),
				goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(headingsDown{}, 100), util.Prioritized(timeMarks{}, 200))),
				goldmark.WithRendererOptions(gmhtml.WithUnsafe(), renderer.WithNodeRenderers(util.Prioritized(seekRenderer{}, 100))),
			)
		}),
		apple: sync.OnceValue(func() goldmark.Markdown {
			return goldmark.New(
				goldmark.WithExtensions(extension.Linkify),
				goldmark.WithRendererOptions(
					gmhtml.WithUnsafe(),
					renderer.WithNodeRenderers(util.Prioritized(headingAsParagraph{}, 100)),
				),
			)
		}),
		ugc:    sync.OnceValue(ugcPolicy),
		seek:   sync.OnceValue(pagePolicy),
		subset: sync.OnceValue(applePolicy),
		strict: sync.OnceValue(bluemonday.StrictPolicy),
	}
}

// ugcPolicy returns a new policy for the full form: bluemonday's policy for
// user-generated content, without the rel="nofollow" it adds to links.
// It allows no script, no event handler attributes, no style and no URL
// schemes other than http, https and mailto (relative URLs pass).
func ugcPolicy() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.RequireNoFollowOnLinks(false)
	return p
}

// pagePolicy returns the policy of the full form that also lets the seek
// links of time marks through (see [SeekLink]).
func pagePolicy() *bluemonday.Policy {
	p := ugcPolicy()
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^seek$`)).OnElements("a")
	p.AllowAttrs("data-start").Matching(regexp.MustCompile(`^\d+(\.\d+)?$`)).OnElements("a")
	p.AllowAttrs("aria-label").Matching(regexp.MustCompile(`^Play from \d+:\d\d:\d\d$`)).OnElements("a")
	return p
}

// applePolicy returns a new policy for the subset Apple Podcasts accepts in
// an item's description: p, ul, ol, li and a with an http, https or mailto
// href. Every other element is removed and its text kept (the text of
// script and style is dropped).
func applePolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "ul", "ol", "li")
	p.AllowAttrs("href").OnElements("a")
	p.AllowStandardURLs()
	p.RequireNoFollowOnLinks(false)
	return p
}

// Render renders src to sanitised HTML in the full form. It builds a fresh
// [Renderer]; callers rendering many summaries should build one with [New].
func Render(src string) (string, error) { return New().Render(src) }

// RenderApple renders src to HTML in Apple's description subset. It builds a
// fresh [Renderer]; callers rendering many summaries should build one with
// [New].
func RenderApple(src string) (string, error) { return New().RenderApple(src) }

// Text renders src to plain text. It builds a fresh [Renderer].
func Text(src string) (string, error) { return New().Text(src) }

// Render renders src to sanitised HTML in the full form.
func (r *Renderer) Render(src string) (string, error) {
	if html, ok := plainHTML(src); ok {
		return html, nil
	}
	return r.rendered(src)
}

// rendered is Render by way of the renderer, for any Markdown.
func (r *Renderer) rendered(src string) (string, error) {
	out, err := r.convert(r.full(), src)
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(r.ugc().Sanitize(out)), nil
}

// RenderPage renders src in the full form for a page with a player: the
// time of every time mark (a paragraph that starts "00:03:49 ") becomes a
// link that seeks the player, to the exact start of the chapter in
// chapters that begins within that second, if any.
func (r *Renderer) RenderPage(src string, chapters []time.Duration) (string, error) {
	pc := parser.NewContext()
	pc.Set(chaptersKey, chapters)
	out, err := r.convert(r.page(), src, parser.WithContext(pc))
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(r.seek().Sanitize(out)), nil
}

// RenderApple renders src to HTML that holds only p, ul, ol, li and
// a[href]: headings become paragraphs, other tags are dropped and their text
// kept.
func (r *Renderer) RenderApple(src string) (string, error) {
	if html, ok := plainHTML(src); ok {
		return html, nil
	}
	return r.renderedApple(src)
}

// renderedApple is RenderApple by way of the renderer, for any Markdown.
func (r *Renderer) renderedApple(src string) (string, error) {
	out, err := r.convert(r.apple(), src)
	if err != nil {
		return "", err
	}
	// A paragraph of nothing but dropped tags (an image) would be empty.
	out = strings.ReplaceAll(r.subset().Sanitize(out), "<p></p>", "")
	return strings.TrimSpace(out), nil
}

// Text renders src and returns its text without any markup, HTML entities
// decoded and runs of white space collapsed to one space. The result is
// plain text, not HTML: escape it before putting it into HTML.
//
// A summary that holds no Markdown syntax at all (see plainMarkdown) is its
// own text: it skips the renderer and the sanitiser, which cost far more
// than anything else done with a plain summary.
func (r *Renderer) Text(src string) (string, error) {
	if plainMarkdown(src) {
		return collapseSpace(src), nil
	}
	return r.renderedText(src)
}

// collapseSpace returns s with its runs of white space (as unicode.IsSpace
// tells) collapsed to one space, and none at either end: s itself when it
// has nothing to collapse, as a summary of one line mostly has.
func collapseSpace(s string) string {
	prevSpace := true // no space at the start
	for i := 0; i < len(s); {
		// A run of ASCII letters, digits and punctuation, most of any
		// summary, in a loop of its own.
		j := i
		for j < len(s) && ' ' < s[j] && s[j] < utf8.RuneSelf {
			j++
		}
		if j > i {
			prevSpace = false
			i = j
			continue
		}
		c, size := rune(s[i]), 1
		if c >= utf8.RuneSelf {
			c, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		space := c == ' ' || '\t' <= c && c <= '\r' || c >= utf8.RuneSelf && unicode.IsSpace(c)
		if space && (c != ' ' || prevSpace) {
			return strings.Join(strings.Fields(s), " ")
		}
		prevSpace = space
	}
	if prevSpace && s != "" {
		return strings.Join(strings.Fields(s), " ") // a space at the end
	}
	return s
}

// renderedText is Text by way of the renderer, for any Markdown.
func (r *Renderer) renderedText(src string) (string, error) {
	out, err := r.convert(r.full(), src)
	if err != nil {
		return "", err
	}
	text := html.UnescapeString(r.strict().Sanitize(out))
	return strings.Join(strings.Fields(text), " "), nil
}

// convert renders src with md into a string of its own, through a
// buffered writer of r's.
func (r *Renderer) convert(md goldmark.Markdown, src string, opts ...parser.ParseOption) (string, error) {
	var out strings.Builder
	out.Grow(len(src) + len(src)/4) // HTML is a little longer than its Markdown
	w, _ := r.writers.Get().(*bufio.Writer)
	if w == nil {
		w = bufio.NewWriter(&out)
	} else {
		w.Reset(&out)
	}
	defer func() {
		w.Reset(nil)
		r.writers.Put(w)
	}()
	// goldmark flushes a buffered writer it is given.
	if err := md.Convert([]byte(src), w, opts...); err != nil {
		return "", fmt.Errorf("render markdown: %w", err)
	}
	return out.String(), nil
}

// headingsDown moves every heading one level down, <h6> staying <h6>.
type headingsDown struct{}

func (headingsDown) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			h.Level = min(h.Level+1, 6)
		}
		return ast.WalkContinue, nil
	})
}

// headingAsParagraph renders every heading as a paragraph, for Apple's
// subset, which has no headings.
type headingAsParagraph struct{}

func (headingAsParagraph) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, func(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString("<p>")
		} else {
			_, _ = w.WriteString("</p>\n")
		}
		return ast.WalkContinue, nil
	})
}
