package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/podfeed/podfeed/internal/output"
	"github.com/podfeed/podfeed/internal/par"
)

// WritingFile is the mark that [Write] keeps in its folder while it
// writes, so that [RemoveTemps] knows whether a Write was cut short, and
// which files it had begun to create in place, without walking the whole
// folder after every build. It lists the new files until they are synced
// and Write starts renaming; from then on it lists none, since the renamed
// files may link to them. Write removes it when it is done.
const WritingFile = ".podfeed-writing"

// The lines of a WritingFile: markHead, the names of the files created in
// place, one per line, and markEnd, without which the list is cut short
// and not taken.
const (
	markHead = "podfeed writes into this folder; the files it creates in place:"
	markEnd  = "end"
)

// isTemp reports whether a file name is one of Write's temporary files,
// ".NAME.tmp-RANDOM".
func isTemp(name string) bool {
	return strings.HasPrefix(name, ".") && strings.Contains(name, ".tmp-")
}

// markWriting returns where each file of work (indexes in files) goes,
// in the order of work (targets are their paths): in place when no file
// is there yet (none is in the folders this write created); where begun
// writes it, for a file of begun. It leaves the mark WritingFile in dir,
// listing those written in place, before any of them is created.
func markWriting(dir string, files []output.File, work []int, targets []string, created map[string]bool, begun *Begun, spares string) ([]place, error) {
	places := make([]place, len(work))
	par.Do(len(work), func(k int) {
		if p, ok := begun.place(files[work[k]].Name); ok {
			places[k] = p
			return
		}
		p := place{folder: filepath.Dir(targets[k]), base: filepath.Base(targets[k]), target: targets[k], spare: sparePath(spares, files[work[k]].Name)}
		if p.fresh = created[p.folder]; !p.fresh { // a folder made by this write is empty
			_, err := os.Lstat(p.target)
			p.fresh = errors.Is(err, fs.ErrNotExist)
		}
		places[k] = p
	})
	var fresh []string
	for k, p := range places {
		if p.fresh {
			fresh = append(fresh, files[work[k]].Name)
		}
	}
	return places, writeMark(dir, fresh)
}

// markCommitted empties the list of the mark in dir: the files written in
// place are synced, and the renames that follow may make them outputs.
func markCommitted(dir string) error { return writeMark(dir, nil) }

// writeMark writes the mark WritingFile into dir, listing names. It is
// not synced: the file systems podfeed writes to commit the creation of a
// file no later than that of the files created after it, and a crash that
// keeps an old list is healed by the next build, which writes again any
// file the list removed.
func writeMark(dir string, names []string) error {
	var b bytes.Buffer
	b.WriteString(markHead + "\n")
	for _, n := range names {
		b.WriteString(n + "\n")
	}
	b.WriteString(markEnd + "\n")
	if err := os.WriteFile(filepath.Join(dir, WritingFile), b.Bytes(), fileMode); err != nil {
		return fmt.Errorf("mark the folder as being written: %w", err)
	}
	return nil
}

// doneWriting removes the mark: nothing of Write is left to clean up.
func doneWriting(dir string) error {
	if err := os.Remove(filepath.Join(dir, WritingFile)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove %s: %w", WritingFile, err)
	}
	return nil
}

// markedFiles returns the files a mark lists as created in place, or
// none when the list is not whole.
func markedFiles(mark []byte) []string {
	lines := strings.Split(string(mark), "\n")
	if len(lines) < 3 || lines[0] != markHead || lines[len(lines)-1] != "" || lines[len(lines)-2] != markEnd {
		return nil
	}
	var names []string
	for _, n := range lines[1 : len(lines)-2] {
		if checkName(n) == nil {
			names = append(names, n)
		}
	}
	return names
}

// CutShort reports whether a Write into dir was cut short: it left the
// mark [WritingFile], which only [RemoveTemps] or the next Write clears.
// What such a folder holds beside its outputs may be half written.
func CutShort(dir string) bool {
	_, err := os.Lstat(filepath.Join(dir, WritingFile))
	return err == nil
}

// RemoveTemps deletes what a Write into dir that was cut short (killed,
// or the machine stopped) left behind: its temporary files in dir and its
// subfolders, and the new files it had begun to create in place, which
// nothing links to. A folder without the mark [WritingFile] has nothing to
// clean up and is not read. Call it only while holding [Lock]: a
// concurrent Write's files are still in use. A missing dir is not an
// error.
func RemoveTemps(dir string) error {
	mark, err := os.ReadFile(filepath.Join(dir, WritingFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("remove temporary files: %w", err)
	}
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
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
	for _, name := range markedFiles(mark) {
		if err == nil {
			if rerr := os.Remove(filepath.Join(dir, filepath.FromSlash(name))); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) {
				err = rerr
			}
		}
	}
	if err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("remove temporary files: %w", err)
	}
	return doneWriting(dir)
}
