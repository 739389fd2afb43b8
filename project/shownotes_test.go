package project

import (
	"bufio"
	"bytes"
	"context"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
)

// showNotes is what the example's original plain-text show notes carry.
type showNotes struct {
	chapters  []string // "03:49 Performance Gains with Rust"
	urls      []string
	notes     []string // text after an address on its line
	takeaways []string
}

var (
	chapterLine = regexp.MustCompile(`^\d\d:\d\d `)
	urlPattern  = regexp.MustCompile(`https?://\S+`)
)

func readShowNotes(t *testing.T, path string) showNotes {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var sn showNotes
	inTakeaways := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "Takeaways":
			inTakeaways = true
		case inTakeaways && line != "":
			sn.takeaways = append(sn.takeaways, line)
		case chapterLine.MatchString(line):
			sn.chapters = append(sn.chapters, line)
		case urlPattern.MatchString(line):
			loc := urlPattern.FindStringIndex(line)
			sn.urls = append(sn.urls, line[loc[0]:loc[1]])
			if note := strings.TrimSpace(line[loc[1]:]); note != "" {
				sn.notes = append(sn.notes, strings.TrimPrefix(note, "which "))
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return sn
}

// TestExampleDescriptionCarriesShowNotes checks that episode 55's
// description in the built feed.xml, as a feed reader sees it, carries
// everything of its original show notes.
func TestExampleDescriptionCarriesShowNotes(t *testing.T) {
	sn := readShowNotes(t, filepath.Join(exampleDir, "show-notes.txt"))
	if len(sn.chapters) != 12 || len(sn.takeaways) != 16 || len(sn.urls) != 7 || len(sn.notes) != 2 {
		t.Fatalf("read %d chapters, %d takeaways, %d addresses, %d notes from show-notes.txt; want 12, 16, 7, 2",
			len(sn.chapters), len(sn.takeaways), len(sn.urls), len(sn.notes))
	}
	out := t.TempDir()
	if _, err := load(t, exampleDir).Build(context.Background(), BuildOptions{Now: day, Output: out}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(out, "feed.xml"))
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("gofeed: %v", err)
	}
	var desc string
	for _, it := range parsed.Items {
		if it.GUID == "codingchats-055-rust-in-production" {
			desc = it.Description
		}
	}
	if desc == "" {
		t.Fatalf("no item with episode 55's guid among %d items", len(parsed.Items))
	}
	text := html.UnescapeString(desc)
	for _, c := range sn.chapters {
		if !strings.Contains(text, "<p>00:"+c+"</p>") {
			t.Errorf("description lacks the chapter line %q as 00:%s on a line of its own", c, c)
		}
	}
	for _, u := range sn.urls {
		if !strings.Contains(desc, `<a href="`+u+`">`+u+`</a>`) {
			t.Errorf("description lacks a link to %s", u)
		}
	}
	for _, n := range sn.notes {
		if !strings.Contains(text, n) {
			t.Errorf("description lacks the note %q", n)
		}
	}
	for _, tk := range sn.takeaways {
		if !strings.Contains(text, "<li>"+tk+"</li>") {
			t.Errorf("description lacks the takeaway %q", tk)
		}
	}
	if n := len(desc); n > 4000 {
		t.Errorf("description is %d bytes, over Apple's 4000", n)
	}
}
