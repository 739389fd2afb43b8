package tomlx

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/podfeed/podfeed/internal/diag"
)

func TestLocate(t *testing.T) {
	src := `# comment
title = "x" # trailing
"quoted key" = 1
dotted.inner = 2
summary = """
not_a_key = "inside a multi-line string"
"""
list = [
  "a", # comment ] [
  "b",
]
[audio]
url = "u"

[[chapters]]
start = "00:00"
[[chapters]]
  start = "01:00"
[owner]
name = 'It''s'
`
	locs := locate("f.toml", []byte(src))
	tests := []struct {
		path      string
		line, col int
	}{
		{"title", 2, 1},
		{"quoted key", 3, 1},
		{"dotted.inner", 4, 1},
		{"summary", 5, 1},
		{"list", 8, 1},
		{"audio", 12, 1},
		{"audio.url", 13, 1},
		{"chapters[0]", 15, 1},
		{"chapters[0].start", 16, 1},
		{"chapters[1]", 17, 1},
		{"chapters[1].start", 18, 3},
		{"owner.name", 20, 1},
	}
	for _, tt := range tests {
		p, ok := locs[tt.path]
		if !ok {
			t.Errorf("%s: not located", tt.path)
			continue
		}
		if p.Line != tt.line || p.Col != tt.col {
			t.Errorf("%s: at %d:%d, want %d:%d", tt.path, p.Line, p.Col, tt.line, tt.col)
		}
	}
	if _, ok := locs["not_a_key"]; ok {
		t.Errorf("a line inside a multi-line string was taken for a key")
	}
}

func TestTableProblems(t *testing.T) {
	src := `titel = "x"
number = "55"
published = 2025-02-04T09:00:00
tags = ["a", 1]
[[chapters]]
start = "00:00"
[[chapters]]
strat = "01:00"
`
	tests := []struct {
		name string
		read func(*Table)
		want string
	}{
		{
			name: "unknown key with suggestion",
			read: func(t *Table) { t.String("title") },
			want: "f.toml:1:1: unknown key \"titel\"\n\thint: did you mean \"title\"?\n",
		},
		{
			name: "wrong type",
			read: func(t *Table) { t.Int("number") },
			want: "f.toml:2:1: number: want an integer, got string \"55\"\n\thint: write number = 55, without quotes\n",
		},
		{
			name: "wrong type for a boolean",
			read: func(t *Table) { t.Bool("number") },
			want: "f.toml:2:1: number: want true or false, got string \"55\"\n\thint: write number = true or number = false, without quotes\n",
		},
		{
			name: "date without zone",
			read: func(t *Table) { t.Time("published") },
			want: "f.toml:3:1: published: date-time has no time zone\n\thint: add Z for UTC or an offset such as +01:00, e.g. 2025-02-04T09:00:00Z\n",
		},
		{
			name: "mixed array",
			read: func(t *Table) { t.Strings("tags") },
			want: "f.toml:4:1: tags: element 2: want a string, got integer 1\n\thint: write every element of the list in quotes\n",
		},
		{
			name: "unknown key in second array table",
			read: func(t *Table) {
				for _, c := range t.Tables("chapters") {
					c.String("start")
					c.Finish()
				}
			},
			want: "f.toml:8:1: unknown key \"chapters[1].strat\"\n\thint: did you mean \"start\"?\n",
		},
		{
			name: "missing required key",
			read: func(t *Table) { t.Require("link") },
			want: "f.toml: link: missing required key \"link\"\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var probs diag.List
			root := Parse("f.toml", []byte(src), &probs)
			if root == nil {
				t.Fatalf("parse failed: %s", probs.Format())
			}
			// Mark every top-level key as read except the ones under test, so
			// that only the problem under test is reported.
			tt.read(root)
			for _, k := range []string{"number", "published", "tags", "chapters"} {
				root.Has(k)
			}
			if tt.name != "unknown key with suggestion" {
				root.Has("titel")
			}
			root.Finish()
			probs.Sort()
			if got := probs.Format(); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"syntax", "title = \"x\"\nnumber = 55x\n", "f.toml:2:"},
		{"invalid utf-8", "title = \"a\xffb\"\n", "f.toml:1:11: file is not valid UTF-8"},
		{"duplicate key", "title = \"a\"\ntitle = \"b\"\n", "f.toml:2:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var probs diag.List
			if root := Parse("f.toml", []byte(tt.src), &probs); root != nil {
				t.Fatalf("parsed without error")
			}
			if got := probs.Format(); !strings.HasPrefix(got, tt.want) {
				t.Errorf("got %q, want prefix %q", got, tt.want)
			}
		})
	}
}

