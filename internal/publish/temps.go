package publish

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// isTemp reports whether a file name is one of Write's temporary files,
// ".NAME.tmp-RANDOM".
func isTemp(name string) bool {
	return strings.HasPrefix(name, ".") && strings.Contains(name, ".tmp-")
}

// RemoveTemps deletes the temporary files that a killed Write left in dir
// and its subfolders. Call it only while holding [Lock]: a concurrent Write's
// temporary files are still in use. A missing dir is not an error.
func RemoveTemps(dir string) error {
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && isTemp(d.Name()) {
			if err := os.Remove(path); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("remove temporary files: %w", err)
	}
	return nil
}
