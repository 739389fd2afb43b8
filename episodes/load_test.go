package episodes

import (
	"io/fs"
	"os"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// episodeSrc is a valid episode file with the given number and guid.
func episodeSrc(number int, guid string) string {
	return "title = \"Episode\"\n" +
		"number = " + strconv.Itoa(number) + "\n" +
		"published = 2025-02-04T09:00:00Z\n" +
		"guid = \"" + guid + "\"\n" +
		"\n[audio]\nurl = \"https://m.example.com/" + guid + ".mp3\"\nlength = 1\ntype = \"audio/mpeg\"\nduration = \"10:00\"\n"
}

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

// problemLines is the Format output without hint lines.
func problemLines(probsFormat string) []string {
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(probsFormat), "\n") {
		if l != "" && !strings.HasPrefix(l, "\thint: ") {
			lines = append(lines, l)
		}
	}
	return lines
}

func TestLoadDirDuplicates(t *testing.T) {
	fsys := fstest.MapFS{
		"show/episodes/001-a.toml": file(episodeSrc(1, "a")),
		"show/episodes/002-b.toml": file(episodeSrc(2, "a")), // guid of 001
		"show/episodes/003-c.toml": file(episodeSrc(1, "c")), // number of 001
		"show/episodes/004-d.toml": file(strings.Replace(episodeSrc(1, "d"), "number = 1", "number = 1\nseason = 2", 1)),
		"show/episodes/005-e.toml": file(strings.Replace(episodeSrc(1, "e"), "number = 1", "number = 1\nepisode_type = \"bonus\"", 1)),
	}
	eps, probs := LoadDir(fsys, "show/episodes")
	if len(eps) != 5 {
		t.Fatalf("%d episodes, want 5", len(eps))
	}
	want := []string{
		`show/episodes/002-b.toml:4:1: guid: guid "a" is already used by show/episodes/001-a.toml:4`,
		`show/episodes/003-c.toml:2:1: warning: number: episode number 1 is already used by show/episodes/001-a.toml:2`,
	}
	got := problemLines(probs.Format())
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for i, slug := range []string{"001-a", "002-b", "003-c", "004-d", "005-e"} {
		if eps[i].Slug != slug || eps[i].File != "show/episodes/"+slug+".toml" {
			t.Errorf("episode %d: Slug, File = %q, %q", i, eps[i].Slug, eps[i].File)
		}
	}
}