func TestBOMIgnored(t *testing.T) {
	var probs diag.List
	root := Parse("f.toml", []byte("\xef\xbb\xbftitle = \"x\"\n"), &probs)
	if root == nil || root.String("title") != "x" {
		t.Fatalf("BOM not ignored: %s", probs.Format())
	}
	if p := root.Pos("title"); p.Line != 1 || p.Col != 1 {
		t.Errorf("title at %v, want 1:1", p)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("title = \"x\"\n[[chapters]]\nstart = 1\n"))
	f.Add([]byte("a = \"\"\"\nb = 1\n\"\"\"\n[x.y]\nz = [1,\n2]\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		var probs diag.List
		root := Parse("f.toml", src, &probs)
		lines := strings.Count(string(src), "\n") + 1
		if root != nil {
			for path, p := range root.doc.positions() {
				if p.Line < 1 || p.Line > lines {
					t.Errorf("%s located at line %d of %d", path, p.Line, lines)
				}
			}
		}
		for _, p := range probs {
			if p.Pos.Line > lines {
				t.Errorf("problem at line %d of %d: %s", p.Pos.Line, lines, p.Error())
			}
		}
		_ = probs.Format()
	})
}

func TestPosOfMisspelledArrayTable(t *testing.T) {
	var probs diag.List
	root := Parse("f.toml", []byte("title = \"x\"\n\n[[chapter]]\nstart = 1\n"), &probs)
	root.String("title")
	root.Tables("chapters")
	root.Finish()
	if got, want := probs.Format(), "f.toml:3:1: unknown key \"chapter\"\n\thint: did you mean \"chapters\"?\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestSyntaxErrorColumnInsideLine(t *testing.T) {
	src := "00= 0000-01-01 00:00#000\n0"
	var probs diag.List
	Parse("f.toml", []byte(src), &probs)
	lines := strings.Split(src, "\n")
	for _, p := range probs {
		if p.Pos.Line < 1 || p.Pos.Line > len(lines) || p.Pos.Col > len(lines[p.Pos.Line-1])+1 {
			t.Errorf("position %v outside the file", p.Pos)
		}
	}
}

func TestKeyPos(t *testing.T) {
	src := "\xef\xbb\xbftitle = \"x\"\nnumber = 5\n\n[audio]\nurl = \"https://e.com/a.mp3\"\n\n[[chapters]]\nstart = \"0:00\"\n[[chapters]]\nstart = \"1:00\"\n"
	tests := []struct {
		key        string
		line, col  int
		wantedFile bool // only the file: the key is not in src
	}{
		{"title", 1, 1, false},
		{"number", 2, 1, false},
		{"audio.url", 5, 1, false},
		{"chapters[1].start", 10, 1, false},
		{"guid", 0, 0, true},
	}
	for _, tt := range tests {
		p := KeyPos("e.toml", []byte(src), tt.key)
		if p.File != "e.toml" || p.Line != tt.line || p.Col != tt.col {
			t.Errorf("KeyPos(%q) = %+v, want line %d col %d", tt.key, p, tt.line, tt.col)
		}
		if tt.wantedFile && p.Key != tt.key {
			t.Errorf("KeyPos(%q) names key %q", tt.key, p.Key)
		}
	}
}

