package markdown

import (
	"io"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// The summary of episode 55 of Coding Chats (examples/coding-chats), the
// seed for the fuzz targets.
const seedSummary = "Emma Nedelcu discusses her experience managing teams that transitioned to Rust at Amazon Prime Video. " +
	"She highlights the reasons for choosing Rust, including its performance and safety features, and the " +
	"challenges faced during the transition from JavaScript."

func TestRender(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string
	}{
		{"empty", "", ""},
		{"paragraph", "Hello, *world*.", "<p>Hello, <em>world</em>.</p>"},
		{"seed", seedSummary, "<p>" + seedSummary + "</p>"},
		{"escapes text", "a < b & c > d", "<p>a &lt; b &amp; c &gt; d</p>"},
		{"headings one level down", "# Title\n\n## Notes\n\ntext", "<h2>Title</h2>\n<h3>Notes</h3>\n<p>text</p>"},
		{"h6 stays h6", "##### five\n\n###### six", "<h6>five</h6>\n<h6>six</h6>"},
		{"setext heading down too", "Title\n=====", "<h2>Title</h2>"},
		{"bare address linked", "See https://example.com/a?b=1 now", `<p>See <a href="https://example.com/a?b=1">https://example.com/a?b=1</a> now</p>`},
		{"www address linked", "at www.example.com.", `<p>at <a href="http://www.example.com">www.example.com</a>.</p>`},
		{"e-mail address linked", "write to a@example.com", `<p>write to <a href="mailto:a@example.com">a@example.com</a></p>`},
		{"bare javascript not linked", "javascript:alert(1)", "<p>javascript:alert(1)</p>"},
		{"tildes are text", "about ~5 minutes, not 10~ and ~~this~~", "<p>about ~5 minutes, not 10~ and ~~this~~</p>"},
		{"list", "- one\n- two", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"},
		{"link", "[site](https://example.com/a?b=1&c=2)", `<p><a href="https://example.com/a?b=1&amp;c=2">site</a></p>`},
		{"mailto link", "[mail](mailto:a@example.com)", `<p><a href="mailto:a@example.com">mail</a></p>`},
		{"script block removed", "<script>alert(1)</script>\n\nafter", "<p>after</p>"},
		{"inline script removed", "before <script>alert(1)</script> after", "<p>before  after</p>"},
		{"onclick removed", `<a href="https://example.com/" onclick="alert(1)">x</a>`, `<p><a href="https://example.com/">x</a></p>`},
		{"onerror removed", `<img src="https://example.com/a.png" onerror="alert(1)">`, `<img src="https://example.com/a.png">`},
		{"javascript link", "[x](javascript:alert(1))", "<p>x</p>"},
		{"javascript link mixed case", `<a href="JaVaScRiPt:alert(1)">x</a>`, "<p>x</p>"},
		{"javascript entity obfuscated", `<a href="jav&#x09;ascript:alert(1)">x</a>`, "<p>x</p>"},
		{"data link", "[x](data:text/html;base64,PHNjcmlwdD4=)", "<p>x</p>"},
		{"data image", "![x](data:image/png;base64,AAAA)", `<p><img alt="x"></p>`},
		{"style attribute removed", `<p style="color:red">red</p>`, "<p>red</p>"},
		{"style element removed", "<style>p{}</style>\n\ntext", "<p>text</p>"},
		{"iframe removed", `<iframe src="https://example.com/"></iframe>`, ""},
		{"no nofollow", "<https://example.com/>", `<p><a href="https://example.com/">https://example.com/</a></p>`},
	}
	r := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := r.Render(tt.src)
			if err != nil {
				t.Fatalf("Render(%q): %v", tt.src, err)
			}
			if got != tt.want {
				t.Errorf("Render(%q)\n got %q\nwant %q", tt.src, got, tt.want)
			}
		})
	}
}

func TestRenderApple(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string
	}{
		{"empty", "", ""},
		{"seed", seedSummary, "<p>" + seedSummary + "</p>"},
		{"emphasis dropped", "Hello, *world* and **you**.", "<p>Hello, world and you.</p>"},
		{"heading becomes p", "# Title\n\n### Sub\n\ntext", "<p>Title</p>\n<p>Sub</p>\n<p>text</p>"},
		{"setext heading becomes p", "Title\n=====", "<p>Title</p>"},
		{"lists kept", "- a\n- b\n\n1. c\n2. d", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<ol>\n<li>c</li>\n<li>d</li>\n</ol>"},
		{"link kept with href only", `[x](https://example.com/ "title")`, `<p><a href="https://example.com/">x</a></p>`},
		{"image dropped", "![alt](https://example.com/a.png)", ""},
		{"image dropped, text kept", "before\n\n![alt](https://example.com/a.png)\n\nafter", "<p>before</p>\n\n<p>after</p>"},
		{"bare address linked", "See https://example.com/ now", `<p>See <a href="https://example.com/">https://example.com/</a> now</p>`},
		{"tildes are text", "~~old~~ new", "<p>~~old~~ new</p>"},
		{"code keeps text", "`code` here", "<p>code here</p>"},
		{"raw heading keeps text", "<h1>Big</h1>", "Big"},
		{"span keeps text", "a <span class=\"x\">b</span> c", "<p>a b c</p>"},
		{"script removed", "<script>alert(1)</script>\n\nafter", "<p>after</p>"},
		{"onclick removed", `<a href="https://example.com/" onclick="alert(1)">x</a>`, `<p><a href="https://example.com/">x</a></p>`},
		{"javascript link keeps text", "[x](javascript:alert(1))", "<p>x</p>"},
		{"data link keeps text", "[x](data:text/html,hi)", "<p>x</p>"},
		{"style removed", `<p style="color:red">red</p>`, "<p>red</p>"},
		{"blockquote dropped", "> quoted", "<p>quoted</p>"},
		{"escapes text", "a < b & c", "<p>a &lt; b &amp; c</p>"},
	}
	r := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := r.RenderApple(tt.src)
			if err != nil {
				t.Fatalf("RenderApple(%q): %v", tt.src, err)
			}
			if got != tt.want {
				t.Errorf("RenderApple(%q)\n got %q\nwant %q", tt.src, got, tt.want)
			}
		})
	}
}

