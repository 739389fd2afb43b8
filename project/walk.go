package project

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// walkStep is one call filepath.WalkDir would make of its function: the
// path, its entry and the walk's error; and, for an entry that is not a
// symbolic link, the entry's FileInfo (nil when it could not be stated).
type walkStep struct {
	path string
	d    fs.DirEntry
	err  error
	fi   fs.FileInfo
	// entries are a folder's, as listed, by name; nil for a folder that
	// is empty or could not be listed, and for another entry.
	entries []fs.DirEntry
}

// listBatch is how many entries of a folder statTree lists at a time: each
// batch is stated while the next is listed.
const listBatch = 512

// statTree returns the steps of filepath.WalkDir(root, …), in its order
// (each folder's entries by name, a folder's tree right after it), with
// every entry that is not a symbolic link stated on statWorkers goroutines.
// The entries are stated as their folders are listed, a batch at a time:
// listed first and stated after, the 10,000 files of a big show's
// episodes folder took 9 ms to list and sort, on one core, before the
// first was stated.
func statTree(root string) []*walkStep {
	batches := make(chan []*walkStep, statWorkers)
	var wg sync.WaitGroup
	for range statWorkers {
		wg.Go(func() {
			for batch := range batches {
				for _, st := range batch {
					if st.err == nil && st.d.Type()&fs.ModeSymlink == 0 {
						st.fi, _ = st.d.Info()
					}
				}
			}
		})
	}
	var steps []*walkStep
	rootStep := &walkStep{path: root}
	if fi, err := os.Lstat(root); err != nil {
		rootStep.err = err
	} else {
		rootStep.d, rootStep.fi = fs.FileInfoToDirEntry(fi), fi
	}
	steps = append(steps, rootStep)
	if rootStep.err == nil && rootStep.d.IsDir() {
		steps = listFolder(steps, rootStep, batches)
	}
	close(batches)
	wg.Wait()
	return steps
}

// listFolder appends to steps those of the tree of the folder at's, as
// filepath.WalkDir makes them, handing each batch of entries to batches
// to be stated as it is listed.
func listFolder(steps []*walkStep, at *walkStep, batches chan<- []*walkStep) []*walkStep {
	var (
		entries []*walkStep
		readErr error
	)
	f, err := os.Open(at.path)
	if err != nil {
		readErr = err
	} else {
		for {
			ds, err := f.ReadDir(listBatch)
			batch := make([]*walkStep, len(ds))
			for i, d := range ds {
				batch[i] = &walkStep{path: joinName(at.path, d.Name()), d: d}
			}
			if len(batch) > 0 {
				batches <- batch
				entries = append(entries, batch...)
			}
			if err != nil {
				if !errors.Is(err, io.EOF) {
					readErr = err
				}
				break
			}
		}
		f.Close()
	}
	// As WalkDir: a folder that cannot be read whole is reported a second
	// time, with the error, and what was read of it is walked.
	if readErr != nil {
		steps = append(steps, &walkStep{path: at.path, d: at.d, err: readErr})
	}
	slices.SortFunc(entries, func(a, b *walkStep) int { return strings.Compare(a.d.Name(), b.d.Name()) })
	if len(entries) > 0 {
		at.entries = make([]fs.DirEntry, len(entries))
		for i, e := range entries {
			at.entries[i] = e.d
		}
	}
	for _, e := range entries {
		steps = append(steps, e)
		if e.d.IsDir() {
			steps = listFolder(steps, e, batches)
		}
	}
	return steps
}

// joinName is filepath.Join(dir, name) for a clean dir and a name without
// separators, without Join's cleaning of the result.
func joinName(dir, name string) string {
	if strings.HasSuffix(dir, string(filepath.Separator)) {
		return dir + name
	}
	return dir + string(filepath.Separator) + name
}
