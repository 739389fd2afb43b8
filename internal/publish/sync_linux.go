package publish

import (
	"os"
	"path/filepath"
	"slices"

	"golang.org/x/sys/unix"
)

// fewFiles is how many files, or folders, are synced one by one with
// fsync; more are synced with one syncfs per file system. A syncfs also
// waits for whatever other programs wrote to the same file system (other
// shows' builds, on a host that builds many), which a build that changed a
// few files, an edit of one episode, should not wait for.
const fewFiles = 64

// syncEach reports whether Write has each of n files synced as soon as it
// is written (an fsync each, while the others are still being written),
// rather than all of them with [syncFiles].
func syncEach(n int) bool { return n <= fewFiles }

// syncFiles flushes the files to disk with one syncfs of each file system
// holding them, since a build of thousands of pages would otherwise wait
// for thousands of fsyncs. (Usually that is one file system, the output
// folder's; a subfolder may be a link to another.)
func syncFiles(files []string) error {
	folders := make([]string, 0, len(files))
	for _, name := range files {
		folders = append(folders, filepath.Dir(name))
	}
	return syncFileSystems(folders)
}

// syncFolders flushes the folders' new entries (renames) to disk: an fsync
// each when they are few, else one syncfs per file system, instead of an
// fsync per episode folder.
func syncFolders(dir string, folders []string) error {
	if len(folders) <= fewFiles {
		return fsyncFolders(folders)
	}
	return syncFileSystems(folders)
}

// syncFileSystems syncs each file system that holds one of the folders.
func syncFileSystems(folders []string) error {
	roots, err := fileSystems(folders)
	if err != nil {
		return err
	}
	for _, root := range roots {
		if err := syncfs(root); err != nil {
			return err
		}
	}
	return nil
}

// fileSystems returns one of the folders on each file system that holds
// any of them, sorted.
func fileSystems(folders []string) ([]string, error) {
	folders = slices.Compact(slices.Sorted(slices.Values(folders)))
	seen := make(map[uint64]bool)
	var roots []string
	for _, folder := range folders {
		var st unix.Stat_t
		if err := unix.Stat(folder, &st); err != nil {
			return nil, &os.PathError{Op: "stat", Path: folder, Err: err}
		}
		if !seen[st.Dev] {
			seen[st.Dev] = true
			roots = append(roots, folder)
		}
	}
	return roots, nil
}

func syncfs(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return unix.Syncfs(int(d.Fd()))
}
