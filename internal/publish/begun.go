package publish

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/podfeed/podfeed/internal/output"
)

// Begun is the first phase of a [Write] begun early, for files that are
// ready before the others: after an edit of a big show, its feeds, 300 MB
// copied mostly from the last build's, take longer to write and sync than
// the rest of the build takes to decide what else it writes. [Begin]
// starts writing them; [Write], given the Begun in [Options.Begun], waits
// for them and publishes them with its other files, in its order. A Begun
// that is not given to Write is let go of with [Begun.Abort].
type Begun struct {
	dir     string
	files   []output.File
	places  []place
	touched map[string]bool // folders Begin created entries in
	index   map[string]int  // of files, by name
	done    []written
	wg      sync.WaitGroup
	ended   bool // handed to Write, or aborted
}

// BeginOptions tunes [Begin]. The zero value is ready to use.
type BeginOptions struct {
	// Spares is the folder of spares that the Write given the Begun
	// keeps (see Options.Spares): Begin fills them.
	Spares string
}

// written is how Write's first phase left a file: its temporary file
// ("" when unchanged or failed), or same when its target already held its
// bytes, or the error that stopped it; and info, the file as written (or
// the target, when same).
type written struct {
	tmp  string
	same bool
	info fs.FileInfo
	err  error
	// spare says that the target tmp replaces is to be kept as its spare.
	spare bool
}

// Begin starts writing files into dir as Write's first phase does, each on
// a goroutine of its own, and returns at once: each is written to a
// temporary file beside its target, and synced as soon as it is written.
// Unlike Write, Begin writes no file straight into place, even where no
// file is yet: the build goes on reading its folder meanwhile (the guard
// reads the published feed, if any), and must not find half a file
// there. Like Write, Begin checks the names first, creates the folders
// they need, and keeps the mark [WritingFile] in dir, so that
// [RemoveTemps] cleans up after a build killed meanwhile. Nothing is
// published before Write. Hold [Lock] from before Begin until Write or
// Abort returns.
func Begin(dir string, files []output.File, opts BeginOptions) (*Begun, error) {
	if _, err := checkNames(files); err != nil {
		return nil, err
	}
	b := &Begun{dir: dir, files: files, touched: make(map[string]bool), index: make(map[string]int, len(files))}
	work := toWrite(files)
	targets, _, err := makeFolders(dir, files, work, b.touched)
	if err != nil {
		return nil, err
	}
	if err := writeMark(dir, nil); err != nil {
		return nil, err
	}
	b.places = make([]place, len(files))
	b.done = make([]written, len(files))
	for i, f := range files {
		b.index[f.Name] = i
		b.done[i].same = f.Keep // taken on trust, as Write does
	}
	var buffers sync.Pool
	for k, i := range work {
		b.places[i] = place{folder: filepath.Dir(targets[k]), base: filepath.Base(targets[k]), target: targets[k], sync: true,
			spare: sparePath(opts.Spares, files[i].Name)}
		b.wg.Go(func() {
			b.done[i] = writeOne(files[i], b.places[i], &buffers)
		})
	}
	return b, nil
}

// place returns where Begin writes the file name, if it is one of its.
func (b *Begun) place(name string) (place, bool) {
	if b == nil {
		return place{}, false
	}
	i, ok := b.index[name]
	if !ok {
		return place{}, false
	}
	return b.places[i], true
}

// result waits for the file name of b to be written and returns how it
// went.
func (b *Begun) result(name string) written {
	b.wg.Wait()
	return b.done[b.index[name]]
}

// missing returns an error naming a file of b that files lack. files
// hold no name twice (see checkNames).
func (b *Begun) missing(files []output.File) error {
	if b == nil {
		return nil
	}
	found := 0
	for _, f := range files {
		if _, ok := b.index[f.Name]; ok {
			found++
		}
	}
	if found == len(b.files) {
		return nil
	}
	given := make(map[string]bool, len(files))
	for _, f := range files {
		given[f.Name] = true
	}
	for _, f := range b.files {
		if !given[f.Name] {
			return fmt.Errorf("file %q was begun but is not among the files to write", f.Name)
		}
	}
	return nil
}

// Abort waits for the files of b to be written and removes them, with the
// mark of the write: dir is left as Begin found it, but for the folders
// it created. An aborted Begun, or one given to Write, is not aborted
// again.
func (b *Begun) Abort() error {
	if b == nil || b.ended {
		return nil
	}
	b.ended = true
	b.wg.Wait()
	for _, w := range b.done {
		if w.tmp != "" {
			os.Remove(w.tmp)
		}
	}
	return doneWriting(b.dir)
}
