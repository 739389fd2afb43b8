package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/podfeed/podfeed/internal/address"
	"github.com/podfeed/podfeed/internal/output"
)

// removeStale deletes, after the new files are in place, what an earlier
// build left that this one does not make: the archive pages of
// opts.Archives numbered past the last one in files, and the files of
// opts.Previous that files does not name, with the folders that leaves
// empty. names is the set of the names of files. It returns the names of the files it removed.
func removeStale(dir string, files []output.File, names map[string]bool, opts Options) ([]string, error) {
	removed, err := removeStalePages(dir, names, opts.Archives)
	if err != nil {
		return removed, err
	}
	left, err := removeLeftovers(dir, files, names, opts.Previous)
	return append(removed, left...), err
}

// removeStalePages deletes the archive pages (feed-N.xml, atom-N.xml …)
// of each base name that are numbered after the last page among names.
// Nothing links to them, and the nothing-lost guard must not read them.
func removeStalePages(dir string, names map[string]bool, bases []string) ([]string, error) {
	if len(bases) == 0 {
		return nil, nil
	}
	pages := 0
	for names[address.PageName(bases[0], pages)] {
		pages++
	}
	var removed []string
	for i := max(pages, 1); ; i++ {
		n := len(removed)
		for _, base := range bases {
			name := address.PageName(base, i)
			err := os.Remove(filepath.Join(dir, name))
			switch {
			case err == nil:
				removed = append(removed, name)
			case !errors.Is(err, os.ErrNotExist):
				return removed, fmt.Errorf("remove a stale archive page: %w", err)
			}
		}
		if len(removed) == n {
			return removed, nil
		}
	}
}

// removeLeftovers deletes the files of prev that files does not name (keep
// is the set of their names), and
// the folders that leaves empty. It touches nothing but prev, nor a file
// that is one of files under another name: on a file system that ignores
// case (macOS, Windows), an episode file renamed from 055-Rust.toml to
// 055-rust.toml has its new page written into the old folder, whose old
// name would otherwise delete it.
func removeLeftovers(dir string, files []output.File, keep map[string]bool, prev []string) ([]string, error) {
	var removed []string
	var folded map[string]string // lower case → name, made for the first leftover
	for _, name := range prev {
		if keep[name] || !fs.ValidPath(name) || name == LockFile {
			continue
		}
		if folded == nil {
			folded = make(map[string]string, len(files))
			for _, f := range files {
				folded[strings.ToLower(f.Name)] = f.Name
			}
		}
		if kept, ok := folded[strings.ToLower(name)]; ok && sameFile(dir, name, kept) {
			if err := matchCase(dir, kept); err != nil {
				return removed, err
			}
			continue
		}
		switch err := os.Remove(filepath.Join(dir, filepath.FromSlash(name))); {
		case err == nil:
			removed = append(removed, name)
		case !errors.Is(err, os.ErrNotExist):
			return removed, fmt.Errorf("remove %s, which the build no longer makes: %w", name, err)
		}
		// Empty folders up to dir go too (episodes/<slug>/).
		for folder := path.Dir(name); folder != "."; folder = path.Dir(folder) {
			if os.Remove(filepath.Join(dir, filepath.FromSlash(folder))) != nil {
				break // not empty, or gone: either way, stop
			}
		}
	}
	return removed, nil
}

// sameFile reports whether the names a and b in dir are one file.
func sameFile(dir, a, b string) bool {
	fa, err := os.Stat(filepath.Join(dir, filepath.FromSlash(a)))
	if err != nil {
		return false
	}
	fb, err := os.Stat(filepath.Join(dir, filepath.FromSlash(b)))
	return err == nil && os.SameFile(fa, fb)
}

// matchCase gives the folders and the file on the way to name (a slash
// path in dir) the case name spells them in, where the name on disk
// differs only in case. On a file system that ignores case (macOS,
// Windows), an episode file renamed only in case has its page written into
// the folder of the old name, and the links would miss it once the site is
// copied to a web server that minds case. A name whose exact spelling is
// on disk is left alone.
func matchCase(dir, name string) error {
	for _, part := range strings.Split(name, "/") {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return fmt.Errorf("match the case of %s: %w", name, err)
		}
		other := ""
		for _, e := range entries {
			if e.Name() == part {
				other = ""
				break
			}
			if strings.EqualFold(e.Name(), part) {
				other = e.Name()
			}
		}
		if other != "" {
			if err := os.Rename(filepath.Join(dir, other), filepath.Join(dir, part)); err != nil {
				return fmt.Errorf("rename %s to match the case of %s: %w", other, name, err)
			}
		}
		dir = filepath.Join(dir, part)
	}
	return nil
}
