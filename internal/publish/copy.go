package publish

import (
	"errors"
	"io"
	"io/fs"
	"os"
)

// sameCopy reports whether target already is a copy of source: same size
// and modification time, as copyTemp leaves it.
func sameCopy(target, source string) (bool, error) {
	src, err := os.Stat(source)
	if err != nil {
		return false, err
	}
	dst, err := os.Stat(target)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if !dst.Mode().IsRegular() {
		return false, errors.New(target + " exists and is not a regular file")
	}
	return dst.Size() == src.Size() && dst.ModTime().Equal(src.ModTime()), nil
}

// copyTemp copies source to a new temporary file in folder, syncs it, gives
// it source's modification time and returns its path. On error it leaves no
// file behind.
func copyTemp(folder, base, source string) (tmpName string, err error) {
	in, err := os.Open(source)
	if err != nil {
		return "", err
	}
	defer in.Close()
	fi, err := in.Stat()
	if err != nil {
		return "", err
	}
	f, err := os.CreateTemp(folder, "."+base+".tmp-*")
	if err != nil {
		return "", err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if _, err := io.Copy(f, in); err != nil {
		return "", err
	}
	if err := f.Chmod(fileMode); err != nil {
		return "", err
	}
	if err := f.Sync(); err != nil {
		return "", err
	}
	if err := f.Close(); err != nil {
		return "", err
	}
	if err := os.Chtimes(f.Name(), fi.ModTime(), fi.ModTime()); err != nil {
		return "", err
	}
	return f.Name(), nil
}
