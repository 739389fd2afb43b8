//go:build !linux

package publish

// syncFiles flushes the files to disk, one fsync each.
func syncFiles(dir string, files []string) error { return fsyncFiles(files) }

// syncFolders flushes each folder's new entries (renames) to disk.
func syncFolders(dir string, folders []string) error { return fsyncFolders(folders) }
