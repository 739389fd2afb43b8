//go:build !linux

package publish

// syncEach reports whether Write has each of n files synced as soon as it
// is written: always, where no syncfs flushes them all at once.
func syncEach(n int) bool { return true }

// syncFiles flushes the files to disk, one fsync each.
func syncFiles(files []string) error { return fsyncFiles(files) }

// syncFolders flushes each folder's new entries (renames) to disk.
func syncFolders(dir string, folders []string) error { return fsyncFolders(folders) }
