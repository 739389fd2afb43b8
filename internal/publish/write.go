package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/podfeed/podfeed/internal/output"
	"github.com/podfeed/podfeed/internal/par"
)

// Options tunes [Write]. The zero value is ready to use: files are written
// with mode 0644 and no hook is called.
type Options struct {
	// AfterWrite, if not nil, is called in the first phase of Write right
	// after the temporary file for the changed file name has been written
	// and closed. Files are written on several goroutines; AfterWrite is
	// called for one at a time. A non-nil error
	// aborts Write exactly like a failed write does: every temporary file is
	// removed and no output file is touched. It exists for fault injection
	// in tests and for progress reporting.
	AfterWrite func(name string) error
	// Previous lists the files that an earlier Write published into the
	// folder (a build keeps them in its manifest). Once the new files are
	// in place, Write removes those of them that it was not given, and the
	// folders that leaves empty; it never removes a file that Previous
	// does not list.
	Previous []string
	// Archives lists the base names of the feeds that have numbered
	// archive pages (feed.xml has feed-1.xml …, see address.PageName):
	// pages numbered after the last one Write is given are removed, listed
	// in Previous or not, so that a feed that shrank leaves no page behind.
	Archives []string
	// NoSync leaves the files to reach the disk when the system writes
	// them back, instead of syncing them before they are renamed into
	// place: for files that a crash may leave torn, because whoever reads
	// them checks them and can do without them (the incremental build's
	// cache, which checksums each file).
	NoSync bool
	// Begun, if not nil, holds files of the write that [Begin] began
	// writing: Write takes them as they end up instead of writing them
	// again. Every file of Begun must be among Write's files. Write ends
	// Begun either way: on error, what it wrote is removed too.
	Begun *Begun
	// AwaitingBegun, if not nil, is called once every file not in Begun
	// is written, without error, on a goroutine of its own: it runs while
	// Write waits for Begun's files (calling AfterWrite for them) and
	// syncs, and Write waits for it before it renames anything and before
	// it returns. files holds each file given as [Result.Files] will, and
	// nil for those of Begun. A build records what it knows of the others
	// meanwhile, while its feeds are still being written.
	AwaitingBegun func(files []fs.FileInfo)
	// Spares, if not "", is a folder on dir's file system where Write
	// keeps each big file it replaces, for the next write of the same
	// name to fill again (see spare.go); it removes those of names it no
	// longer writes.
	Spares string
}

// Result says what [Write] did with each file, by name, in input order.
type Result struct {
	// Changed lists the files that were created or replaced.
	Changed []string
	// Unchanged lists the files whose bytes on disk already equalled the new
	// bytes; they were not rewritten and keep their modification time.
	Unchanged []string
	// Removed lists the files of an earlier Write that this one removed
	// (see [Options.Previous] and [Options.Archives]).
	Removed []string
	// Files holds each of the files given, in their order, as it lies
	// now: as written, or as it was when it already held its bytes; nil
	// for a file kept (output.File.Keep), which Write did not look at. A
	// build records their sizes and times without stating 30,000 files
	// again.
	Files []fs.FileInfo
}

// bigWorkers is how many big files Write writes at once.
const bigWorkers = 4

// fileMode is the mode of every written file: static hosts must be able to
// read it.
const fileMode fs.FileMode = 0o644

// dirMode is the mode of every folder Write creates.
const dirMode fs.FileMode = 0o755

// pending is a changed file whose temporary copy is written but not yet
// renamed over its target, or a new file written in place (tmp == target).
type pending struct {
	name   string // File.Name
	tmp    string // path of the temporary file, or target
	target string // path of the output file
	spare  string // where target is kept as a spare once replaced; "" not
}

// place is where a file is written: target itself when no file was there
// (nothing can link to it before the renames of Write, which come after
// it is complete and synced), else a temporary file beside target.
type place struct {
	folder, base, target string
	fresh                bool // no file was at target
	sync                 bool // sync the file once written (see syncEach)
	// cached says that the file is read back soon (the incremental
	// build's cache, written with NoSync): even a big one is written
	// through the page cache (see bigFile).
	cached bool
	// spare is the path of the target's spare (see spare.go); "" when
	// none is kept.
	spare string
}