// TestSyntaxProblems pins the problems (position, message, hint) of input
// that does not decode, among them the TOML mistakes podcasters make most.
func TestSyntaxProblems(t *testing.T) {
	const (
		dupHint       = "set each key once: delete one of the two"
		backslashHint = `a \ in "…" text starts an escape such as \n or \": write \\ for a backslash itself (C:\\Users), or put the text between single quotes '…', which keep every backslash`
	)
	tests := []struct {
		name, src, want string
	}{
		{
			name: "control character after multibyte text",
			// é and ü are two bytes each: the column counts characters.
			src: "title = \"héllo wörld\v\"\n",
			want: "f.toml:1:21: invisible control character U+000B (vertical tab): TOML files cannot contain control characters\n" +
				"\thint: delete the invisible character (often pasted from a word processor); the caret points at it\n",
		},
		{
			// A megabyte of them on one line is one problem, found in
			// linear time (positions are worked out once a line).
			name: "a long line full of control characters",
			src:  "summary = \"" + strings.Repeat("a\x0b", 1<<19) + "\"\n",
			want: "f.toml:1:13: invisible control character U+000B (vertical tab): TOML files cannot contain control characters\n" +
				"\thint: delete the invisible character (often pasted from a word processor); the caret points at it\n",
		},
		{
			name: "every line with a control character",
			src:  "title = \"a\a\x1b[1m\"\n# ok\nsummary = \"\x0c\"\n",
			want: "f.toml:1:11: invisible control character U+0007 (bell): TOML files cannot contain control characters\n" +
				"\thint: delete the invisible character (often pasted from a word processor); the caret points at it\n" +
				"f.toml:3:12: invisible control character U+000C (form feed): TOML files cannot contain control characters\n" +
				"\thint: delete the invisible character (often pasted from a word processor); the caret points at it\n",
		},
		{
			name: "lone carriage return",
			src:  "title = \"a\"\rsummary = \"b\"\r\n",
			want: "f.toml:1:12: invisible control character U+000D (carriage return): TOML files cannot contain control characters\n" +
				"\thint: delete it, or save the file with Windows (CRLF) or Unix (LF) line endings\n",
		},
		{
			name: "UTF-16 without byte order mark",
			src:  "t\x00i\x00t\x00l\x00e\x00 \x00=\x00 \x001\x00\n\x00",
			want: "f.toml:1:2: file is not UTF-8 text: it is full of NUL bytes, as UTF-16 files are\n\thint: save the file as UTF-8\n",
		},
		{
			name: "syntax error column counts characters",
			src:  "title = \"ünïcödé\" x\n",
			want: "f.toml:1:18: expected a top-level item to end with a newline, comment, or EOF, but got 'x' instead\n",
		},
		{"a Windows path in text", "title = \"See C:\\Users\\me\"\n",
			"f.toml:1:16: expected eight hexadecimal digits after '\\U', but got \"See C:\\\\Us\" instead\n\thint: " + backslashHint + "\n"},
		{"a stray backslash", "title = \"a \\q b\"\n",
			"f.toml:1:12: invalid escape in string '\\q'\n\thint: " + backslashHint + "\n"},
		{"text in triple quotes never closed", "title = \"x\"\nsummary = \"\"\"\nnever closed\nnumber = 3\n",
			"f.toml:2:11: text opened with \"\"\" here is never closed\n\thint: end the text with \"\"\" after its last line\n"},
		{"literal text in triple quotes never closed", "title = \"x\"\nsummary = '''\nnever closed\n",
			"f.toml:2:11: text opened with ''' here is never closed\n\thint: end the text with ''' after its last line\n"},
		{"smart quotes", "summary = “Second one.”\n",
			"f.toml:1:11: expected value but found '“' instead\n" +
				"\thint: use straight quotes \"…\" around text: word processors curl them into “…”, which TOML does not take for quotes\n"},
		{"unescaped quote", "summary = \"He said \"hi\" to us.\"\n",
			"f.toml:1:21: expected a top-level item to end with a newline, comment, or EOF, but got 'h' instead\n" +
				"\thint: a \" inside text ends it: write \\\" for a quote inside the text, or put the text between triple quotes \"\"\"…\"\"\"\n"},
		{"day that does not exist", "published = 2026-02-30T09:00:00Z\n",
			"f.toml:1:13: invalid date-time \"2026-02-30T09:00:00Z\": February 2026 has 28 days\n\thint: " + DateTimeHint + "\n"},
		{"offset without colon", "published = 2026-01-05T09:00:00+0100\n",
			"f.toml:1:13: invalid date-time \"2026-01-05T09:00:00+0100\": the offset takes a colon, as in +01:00\n\thint: " + DateTimeHint + "\n"},
		{"one-digit month", "published = 2026-1-5T09:00:00Z\n",
			"f.toml:1:13: invalid date-time \"2026-1-5T09:00:00Z\": month and day take two digits each, as in 2026-01-05\n\thint: " + DateTimeHint + "\n"},
		{"month 13", "published = 2026-13-05T09:00:00Z\n",
			"f.toml:1:13: invalid date-time \"2026-13-05T09:00:00Z\": there is no month 13\n\thint: " + DateTimeHint + "\n"},
		{"duplicate key", "title = \"a\"\nnumber = 1\nnumber = 2\n",
			"f.toml:3:1: key 'number' has already been defined at line 2\n\thint: " + dupHint + "\n"},
		{"single brackets for an array of tables", "[[chapters]]\ntitle = \"a\"\n[[chapters]]\ntitle = \"b\"\n[chapters]\ntitle = \"c\"\n",
			"f.toml:5:1: key 'chapters' has already been defined at line 3\n" +
				"\thint: write [[chapters]] with two brackets: each of its entries starts with its own [[chapters]] line\n"},
		{"key added at the bottom lands in the last table", "number = 1\n[[chapters]]\ntitle = \"b\"\n\ntitle = \"New\"\n",
			"f.toml:5:1: key 'chapters.title' has already been defined at line 3\n" +
				"\thint: this line is in the [[chapters]] table that starts at line 2 (every key below a [...] line belongs to it); " +
				"if it is meant for the whole file, move it above the first [...] line, otherwise delete one of the two\n"},
		{"key added at the bottom that the whole file sets already", "title = \"a\"\n[[chapters]]\ntitle = \"b\"\n\ntitle = \"New\"\n",
			"f.toml:5:1: key 'chapters.title' has already been defined at line 3\n" +
				"\thint: this line is in the [[chapters]] table that starts at line 2 (every key below a [...] line belongs to it); " +
				"the whole file sets it already at line 1: change that line, or delete this one\n"},
		{"duplicate key in a table", "[audio]\nurl = \"a\"\nurl = \"b\"\n",
			"f.toml:3:1: key 'audio.url' has already been defined at line 2\n" +
				"\thint: this line is in the [audio] table that starts at line 1 (every key below a [...] line belongs to it); " +
				"if it is meant for the whole file, move it above the first [...] line, otherwise delete one of the two\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var probs diag.List
			if root := Parse("f.toml", []byte(tt.src), &probs); root != nil {
				t.Fatalf("parsed without error")
			}
			if got := probs.Format(); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestSentence(t *testing.T) {
	tests := []struct{ in, want string }{
		{"TOML files cannot contain control characters: '0x0b'", "TOML files cannot contain control characters: '0x0b'"},
		{"Key 'number' has already been defined.", "key 'number' has already been defined"},
		{"UTF-8 is required", "UTF-8 is required"},
		{"expected value", "expected value"},
		{"A", "a"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := sentence(tt.in); got != tt.want {
			t.Errorf("sentence(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestRootKeyInTable checks the hint for a key of the whole file written
// below a table header, where TOML puts it into that table.
func TestRootKeyInTable(t *testing.T) {
	src := "title = \"x\"\nseason = 1\n[audio]\nurl = \"u\"\n\nexplicit = true\n[[chapters]]\nstart = 0\n[[chapters]]\nstart = 1\n\nseason = 2\n"
	var probs diag.List
	root := Parse("f.toml", []byte(src), &probs)
	root.String("title")
	root.Has("season")
	root.Has("explicit")
	if a := root.Table("audio"); a != nil {
		a.String("url")
		a.Finish()
	}
	for _, c := range root.Tables("chapters") {
		c.Int("start")
		c.Finish()
	}
	root.Finish()
	probs.Sort()
	want := "f.toml:6:1: unknown key \"audio.explicit\"\n" +
		"\thint: explicit is a key of the whole file, but this line is in the [audio] table that starts at line 3 " +
		"(every key below a [...] line belongs to it): move it above the first [...] line\n" +
		"f.toml:12:1: unknown key \"chapters[1].season\"\n" +
		"\thint: season is a key of the whole file, but this line is in the [[chapters]] table that starts at line 9 " +
		"(every key below a [...] line belongs to it): the whole file sets it already at line 2: change that line, or delete this one\n"
	if got := probs.Format(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// A table knows which of its keys were read whether it has few (looked
// for in a list) or many (in a map, once past fewKeys): every key read,
// also twice, is known; the one left unread is reported, with the key
// read that it is nearest to.
func TestKeysRead(t *testing.T) {
	for _, n := range []int{1, fewKeys - 1, fewKeys, fewKeys + 1, 3 * fewKeys} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			var src strings.Builder
			for i := range n {
				fmt.Fprintf(&src, "key%02d = %d\n", i, i)
			}
			src.WriteString("kex00 = 0\n")
			var probs diag.List
			root := Parse("f.toml", []byte(src.String()), &probs)
			for i := range n {
				root.Int(fmt.Sprintf("key%02d", i))
				root.Has(fmt.Sprintf("key%02d", i)) // read again
			}
			root.Finish()
			want := fmt.Sprintf("f.toml:%d:1: unknown key \"kex00\"\n\thint: did you mean \"key00\"?\n", n+1)
			if got := probs.Format(); got != want {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
			if len(root.order) != n {
				t.Errorf("%d keys in the order read, want %d", len(root.order), n)
			}
		})
	}
}
