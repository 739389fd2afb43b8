package site

import (
	"bytes"
	"html/template"
	"math/rand/v2"
	"strings"
	"testing"
)

// escapeContexts are the places where pages written by Go put a value,
// each with the markup before and after it and the function that escapes
// it there.
var escapeContexts = []struct {
	name      string
	pre, post string
	write     func(*bytes.Buffer, string)
}{
	{"text", `<p>`, `</p>`, writeText},
	{"title", `<title>`, `</title>`, writeText},
	{"textarea", `<textarea>`, `</textarea>`, writeText},
	{"attribute", `<a title="`, `">`, writeText},
	{"aria-label", `<a aria-label="`, `">`, writeText},
	{"data attribute", `<li data-share="`, `">`, writeText},
	{"meta content", `<meta property="og:url" content="`, `">`, writeText},
	{"href", `<a href="`, `">`, writeURL},
	{"src", `<img src="`, `">`, writeURL},
	{"link href", `<link rel="canonical" href="`, `">`, writeURL},
	{"fragment", `<a href="#t=`, `">`, writeURLPart},
}

// checkEscapers compares each escaper with html/template on s.
func checkEscapers(t *testing.T, s string) {
	t.Helper()
	for _, c := range escapeContexts {
		tmpl := template.Must(template.New("").Parse(c.pre + "{{.}}" + c.post))
		var want strings.Builder
		if err := tmpl.Execute(&want, s); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		w := strings.TrimSuffix(strings.TrimPrefix(want.String(), c.pre), c.post)
		var got bytes.Buffer
		c.write(&got, s)
		if got.String() != w {
			t.Errorf("%s of %q: Go writes %q, html/template %q", c.name, s, got.String(), w)
		}
	}
}

// The escapers write what html/template writes, on values with every
// ASCII byte, characters beyond, invalid UTF-8 and addresses of every
// kind.
func TestEscapersMatchTemplate(t *testing.T) {
	for _, s := range []string{
		"", "plain", `<b>"Tom" & 'Jerry' + co</b>`, "a\x00b", "\xff\xc3", "\ufffd\ufdd0\uffff",
		"https://example.com/a b?q=1&r=2#frag", "HTTPS://x", "mailto:a@b.c", "javascript:alert(1)",
		"JavaScript:x", "data:text/html,x", "/relative/path:x", "a/b:c", "%41%4%zz%", "100%", "(')\"",
		"https://example.com/é/日本?q=ü", "tel:+1", "x]y",
	} {
		checkEscapers(t, s)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		checkEscapers(t, randomText(r))
	}
}

func FuzzEscapers(f *testing.F) {
	for _, s := range []string{"", `<"&'+>`, "https://x/a b", "javascript:x", "%4%41", "\xff\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkEscapers(t, s)
	})
}