// create creates the file that will become target.
func (p place) create() (*os.File, error) {
	if p.fresh {
		return os.OpenFile(p.target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, fileMode)
	}
	return os.CreateTemp(p.folder, "."+p.base+".tmp-*")
}

// Write publishes files into the folder dir, creating dir and any folders
// the names need.
//
// A file whose current bytes on disk equal the new bytes is not rewritten,
// nor is one marked [output.File.Keep], which Write takes on trust.
// The others are published in two phases. First each one that replaces a
// file is written to a temporary file in its target's folder (named
// ".NAME.tmp-*"), and each new one straight into place, on every core, big
// files (Stream, Source) first; then all of them are synced (one syncfs on
// Linux). If anything fails, every temporary and new file is removed and
// the error is returned, so that all previous outputs stay byte for byte
// as they were. While it writes, Write keeps the mark [WritingFile] in dir
// (see [RemoveTemps]).
// Then each temporary file is renamed over its target, in input order, and
// every folder that changed is synced. Since renames happen in input order,
// list the files that others refer to (chapters) before the ones that refer
// to them (the feeds). Last, the files of an earlier build that this one
// no longer makes are removed ([Options.Previous], [Options.Archives]).
//
// Names are all checked before anything is written; a bad or repeated name is
// an error that names it. On error, the returned Result is zero. Write does
// not lock dir; callers that may run concurrently hold [Lock] around it.
func Write(dir string, files []output.File, opts Options) (Result, error) {
	begun := opts.Begun
	switch {
	case begun == nil:
	case begun.ended:
		return Result{}, errors.New("a begun write was ended before Write")
	case begun.dir != dir:
		begun.Abort()
		return Result{}, fmt.Errorf("a write begun in %s is given to a write in %s", begun.dir, dir)
	}
	names, err := checkNames(files)
	if err == nil {
		err = begun.missing(files)
	}
	if err != nil {
		begun.Abort()
		return Result{}, err
	}
	// Only the files not kept are looked at again: after an edit of a big
	// show, a dozen of 30,000. work[k] is the index in files of the k-th;
	// targets, places and done follow work.
	work := toWrite(files)
	// Folders whose entries change and so need an fsync once renamed into.
	touched := make(map[string]bool)
	targets, created, err := makeFolders(dir, files, work, touched)
	if err != nil {
		begun.Abort()
		return Result{}, err
	}
	places, err := markWriting(dir, files, work, targets, created, begun, opts.Spares)
	if err != nil {
		begun.Abort()
		return Result{}, err
	}
	if begun != nil {
		// From here on its files are Write's, removed like the others on
		// error.
		begun.ended = true
		maps.Copy(touched, begun.touched)
	}
	// Few files are synced each by its writer as soon as it is written,
	// while the others are still being written; many all at once below.
	inline := syncEach(len(work)) && !opts.NoSync
	for k := range places {
		places[k].sync, places[k].cached = inline, opts.NoSync
	}

	// Phase 1: temporary files, on every core. After the first failure no
	// more are started; then all are removed.
	done := make([]written, len(work))
	var (
		hook    sync.Mutex
		failed  atomic.Bool
		buffers sync.Pool // of *bytes.Buffer, for Render
	)
	// Big files (streamed feeds, media copies) on workers of their own,
	// more than the cores: a feed of 100 MB copied from the last build's
	// waits on the disk, to write it and to sync it, far more than it
	// computes. The others on every core meanwhile. Renames below still
	// follow the list's order.
	// Those begun already are waited for.
	var big, small, early []int // of work
	for k, i := range work {
		f := files[i]
		if _, ok := begun.place(f.Name); ok {
			early = append(early, k)
			continue
		}
		if f.Stream != nil || f.Source != "" {
			big = append(big, k)
		} else {
			small = append(small, k)
		}
	}
	write := func(k int) {
		w, f := &done[k], files[work[k]]
		switch _, ok := begun.place(f.Name); {
		case ok:
			*w = begun.result(f.Name) // written, even after a failure: removed below
		case failed.Load():
			return
		default:
			*w = writeOne(f, places[k], &buffers)
		}
		if w.err == nil && !w.same && opts.AfterWrite != nil {
			hook.Lock()
			w.err = opts.AfterWrite(f.Name)
			hook.Unlock()
		}
		if w.err != nil {
			failed.Store(true)
		}
	}
	var bigDone sync.WaitGroup
	bigDone.Go(func() { par.DoOn(bigWorkers, len(big), func(j int) { write(big[j]) }) })
	par.Do(len(small), func(j int) { write(small[j]) })
	bigDone.Wait()
	// The callback runs while the begun files end and everything is
	// synced, and Write waits for it before any rename: after a full
	// build of 10,000 episodes the sync waits on the disk for a third of
	// a second with the cores idle, and the build's cache took 0.1 s of
	// them before it.
	var awaiting sync.WaitGroup
	defer awaiting.Wait()
	if begun != nil && opts.AwaitingBegun != nil && !failed.Load() {
		written := asWritten(len(files), work, done) // nil for the begun files: not taken yet
		awaiting.Go(func() { opts.AwaitingBegun(written) })
	}
	for _, k := range early {
		write(k)
	}
	var (
		res  Result
		todo []pending
		ferr error
	)
	res.Files = asWritten(len(files), work, done)
	k := 0 // files[work[k]] is the next file not kept
	for i, f := range files {
		if k == len(work) || work[k] != i {
			res.Unchanged = append(res.Unchanged, f.Name) // kept
			continue
		}
		w := done[k]
		if w.err != nil && ferr == nil {
			ferr = fmt.Errorf("write %s: %w", f.Name, w.err)
		}
		switch {
		case w.tmp != "":
			todo = append(todo, pending{name: f.Name, tmp: w.tmp, target: targets[k]})
			if w.spare {
				todo[len(todo)-1].spare = places[k].spare
			}
			res.Changed = append(res.Changed, f.Name)
			touched[filepath.Dir(targets[k])] = true
		case w.same:
			res.Unchanged = append(res.Unchanged, f.Name)
		}
		k++
	}
	cleanup := func() {
		for _, p := range todo {
			os.Remove(p.tmp)
		}
		doneWriting(dir)
	}
	if ferr != nil {
		cleanup()
		return Result{}, ferr
	}

	// Every new file reaches the disk before any rename: synced by its
	// writer already, or here by one syncfs of each file system.
	if !inline && !opts.NoSync {
		tmps := make([]string, len(todo))
		for i, p := range todo {
			tmps[i] = p.tmp
		}
		if err := syncFiles(tmps); err != nil {
			cleanup()
			return Result{}, fmt.Errorf("sync: %w", err)
		}
	}

	awaiting.Wait()
	// Phase 2: renames, then folder syncs. The new files written in place
	// are outputs from now on.
	if err := markCommitted(dir); err != nil {
		cleanup()
		return Result{}, err
	}
	for i, p := range todo {
		if p.tmp == p.target {
			continue
		}
		if p.spare != "" {
			keepSpare(p.target, p.spare)
		}
		if err := os.Rename(p.tmp, p.target); err != nil {
			for _, q := range todo[i:] {
				if q.tmp != q.target {
					os.Remove(q.tmp)
				}
			}
			doneWriting(dir)
			return Result{}, fmt.Errorf("replace %s (%d of %d changed files already replaced): %w",
				p.name, i, len(todo), err)
		}
	}
	folders := make([]string, 0, len(touched))
	for folder := range touched {
		folders = append(folders, folder)
	}
	slices.Sort(folders)
	if opts.NoSync {
		folders = nil
	}
	if err := syncFolders(dir, folders); err != nil {
		return Result{}, fmt.Errorf("%w", err)
	}
	// Last, what the new files replace under other names.
	res.Removed, err = removeStale(dir, files, names, opts)
	if err != nil {
		return Result{}, err
	}
	dropSpares(opts.Spares, names)
	return res, doneWriting(dir)
}

