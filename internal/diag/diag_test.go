package diag

import "testing"

func TestPosString(t *testing.T) {
	tests := []struct {
		pos  Pos
		want string
	}{
		{Pos{File: "a.toml", Line: 3, Col: 7}, "a.toml:3:7"},
		{Pos{File: "a.toml", Line: 3}, "a.toml:3"},
		{Pos{File: "a.toml", Key: "audio.url"}, "a.toml: audio.url"},
		{Pos{File: "a.toml"}, "a.toml"},
		{Pos{Key: "title"}, "title"},
	}
	for _, tt := range tests {
		if got := tt.pos.String(); got != tt.want {
			t.Errorf("%#v: got %q, want %q", tt.pos, got, tt.want)
		}
	}
}

func TestListSortFormatErr(t *testing.T) {
	var l List
	if l.Err() != nil {
		t.Fatal("empty list has an error")
	}
	l.Warn(Pos{File: "b.toml", Line: 1, Col: 1}, "no guid")
	if l.Err() != nil {
		t.Fatal("a warning alone made an error")
	}
	l.Add(Pos{File: "b.toml", Line: 9, Col: 1}, "second %d", 2)
	l.Add(Pos{File: "a.toml", Line: 2, Col: 1}, "first").WithHint("do %s", "this")
	l.Sort()
	want := "a.toml:2:1: first\n\thint: do this\n" +
		"b.toml:1:1: warning: no guid\n" +
		"b.toml:9:1: second 2\n"
	if got := l.Format(); got != want {
		t.Errorf("Format:\n%s\nwant:\n%s", got, want)
	}
	err := l.Err()
	if err == nil {
		t.Fatal("no error from a list with errors")
	}
	if got, want := err.Error(), "a.toml:2:1: first\nb.toml:9:1: second 2"; got != want {
		t.Errorf("Err: got %q, want %q", got, want)
	}
	if n := len(l.Warnings()); n != 1 {
		t.Errorf("Warnings: %d, want 1", n)
	}
}

func TestSuggest(t *testing.T) {
	known := []string{"title", "summary", "published", "takeaways"}
	tests := []struct{ word, want string }{
		{"titel", "title"},
		{"Title", "title"},
		{"sumary", "summary"},
		{"publshed", "published"},
		{"takeaway", "takeaways"},
		{"colour", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Suggest(tt.word, known); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestExcerpt(t *testing.T) {
	src := []byte("a = 1\n\ttitel = \"x\"\n")
	got := Excerpt(src, Pos{Line: 2, Col: 2})
	want := "    2 | \ttitel = \"x\"\n        \t^\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := Excerpt(src, Pos{Line: 9}); got != "" {
		t.Errorf("line past the end: got %q", got)
	}
}

// TestExcerptControlCharacters checks that a quoted line never carries a
// control character to the terminal, and that the caret stays under the
// character the column counts to.
func TestExcerptControlCharacters(t *testing.T) {
	tests := []struct {
		name string
		line string
		col  int
		want string
	}{
		{"escape and bell", "a = \"é\x1b[1m\a\"", 7,
			"    1 | a = \"é␛[1m␇\"\n              ^\n"},
		{"NUL and DEL", "x\x00y\x7f", 4,
			"    1 | x␀y␡\n           ^\n"},
		{"C1 control and invalid byte", "a\u009bb\xffc", 5,
			"    1 | a\ufffdb\ufffdc\n            ^\n"},
		{"tab kept for alignment", "\tv\v", 3,
			"    1 | \tv␋\n        \t ^\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Excerpt([]byte(tt.line+"\n"), Pos{Line: 1, Col: tt.col})
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSuggestKey(t *testing.T) {
	known := []string{"title", "summary", "published", "number"}
	aliases := Aliases{"pubdate": {"published"}, "description": {"summary"}, "episode": {"season", "number"}, "name": {"label"}}
	tests := []struct{ word, want string }{
		{"pubDate", "published"},   // alias, in any case
		{"pub_date", "published"},  // alias, with '_'
		{"description", "summary"}, // alias, far by edit distance
		{"episode", "number"},      // the first alias target that is known
		{"name", ""},               // an alias whose key is not known here
		{"titel", "title"},         // edit distance still works
		{"descriptions", ""},       // not an alias, too far
	}
	for _, tt := range tests {
		if got := SuggestKey(tt.word, known, aliases); got != tt.want {
			t.Errorf("SuggestKey(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}
