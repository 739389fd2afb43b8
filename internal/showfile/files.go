package showfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/podfeed/podfeed/internal/diag"
	"github.com/podfeed/podfeed/internal/output"
)

// ExistError is returned by [WriteFiles] when files it would write exist
// already and overwriting was not allowed. Nothing was written.
type ExistError struct {
	Files []string // the existing files, as paths including the folder
}

func (e *ExistError) Error() string {
	const show = 3
	names := e.Files
	more := ""
	if len(names) > show {
		more = fmt.Sprintf(" and %d more", len(names)-show)
		names = names[:show]
	}
	return fmt.Sprintf("%s already exist%s: %s%s", diag.Plural(len(e.Files), "file", ""), verbS(len(e.Files)), strings.Join(names, ", "), more)
}

func verbS(n int) string {
	if n == 1 {
		return "s"
	}
	return ""
}

// WriteFiles writes files into dir, creating folders as needed. Unless
// overwrite is set it first checks that none of them exists, and writes
// nothing (returning an *ExistError) when one does. Each file is written to
// a temporary file and renamed into place, so that a file is either whole
// or absent. It returns the paths written.
func WriteFiles(dir string, files []output.File, overwrite bool) ([]string, error) {
	var exist []string
	for _, f := range files {
		name := filepath.Join(dir, filepath.FromSlash(f.Name))
		if _, err := os.Lstat(name); err == nil {
			exist = append(exist, name)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	if len(exist) > 0 && !overwrite {
		return nil, &ExistError{Files: exist}
	}
	var written []string
	for _, f := range files {
		name := filepath.Join(dir, filepath.FromSlash(f.Name))
		data, err := f.Bytes()
		if err != nil {
			return written, fmt.Errorf("%s: %w", name, err)
		}
		if err := writeFile(name, data, overwrite); err != nil {
			return written, err
		}
		written = append(written, name)
	}
	return written, nil
}

// writeFile writes data to name through a temporary file in the same
// folder. Without overwrite, a file that appeared since the check is left
// alone and reported.
func writeFile(name string, data []byte, overwrite bool) (err error) {
	dir := filepath.Dir(name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".import-*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if !overwrite {
		// Link fails when name exists: no file is replaced unasked.
		err := os.Link(tmp.Name(), name)
		if err == nil {
			return os.Remove(tmp.Name())
		}
		if _, statErr := os.Lstat(name); errors.Is(err, fs.ErrExist) || statErr == nil {
			return &ExistError{Files: []string{name}}
		}
		// No hard links here (some file systems): rename after the check.
	}
	return os.Rename(tmp.Name(), name)
}
