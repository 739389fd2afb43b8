package markdown

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unsafe"
)

// Summaries plainMarkdown must tell apart. Those it takes as plain must
// give the text the renderer gives: if the Markdown renderer ever changes what it
// does with plain text (typographic quotes, links made of bare addresses),
// this test fails.
var summaryCases = []struct {
	src   string
	plain bool
}{
	{"", true},
	{"Emma Nedelcu discusses her experience managing teams that transitioned to Rust at Amazon Prime Video.\nShe highlights the reasons.", true},
	{`Quotes "double" and 'single', dashes -- and --- and ... dots; (parens), colons: 50% off! Really? $5, @user, ^caret, {braces}, a/b.`, true},
	{"Addresses https://example.com/a?b=1 and www.example.com and a@example.com stay text.", true},
	{"Café, naïve, 東京, emoji 😀 and a non\u00a0breaking space.", true},
	{"2025 was a year.\n  42 is an answer.\n\nA second paragraph.", true},
	{"trailing spaces make a hard break  \nhere", true},
	{"   three spaces of indent", true},
	{"a - b + c = d", true},
	{"1. a list", false},
	{"2025) a list", false},
	{"text\n3. a list", false},
	{"- a list", false},
	{"+ a list", false},
	{"text\n===", false},
	{"text\n---", false},
	{"    code", false},
	{"*emphasis*", false},
	{"_emphasis_", false},
	{"`code`", false},
	{"[link](https://example.com/)", false},
	{"<b>html</b>", false},
	{"> quote", false},
	{"Q&amp;A", false},
	{"back\\slash", false},
	{"~~~", false},
	{"a | b", false},
	{"# heading", false},
	{"tab\there", false},
	{"carriage\r\nreturn", false},
	{"nul\x00", false},
	{"bad \xff utf-8", false},
	{"\ufeffbyte order mark", false},
	{"C1 \u0085 control", false},
}

func TestTextOfPlainMarkdown(t *testing.T) {
	md := New()
	for _, tt := range summaryCases {
		if got := plainMarkdown(tt.src); got != tt.plain {
			t.Errorf("plainMarkdown(%q) = %v, want %v", tt.src, got, tt.plain)
		}
		got, err := md.Text(tt.src)
		if err != nil {
			t.Fatalf("Text(%q): %v", tt.src, err)
		}
		if want, err := md.renderedText(tt.src); err != nil || got != want {
			t.Errorf("Text(%q)\n got %q\nwant %q (%v)", tt.src, got, want, err)
		}
	}
}

// FuzzTextShortcut checks Text, with its shortcut for plain summaries,
// against the renderer.
func FuzzTextShortcut(f *testing.F) {
	for _, tt := range summaryCases {
		f.Add(tt.src)
	}
	md := New()
	f.Fuzz(func(t *testing.T, src string) {
		got, err := md.Text(src)
		if err != nil {
			t.Skip()
		}
		if want, err := md.renderedText(src); err != nil || got != want {
			t.Errorf("Text(%q)\n got %q\nwant %q (%v)", src, got, want, err)
		}
	})
}

// plainAlphabet is what FuzzTextShortcutPlain writes summaries with: the
// characters plainMarkdown lets through, and a few it stops at the start of
// a line.
var plainAlphabet = []string{
	"a", "b", "Z", "0", "1", "9", " ", " ", "  ", "    ", "\n", "\n\n", ".", ",", ";", ":", "?", "!", "'", `"`,
	"(", ")", "/", "%", "$", "@", "^", "{", "}", "-", "--", "+", "=", "é", "東", "😀", "\u00a0", "\u2003", "\u3000",
	"https://", "www.", "...", "(c)", "1.", "1)", "e.g.", "\u00ad", "\u200b", "\u2028", "\u1680", "\u0301", "\u200f", "ß",
}

// FuzzTextShortcutPlain checks the shortcut against the Markdown renderer
// on summaries made of plainAlphabet, which mostly take the shortcut.
func FuzzTextShortcutPlain(f *testing.F) {
	f.Add([]byte("abc def"))
	f.Add([]byte{0, 6, 10, 11, 12, 35, 40, 41, 2, 3})
	md := New()
	f.Fuzz(func(t *testing.T, picks []byte) {
		src := plainSummary(picks)
		got, err := md.Text(src)
		if err != nil {
			t.Fatalf("Text(%q): %v", src, err)
		}
		if want, err := md.renderedText(src); err != nil || got != want {
			t.Errorf("Text(%q) (plain: %v)\n got %q\nwant %q (%v)", src, plainMarkdown(src), got, want, err)
		}
	})
}

// pageCases are summaries with time marks, or near misses, for PageIsFull.
var pageCases = []string{
	"00:03:49 Performance Gains with Rust",
	"Intro\n\n00:03:49 Performance Gains",
	"  01:02:03 indented mark",
	"12:00 is no mark",
	"A line\n2025 was a year.",
}

