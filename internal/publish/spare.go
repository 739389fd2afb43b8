package publish

import (
	"errors"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
)

// A big file that a write replaces (a feed of a big show: 100 MB at
// 10,000 episodes) is not let go of: it is kept in the folder of spares
// that Options.Spares names, and the next write of the same name fills it
// again instead of a new file. Letting go of a big file costs its file
// system work that the build then waits for (on a disk mounted with
// discard, a synchronous discard of every extent: 50 ms for the feeds of
// an edit of 10,000 episodes), and a new file of the same size is
// allocated anew; a spare costs neither, but holds its blocks between
// builds: a show's output folder takes the size of its big files once more.
//
// A spare is filled only when no other name links to it: a crash between
// keeping it and the rename that replaces its target, or a backup that
// links the output folder's files (rsync --link-dest, cp -al), leaves it
// linked, and then it is let go of instead, its other names untouched.

// spareMin is how big a replaced file must be to be kept as a spare: the
// size from which a streamed file is written around the page cache (see
// bigFile). Smaller ones cost next to nothing to let go of.
const spareMin = bigBuffer

// sparePath returns the path of the spare of the output file name in the
// folder spares; "" when spares is "", or where spares are not kept.
func sparePath(spares, name string) string {
	if spares == "" || !canSpare {
		return ""
	}
	return filepath.Join(spares, url.PathEscape(name))
}

// takeSpare renames the spare at spare, if there is one that may be
// filled, to a new temporary file beside the output file base in folder,
// and returns it open for writing from its start, to be cut to size once
// written. It returns nil when there is none: a spare that may not be
// filled (linked elsewhere, or not a file) is removed.
func takeSpare(spare, folder, base string) *os.File {
	if spare == "" {
		return nil
	}
	fi, err := os.Lstat(spare)
	if err != nil {
		return nil
	}
	if !fi.Mode().IsRegular() || links(fi) != 1 {
		os.Remove(spare) // its other names keep it
		return nil
	}
	// The temporary file's name is reserved as any is, then taken by the
	// spare: RemoveTemps removes it after a build cut short.
	tmp, err := os.CreateTemp(folder, "."+base+".tmp-*")
	if err != nil {
		return nil
	}
	name := tmp.Name()
	tmp.Close()
	if err := os.Rename(spare, name); err != nil {
		os.Remove(name)
		return nil
	}
	f, err := os.OpenFile(name, os.O_WRONLY, 0)
	if err != nil {
		os.Remove(name)
		return nil
	}
	if got, err := f.Stat(); err != nil || !os.SameFile(got, fi) || links(got) != 1 {
		f.Close()
		os.Remove(name)
		return nil
	}
	return f
}

// keepSpare keeps the file at target, about to be replaced, as its spare
// at spare: linked there, it outlives the rename that replaces it. A
// spare not filled since is let go of first. Where the file system cannot
// link (or the spares' folder cannot be made), nothing is kept.
func keepSpare(target, spare string) {
	if err := os.Remove(spare); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return
	}
	err := os.Link(target, spare)
	if errors.Is(err, fs.ErrNotExist) {
		if os.MkdirAll(filepath.Dir(spare), dirMode) == nil {
			os.Link(target, spare)
		}
	}
}

// dropSpares removes the spares in the folder spares of the files that
// names does not hold: an archive page no longer written, say.
func dropSpares(spares string, names map[string]bool) {
	if spares == "" {
		return
	}
	entries, err := os.ReadDir(spares)
	if err != nil {
		return
	}
	for _, e := range entries {
		name, err := url.PathUnescape(e.Name())
		if err != nil || !names[name] {
			os.Remove(filepath.Join(spares, e.Name()))
		}
	}
}