// asWritten returns, for each of n files, how the first phase left it
// (done[k] is files[work[k]]'s): see Result.Files.
func asWritten(n int, work []int, done []written) []fs.FileInfo {
	infos := make([]fs.FileInfo, n)
	for k, i := range work {
		infos[i] = done[k].info
	}
	return infos
}

// checkName reports whether name is acceptable as a [output.File.Name].
func checkName(name string) error {
	if plainName(name) {
		return nil
	}
	return nameError(name)
}

// nameError says what is wrong with name, case by case; nil when nothing
// is.
func nameError(name string) error {
	switch {
	case name == "":
		return errors.New("empty file name")
	case strings.HasPrefix(name, "/") || filepath.IsAbs(name):
		return fmt.Errorf("file name %q is absolute", name)
	case containsDotDot(name):
		return fmt.Errorf("file name %q contains \"..\"", name)
	case strings.ContainsAny(name, "\\\x00"):
		return fmt.Errorf("file name %q contains a backslash or NUL", name)
	case name == "." || !fs.ValidPath(name):
		return fmt.Errorf("file name %q is not a clean relative path", name)
	case name == LockFile:
		return fmt.Errorf("file name %q is the lock file", name)
	case name == WritingFile:
		return fmt.Errorf("file name %q is the mark of a write", name)
	}
	return nil
}