// PageIsFull answers true only where the page's form is the full form,
// whatever the chapters; it answers true for plain summaries without a
// line that starts with a digit.
func TestPageIsFull(t *testing.T) {
	md := New()
	srcs := pageCases
	for _, tt := range summaryCases {
		srcs = append(srcs, tt.src)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		var b strings.Builder
		for range r.IntN(40) {
			b.WriteString(plainAlphabet[r.IntN(len(plainAlphabet))])
		}
		srcs = append(srcs, b.String())
	}
	chapters := []time.Duration{0, 229 * time.Second, 3723 * time.Second}
	for _, src := range srcs {
		checkPageIsFull(t, md, src, chapters)
	}
	for _, src := range []string{"", "Emma Nedelcu discusses her experience.\nShe highlights the reasons.", "A summary, www.example.com."} {
		if !PageIsFull(src) {
			t.Errorf("PageIsFull(%q) = false", src)
		}
	}
	for _, src := range pageCases {
		if PageIsFull(src) {
			t.Errorf("PageIsFull(%q) = true", src)
		}
	}
}

func checkPageIsFull(t *testing.T, md *Renderer, src string, chapters []time.Duration) {
	t.Helper()
	if !PageIsFull(src) {
		return
	}
	full, err := md.Render(src)
	if err != nil {
		t.Fatalf("Render(%q): %v", src, err)
	}
	for _, c := range [][]time.Duration{nil, chapters} {
		if page, err := md.RenderPage(src, c); err != nil || page != full {
			t.Errorf("PageIsFull(%q), but RenderPage\n got %q\nwant %q (%v)", src, page, full, err)
		}
	}
}

// FuzzPageIsFullPlain checks PageIsFull against the renderers on summaries
// made of plainAlphabet.
func FuzzPageIsFullPlain(f *testing.F) {
	f.Add([]byte("abc def"))
	f.Add([]byte{0, 6, 10, 11, 12, 35, 40, 41, 2, 3})
	md := New()
	f.Fuzz(func(t *testing.T, picks []byte) {
		checkPageIsFull(t, md, plainSummary(picks), []time.Duration{0, 229 * time.Second})
	})
}

// plainSummary is a summary made of the pieces of plainAlphabet that
// picks picks.
func plainSummary(picks []byte) string {
	var b []byte
	for _, p := range picks {
		b = append(b, plainAlphabet[int(p)%len(plainAlphabet)]...)
	}
	return string(b)
}

// collapseSpace is strings.Fields joined with spaces, and s itself when
// that is s.
func FuzzCollapseSpace(f *testing.F) {
	for _, s := range []string{"", " ", "a", "a b", " a", "a ", "a  b", "a\tb", "a\nb", "a\u00a0b", "a\u3000 b", "é b", "a b\u0085"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := strings.Join(strings.Fields(s), " ")
		got := collapseSpace(s)
		if got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
		if got == s && len(s) > 0 && unsafe.StringData(got) != unsafe.StringData(s) {
			t.Errorf("collapseSpace(%q) copied a string that needs no change", s)
		}
	})
}

// BenchmarkCollapseSpace: a summary of one paragraph with nothing to
// collapse, the common case on the pages of the episode list.
func BenchmarkCollapseSpace(b *testing.B) {
	s := strings.TrimSpace(strings.Repeat("Rust in production: what a team of four learned in a year, and what they would do again. ", 4))
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		collapseSpace(s)
	}
}

// checkPlainHTML fails when plainHTML answers for src with other HTML
// than the renderer's, in the full form or in Apple's. It returns whether
// plainHTML answered.
func checkPlainHTML(t *testing.T, md *Renderer, src string) bool {
	t.Helper()
	got, ok := plainHTML(src)
	if !ok {
		return false
	}
	if want, err := md.rendered(src); err != nil || got != want {
		t.Errorf("plainHTML(%q)\n got %q\nwant %q from Render (%v)", src, got, want, err)
	}
	if want, err := md.renderedApple(src); err != nil || got != want {
		t.Errorf("plainHTML(%q)\n got %q\nwant %q from RenderApple (%v)", src, got, want, err)
	}
	return true
}

// The HTML of plain summaries without addresses or hard line breaks is
// the renderer's; plainHTML declines the others.
func TestPlainHTML(t *testing.T) {
	md := New()
	for _, tt := range summaryCases {
		checkPlainHTML(t, md, tt.src)
	}
	for _, tt := range []struct {
		src  string
		took bool
	}{
		{"One line.", true},
		{"  Two\n lines  with  spaces \n\n\n  and 'quotes' \"too\".\n\n", true},
		{"\n\nBlank lines first", true},
		{"A hard break  \nhere", false},
		{"Mail me at a@example.com", false},
		{"See https://example.com", false},
		{"See WWW.example.com", false},
		{"ftp://example.com", false},
		{"*emphasis*", false},
	} {
		if took := checkPlainHTML(t, md, tt.src); took != tt.took {
			t.Errorf("plainHTML(%q) answered %v, want %v", tt.src, took, tt.took)
		}
	}
}

// FuzzPlainHTML checks plainHTML against the renderer on summaries made
// of plainAlphabet, which mostly are plain.
func FuzzPlainHTML(f *testing.F) {
	f.Add([]byte("abc def"))
	f.Add([]byte{0, 6, 10, 11, 12, 35, 40, 41, 2, 3})
	f.Add([]byte{0, 7, 0, 9, 1, 8, 19, 4})
	md := New()
	f.Fuzz(func(t *testing.T, picks []byte) {
		checkPlainHTML(t, md, plainSummary(picks))
	})
}
