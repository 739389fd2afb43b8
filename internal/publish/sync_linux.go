package publish

import (
	"os"

	"golang.org/x/sys/unix"
)

// syncFiles flushes the files to disk. On Linux one syncfs of the file
// system holding dir does it for all of them: a build of thousands of
// pages would otherwise wait for thousands of fsyncs.
func syncFiles(dir string, files []string) error {
	if len(files) == 0 {
		return nil
	}
	return syncfs(dir)
}

// syncFolders flushes the folders' new entries (renames) to disk: one
// syncfs again, instead of an fsync per episode folder.
func syncFolders(dir string, folders []string) error {
	if len(folders) == 0 {
		return nil
	}
	return syncfs(dir)
}

func syncfs(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return unix.Syncfs(int(d.Fd()))
}
