package publish

import (
	"bufio"
	"bytes"
	"io"
	"io/fs"
	"os"

	"github.com/podfeed/podfeed/internal/output"
)

// streamTemp runs stream into the new file at p and returns its path and
// the file as written; when stream writes exactly the current bytes of p's
// target, it creates no file, reports same and returns the target.
//
// A new file replacing a big one fills the target's spare, if it has one
// (see spare.go), and has the target kept as its spare once replaced.
func streamTemp(p place, stream func(io.Writer) error) (res written) {
	spared := false // the new file is the spare
	w := &divergeWriter{cached: p.cached, create: func() (*os.File, error) {
		if p.fresh {
			return p.create() // straight into place
		}
		if f := takeSpare(p.spare, p.folder, p.base); f != nil {
			spared = true
			return f, nil
		}
		return p.create()
	}}
	defer w.close()
	var fi fs.FileInfo
	if !p.fresh {
		if fi, res.err = existing(p.target); res.err != nil {
			return res
		}
	}
	if fi != nil {
		if w.old, res.err = os.Open(p.target); res.err != nil {
			return res
		}
		w.oldBuf = bufio.NewReaderSize(w.old, 64<<10)
		w.oldInfo = fi
	}
	bw := output.NewBuffered(w, 64<<10)
	if res.err = stream(bw); res.err != nil {
		return res
	}
	if res.err = bw.Flush(); res.err != nil {
		return res
	}
	if w.out == nil {
		if fi != nil {
			if _, err := w.oldBuf.ReadByte(); err == io.EOF {
				return written{same: true, info: fi} // every byte equal, and no more
			}
		}
		if res.err = w.diverge(); res.err != nil {
			return res
		}
	}
	if res.err = w.out.finish(); res.err != nil {
		return res
	}
	if spared { // what the spare held past the new end goes
		var end int64
		if end, res.err = w.out.f.Seek(0, io.SeekCurrent); res.err == nil {
			res.err = w.out.f.Truncate(end)
		}
		if res.err != nil {
			return res
		}
	}
	w.dropCopied(true)
	res.tmp, res.info, res.err = closeTemp(w.out.f, p.sync)
	w.out = nil // closed, and removed on error
	res.spare = p.spare != "" && fi != nil && fi.Size() >= spareMin
	return res
}

// divergeWriter compares what is written with an old file and holds it
// back while the two agree; at the first difference it creates the new
// file, copies into it the prefix the two share, and writes everything
// after that straight through. It is an [output.SpanWriter].
type divergeWriter struct {
	create  func() (*os.File, error)
	cached  bool          // the new file goes through the page cache (see place.cached)
	old     *os.File      // the published file; nil when there is none
	oldBuf  *bufio.Reader // reads old
	oldInfo fs.FileInfo   // old's, as opened
	same    int64         // bytes written so far, all equal to old's
	cmp     []byte        // a buffer for old's bytes
	out     *bigFile      // the new file, from the first difference on
	// spanFile is the last file a span came from, and spanOld whether it
	// is old.
	spanFile *os.File
	spanOld  bool
	// copied is the run of old's bytes copied and not yet dropped from
	// the page cache (see copiedOld).
	copiedFrom, copiedTo int64
}

// dropChunk is how many bytes of the old file copied divergeWriter drops
// from the page cache at a time, and dropAlign the alignment of what it
// drops: the page cache holds a file in folios of up to 2 MB, and lets go
// of none that a range to drop covers only in part.
const (
	dropChunk = 4 << 20
	dropAlign = 2 << 20
)

// copiedOld notes that the old file's n bytes from offset off are copied
// into the new file. They are dropped from the page cache a few megabytes
// at a time while the new file is written: the old file is replaced, and
// after an edit of a big show the last close of its feeds dropped 300 MB
// at once, 20 ms of CPU at the end of the build, where the disk leaves the
// CPU idle while the feeds are written.
func (w *divergeWriter) copiedOld(off, n int64) {
	if off != w.copiedTo {
		w.dropCopied(false)
		w.copiedFrom = off
	}
	w.copiedTo = off + n
	if w.copiedTo-w.copiedFrom >= dropChunk {
		w.dropCopied(false)
	}
}

