package episodes

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/podfeed/podfeed/internal/diag"
)

// junkNames are files operating systems put into folders by themselves, in
// lower case.
var junkNames = []string{"thumbs.db", "desktop.ini", "icon\r"}

// backupSuffixes end the names of editors' backup and swap files.
var backupSuffixes = []string{"~", ".swp", ".swo", ".bak", ".orig", ".tmp"}

// mediaExts are the extensions of files that may sit beside the episodes on
// purpose: media, artwork and transcripts.
var mediaExts = []string{
	".mp3", ".m4a", ".m4b", ".mp4", ".m4v", ".mov", ".aac", ".ogg", ".oga", ".opus", ".wav", ".flac", ".webm",
	".jpg", ".jpeg", ".png", ".webp", ".gif", ".vtt", ".srt",
}

// quietlySkipped reports whether a file of the episodes folder that is not
// an episode needs no warning: an editor's backup, an operating system's
// file, or media.
func quietlySkipped(name string) bool {
	lower := strings.ToLower(name)
	if len(lower) > 1 && strings.HasPrefix(lower, "#") && strings.HasSuffix(lower, "#") {
		return true // Emacs auto-save
	}
	if slices.Contains(junkNames, lower) || slices.Contains(mediaExts, path.Ext(lower)) {
		return true
	}
	return slices.ContainsFunc(backupSuffixes, func(s string) bool { return strings.HasSuffix(lower, s) })
}

// episodeName returns the name a file that looks meant as an episode should
// have, and whether it looks so: 003-third.TOML and 003-third.toml.txt
// become 003-third.toml.
func episodeName(name string) (string, bool) {
	if i := strings.LastIndex(strings.ToLower(name), ".toml"); i > 0 {
		return name[:i] + ".toml", true
	}
	return "", false
}

// warnNotRead warns that name, a file of the episodes folder dir that does
// not end in .toml, is not read, unless it is a file expected there.
func warnNotRead(dir, name string, probs *diag.List) {
	if quietlySkipped(name) {
		return
	}
	p := probs.Warn(diag.Pos{File: path.Join(dir, name)}, "not read: episode files end in .toml")
	if want, ok := episodeName(name); ok {
		p.WithHint("rename it to %s", want)
		return
	}
	base := strings.TrimSuffix(name, path.Ext(name))
	p.WithHint("if it is an episode, rename it to %s.toml; to keep it here unread, start its name with _ (_%s)", base, name)
}

// warnSubfolder warns when name, a subfolder of the episodes folder dir,
// holds TOML files: episodes are read only from dir itself.
func warnSubfolder(fsys fs.FS, dir, name string, probs *diag.List) {
	sub := path.Join(dir, name)
	var tomls []string
	// An unreadable part of the subfolder gets no warning: it is not read
	// either way.
	_ = fs.WalkDir(fsys, sub, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(strings.ToLower(d.Name()), ".toml") {
			tomls = append(tomls, strings.TrimPrefix(p, sub+"/"))
		}
		return nil
	})
	if len(tomls) == 0 {
		return
	}
	what := tomls[0] + " is"
	if len(tomls) > 1 {
		what = fmt.Sprintf("%s and %d more .toml files are", tomls[0], len(tomls)-1)
		if len(tomls) == 2 {
			what = tomls[0] + " and 1 more .toml file are"
		}
	}
	probs.Warn(diag.Pos{File: sub}, "folder not read: episode files go directly in %s, so %s not read", dir, what).
		WithHint("move the episode files up into %s; to keep the folder aside on purpose, name it _%s", dir, name)
}