func TestLoadDirDuplicateSeasonNumberAndFallbackGUID(t *testing.T) {
	noGUID := func(number int) string {
		s := strings.Replace(episodeSrc(number, "x"), "guid = \"x\"\n", "", 1)
		return strings.Replace(s, "number = ", "season = 3\nnumber = ", 1)
	}
	fsys := fstest.MapFS{
		"eps/a.toml": file(noGUID(1)),
		"eps/b.toml": file(noGUID(1)),
	}
	_, probs := LoadDir(fsys, "eps")
	want := []string{
		`eps/a.toml: guid: warning: no guid: the feed falls back to the audio URL; add guid = "https://m.example.com/x.mp3" so it never changes`,
		`eps/b.toml: guid: warning: no guid: the feed falls back to the audio URL; add guid = "https://m.example.com/x.mp3" so it never changes`,
		`eps/b.toml:3:1: warning: number: season 3 episode 1 is already used by eps/a.toml:3`,
		`eps/b.toml:7:1: audio.url: guid "https://m.example.com/x.mp3" is already used by eps/a.toml:7`,
	}
	got := problemLines(probs.Format())
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestLoadDirReportsEverything checks that one run reports every problem
// of a folder, each with its file and line.
func TestLoadDirReportsEverything(t *testing.T) {
	fsys := fstest.MapFS{
		"episodes/001-typo.toml": file(strings.Replace(episodeSrc(1, "one"), "title =", "titel =", 1)),
		"episodes/002-order.toml": file(episodeSrc(2, "two") +
			"\n[[chapters]]\nstart = \"00:00\"\ntitle = \"A\"\n" +
			"\n[[chapters]]\nstart = \"05:00\"\ntitle = \"B\"\n" +
			"\n[[chapters]]\nstart = \"03:00\"\ntitle = \"C\"\n"),
		"episodes/003-dup.toml":  file(episodeSrc(3, "one")),
		"episodes/004-date.toml": file(strings.Replace(episodeSrc(4, "four"), "2025-02-04T09:00:00Z", "2025-02-30T09:00:00Z", 1)),
	}
	eps, probs := LoadDir(fsys, "episodes")
	if len(eps) != 3 { // 004 does not decode
		t.Errorf("%d episodes, want 3", len(eps))
	}
	want := []string{
		`episodes/001-typo.toml:1:1: unknown key "titel"`, // told once, as the typo, not also as a missing title
		`episodes/002-order.toml:21:1: chapters[2].start: 00:03:00 is not after the previous chapter's start 00:05:00`,
		`episodes/003-dup.toml:4:1: guid: guid "one" is already used by episodes/001-typo.toml:4`,
		`episodes/004-date.toml:3:13: invalid date-time "2025-02-30T09:00:00Z": February 2025 has 28 days`,
	}
	got := problemLines(probs.Format())
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !strings.Contains(probs.Format(), `hint: did you mean "title"?`) {
		t.Errorf("no did-you-mean hint in:\n%s", probs.Format())
	}
}

func TestLoadDirSkipsAndSorts(t *testing.T) {
	fsys := fstest.MapFS{
		"e/b.toml":             file(episodeSrc(2, "b")),
		"e/a.toml":             file(episodeSrc(1, "a")),
		"e/_next.toml":         file("not toml at all ="),
		"e/.hidden.toml":       file("not toml at all ="),
		"e/_notes.md":          file("# notes"),
		"e/_old/c.toml":        file("not toml at all ="),
		"e/.git/x.toml":        file("not toml at all ="),
		"e/pictures/a.jpg":     file("jpeg"),
		"e/a.toml~":            file("backup"),
		"e/.a.toml.swp":        file("swap"),
		"e/b.toml.bak":         file("backup"),
		"e/#a.toml#":           file("emacs"),
		"e/.DS_Store":          file("mac"),
		"e/Thumbs.db":          file("windows"),
		"e/desktop.ini":        file("windows"),
		"e/001.mp3":            file("audio"),
		"e/Artwork.PNG":        file("image"),
		"e/empty-dir/note.txt": file("no toml in here"),
	}
	eps, probs := LoadDir(fsys, "./e/")
	if len(probs) != 0 {
		t.Fatalf("problems:\n%s", probs.Format())
	}
	if len(eps) != 2 || eps[0].File != "e/a.toml" || eps[1].File != "e/b.toml" {
		t.Errorf("episodes: %v", eps)
	}
}

// TestLoadDirWarnsNotRead checks that a file or folder that looks meant
// as an episode but is not read gets a warning saying how to fix it.
func TestLoadDirWarnsNotRead(t *testing.T) {
	tests := []struct {
		name, file string
		want       string // Format of the problems
	}{
		{"upper-case extension", "e/003-third.TOML",
			"e/003-third.TOML: warning: not read: episode files end in .toml\n\thint: rename it to 003-third.toml\n"},
		{"mixed-case extension", "e/003-third.Toml",
			"e/003-third.Toml: warning: not read: episode files end in .toml\n\thint: rename it to 003-third.toml\n"},
		{"toml.txt", "e/003-third.toml.txt",
			"e/003-third.toml.txt: warning: not read: episode files end in .toml\n\thint: rename it to 003-third.toml\n"},
		{"txt", "e/004-four.txt",
			"e/004-four.txt: warning: not read: episode files end in .toml\n" +
				"\thint: if it is an episode, rename it to 004-four.toml; to keep it here unread, start its name with _ (_004-four.txt)\n"},
		{"subfolder", "e/2026/003-third.toml",
			"e/2026: warning: folder not read: episode files go directly in e, so 003-third.toml is not read\n" +
				"\thint: move the episode files up into e; to keep the folder aside on purpose, name it _2026\n"},
		{"folder named .toml", "e/dir.toml/x.toml",
			"e/dir.toml: warning: folder not read: episode files go directly in e, so x.toml is not read\n" +
				"\thint: move the episode files up into e; to keep the folder aside on purpose, name it _dir.toml\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"e/a.toml": file(episodeSrc(1, "a")), tt.file: file(episodeSrc(3, "c"))}
			eps, probs := LoadDir(fsys, "e")
			if len(eps) != 1 {
				t.Errorf("%d episodes, want 1", len(eps))
			}
			if got := probs.Format(); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
			if probs.Err() != nil {
				t.Errorf("a file not read is an error, want a warning")
			}
		})
	}

	// Several TOML files in one subfolder make one warning.
	fsys := fstest.MapFS{"e/a.toml": file(episodeSrc(1, "a")), "e/s/b.toml": file(""), "e/s/t/c.toml": file("")}
	_, probs := LoadDir(fsys, "e")
	if got, want := probs.Format(), "e/s: warning: folder not read: episode files go directly in e, so b.toml and 1 more .toml file are not read\n"; !strings.HasPrefix(got, want) {
		t.Errorf("got %q, want prefix %q", got, want)
	}
}