// dropCopied drops the run of the old file noted as copied, from the start
// of its first folio (what lies before it was read or is not needed), to
// the start of its last, unless last: then to the old file's end.
func (w *divergeWriter) dropCopied(last bool) {
	from, to := w.copiedFrom&^(dropAlign-1), w.copiedTo&^(dropAlign-1)
	switch {
	case last && w.old != nil:
		dropCached(w.old, from, 0) // to its end
	case to > from:
		dropCached(w.old, from, to-from)
		w.copiedFrom = to
	}
}

func (w *divergeWriter) Write(p []byte) (int, error) {
	if w.out == nil && w.old != nil {
		if cap(w.cmp) < len(p) {
			w.cmp = make([]byte, len(p))
		}
		n, err := io.ReadFull(w.oldBuf, w.cmp[:len(p)])
		if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
			return 0, err
		}
		if n == len(p) && bytes.Equal(w.cmp[:n], p) {
			w.same += int64(n)
			return len(p), nil
		}
	}
	if w.out == nil {
		if err := w.diverge(); err != nil {
			return 0, err
		}
	}
	return w.out.Write(p)
}

// compareChunk is how many bytes of a run WriteSpan reads and compares
// at a time while the new file agrees with the old one.
const compareChunk = 32 << 10

// WriteSpan writes n bytes of from, from offset off. While the new file
// agrees with the old one, a run of the old file that lies where it is
// written, an item the last build wrote and that has not moved, is passed
// over unread; another is read and compared like Write's bytes, a chunk at
// a time. From the first difference on, runs, and the rest of the run
// that differed, go to the new file as [bigFile.WriteSpan] writes them:
// after an episode is removed, the older items follow as one run of half
// the feed, which went through Write whole, read 32 KB at a time and
// copied twice.
func (w *divergeWriter) WriteSpan(from io.ReaderAt, off, n int64) error {
	f, _ := from.(*os.File)
	if w.out == nil && w.old != nil {
		if f != nil && off == w.same && off+n <= w.oldInfo.Size() && w.isOld(f) {
			w.same += n
			if _, err := w.old.Seek(w.same, io.SeekStart); err != nil {
				return err
			}
			w.oldBuf.Reset(w.old)
			return nil
		}
		for n > 0 && w.out == nil {
			c := min(n, compareChunk)
			if err := output.CopySpan(w, from, off, c); err != nil {
				return err
			}
			off, n = off+c, n-c
		}
		if n == 0 {
			return nil
		}
	}
	if w.out == nil {
		if err := w.diverge(); err != nil {
			return err
		}
	}
	if err := w.out.WriteSpan(from, off, n); err != nil {
		return err
	}
	if f != nil && w.old != nil && w.isOld(f) {
		w.copiedOld(off, n)
	}
	return nil
}

// isOld reports whether f is the old file.
func (w *divergeWriter) isOld(f *os.File) bool {
	if f != w.spanFile {
		fi, err := f.Stat()
		w.spanFile, w.spanOld = f, err == nil && os.SameFile(fi, w.oldInfo)
	}
	return w.spanOld
}

// diverge creates the new file with the prefix shared with the old one.
func (w *divergeWriter) diverge() error {
	tmp, err := w.create()
	if err != nil {
		return err
	}
	w.out = newBigFile(tmp, w.cached)
	if w.same == 0 {
		return nil
	}
	if err := w.out.WriteSpan(w.old, 0, w.same); err != nil {
		return err
	}
	w.copiedOld(0, w.same)
	return nil
}

// close closes the old file and removes a new one that was not finished.
func (w *divergeWriter) close() {
	if w.old != nil {
		w.old.Close()
	}
	if w.out != nil {
		w.out.release()
		w.out.f.Close()
		os.Remove(w.out.f.Name())
	}
}