func TestText(t *testing.T) {
	tests := []struct {
		src, want string
	}{
		{"", ""},
		{seedSummary, seedSummary},
		{"# Title\n\nSome *emphasis* and [a link](https://example.com/).", "Title Some emphasis and a link."},
		{"a &amp; b < c", "a & b < c"},
		{"<script>alert(1)</script>\n\nafter", "after"},
		{"line one  \nline two", "line one line two"},
	}
	r := New()
	for _, tt := range tests {
		got, err := r.Text(tt.src)
		if err != nil {
			t.Fatalf("Text(%q): %v", tt.src, err)
		}
		if got != tt.want {
			t.Errorf("Text(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}

// The package-level functions build a fresh Renderer and agree with one.
func TestPackageFunctions(t *testing.T) {
	src := "# Hi\n\n*there* <script>x</script> [l](https://example.com/)"
	r := New()
	for _, f := range []struct {
		name      string
		pkg, meth func(string) (string, error)
	}{
		{"Render", Render, r.Render},
		{"RenderApple", RenderApple, r.RenderApple},
		{"Text", Text, r.Text},
	} {
		a, err1 := f.pkg(src)
		b, err2 := f.meth(src)
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: %v, %v", f.name, err1, err2)
		}
		if a != b {
			t.Errorf("%s: package function %q, method %q", f.name, a, b)
		}
	}
}

// checkApple fails unless out holds only p, ul, ol, li and a with nothing
// but an href.
func checkApple(t *testing.T, src, out string) {
	t.Helper()
	for _, tok := range tags(t, out) {
		switch tok.Data {
		case "p", "ul", "ol", "li":
			if len(tok.Attr) != 0 {
				t.Errorf("RenderApple(%q): attributes on <%s>: %v", src, tok.Data, tok.Attr)
			}
		case "a":
			if tok.Type == html.StartTagToken && (len(tok.Attr) != 1 || tok.Attr[0].Key != "href") {
				t.Errorf("RenderApple(%q): <a> with more than an href: %v", src, tok.Attr)
			}
		default:
			t.Errorf("RenderApple(%q): tag outside the subset: <%s>", src, tok.Data)
		}
	}
}

// checkSafe fails when out holds a script, style or frame, an event handler
// or style attribute, or a URL with a scheme other than http, https or
// mailto.
func checkSafe(t *testing.T, form, src, out string) {
	t.Helper()
	for _, tok := range tags(t, out) {
		switch tok.Data {
		case "script", "style", "iframe", "object", "embed", "form", "input":
			t.Errorf("%s(%q): <%s> survives", form, src, tok.Data)
		}
		for _, a := range tok.Attr {
			key := strings.ToLower(a.Key)
			if strings.HasPrefix(key, "on") || key == "style" {
				t.Errorf("%s(%q): attribute %s survives", form, src, a.Key)
			}
			if key == "href" || key == "src" || key == "cite" {
				u, err := url.Parse(a.Val)
				if err != nil {
					t.Errorf("%s(%q): unparseable %s=%q survives", form, src, a.Key, a.Val)
					continue
				}
				switch strings.ToLower(u.Scheme) {
				case "", "http", "https", "mailto":
				default:
					t.Errorf("%s(%q): %s=%q survives", form, src, a.Key, a.Val)
				}
			}
		}
	}
}

// tags returns the start, end and self-closing tags of an HTML fragment.
func tags(t *testing.T, s string) []html.Token {
	t.Helper()
	var out []html.Token
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		switch z.Next() {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				t.Fatalf("tokenize %q: %v", s, z.Err())
			}
			return out
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			out = append(out, z.Token())
		}
	}
}

func FuzzRender(f *testing.F) {
	for _, s := range []string{
		seedSummary,
		"# Heading\n\n- item [link](https://example.com/)\n",
		"<script>alert(1)</script>",
		`<a href="javascript:alert(1)" onclick="x()">x</a>`,
		"[x](data:text/html,hi) ![i](data:image/png;base64,AA)",
		"<p style=\"x\">y</p> ]]> \v \xff",
	} {
		f.Add(s)
	}
	r := New()
	f.Fuzz(func(t *testing.T, src string) {
		full, err := r.Render(src)
		if err != nil {
			t.Fatalf("Render(%q): %v", src, err)
		}
		checkSafe(t, "Render", src, full)
		apple, err := r.RenderApple(src)
		if err != nil {
			t.Fatalf("RenderApple(%q): %v", src, err)
		}
		checkSafe(t, "RenderApple", src, apple)
		checkApple(t, src, apple)
		if _, err := r.Text(src); err != nil {
			t.Fatalf("Text(%q): %v", src, err)
		}
	})
}

// BenchmarkNew measures building a Renderer (two goldmark converters and
// three bluemonday policies), which Build does once per build.
func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		New()
	}
}

// BenchmarkRenderFresh measures the package-level Render, which builds a
// fresh Renderer on every call.
func BenchmarkRenderFresh(b *testing.B) {
	for b.Loop() {
		if _, err := Render(seedSummary); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderReused(b *testing.B) {
	r := New()
	for b.Loop() {
		if _, err := r.Render(seedSummary); err != nil {
			b.Fatal(err)
		}
	}
}
