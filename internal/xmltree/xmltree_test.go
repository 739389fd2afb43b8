package xmltree

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/podfeed/podfeed/internal/xmlns"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		src  string
		mode Mode
		// want is the tree as outline() writes it, or the error's text.
		want string
	}{
		{"positions", "<rss>\n<channel>\n  <title>T</title></channel></rss>", Strict,
			"rss@1:1 \"\\n\" [channel@2:1 \"\\n  \" [title@3:3 \"T\"]]"},
		{"declaration first", "<?xml version=\"1.0\"?>\n<rss/>", Strict, "rss@2:1"},
		{"namespaces canonical", `<rss xmlns:p="http://podcastindex.org/namespace/1.0"><p:guid>g</p:guid></rss>`, Strict,
			"rss@1:1 [{" + xmlns.Podcast + "}guid@1:54 \"g\"]"},
		{"text joined around children", "<a>x<b/>y</a>", Strict, "a@1:1 \"xy\" [b@1:5]"},
		{"cdata", "<a><![CDATA[<p>hi</p>]]></a>", Strict, "a@1:1 \"<p>hi</p>\""},
		{"latin-1", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>\xe9t\xe9</a>", Strict, `a@1:44 "été"`},
		{"windows-1252", "<?xml version=\"1.0\" encoding=\"windows-1252\"?><a>\x93q\x94</a>", Strict, "a@1:46 \"“q”\""},
		{"unknown encoding", "<?xml version=\"1.0\" encoding=\"klingon\"?><a/>", Strict,
			"not well-formed XML: line 1: xml: opening charset \"klingon\": unsupported encoding \"klingon\""},
		{"html entity strict", "<a>&nbsp;</a>", Strict, "not well-formed XML: line 1: invalid character entity &nbsp;"},
		{"html entity lenient", "<a>x&nbsp;y</a>", Lenient, `a@1:1 "x\u00a0y"`},
		{"bare ampersand lenient", "<a>R&D</a>", Lenient, "a@1:1 \"R&D\""},
		{"left open lenient", "<a><b>text", Lenient, "not well-formed XML: line 1: unexpected EOF"},
		{"left open strict", "<a><b>text", Strict, "not well-formed XML: line 1: unexpected EOF"},
		{"mismatched", "<a>\n</b>", Strict, "not well-formed XML: line 2: element <a> closed by </b>"},
		{"second root", "<a/>\n<b/>", Strict, "not well-formed XML: line 2: a second root element <b>"},
		{"no root", "<?xml version=\"1.0\"?>", Strict, "not well-formed XML: no root element"},
		{"empty", "", Lenient, "not well-formed XML: no root element"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse([]byte(tt.src), tt.mode)
			var got string
			if err != nil {
				var e *Error
				if !errors.As(err, &e) {
					t.Fatalf("error %T, want *Error", err)
				}
				got = err.Error()
			} else {
				got = outline(doc.Root)
			}
			if got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// outline writes a tree as name@line:col "text" [children].
func outline(n *Node) string {
	var b strings.Builder
	if n.Space != "" {
		b.WriteString("{" + n.Space + "}")
	}
	b.WriteString(n.Local)
	b.WriteString("@")
	b.WriteString(strconv.Itoa(n.Line) + ":" + strconv.Itoa(n.Col))
	if n.Text != "" {
		b.WriteString(" " + strconv.Quote(n.Text))
	}
	if len(n.Kids) > 0 {
		kids := make([]string, len(n.Kids))
		for i, k := range n.Kids {
			kids[i] = outline(k)
		}
		b.WriteString(" [" + strings.Join(kids, ", ") + "]")
	}
	return b.String()
}

func TestLookups(t *testing.T) {
	doc, err := Parse([]byte(`<rss xmlns:itunes="`+xmlns.Itunes+`" xmlns:fh="https://fh.example/ns">`+
		`<item><title> One </title><title>Two</title><itunes:title>It</itunes:title>`+
		`<enclosure url=" https://a.example/1.mp3 " length="3"/><fh:x/><y:z xmlns:y="urn:y"/></item></rss>`), Strict)
	if err != nil {
		t.Fatal(err)
	}
	item := doc.Root.Child("", "item")
	tests := []struct{ what, got, want string }{
		{"ChildText", item.ChildText("", "title"), "One"},
		{"ChildText namespaced", item.ChildText(xmlns.Itunes, "title"), "It"},
		{"ChildText missing", item.ChildText("", "guid"), ""},
		{"Children", strconv.Itoa(len(item.Children("", "title"))), "2"},
		{"AttrValue", item.Child("", "enclosure").AttrValue("url"), "https://a.example/1.mp3"},
		{"AttrValue missing", item.Child("", "enclosure").AttrValue("type"), ""},
		{"Name known", doc.Name(item.Child(xmlns.Itunes, "title")), "itunes:title"},
		{"Name declared", doc.Name(item.Child("https://fh.example/ns", "x")), "fh:x"},
		{"Name declared inside", doc.Name(item.Child("urn:y", "z")), "y:z"},
		{"Name plain", doc.Name(item), "item"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %q, want %q", tt.what, tt.got, tt.want)
		}
	}
	if item.Child("", "missing") != nil {
		t.Error("Child of a missing element is not nil")
	}
}

// FuzzParse checks that Parse never panics, that every strict parse also
// succeeds leniently with the same tree, and that positions lie in src.
func FuzzParse(f *testing.F) {
	f.Add([]byte("<rss>\n<channel><item><title>a &amp; b</title></item></channel></rss>"))
	f.Add([]byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>\xe9</a>"))
	f.Add([]byte("<a>&nbsp;<b x=y>"))
	f.Fuzz(func(t *testing.T, src []byte) {
		lenient, lerr := Parse(src, Lenient)
		strict, err := Parse(src, Strict)
		if err != nil {
			return
		}
		if lerr != nil {
			t.Fatalf("strict parse succeeds, lenient fails: %v", lerr)
		}
		if a, b := outline(strict.Root), outline(lenient.Root); a != b {
			t.Fatalf("strict %s\nlenient %s", a, b)
		}
		lines := strings.Count(string(src), "\n") + 1
		var walk func(*Node)
		walk = func(n *Node) {
			if n.Line < 1 || n.Line > lines || n.Col < 1 {
				t.Fatalf("<%s> at %d:%d, outside the %d lines", n.Local, n.Line, n.Col, lines)
			}
			for _, k := range n.Kids {
				walk(k)
			}
		}
		walk(strict.Root)
	})
}