// plainName reports, in a few scans of its bytes, whether name passes
// every check of checkName: a relative path in UTF-8 of elements separated by
// single slashes, none of them "." or "..", with no backslash or NUL,
// naming neither mark of Write. A build checks 30,000 names before it
// writes anything: the checks one by one took 2.7 times as long
// (BenchmarkCheckNames). A name it refuses may still be fine: checkName
// then looks at it case by case.
func plainName(name string) bool {
	if name == "" || name == LockFile || name == WritingFile || filepath.IsAbs(name) || !utf8.ValidString(name) ||
		strings.IndexByte(name, '\\') >= 0 || strings.IndexByte(name, 0) >= 0 {
		return false
	}
	for rest := name; ; {
		elem, after, more := strings.Cut(rest, "/")
		switch elem {
		case "", ".", "..":
			return false
		}
		if !more {
			return true
		}
		rest = after
	}
}

// containsDotDot reports whether a slash-separated name has a ".."
// element.
func containsDotDot(name string) bool {
	for elem := range strings.SplitSeq(name, "/") {
		if elem == ".." {
			return true
		}
	}
	return false
}

// mkdirs creates dir and its missing parents like os.MkdirAll, and records
// in touched the parent of every folder it creates, since that parent gained
// an entry that must be synced, and in created the folder itself. A folder
// whose parent is in created is made without looking for it first: a full
// build into an empty folder makes 10,000 episode folders, and stating
// each, and its parent, took as long as making it.
func mkdirs(dir string, touched, created map[string]bool) error {
	parent := filepath.Dir(dir)
	if !created[parent] {
		fi, err := os.Stat(dir)
		if err == nil {
			if !fi.IsDir() {
				return fmt.Errorf("%s exists and is not a folder", dir)
			}
			return nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		if parent != dir {
			if err := mkdirs(parent, touched, created); err != nil {
				return err
			}
		}
	}
	if err := os.Mkdir(dir, dirMode); err != nil {
		// Someone else may have created it meanwhile.
		if fi, serr := os.Stat(dir); serr != nil || !fi.IsDir() {
			return err
		}
		return nil
	}
	touched[parent] = true
	created[dir] = true
	return nil
}

// existing stats the output file that name is about to replace: nil when
// there is none, an error when something other than a file is in its place.
func existing(name string) (fs.FileInfo, error) {
	fi, err := os.Stat(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s exists and is not a regular file", name)
	}
	return fi, nil
}

// checkNames rejects a bad or repeated file name before anything is
// written, and returns the set of names.
func checkNames(files []output.File) (map[string]bool, error) {
	seen := make(map[string]bool, len(files))
	for _, f := range files {
		if err := checkName(f.Name); err != nil {
			return nil, err
		}
		if seen[f.Name] {
			return nil, fmt.Errorf("file %q listed twice", f.Name)
		}
		seen[f.Name] = true
	}
	return seen, nil
}

// toWrite returns the indexes in files of those not marked Keep, in order.
func toWrite(files []output.File) []int {
	var work []int
	for i, f := range files {
		if !f.Keep {
			work = append(work, i)
		}
	}
	return work
}

// makeFolders creates dir and the folders that the files of work (indexes
// in files) need, noting in touched those it created, and returns their
// paths, in the order of work, and the folders it created. A kept file is
// not among them: it is there, in its folder. (After an edit of a big
// show, the folders of 10,000 kept pages took 10,000 stats.)
func makeFolders(dir string, files []output.File, work []int, touched map[string]bool) (targets []string, created map[string]bool, err error) {
	created = make(map[string]bool)
	if err := mkdirs(dir, touched, created); err != nil {
		return nil, nil, fmt.Errorf("create output folder: %w", err)
	}
	targets = make([]string, len(work))
	made := map[string]bool{dir: true} // folders known to exist
	for k, i := range work {
		targets[k] = filepath.Join(dir, filepath.FromSlash(files[i].Name))
		folder := filepath.Dir(targets[k])
		if made[folder] {
			continue
		}
		if err := mkdirs(folder, touched, created); err != nil {
			return nil, nil, fmt.Errorf("write %s: %w", files[i].Name, err)
		}
		made[folder] = true
	}
	return targets, created, nil
}

// writeOne writes file f's temporary copy at p, unless its target already
// holds the same content (same reports that). A Render file is rendered
// into a buffer from buffers.
func writeOne(f output.File, p place, buffers *sync.Pool) (w written) {
	if f.Source != "" {
		if !p.fresh {
			if w.info, w.err = sameCopy(p.target, f.Source); w.info != nil || w.err != nil {
				w.same = w.info != nil
				return w
			}
		}
		w.tmp, w.info, w.err = copyTemp(p, f.Source)
		return w
	}
	if f.Stream != nil {
		return streamTemp(p, f.Stream)
	}
	data := f.Data
	if f.Render != nil {
		buf, _ := buffers.Get().(*bytes.Buffer)
		if buf == nil {
			buf = new(bytes.Buffer)
		}
		buf.Reset()
		defer buffers.Put(buf)
		if w.err = f.Render(buf); w.err != nil {
			return w
		}
		data = buf.Bytes()
	}
	if !p.fresh {
		if w.info, w.err = sameContent(p.target, data); w.info != nil || w.err != nil {
			w.same = w.info != nil
			return w
		}
	}
	w.tmp, w.info, w.err = writeTemp(p, data)
	return w
}

// sameContent returns the file at name as it is when it exists and holds
// exactly data, else nil.
func sameContent(name string, data []byte) (fs.FileInfo, error) {
	fi, err := existing(name)
	if fi == nil || err != nil {
		return nil, err
	}
	if fi.Size() != int64(len(data)) {
		return nil, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// A block at a time: a big show's manifest and sitemap are megabytes,
	// compared at the end of a build, where its memory peaks.
	if same, err := sameBytes(f, bytes.NewReader(data), fi.Size()); !same || err != nil {
		return nil, err
	}
	return fi, nil
}

// writeTemp writes data to the new file at p, closes it, and returns its
// path and the file as written; Write syncs all of them at once. On error
// it leaves no file behind.
func writeTemp(p place, data []byte) (string, fs.FileInfo, error) {
	return createTemp(p, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// createTemp creates the new file at p, fills it with fill and returns
// its path and the file, as [closeTemp] leaves it. On error it leaves no
// file behind.
func createTemp(p place, fill func(io.Writer) error) (string, fs.FileInfo, error) {
	f, err := p.create()
	if err != nil {
		return "", nil, err
	}
	if err := fill(f); err != nil {
		f.Close()
		os.Remove(f.Name())
		return "", nil, err
	}
	return closeTemp(f, p.sync)
}

// closeTemp gives a filled new file the outputs' mode (whatever the umask),
// syncs it when sync is set, closes it and returns its path and the file
// as it was closed: its size and time, which a rename keeps, are what the
// build records of it without stating it again. On error it removes the
// file.
func closeTemp(f *os.File, sync bool) (string, fs.FileInfo, error) {
	err := f.Chmod(fileMode)
	if err == nil && sync {
		err = f.Sync()
	}
	var fi fs.FileInfo
	if err == nil {
		fi, err = f.Stat()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", nil, err
	}
	return f.Name(), fi, nil
}
