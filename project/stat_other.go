//go:build !(linux || darwin)

package project

import (
	"os"
	"path/filepath"
)

// stampOf returns the stamp of the file name (slashes) in the folder out.
func stampOf(out, name string) (stamp, error) {
	fi, err := os.Stat(filepath.Join(out, filepath.FromSlash(name)))
	if err != nil {
		return stamp{}, err
	}
	return stamp{Name: name, Size: fi.Size(), ModTime: fi.ModTime()}, nil
}
