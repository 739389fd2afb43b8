package jsonindent

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// want is what encoding/json makes of src, without what json.Indent keeps
// after the value.
func want(t *testing.T, src []byte, prefix, indent string) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := json.Indent(&b, bytes.TrimRight(src, " \t\r\n"), prefix, indent); err != nil {
		t.Fatalf("json.Indent(%q): %v", src, err)
	}
	return b.Bytes()
}

func TestAppend(t *testing.T) {
	for _, src := range []string{
		`{}`, `[]`, `""`, `0`, `-1.5e+3`, `true`, `null`,
		`{"a":1}`, `[1,2,[],{},[{}]]`, `{"a":{"b":[true,false,null]},"c":"d"}`,
		` { "spaced" : [ 1 , 2 ] } ` + "\n",
		`"quote \" inside"`, `"backslash at the end \\"`, `"\\\" both"`, `["\\\\",""]`,
		`{"html":"<a href=\"https://x/\">x</a>, {not: [json]}"}`,
		`"ünïcödé \u2028 \ud83d\ude00"`,
	} {
		for _, ind := range [][2]string{{"", "  "}, {"    ", "  "}, {">", "\t"}} {
			got := Append([]byte("kept "), []byte(src), ind[0], ind[1])
			if w := append([]byte("kept "), want(t, []byte(src), ind[0], ind[1])...); !bytes.Equal(got, w) {
				t.Errorf("Append(%q, %q, %q)\n got %q\nwant %q", src, ind[0], ind[1], got, w)
			}
		}
	}
}

// Append writes what json.Indent writes for any valid JSON, and what
// encoding/json marshals above all.
func FuzzAppend(f *testing.F) {
	f.Add([]byte(`{"items":[{"id":"1","content_html":"<p>\"x\" \\ y</p>","tags":[]}],"n":1.5}`), "  ")
	f.Add([]byte(`[[[]],{"":{}}," \\\" "]`), "\t")
	f.Fuzz(func(t *testing.T, src []byte, indent string) {
		if !json.Valid(src) {
			// Marshalled, any string is valid JSON.
			var err error
			if src, err = json.Marshal(map[string]any{"s": string(src), "a": []string{string(src), ""}}); err != nil {
				t.Fatal(err)
			}
		}
		indent = strings.Map(func(r rune) rune { // json.Indent takes any, but feeds use white space
			if r == ' ' || r == '\t' {
				return r
			}
			return -1
		}, indent)
		if got, w := Append(nil, src, "  ", indent), want(t, src, "  ", indent); !bytes.Equal(got, w) {
			t.Errorf("Append(%q)\n got %q\nwant %q", src, got, w)
		}
	})
}

// BenchmarkAppend indents an item of a JSON Feed, against json.Indent.
func BenchmarkAppend(b *testing.B) {
	notes := strings.Repeat(`<p>A paragraph of show notes with <a href="https://example.com/x">a link</a> and "quotes".</p>\n`, 40)
	src, err := json.Marshal(map[string]any{"id": "x", "url": "https://example.com/e/", "title": "An episode",
		"content_html": notes, "summary": notes[:400], "attachments": []map[string]any{{"url": "https://example.com/a.mp3", "size_in_bytes": 12345}}})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("Append", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		var dst []byte
		for b.Loop() {
			dst = Append(dst[:0], src, "    ", "  ")
		}
	})
	b.Run("json.Indent", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		var dst bytes.Buffer
		for b.Loop() {
			dst.Reset()
			if err := json.Indent(&dst, src, "    ", "  "); err != nil {
				b.Fatal(err)
			}
		}
	})
}
