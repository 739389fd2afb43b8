package publish

import (
	"fmt"
	"os"
	"runtime"
)

// fsyncFiles flushes the files to disk, one fsync each.
func fsyncFiles(files []string) error {
	for _, name := range files {
		f, err := os.OpenFile(name, os.O_RDWR, 0)
		if err != nil {
			return err
		}
		err = f.Sync()
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// fsyncFolders flushes each folder's new entries (renames) to disk.
func fsyncFolders(folders []string) error {
	for _, folder := range folders {
		if err := syncDir(folder); err != nil {
			return fmt.Errorf("sync folder %s: %w", folder, err)
		}
	}
	return nil
}

// syncDir flushes a folder's entries (new names, renames) to disk. Windows
// cannot sync folders and does not need to.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	if err := d.Sync(); err != nil {
		d.Close()
		return err
	}
	return d.Close()
}