func TestLoadDirMissing(t *testing.T) {
	eps, probs := LoadDir(fstest.MapFS{"show/podcast.toml": file("")}, "show/episodes")
	if eps != nil {
		t.Errorf("episodes = %v, want nil", eps)
	}
	want := "show/episodes: cannot read the episodes folder: file does not exist\n" +
		"\thint: create the folder, or set [build] episodes in podcast.toml to where the episode files are\n"
	if got := probs.Format(); got != want {
		t.Errorf("problems:\n%s\nwant:\n%s", got, want)
	}
}

func TestLoadDirEmpty(t *testing.T) {
	eps, probs := LoadDir(fstest.MapFS{"e": &fstest.MapFile{Mode: fs.ModeDir}}, "e")
	if len(eps) != 0 || len(probs) != 0 {
		t.Errorf("episodes %v, problems:\n%s", eps, probs.Format())
	}
}

func TestLoadDirExample(t *testing.T) {
	eps, probs := LoadDir(os.DirFS("../examples/coding-chats"), "episodes")
	if len(probs) != 0 {
		t.Fatalf("problems:\n%s", probs.Format())
	}
	if len(eps) != 2 || eps[0].File != "episodes/055-rust-in-production.toml" || eps[1].File != "episodes/056-sound-check.toml" {
		t.Fatalf("episodes: %v", eps)
	}
	live, scheduled := Select(eps, time.Date(2025, 2, 4, 9, 0, 0, 0, time.UTC))
	if len(live) != 1 || len(scheduled) != 1 || live[0] != eps[0] || scheduled[0] != eps[1] {
		t.Errorf("live %d, scheduled %d; want episode 55 live and 56 scheduled", len(live), len(scheduled))
	}
}

// TestLoadDirReadDir: LoadOptions.ReadDir lists the episodes folder in
// fs.ReadDir's stead, but not for a name fs.ReadDir refuses, which stays
// refused.
func TestLoadDirReadDir(t *testing.T) {
	fsys := fstest.MapFS{"e/a.toml": file(episodeSrc(1, "a")), "e/b.toml": file(episodeSrc(2, "b"))}
	listed, _ := fs.ReadDir(fsys, "e")
	asListed := func(string) ([]fs.DirEntry, error) { return listed[:1], nil } // b.toml came after
	eps, probs := LoadDirWith(fsys, "e", LoadOptions{ReadDir: asListed})
	if len(probs) != 0 || len(eps) != 1 || eps[0].File != "e/a.toml" {
		t.Errorf("loaded %d episodes (%v), want e/a.toml alone", len(eps), probs.Format())
	}
	eps, probs = LoadDirWith(fsys, "../e", LoadOptions{ReadDir: asListed})
	if len(eps) != 0 || !strings.Contains(probs.Format(), "cannot read the episodes folder") {
		t.Errorf("../e: loaded %d episodes, problems %q; want none and the folder refused", len(eps), probs.Format())
	}
}
