package episodes

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/podfeed/podfeed/internal/diag"
	"github.com/podfeed/podfeed/internal/par"
	"github.com/podfeed/podfeed/internal/tomlx"
)

// LoadDir reads every episode file directly in dir of fsys: the files named
// *.toml, in name order, skipping names that start with "." or "_" (so a
// file can be parked as _next.toml) and not descending into subfolders.
// Problems name each file as path.Join(dir, name).
//
// So that a new episode never stays out of the feed unnoticed, any other
// file is a warning saying it is not read and how to rename it (unless it is
// an editor's backup, an operating system's own file or a media file), and
// so is a subfolder that holds TOML files.
//
// Besides each file's own problems it reports what spans files: two
// episodes with one guid (the guid falling back to the audio URL counts)
// and two full episodes with one (season, number). Each is an error at the
// later file, naming the earlier file and line. Trailers and bonus episodes
// may share the number of the episode they belong to, as Apple allows.
//
// It returns, in file name order, every episode whose file decoded (even
// with errors), and all problems sorted by position. A missing dir is a
// single error.
func LoadDir(fsys fs.FS, dir string) ([]*Episode, diag.List) {
	return LoadDirWith(fsys, dir, LoadOptions{})
}

// LoadOptions tunes [LoadDirWith]. The zero value reads every file.
type LoadOptions struct {
	// Reuse, when not nil, is asked for each file before it is read, with
	// what fs.Stat says of it: an episode it returns with true stands for
	// the file, which is then not read (an incremental build keeps the
	// episodes of files that did not change). It must return an episode
	// of its own, which the caller may change, and is called on several
	// goroutines at once.
	Reuse func(name string, info fs.FileInfo) (*Decoded, bool)
	// Decoded, when not nil, is told of each file read and decoded without
	// a single problem, with what fs.Stat said of it before it was read,
	// on several goroutines at once. The episode is the one LoadDirWith
	// returns: keep a copy of it, not the pointer.
	Decoded func(name string, info fs.FileInfo, d *Decoded)
	// Stat, when not nil, stands for fs.Stat of a file for Reuse and
	// Decoded: what the caller saw of it, as long as it saw it before the
	// file is read (a build has looked at every file already).
	Stat func(name string) (fs.FileInfo, error)
	// ReadDir, when not nil, stands for fs.ReadDir of the episodes folder
	// (when its name is one fs.ReadDir takes): its entries, sorted by
	// name, as the caller last saw them.
	ReadDir func(name string) ([]fs.DirEntry, error)
}

// Decoded is an episode file as [LoadOptions] reuse it: its episode, and
// the key its guid comes from ("guid", or "audio.url" when it falls back
// to the audio's address), which a duplicate guid is reported at.
type Decoded struct {
	Episode *Episode
	GUIDKey string
}

