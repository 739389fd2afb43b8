//go:build !(linux || darwin)

package project

import (
	"os"
	"path/filepath"
)

// folder is a folder whose files are stated by their names below it.
type folder struct{ path string }

// openFolder returns the folder path, whose files are stated by their
// whole paths here.
func openFolder(path string) folder { return folder{path: path} }

// close does nothing.
func (f folder) close() {}

// stamp returns the stamp of the file name (slashes) in the folder.
func (f folder) stamp(name string) (stamp, error) {
	fi, err := os.Stat(filepath.Join(f.path, filepath.FromSlash(name)))
	if err != nil {
		return stamp{}, err
	}
	return stamp{Name: name, Size: fi.Size(), ModTime: fi.ModTime()}, nil
}

// pathFolder is the folder path.
func pathFolder(path string) folder { return folder{path: path} }

// stampOf returns the stamp of the file name (slashes) in the folder out.
func stampOf(out, name string) (stamp, error) { return pathFolder(out).stamp(name) }
