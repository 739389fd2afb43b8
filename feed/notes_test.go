package feed

import (
	"bufio"
	"encoding/xml"
	"html"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/shownotes"
)

// showNotes is what the original plain-text show notes of episode 55
// (examples/coding-chats/show-notes.txt) carry.
type showNotes struct {
	chapters  []string // "00:03:49 Performance Gains with Rust", as the notes must write them
	urls      []string
	notes     []string // the newsletter notes
	takeaways []string
}

var (
	htmlText    = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	htmlAttr    = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;")
	noteChapter = regexp.MustCompile(`^(\d\d):(\d\d) (.+)$`)
	noteURL     = regexp.MustCompile(`https?://\S+`)
)

func readShowNotes(t *testing.T) showNotes {
	t.Helper()
	f, err := os.Open("../examples/coding-chats/show-notes.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var sn showNotes
	section := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "Chapters", line == "LINKS", line == "Takeaways":
			section = line
			continue
		case strings.HasPrefix(line, "Check out John's software engineering related newsletters"):
			section = "newsletters"
			continue
		}
		if m := noteChapter.FindStringSubmatch(line); section == "Chapters" && m != nil {
			sn.chapters = append(sn.chapters, "00:"+m[1]+":"+m[2]+" "+m[3])
		}
		if loc := noteURL.FindStringIndex(line); loc != nil {
			sn.urls = append(sn.urls, line[loc[0]:loc[1]])
			if section == "newsletters" {
				note := strings.TrimPrefix(strings.TrimSpace(line[loc[1]:]), "which ")
				sn.notes = append(sn.notes, note)
			}
		}
		if section == "Takeaways" && line != "" {
			sn.takeaways = append(sn.takeaways, line)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(sn.chapters) != 12 || len(sn.urls) != 7 || len(sn.notes) != 2 || len(sn.takeaways) != 16 {
		t.Fatalf("show-notes.txt: read %d chapters, %d urls, %d notes, %d takeaways; want 12, 7, 2, 16",
			len(sn.chapters), len(sn.urls), len(sn.notes), len(sn.takeaways))
	}
	return sn
}

// Everything the original show notes of episode 55 carry is in the item's
// description (Apple's form) and in content:encoded.
func TestShowNotesExample(t *testing.T) {
	sn := readShowNotes(t)
	out := mustBuild(t, codingChatsShow(), []*episodes.Episode{episode55()}, Options{})
	if len(out.Warnings) != 0 {
		t.Errorf("warnings: %s", out.Warnings.Format())
	}
	var doc struct {
		Description string `xml:"channel>item>description"`
		Content     string `xml:"channel>item>encoded"`
	}
	if err := xml.Unmarshal(out.RSS, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Description) > shownotes.MaxDescription {
		t.Errorf("description is %d bytes, over %d", len(doc.Description), shownotes.MaxDescription)
	}
	for form, notes := range map[string]string{"description": doc.Description, "content:encoded": doc.Content} {
		text := html.UnescapeString(notes)
		for _, c := range sn.chapters {
			if !strings.Contains(notes, "<p>"+htmlText.Replace(c)+"</p>") {
				t.Errorf("%s: no chapter line %q", form, c)
			}
		}
		for _, u := range sn.urls {
			if !strings.Contains(notes, `href="`+htmlAttr.Replace(u)+`">`+htmlText.Replace(u)+`</a>`) {
				t.Errorf("%s: no link to %s", form, u)
			}
		}
		for _, n := range sn.notes {
			if !strings.Contains(text, n) {
				t.Errorf("%s: no newsletter note %q", form, n)
			}
		}
		for _, tk := range sn.takeaways {
			if !strings.Contains(text, tk) {
				t.Errorf("%s: no takeaway %q", form, tk)
			}
		}
	}
	checkAppleSubset(t, "description", doc.Description)
}
