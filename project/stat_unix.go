//go:build linux || darwin

package project

import (
	"errors"
	"io/fs"
	"path/filepath"
	"time"

	"golang.org/x/sys/unix"
)

// stampOf returns the stamp of the file name (slashes) in the folder out.
// It stats the file as os.Stat does, without the FileInfo os.Stat
// allocates: a build of a show of 10,000 episodes stats 30,000 files, and
// their FileInfos were 6 MB to collect in every edit.
func stampOf(out, name string) (stamp, error) {
	path := filepath.Join(out, name)
	var st unix.Stat_t
	err := unix.Stat(path, &st)
	for errors.Is(err, unix.EINTR) {
		err = unix.Stat(path, &st)
	}
	if err != nil {
		return stamp{}, &fs.PathError{Op: "stat", Path: path, Err: err}
	}
	return stamp{Name: name, Size: st.Size, ModTime: time.Unix(st.Mtim.Unix())}, nil
}