// LoadDirWith is [LoadDir] with options.
func LoadDirWith(fsys fs.FS, dir string, opts LoadOptions) ([]*Episode, diag.List) {
	var probs diag.List
	dir = path.Clean(dir)
	readDir := func(name string) ([]fs.DirEntry, error) { return fs.ReadDir(fsys, name) }
	if opts.ReadDir != nil && fs.ValidPath(dir) { // a name fsys refuses stays refused
		readDir = opts.ReadDir
	}
	entries, err := readDir(dir)
	if err != nil {
		p := probs.Add(diag.Pos{File: dir}, "cannot read the episodes folder: %v", diag.WithoutPath(err, false))
		if errors.Is(err, fs.ErrNotExist) {
			p.WithHint("create the folder, or set [build] episodes in podcast.toml to where the episode files are")
		}
		return nil, probs
	}

	var files []string
	for _, e := range entries {
		name := e.Name()
		switch {
		case strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_"):
		case e.IsDir():
			warnSubfolder(fsys, dir, name, &probs)
		case strings.HasSuffix(name, ".toml"):
			files = append(files, path.Join(dir, name))
		default:
			warnNotRead(dir, name, &probs)
		}
	}

	// Read and decode on every core; collect in file order. Of each
	// file's decoded table only the key its guid comes from is kept, so a
	// big show's tables are not all alive at once; the positions of a
	// cross-file problem are looked up when there is one.
	type result struct {
		l     *loadedEpisode
		probs diag.List
	}
	results := make([]result, len(files))
	stat := opts.Stat
	if stat == nil {
		stat = func(name string) (fs.FileInfo, error) { return fs.Stat(fsys, name) }
	}
	par.Do(len(files), func(i int) {
		file := files[i]
		var info fs.FileInfo
		if opts.Reuse != nil || opts.Decoded != nil {
			info, _ = stat(file) // before reading: never a newer time than the content
		}
		if info != nil && opts.Reuse != nil {
			if d, ok := opts.Reuse(file, info); ok {
				results[i].l = &loadedEpisode{ep: d.Episode, guidKey: d.GUIDKey}
				return
			}
		}
		src, err := fs.ReadFile(fsys, file)
		if err != nil {
			results[i].probs.Add(diag.Pos{File: file}, "cannot read the episode file: %v", diag.WithoutPath(err, false))
			return
		}
		ep, root, ps := parse(file, src)
		results[i].probs = ps
		if ep != nil {
			results[i].l = &loadedEpisode{ep: ep, guidKey: guidKey(root)}
			if info != nil && opts.Decoded != nil && len(ps) == 0 {
				opts.Decoded(file, info, &Decoded{Episode: ep, GUIDKey: results[i].l.guidKey})
			}
		}
	})
	var loaded []*loadedEpisode
	for _, r := range results {
		probs.Append(r.probs)
		if r.l != nil {
			loaded = append(loaded, r.l)
		}
	}

	checkDuplicates(loaded, &probs, func(l *loadedEpisode, key string) diag.Pos {
		src, err := fs.ReadFile(fsys, l.ep.File)
		if err != nil {
			return diag.Pos{File: l.ep.File, Key: key}
		}
		return tomlx.KeyPos(l.ep.File, src, key)
	})

	eps := make([]*Episode, len(loaded))
	for i, l := range loaded {
		eps[i] = l.ep
	}
	probs.Sort()
	return eps, probs
}

// loadedEpisode is an episode with what cross-file problems point at.
type loadedEpisode struct {
	ep      *Episode
	guidKey string // "guid", or "audio.url" when the guid falls back to it
}

// checkDuplicates reports duplicate guids and duplicate (season, number)
// among full episodes, at the later file, with pos telling where a key of
// an episode's file is. (The tables' own problem lists belong to parse, so
// problems go to probs directly.)
func checkDuplicates(loaded []*loadedEpisode, probs *diag.List, pos func(l *loadedEpisode, key string) diag.Pos) {
	type numKey struct{ season, number int }
	guids := map[string]*loadedEpisode{}
	numbers := map[numKey]*loadedEpisode{}
	for _, l := range loaded {
		if g := l.ep.GUID; g != "" {
			if first, dup := guids[g]; dup {
				// A draft is never published: its guid clashes only once
				// it is (podfeed import keeps a repeated item so).
				add := probs.Add
				if l.ep.Draft || first.ep.Draft {
					add = probs.Warn
				}
				add(pos(l, l.guidKey), "%s: guid %q is already used by %s", l.guidKey, g, where(pos(first, first.guidKey), first.ep)).
					WithHint("give every episode its own guid; apps treat two items with one guid as one episode")
			} else {
				guids[g] = l
			}
		}
		if l.ep.Number > 0 && l.ep.EpisodeType == TypeFull {
			k := numKey{l.ep.Season, l.ep.Number}
			if first, dup := numbers[k]; dup {
				what := fmt.Sprintf("episode number %d", k.number)
				if k.season > 0 {
					what = fmt.Sprintf("season %d episode %d", k.season, k.number)
				}
				// Apps accept it (and real feeds have it): a warning.
				probs.Warn(pos(l, "number"), "number: %s is already used by %s", what, where(pos(first, "number"), first.ep)).
					WithHint("give each episode its own number, or mark extras with episode_type = \"bonus\"")
			} else {
				numbers[k] = l
			}
		}
	}
}

// guidKey is the key where an episode's guid comes from: guid, or the audio
// URL it falls back to.
func guidKey(root *tomlx.Table) string {
	if root.Has("guid") {
		return "guid"
	}
	return "audio.url"
}

// where names a key's place in an earlier file as file:line, or the file
// alone when the line is unknown.
func where(p diag.Pos, ep *Episode) string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return ep.File
}
